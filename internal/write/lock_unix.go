//go:build unix

package write

import (
	"errors"
	"fmt"
	"os"
	"sync"
	"syscall"
)

// lockFile locks path with flock, without waiting, and removes it again
// on release, so that nothing is left beside the output. A build that
// opened the file just before another removed it would hold a lock on a
// file no longer there; so after locking, the file at path must still be
// the one locked, or the lock is taken again.
func lockFile(path, dest string) (func(), error) {
	for {
		f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
		if err != nil {
			return nil, fmt.Errorf("cannot lock %s: %v", dest, Cause(err))
		}
		if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
			_ = f.Close()
			if errors.Is(err, syscall.EWOULDBLOCK) {
				return nil, errLocked(dest)
			}
			return nil, fmt.Errorf("cannot lock %s: %v", dest, err)
		}
		held, err1 := f.Stat()
		now, err2 := os.Stat(path)
		if err1 != nil || err2 != nil || !os.SameFile(held, now) {
			_ = f.Close() // removed by the build that held it: lock the new one
			continue
		}
		var once sync.Once
		return func() {
			once.Do(func() {
				_ = os.Remove(path) // while still locked, so no one holds the removed file
				_ = f.Close()
			})
		}, nil
	}
}
