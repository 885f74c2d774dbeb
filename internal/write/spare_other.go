//go:build !linux

package write

import "os"

// spare is Linux's only: elsewhere a build writes into a fresh folder and
// removes the replaced site, as createOwn's checks of a file's names rely
// on how Linux reports them.
func (d *Dir) spare(parent, base string) (string, bool) { return "", false }

// ownFolder and createOwn are never called without a spare.
func (d *Dir) ownFolder(dir string) error { return os.MkdirAll(dir, 0o755) }

func createOwn(full string) (*os.File, error) {
	return os.OpenFile(full, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
}
