package write

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/spf13/afero"
)

// Marker is the file that marks a folder as crosswalk output; only such a
// folder (or an empty one) is replaced by a build, and only such leftovers
// of an interrupted build are removed or restored.
const Marker = ".crosswalk-build"

const markerText = "This folder is written by crosswalk and replaced on every build.\n"

// Dir is an Output that builds a site in a fresh folder beside its
// destination and swaps it in on Commit.
//
// One build at a time holds a lock on the destination (a file
// ".<dest>.crosswalk-lock" beside it, locked with flock where the file
// system is the operating system's, so a killed build never leaves it
// held); a second build fails at once, saying so. The new site is written
// into ".<dest>.crosswalk-new-<random>". Commit swaps it in: on Linux with
// renameat2(RENAME_EXCHANGE), one atomic step, so that a reader of the
// destination always finds a whole site, old or new; elsewhere with two
// renames (the old site aside as ".<dest>.crosswalk-old-<random>", then
// the new one into place), between which the destination is briefly
// missing. A crash at any moment leaves the old site or the new one: the
// next NewDir restores a site left aside when the destination is missing,
// and removes other leftovers, but only folders that carry the Marker.
type Dir struct {
	fs      afero.Fs
	dest    string
	tmp     string
	names   names
	mu      sync.Mutex
	dirs    map[string]bool
	release func()
	// previous is dest when it holds a site of crosswalk's, whose files
	// the new site links to where they are unchanged (keep); folders and
	// chunks are keep's: which of its folders are real, its read buffers.
	previous string
	folders  sync.Map
	chunks   sync.Pool
	// hook, in tests, is called at each step of Commit; an error stops
	// Commit there without any cleanup, as a crash would.
	hook func(step string) error
	// noExchange, in tests, forces the two-rename swap.
	noExchange bool
}

// NewDir locks dest in fsys, recovers or removes what an interrupted build
// left beside it, and prepares a fresh folder to write the site into. It
// refuses a dest that is not a folder, or a non-empty folder without the
// Marker, and, when site is the site folder's path in the same file
// system, a dest that overlaps the site's inputs (CheckPlace).
func NewDir(fsys afero.Fs, dest, site string) (*Dir, error) {
	dest = filepath.Clean(dest)
	if site != "" {
		if err := CheckPlace(SiteFolder, site, dest); err != nil {
			return nil, err
		}
	}
	parent, base := filepath.Split(dest)
	if parent == "" {
		parent = "."
	}
	if err := fsys.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("cannot create the folder %s: %v", parent, Cause(err))
	}
	release, err := lock(fsys, filepath.Join(parent, "."+base+".crosswalk-lock"), dest)
	if err != nil {
		return nil, err
	}
	d := &Dir{fs: fsys, dest: dest, dirs: map[string]bool{}, release: release}
	if err := d.recoverLeftovers(parent, base); err != nil {
		release()
		return nil, err
	}
	if err := replaceable(fsys, dest); err != nil {
		release()
		return nil, err
	}
	if ok, _ := afero.Exists(fsys, filepath.Join(dest, Marker)); ok {
		d.previous = dest
	}
	d.tmp, err = afero.TempDir(fsys, parent, "."+base+".crosswalk-new-")
	if err != nil {
		release()
		return nil, fmt.Errorf("cannot create a folder beside %s to build in: %v", dest, Cause(err))
	}
	if err := afero.WriteFile(fsys, filepath.Join(d.tmp, Marker), []byte(markerText), 0o644); err != nil {
		d.Abort()
		return nil, fmt.Errorf("cannot write in %s: %v", parent, Cause(err))
	}
	return d, nil
}

// recoverLeftovers looks beside dest for what an interrupted build left:
// a site moved aside while dest is missing is put back; other leftovers
// that carry the Marker are removed, and so are empty ones (a build killed
// before it wrote the Marker); anything else is left alone.
func (d *Dir) recoverLeftovers(parent, base string) error {
	entries, err := afero.ReadDir(d.fs, parent)
	if err != nil {
		return nil // nothing to recover from a folder we cannot list
	}
	destExists, _ := afero.Exists(d.fs, d.dest)
	prefix := "." + base + ".crosswalk-"
	for _, e := range entries {
		name := e.Name()
		if !e.IsDir() || !strings.HasPrefix(name, prefix) {
			continue
		}
		p := filepath.Join(parent, name)
		if ok, _ := afero.Exists(d.fs, filepath.Join(p, Marker)); !ok {
			// A build killed between creating its folder and writing the
			// Marker leaves it empty: removing an empty folder loses
			// nothing. Anything else is not ours, or not yet: leave it.
			if empty, _ := afero.IsEmpty(d.fs, p); empty {
				_ = d.fs.Remove(p)
			}
			continue
		}
		if strings.HasPrefix(name, prefix+"old") && !destExists {
			if err := d.fs.Rename(p, d.dest); err != nil {
				return fmt.Errorf("cannot restore the previous site %s left aside by an interrupted build: %v", d.dest, Cause(err))
			}
			destExists = true
			continue
		}
		if err := removeMarked(d.fs, p); err != nil {
			return fmt.Errorf("cannot remove what an interrupted build left beside %s: %v", d.dest, Cause(err))
		}
	}
	return nil
}

