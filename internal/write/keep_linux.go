package write

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"sync"
	"syscall"

	"github.com/spf13/afero"
)

// keep links the previous site's file at name into the new site, at full,
// when it holds exactly data, and reports whether it did. A site rebuilt
// after a small change is mostly the same files: linking one (a hard link,
// the same file under a second name, which outlives the previous site)
// costs a read of it from the page cache, where writing it again costs
// its blocks, their writeback to the disk, and freeing the old ones.
// At 10,000 elements that is most of a rebuild's system time.
//
// Only a file the build itself would have written is linked: a regular
// file with no other name (so that no file outside the output comes to
// share its contents with the site), in the previous site's own folders,
// none of them a symbolic link. Its one other name may be the spare's
// file at full, linked there by the build before: then it is there
// already. Anything else, and any failure, is written as usual.
func (d *Dir) keep(name, full string, data []byte) bool {
	if d.previous == "" {
		return false
	}
	if _, ok := d.fs.(*afero.OsFs); !ok {
		return false
	}
	old := filepath.Join(d.previous, filepath.FromSlash(name))
	if !d.realFolder(filepath.Dir(old)) {
		return false
	}
	f, err := os.Open(old)
	if err != nil {
		return false
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil || !info.Mode().IsRegular() || info.Size() != int64(len(data)) {
		return false
	}
	there, err := os.Lstat(full)
	linked := err == nil && os.SameFile(info, there)
	if st, ok := info.Sys().(*syscall.Stat_t); !ok || st.Nlink != 1 && (st.Nlink != 2 || !linked) {
		return false
	}
	if lst, err := os.Lstat(old); err != nil || !os.SameFile(info, lst) {
		return false // old itself is a symbolic link
	}
	if !sameBytes(f, data, &d.chunks) {
		return false
	}
	if linked {
		return true
	}
	if there != nil && os.RemoveAll(full) != nil {
		return false // what the spare held there, which createOwn deals with
	}
	return os.Link(old, full) == nil
}

// realFolder reports whether dir, inside the previous site, is a folder
// reached through folders only, no symbolic link, from the site's root;
// each folder is looked at once.
func (d *Dir) realFolder(dir string) bool {
	if dir == d.previous {
		return true
	}
	if ok, seen := d.folders.Load(dir); seen {
		return ok.(bool)
	}
	ok := false
	if info, err := os.Lstat(dir); err == nil && info.IsDir() {
		ok = d.realFolder(filepath.Dir(dir))
	}
	d.folders.Store(dir, ok)
	return ok
}

// sameBytes reports whether r holds exactly data, reading it a chunk at a
// time into a buffer of chunks.
func sameBytes(r io.Reader, data []byte, chunks *sync.Pool) bool {
	bp, _ := chunks.Get().(*[]byte)
	if bp == nil {
		b := make([]byte, 64<<10)
		bp = &b
	}
	defer chunks.Put(bp)
	buf := *bp
	for {
		n, err := io.ReadFull(r, buf[:min(len(buf), len(data)+1)])
		if n > len(data) || !bytes.Equal(buf[:n], data[:n]) {
			return false
		}
		data = data[n:]
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			return len(data) == 0
		}
		if err != nil {
			return false
		}
	}
}
