package write

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"

	"github.com/spf13/afero"
)

// spare returns the folder beside dest that the build writes the new site
// into when that can be the spare: the site before the one in dest, kept
// by the last build (Commit) so that this one rewrites it instead of
// making a site from nothing. A site's folders are most of the cost of
// writing it on a journalled file system: making and removing a folder
// or a file costs the journal, where rewriting a file in place costs only
// its blocks. At 10,000 elements that is 11,500 folders and 11,500 files
// made, then as many removed, on every build.
//
// The spare is used only on the operating system's file system, and only
// when it is a folder of crosswalk's (the Marker), not a symbolic link;
// when there is none yet it is made, empty (and removed again if the build
// fails, which then leaves nothing behind). Anything else there is not
// crosswalk's: the build then writes into a fresh folder, as elsewhere.
func (d *Dir) spare(parent, base string) (string, bool) {
	if _, ok := d.fs.(*afero.OsFs); !ok {
		return "", false
	}
	p := filepath.Join(parent, spareName(base))
	info, err := os.Lstat(p)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if os.Mkdir(p, 0o755) != nil {
			return "", false
		}
		d.madeSpare = true
		return p, true
	case err == nil && info.IsDir():
		if m, err := os.Lstat(filepath.Join(p, Marker)); err == nil && m.Mode().IsRegular() {
			return p, true
		}
	}
	return "", false
}

// ownFolder makes dir, inside the spare, a folder of the spare's own,
// reached through folders only: a file or a symbolic link where the new
// site has a folder is removed (the link itself, never what it points
// to) and the folder made. Each folder is looked at once.
func (d *Dir) ownFolder(dir string) error {
	if dir == d.tmp {
		return nil
	}
	d.mu.Lock()
	made := d.dirs[dir]
	d.mu.Unlock()
	if made {
		return nil
	}
	if err := d.ownFolder(filepath.Dir(dir)); err != nil {
		return err
	}
	info, err := os.Lstat(dir)
	if err == nil && !info.IsDir() {
		// Unlink, never rmdir: another worker may have removed it and made
		// the folder a moment ago, which must stay.
		if err := syscall.Unlink(dir); err != nil && err != syscall.ENOENT && err != syscall.EISDIR {
			return &fs.PathError{Op: "remove", Path: dir, Err: err}
		}
	}
	if err != nil || !info.IsDir() {
		if err := os.Mkdir(dir, 0o755); err != nil {
			// Another worker may have made it a moment ago.
			if info, lerr := os.Lstat(dir); lerr != nil || !info.IsDir() {
				return err
			}
		}
	}
	d.mu.Lock()
	d.dirs[dir] = true
	d.mu.Unlock()
	return nil
}

// createOwn opens full, inside the spare, to write a file of the new site.
// A plain file there with no other name is the spare's own: it is
// truncated and rewritten in place, which costs its blocks and not the
// journal's making and removing of a file. Anything else (a file that
// shares its bytes with another name, such as the site in dest that keep
// linked it to, a symbolic link, a named pipe, a folder) is removed first
// and the file made anew, so that writing never changes a file that is
// not the spare's own, and never waits on a pipe.
func createOwn(full string) (*os.File, error) {
	if info, err := os.Lstat(full); err == nil {
		if info.Mode().IsRegular() && names1(info) {
			f, err := os.OpenFile(full, os.O_WRONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
			if err == nil {
				now, err := f.Stat()
				if err == nil && os.SameFile(now, info) && names1(now) && f.Truncate(0) == nil &&
					(now.Mode().Perm() == 0o644 || f.Chmod(0o644) == nil) {
					return f, nil
				}
				_ = f.Close()
			}
		}
		if err := os.RemoveAll(full); err != nil {
			return nil, err
		}
	}
	return os.OpenFile(full, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
}

// names1 reports whether the file has one name only.
func names1(info os.FileInfo) bool {
	st, ok := info.Sys().(*syscall.Stat_t)
	return ok && st.Nlink == 1
}