// replaceable refuses a dest that a build may not replace: a file, or a
// non-empty folder without the Marker.
func replaceable(fsys afero.Fs, dest string) error {
	info, err := fsys.Stat(dest)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !info.IsDir() {
		return fmt.Errorf("output %s exists and is not a folder", dest)
	}
	entries, err := afero.ReadDir(fsys, dest)
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return nil
	}
	if ok, _ := afero.Exists(fsys, filepath.Join(dest, Marker)); !ok {
		return fmt.Errorf("output %s is not empty and was not written by crosswalk (no %s); refusing to replace it", dest, Marker)
	}
	return nil
}

// WriteFile writes one file of the site; name is a slash path relative to
// the site root.
func (d *Dir) WriteFile(name string, data []byte) error {
	full, err := d.place(name)
	if err != nil {
		return err
	}
	if d.keep(name, full, data) {
		return nil
	}
	if err := afero.WriteFile(d.fs, full, data, 0o644); err != nil {
		return fmt.Errorf("cannot write %s: %v", name, Cause(err))
	}
	return nil
}

// place checks name and makes its folder in the staging folder, once, and
// returns the file's path there.
func (d *Dir) place(name string) (string, error) {
	if err := d.names.check(name); err != nil {
		return "", err
	}
	full := filepath.Join(d.tmp, filepath.FromSlash(name))
	dir := filepath.Dir(full)
	d.mu.Lock()
	made := d.dirs[dir]
	d.mu.Unlock()
	if !made {
		if err := d.fs.MkdirAll(dir, 0o755); err != nil {
			return "", fmt.Errorf("cannot write %s: %v", name, Cause(err))
		}
		d.mu.Lock()
		d.dirs[dir] = true
		d.mu.Unlock()
	}
	return full, nil
}

// Create opens name in the staging folder; what is written goes to the
// file through a buffer, and Close flushes and closes it.
func (d *Dir) Create(name string) (io.WriteCloser, error) {
	full, err := d.place(name)
	if err != nil {
		return nil, err
	}
	f, err := d.fs.OpenFile(full, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o644)
	if err != nil {
		return nil, fmt.Errorf("cannot write %s: %v", name, Cause(err))
	}
	return &dirFile{Writer: bufio.NewWriterSize(f, 64<<10), f: f, name: name}, nil
}

// dirFile is a file Dir.Create opened.
type dirFile struct {
	*bufio.Writer
	f    afero.File
	name string
}

func (w *dirFile) Close() error {
	err := w.Flush()
	if cerr := w.f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("cannot write %s: %v", w.name, Cause(err))
	}
	return nil
}

func (d *Dir) step(name string) error {
	if d.hook == nil {
		return nil
	}
	return d.hook(name)
}

// Commit swaps the new site in for the old one and releases the lock.
func (d *Dir) Commit() error {
	if err := d.step("start"); err != nil {
		return err
	}
	exists, err := afero.Exists(d.fs, d.dest)
	if err != nil {
		d.Abort()
		return err
	}
	if !exists {
		if err := d.fs.Rename(d.tmp, d.dest); err != nil {
			d.Abort()
			return fmt.Errorf("cannot put the new site in place at %s: %v", d.dest, Cause(err))
		}
		d.release()
		return nil
	}
	if !d.noExchange {
		switch err := exchange(d.fs, d.tmp, d.dest); {
		case err == nil:
			// d.tmp now holds the old site.
			if err := d.step("exchanged"); err != nil {
				return err
			}
			removeErr := removeMarked(d.fs, d.tmp)
			d.release()
			return removeErr
		case !errors.Is(err, errNoExchange):
			d.Abort()
			return fmt.Errorf("cannot put the new site in place at %s: %v", d.dest, Cause(err))
		}
	}
	old := strings.Replace(d.tmp, ".crosswalk-new-", ".crosswalk-old-", 1)
	if err := d.fs.Rename(d.dest, old); err != nil {
		d.Abort()
		return fmt.Errorf("cannot move the previous site at %s aside: %v", d.dest, Cause(err))
	}
	if err := d.step("aside"); err != nil {
		return err
	}
	if err := d.fs.Rename(d.tmp, d.dest); err != nil {
		_ = d.fs.Rename(old, d.dest)
		d.Abort()
		return fmt.Errorf("cannot put the new site in place at %s: %v", d.dest, Cause(err))
	}
	if err := d.step("placed"); err != nil {
		return err
	}
	removeErr := removeMarked(d.fs, old)
	d.release()
	return removeErr
}

// Abort removes the folder the new site was written to and releases the
// lock; the previous site stays as it was.
func (d *Dir) Abort() {
	if d.tmp != "" {
		_ = removeMarked(d.fs, d.tmp)
	}
	d.release()
}
