//go:build !unix

package write

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sync"
)

// lockFile makes path with O_EXCL: its existence is the lock. A build that
// is killed leaves it behind; the message says to remove it then.
func lockFile(path, dest string) (func(), error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return nil, fmt.Errorf("%v (if no build is running, remove %s)", errLocked(dest), path)
	}
	if err != nil {
		return nil, fmt.Errorf("cannot lock %s: %v", dest, Cause(err))
	}
	_ = f.Close()
	var once sync.Once
	return func() { once.Do(func() { _ = os.Remove(path) }) }, nil
}
