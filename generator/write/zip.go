package write

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/spf13/afero"
)

// zipTime is the modification time of every zip entry: fixed, so that two
// builds of the same site give the same bytes.
var zipTime = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// ZipOutput collects a site and writes it as one zip file, for reading
// offline: unzipped, the site opens from index.html by double-click. The
// entries sit in a top folder named after the zip file ("site.zip" →
// "site/"), so unzipping does not scatter files.
type ZipOutput struct {
	fs    afero.Fs
	path  string
	top   string
	mu    sync.Mutex
	files map[string][]byte
}

// BeginZip prepares to write a zip file at name in fsys.
func BeginZip(fsys afero.Fs, name string) (*ZipOutput, error) {
	name = filepath.Clean(name)
	if !strings.EqualFold(filepath.Ext(name), ".zip") {
		return nil, fmt.Errorf("%s: the offline bundle must be a .zip file", name)
	}
	if info, err := fsys.Stat(name); err == nil && info.IsDir() {
		return nil, fmt.Errorf("%s is a folder", name)
	}
	top := strings.TrimSuffix(filepath.Base(name), filepath.Ext(name))
	return &ZipOutput{fs: fsys, path: name, top: top, files: map[string][]byte{}}, nil
}

// WriteFile adds a file to the zip.
func (z *ZipOutput) WriteFile(name string, data []byte) error {
	if err := CheckName(name); err != nil {
		return err
	}
	z.mu.Lock()
	defer z.mu.Unlock()
	z.files[name] = data
	return nil
}

// Commit writes the zip, entries sorted by name, into a temporary file
// beside it and renames that into place, so a reader never sees half a zip.
func (z *ZipOutput) Commit() error {
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
	return FileAtomically(z.fs, z.path, buf.Bytes())
}

// FileAtomically writes data to a temporary file beside name and renames
// it into place, so that a reader never sees half a file.
func FileAtomically(fsys afero.Fs, name string, data []byte) error {
	tmp := filepath.Join(filepath.Dir(name), "."+filepath.Base(name)+".crosswalk-new")
	if err := afero.WriteFile(fsys, tmp, data, 0o644); err != nil {
		_ = fsys.Remove(tmp)
		return &fs.PathError{Op: "write", Path: name, Err: cause(err)}
	}
	if err := fsys.Rename(tmp, name); err != nil {
		_ = fsys.Remove(tmp)
		return &fs.PathError{Op: "write", Path: name, Err: cause(err)}
	}
	return nil
}

// cause returns the reason of a file-system error without the path it
// names, so that an error about the temporary file names the user's file
// instead.
func cause(err error) error {
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
