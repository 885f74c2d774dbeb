package write

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
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
//
// On Linux the site is built in the spare, ".<dest>.crosswalk-spare",
// instead: the site before the one in dest, which Commit keeps there
// rather than removing it, and the next build rewrites (spare_linux.go).
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
	// spared is true when tmp is the spare, rewritten in place; written
	// holds the files this build wrote there (under mu), so that Commit
	// can remove what the site it held before had and this one has not.
	spared    bool
	madeSpare bool // this build made the spare, empty
	written   map[string]bool
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
	if d.tmp, d.spared = d.spare(parent, base); !d.spared {
		d.tmp, err = tempFolder(fsys, parent, "."+base+".crosswalk-new-")
		if err != nil {
			release()
			return nil, fmt.Errorf("cannot create a folder beside %s to build in: %v", dest, Cause(err))
		}
	}
	d.written = map[string]bool{}
	if err := d.writeFile(filepath.Join(d.tmp, Marker), []byte(markerText)); err != nil {
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
		hasMarker, _ := afero.Exists(d.fs, filepath.Join(p, Marker))
		if name == spareName(base) && hasMarker {
			continue // the spare, kept to build into
		}
		if !hasMarker {
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
		d.wrote(full)
		return nil
	}
	if err := d.writeFile(full, data); err != nil {
		return fmt.Errorf("cannot write %s: %v", name, Cause(err))
	}
	d.wrote(full)
	return nil
}

// writeFile writes data to the file full in the folder the site is built in.
func (d *Dir) writeFile(full string, data []byte) error {
	f, err := d.open(full)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// open opens the file full in the folder the site is built in, to be
// written: in the spare through createOwn, elsewhere as a new file.
func (d *Dir) open(full string) (afero.File, error) {
	if !d.spared {
		return d.fs.OpenFile(full, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o644)
	}
	f, err := createOwn(full)
	if err != nil {
		return nil, err
	}
	return f, nil
}

// wrote notes that full is a file of the new site, for prune.
func (d *Dir) wrote(full string) {
	if d.spared {
		d.mu.Lock()
		d.written[full] = true
		d.mu.Unlock()
	}
}

// place checks name and makes its folder in the staging folder, once, and
// returns the file's path there.
func (d *Dir) place(name string) (string, error) {
	if err := d.names.check(name); err != nil {
		return "", err
	}
	full := filepath.Join(d.tmp, filepath.FromSlash(name))
	dir := filepath.Dir(full)
	if d.spared {
		if err := d.ownFolder(dir); err != nil {
			return "", fmt.Errorf("cannot write %s: %v", name, Cause(err))
		}
		return full, nil
	}
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
	f, err := d.open(full)
	if err != nil {
		return nil, fmt.Errorf("cannot write %s: %v", name, Cause(err))
	}
	d.wrote(full)
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
	if err := d.prune(); err != nil {
		d.Abort()
		return fmt.Errorf("cannot remove from %s what the site it held before had: %v", d.tmp, Cause(err))
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
			return d.retire(d.tmp)
		case !errors.Is(err, errNoExchange):
			d.Abort()
			return fmt.Errorf("cannot put the new site in place at %s: %v", d.dest, Cause(err))
		}
	}
	// .<dest>.crosswalk-old-…, which the next NewDir puts back if dest is
	// missing; named after the folder the new site is in.
	parent, base := filepath.Split(d.dest)
	old := filepath.Join(parent, "."+base+".crosswalk-old-"+strings.TrimPrefix(filepath.Base(d.tmp), "."+base+".crosswalk-"))
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
	if d.spared && d.fs.Rename(old, d.tmp) == nil {
		return d.retire(d.tmp)
	}
	return d.retire(old)
}

// retire deals with the replaced site, in old, and releases the lock: the
// spare keeps it, to build the next site into, with a .gitignore that
// keeps it out of a repository the output is in; otherwise it is removed.
// What was replaced may have been an empty folder, not a site: the Marker
// makes it a spare all the same (spare uses only a folder that has it),
// or every build after the first would make its site from nothing.
func (d *Dir) retire(old string) error {
	defer d.release()
	if d.spared && old == d.tmp {
		if err := d.writeFile(filepath.Join(old, Marker), []byte(markerText)); err != nil {
			return err
		}
		return d.writeFile(filepath.Join(old, ".gitignore"), []byte(spareIgnore))
	}
	return removeMarked(d.fs, old)
}

// spareIgnore is the spare's .gitignore: everything in it, itself too.
const spareIgnore = "# crosswalk's spare: the site before the last, kept to build the next one into.\n*\n"

// spareName is the name of dest's spare, beside it, for the dest named base.
func spareName(base string) string { return "." + base + ".crosswalk-spare" }

// prune removes from the spare what the site it held had and the new one
// has not, so that the folder swapped in holds the new site alone: every
// file this build did not write but the Marker, and every folder it wrote
// nothing in. Nothing is followed: a symbolic link is removed as a file.
func (d *Dir) prune() error {
	if !d.spared {
		return nil
	}
	r := &remover{fs: d.fs, slots: make(chan struct{}, removers)}
	if err := d.pruneFolder(r, d.tmp); err != nil {
		return err
	}
	return r.err
}

func (d *Dir) pruneFolder(r *remover, dir string) error {
	entries, err := readDir(d.fs, dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		switch {
		case dir == d.tmp && e.Name() == Marker, d.written[p]:
		case e.IsDir() && d.dirs[p]:
			if err := d.pruneFolder(r, p); err != nil {
				return err
			}
		case e.IsDir():
			r.folder(p)
		default:
			r.fail(d.fs.Remove(p))
		}
	}
	return nil
}

// Abort removes the folder the new site was written to, unless it is a
// spare that was there before, which the next build rewrites, and
// releases the lock; the previous site stays as it was.
func (d *Dir) Abort() {
	if d.tmp != "" && (!d.spared || d.madeSpare) {
		_ = removeMarked(d.fs, d.tmp)
	}
	d.release()
}

// tempFolder makes a new folder in parent named prefix and a random
// suffix, as afero.TempDir does, but with the mode of any folder the
// build makes (0755 under the umask) rather than TempDir's 0700: the
// folder is swapped in as the site or the imported framework's folder,
// and a web server or a colleague reading it must find it as open as the
// rest.
func tempFolder(fsys afero.Fs, parent, prefix string) (string, error) {
	var err error
	for range 100 {
		p := filepath.Join(parent, prefix+strconv.FormatUint(rand.Uint64(), 36))
		if err = fsys.Mkdir(p, 0o755); !errors.Is(err, fs.ErrExist) {
			if err != nil {
				return "", err
			}
			return p, nil
		}
	}
	return "", err
}
