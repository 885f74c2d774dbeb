//go:build !linux

package write

import "github.com/spf13/afero"

// exchange is not available outside Linux: Commit swaps with two renames.
func exchange(afero.Fs, string, string) error { return errNoExchange }
