package write

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sync"

	"github.com/spf13/afero"
)

// errLocked is how lock says that another build holds the lock.
func errLocked(dest string) error {
	return fmt.Errorf("another crosswalk build is writing %s; run again when it has finished", dest)
}

// lock takes the lock file at path for a build of dest and returns its
// release, which may be called more than once. On the operating system's
// file system the file is locked with flock (see lockFile), which the
// kernel releases when the process ends however it ends; elsewhere (an
// in-memory file system) the file's existence is the lock.
func lock(fsys afero.Fs, path, dest string) (func(), error) {
	if _, ok := fsys.(*afero.OsFs); ok {
		return lockFile(path, dest)
	}
	f, err := fsys.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return nil, errLocked(dest)
	}
	if err != nil {
		return nil, fmt.Errorf("cannot lock %s: %v", dest, Cause(err))
	}
	_ = f.Close()
	var once sync.Once
	return func() { once.Do(func() { _ = fsys.Remove(path) }) }, nil
}
