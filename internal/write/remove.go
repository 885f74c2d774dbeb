package write

import (
	"errors"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/spf13/afero"
)

// removeMarked removes a folder of crosswalk's (one with the Marker),
// the Marker last: a build killed while removing it leaves a folder that
// still carries the Marker, which the next build recognizes and removes,
// never a folder without it, which must be left alone as someone else's.
func removeMarked(fsys afero.Fs, dir string) error {
	r := &remover{fs: fsys, slots: make(chan struct{}, removers)}
	if err := r.contents(dir, Marker); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if r.err != nil {
		return r.err
	}
	return fsys.RemoveAll(dir)
}

// removers is the number of folders removed at once. A site folder is
// tens of thousands of small folders, and removing one is mostly waiting
// on the file system's journal, not work: one at a time, the 10,000-element
// benchmark's old site (21,000 folders) took 9.7 s to remove on this
// machine's disk, and 3.6 s eight at a time, for the same system time.
const removers = 8

// remover removes folder trees with up to cap(slots) folders in hand at
// once, each in its own goroutine while a slot is free and in the
// goroutine that found it otherwise, so that it never holds more than
// that many goroutines, however wide the tree.
type remover struct {
	fs    afero.Fs
	slots chan struct{}
	mu    sync.Mutex
	err   error // the first failure
}

// contents removes everything in dir but the entry named keep ("" for
// none), then waits for the folders it handed to other goroutines. It
// returns an error when dir cannot be listed; what cannot be removed is
// r's failure.
func (r *remover) contents(dir, keep string) error {
	entries, err := readDir(r.fs, dir)
	if err != nil {
		return err
	}
	var wg sync.WaitGroup
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		switch {
		case e.Name() == keep:
		case e.IsDir():
			select {
			case r.slots <- struct{}{}:
				wg.Go(func() {
					defer func() { <-r.slots }()
					r.folder(p)
				})
			default:
				r.folder(p)
			}
		default:
			r.fail(r.fs.Remove(p))
		}
	}
	wg.Wait()
	return nil
}

// readDir lists the folder dir, sorted by name, as afero.ReadDir does but
// without a stat of every entry where the file system can say what an
// entry is from the listing (os.File.ReadDir on Linux, from the
// directory itself): pruning and removing a site's folders walk tens of
// thousands of entries (23,000 on the 10,000-element benchmark's site),
// and need to know only which are folders. A symbolic link is not one.
func readDir(fsys afero.Fs, dir string) ([]fs.DirEntry, error) {
	f, err := fsys.Open(dir)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var entries []fs.DirEntry
	if rd, ok := f.(fs.ReadDirFile); ok {
		entries, err = rd.ReadDir(-1)
	} else {
		var infos []fs.FileInfo
		infos, err = f.Readdir(-1)
		for _, info := range infos {
			entries = append(entries, fs.FileInfoToDirEntry(info))
		}
	}
	if err != nil {
		return nil, err
	}
	slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return entries, nil
}

// folder removes the folder p and everything in it.
func (r *remover) folder(p string) {
	if err := r.contents(p, ""); err != nil {
		// A folder that cannot be listed, RemoveAll tries once more.
		r.fail(r.fs.RemoveAll(p))
		return
	}
	r.fail(r.fs.Remove(p))
}

// fail keeps the first failure other than a file already gone.
func (r *remover) fail(err error) {
	if err == nil || errors.Is(err, fs.ErrNotExist) {
		return
	}
	r.mu.Lock()
	if r.err == nil {
		r.err = err
	}
	r.mu.Unlock()
}
