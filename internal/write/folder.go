package write

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
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

// ReplaceFolder makes dir hold exactly files (slash paths relative to
// dir) plus the files of the current dir that keep accepts (slash paths
// too), copied as they are, and replaces dir with it in one step: the new
// folder is written beside dir as ".<dir>.crosswalk-import-<random>",
// which readers of the site skip, and then swapped in (renameat2
// RENAME_EXCHANGE on Linux; elsewhere two renames, between which dir is
// briefly missing), and the old folder removed. Until the swap nothing of
// dir changes; a failure before it removes the new folder again, and a
// dir that holds anything but folders and regular files is refused.
func ReplaceFolder(fsys afero.Fs, dir string, files map[string][]byte, keep func(rel string) bool) error {
	dir = filepath.Clean(dir)
	parent, base := filepath.Dir(dir), filepath.Base(dir)
	undo, err := MakeFolder(fsys, parent)
	if err != nil {
		return err
	}
	tmp, err := tempFolder(fsys, parent, "."+base+".crosswalk-import-")
	if err != nil {
		undo()
		return fmt.Errorf("cannot write %s: %v", dir, Cause(err))
	}
	fail := func(err error) error {
		_ = fsys.RemoveAll(tmp)
		undo()
		return err
	}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		p := filepath.Join(tmp, filepath.FromSlash(name))
		if err := fsys.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return fail(fmt.Errorf("cannot write %s: %v", filepath.Join(dir, name), Cause(err)))
		}
		if err := afero.WriteFile(fsys, p, files[name], 0o644); err != nil {
			return fail(fmt.Errorf("cannot write %s: %v", filepath.Join(dir, name), Cause(err)))
		}
	}
	info, err := lstat(fsys, dir)
	exists := err == nil
	switch {
	case exists && !info.IsDir():
		return fail(fmt.Errorf("cannot replace %s: it is not a folder", dir))
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return fail(fmt.Errorf("cannot read %s: %v", dir, Cause(err)))
	}
	if exists {
		if err := copyKept(fsys, dir, tmp, files, keep); err != nil {
			return fail(err)
		}
		if err := exchange(fsys, tmp, dir); err == nil {
			if err := fsys.RemoveAll(tmp); err != nil {
				return fmt.Errorf("replaced %s, but cannot remove the old folder, now %s: %v", dir, tmp, Cause(err))
			}
			return nil
		} else if !errors.Is(err, errNoExchange) {
			return fail(fmt.Errorf("cannot replace %s: %v", dir, Cause(err)))
		}
		old := tmp + "-old"
		if err := fsys.Rename(dir, old); err != nil {
			return fail(fmt.Errorf("cannot replace %s: %v", dir, Cause(err)))
		}
		if err := fsys.Rename(tmp, dir); err != nil {
			_ = fsys.Rename(old, dir)
			return fail(fmt.Errorf("cannot replace %s: %v", dir, Cause(err)))
		}
		if err := fsys.RemoveAll(old); err != nil {
			return fmt.Errorf("replaced %s, but cannot remove the old folder, now %s: %v", dir, old, Cause(err))
		}
		return nil
	}
	if err := fsys.Rename(tmp, dir); err != nil {
		return fail(fmt.Errorf("cannot write %s: %v", dir, Cause(err)))
	}
	return nil
}

// copyKept copies into tmp the regular files of dir that keep accepts and
// files does not replace.
func copyKept(fsys afero.Fs, dir, tmp string, files map[string][]byte, keep func(rel string) bool) error {
	return afero.Walk(fsys, dir, func(p string, info fs.FileInfo, err error) error {
		if err != nil {
			return fmt.Errorf("cannot read %s: %v", p, Cause(err))
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil || rel == "." {
			return err
		}
		slash := filepath.ToSlash(rel)
		switch {
		case info.IsDir():
			return nil
		case !info.Mode().IsRegular():
			return fmt.Errorf("cannot replace %s: %s is not a regular file (%v); move it out of the folder", dir, p, info.Mode().Type())
		case files[slash] != nil || !keep(slash):
			return nil
		}
		data, err := afero.ReadFile(fsys, p)
		if err != nil {
			return fmt.Errorf("cannot read %s: %v", p, Cause(err))
		}
		q := filepath.Join(tmp, rel)
		if err := fsys.MkdirAll(filepath.Dir(q), 0o755); err != nil {
			return fmt.Errorf("cannot write %s: %v", q, Cause(err))
		}
		return afero.WriteFile(fsys, q, data, info.Mode().Perm())
	})
}
