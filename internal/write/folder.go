package write

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"syscall"

	"github.com/spf13/afero"
)

// MakeFolder creates the folder dir and its missing parents, as MkdirAll
// does, and returns a function that removes again what it created,
// innermost first and each only if still empty: a failed command leaves
// no folder behind that it made.
func MakeFolder(fsys afero.Fs, dir string) (undo func(), err error) {
	var missing []string
	for d := filepath.Clean(dir); ; d = filepath.Dir(d) {
		info, err := fsys.Stat(d)
		if err == nil {
			if !info.IsDir() {
				return nil, fmt.Errorf("cannot create the folder %s: %s is a file", dir, d)
			}
			break
		}
		if !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, syscall.ENOTDIR) {
			return nil, fmt.Errorf("cannot create the folder %s: %v", dir, Cause(err))
		}
		missing = append(missing, d)
		if filepath.Dir(d) == d {
			break
		}
	}
	slices.Reverse(missing)
	remove := func(dirs []string) {
		for i := len(dirs) - 1; i >= 0; i-- {
			_ = fsys.Remove(dirs[i])
		}
	}
	for i, d := range missing {
		if err := fsys.Mkdir(d, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
			remove(missing[:i])
			return nil, fmt.Errorf("cannot create the folder %s: %v", d, Cause(err))
		}
	}
	return func() { remove(missing) }, nil
}

// FileInFolder writes data to the file name atomically (FileAtomically),
// creating its missing folders first. Its errors name name, never the
// temporary file written beside it. A failed write removes the folders
// it created.
func FileInFolder(fsys afero.Fs, name string, data []byte) error {
	undo, err := MakeFolder(fsys, filepath.Dir(name))
	if err != nil {
		return err
	}
	if err := FileAtomically(fsys, name, data); err != nil {
		undo()
		return fmt.Errorf("cannot write %s: %v", name, Cause(err))
	}
	return nil
}
