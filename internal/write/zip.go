package write

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/crosswalk-ssg/crosswalk/internal/layout"
	"github.com/spf13/afero"
)

// zipTime is the modification time of every zip entry: fixed, so that two
// builds of the same site give the same bytes.
var zipTime = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// Zip is an Output that collects a site and writes it as one zip file,
// for reading offline: unzipped, the site opens from index.html by
// double-click. The entries sit in a top folder named after the zip file
// ("site.zip" → "site/"), so unzipping does not scatter files; no entry
// has a ".." segment.
type Zip struct {
	fs    afero.Fs
	path  string
	top   string
	names names
	mu    sync.Mutex
	files map[string][]byte
}

// NewZip prepares to write a zip file at name in fsys. When site is the
// site folder's path in the same file system, a name inside the site's
// inputs is refused (CheckPlace).
func NewZip(fsys afero.Fs, name, site string) (*Zip, error) {
	name = filepath.Clean(name)
	if !strings.EqualFold(filepath.Ext(name), ".zip") {
		return nil, fmt.Errorf("%s: the offline bundle must be a .zip file", name)
	}
	if site != "" {
		if err := CheckPlace(SiteZip, site, name); err != nil {
			return nil, err
		}
	}
	if info, err := fsys.Stat(name); err == nil && info.IsDir() {
		return nil, fmt.Errorf("%s is a folder", name)
	}
	top := strings.TrimSuffix(filepath.Base(name), filepath.Ext(name))
	if top == "" || strings.Trim(top, ".") == "" || layout.CheckName(top) != nil {
		top = "site" // "..zip" must not unzip above the folder it is in
	}
	return &Zip{fs: fsys, path: name, top: top, files: map[string][]byte{}}, nil
}

// WriteFile adds a file to the zip.
func (z *Zip) WriteFile(name string, data []byte) error {
	if err := z.names.check(name); err != nil {
		return err
	}
	z.keep(name, bytes.Clone(data))
	return nil
}

// Create collects a file and keeps it on Close, as WriteFile does, with
// no copy of what it collected.
func (z *Zip) Create(name string) (io.WriteCloser, error) {
	return collect(&z.names, name, func(name string, data []byte) error {
		z.keep(name, data)
		return nil
	})
}

// keep keeps data, which z now owns, as the file name.
func (z *Zip) keep(name string, data []byte) {
	z.mu.Lock()
	defer z.mu.Unlock()
	z.files[name] = data
}

// Abort drops the collected files; nothing was written.
func (z *Zip) Abort() {
	z.mu.Lock()
	z.files = nil
	z.mu.Unlock()
}

// Commit writes the zip, entries sorted by name, with FileAtomically, so
// a reader never sees half a zip; its missing folders are created first.
func (z *Zip) Commit() error {
	names := make([]string, 0, len(z.files))
	for n := range z.files {
		names = append(names, n)
	}
	sort.Strings(names)
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for _, n := range names {
		h := &zip.FileHeader{Name: path.Join(z.top, n), Method: zip.Deflate, Modified: zipTime}
		h.SetMode(0o644)
		f, err := w.CreateHeader(h)
		if err != nil {
			return err
		}
		if _, err := f.Write(z.files[n]); err != nil {
			return err
		}
	}
	if err := w.Close(); err != nil {
		return err
	}
	// The zip's folder is created now, as an output folder would be, and
	// removed again if the zip cannot be written.
	undo, err := MakeFolder(z.fs, filepath.Dir(z.path))
	if err != nil {
		return err
	}
	if err := FileAtomically(z.fs, z.path, buf.Bytes()); err != nil {
		undo()
		return fmt.Errorf("cannot write %s: %v", z.path, Cause(err))
	}
	return nil
}

// FileAtomically writes data to a file of its own beside name (a unique
// temporary name), flushes it to disk, and renames it into place, so that
// a reader never sees half a file and a crash leaves the old file or the
// new one. The new file keeps the mode of the one it replaces (0644 for a
// new file). A name that is a symbolic link, a named pipe or anything but
// a regular file is refused rather than replaced or written through.
// Errors name name, never the temporary file.
func FileAtomically(fsys afero.Fs, name string, data []byte) error {
	mode := fs.FileMode(0o644)
	info, err := lstat(fsys, name)
	switch {
	case err == nil && info.Mode()&fs.ModeSymlink != 0:
		return fmt.Errorf("refusing to write %s: it is a symbolic link", name)
	case err == nil && !info.Mode().IsRegular():
		return fmt.Errorf("refusing to write %s: it is not a regular file (%v)", name, info.Mode().Type())
	case err == nil:
		mode = info.Mode().Perm()
	case !errors.Is(err, fs.ErrNotExist):
		return &fs.PathError{Op: "write", Path: name, Err: Cause(err)}
	}
	f, err := afero.TempFile(fsys, filepath.Dir(name), "."+filepath.Base(name)+".crosswalk-new-")
	if err != nil {
		return &fs.PathError{Op: "write", Path: name, Err: Cause(err)}
	}
	tmp := f.Name()
	fail := func(err error) error {
		_ = f.Close()
		_ = fsys.Remove(tmp)
		return &fs.PathError{Op: "write", Path: name, Err: Cause(err)}
	}
	if _, err := f.Write(data); err != nil {
		return fail(err)
	}
	if err := f.Sync(); err != nil {
		return fail(err)
	}
	if err := f.Close(); err != nil {
		return fail(err)
	}
	if err := fsys.Chmod(tmp, mode); err != nil {
		return fail(err)
	}
	if err := fsys.Rename(tmp, name); err != nil {
		_ = fsys.Remove(tmp)
		return &fs.PathError{Op: "write", Path: name, Err: Cause(err)}
	}
	return nil
}

// lstat is Lstat where the file system has it, else Stat.
func lstat(fsys afero.Fs, name string) (fs.FileInfo, error) {
	if l, ok := fsys.(afero.Lstater); ok {
		info, _, err := l.LstatIfPossible(name)
		return info, err
	}
	return fsys.Stat(name)
}

// Cause returns the reason of a file-system error without the path it
// names, so that an error about a temporary file can name the user's file
// instead.
func Cause(err error) error {
	var pe *fs.PathError
	var le *os.LinkError
	switch {
	case errors.As(err, &pe):
		return pe.Err
	case errors.As(err, &le):
		return le.Err
	}
	return err
}
