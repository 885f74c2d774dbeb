package write

import (
	"errors"

	"github.com/spf13/afero"
	"golang.org/x/sys/unix"
)

// exchange swaps the folders a and b in one atomic step with
// renameat2(RENAME_EXCHANGE), on the operating system's file system; it
// returns errNoExchange where that cannot be done (another afero.Fs, a
// kernel or file system without it).
func exchange(fsys afero.Fs, a, b string) error {
	if _, ok := fsys.(*afero.OsFs); !ok {
		return errNoExchange
	}
	err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
	if errors.Is(err, unix.ENOSYS) || errors.Is(err, unix.EINVAL) || errors.Is(err, unix.EOPNOTSUPP) {
		return errNoExchange
	}
	return err
}
