package write

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"strings"
	"sync"

	"github.com/spf13/afero"
)

// Marker is the file that marks a folder as crosswalk output; only such a
// folder (or an empty one) is replaced by a build.
const Marker = ".crosswalk-build"

const markerText = "This folder is written by crosswalk and replaced on every build.\n"

// Sink receives the files of a build. It is safe for concurrent use.
type Sink interface {
	WriteFile(name string, data []byte) error
}

// Discard is a Sink that keeps nothing, for checking a site.
type Discard struct{}

// WriteFile checks name and drops data.
func (Discard) WriteFile(name string, _ []byte) error { return CheckName(name) }

// CheckName reports whether name is a clean relative slash path that
// stays inside the output folder.
func CheckName(name string) error {
	if name == "" || path.IsAbs(name) || strings.Contains(name, "\\") || path.Clean(name) != name ||
		name == ".." || strings.HasPrefix(name, "../") || filepath.VolumeName(name) != "" {
		return fmt.Errorf("refusing to write %q: not a clean path inside the output folder", name)
	}
	return nil
}

// Output is a build in progress in a temporary folder beside Dest.
type Output struct {
	fs   afero.Fs
	dest string
	tmp  string
	old  string
	mu   sync.Mutex
	dirs map[string]bool
}

// Begin prepares to write a site to dest in fsys. dest must be absent,
// empty, or earlier crosswalk output.
func Begin(fsys afero.Fs, dest string) (*Output, error) {
	dest = filepath.Clean(dest)
	if err := replaceable(fsys, dest); err != nil {
		return nil, err
	}
	dir, base := filepath.Split(dest)
	o := &Output{
		fs:   fsys,
		dest: dest,
		tmp:  filepath.Join(dir, "."+base+".crosswalk-new"),
		old:  filepath.Join(dir, "."+base+".crosswalk-old"),
		dirs: map[string]bool{},
	}
	// Leftovers of an interrupted build are ours to remove.
	for _, p := range []string{o.tmp, o.old} {
		if err := fsys.RemoveAll(p); err != nil {
			return nil, err
		}
	}
	if err := fsys.MkdirAll(o.tmp, 0o755); err != nil {
		return nil, err
	}
	if err := afero.WriteFile(fsys, filepath.Join(o.tmp, Marker), []byte(markerText), 0o644); err != nil {
		o.Abort()
		return nil, err
	}
	return o, nil
}

func replaceable(fsys afero.Fs, dest string) error {
	info, err := fsys.Stat(dest)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !info.IsDir() {
		return fmt.Errorf("output %s exists and is not a folder", dest)
	}
	entries, err := afero.ReadDir(fsys, dest)
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return nil
	}
	if ok, _ := afero.Exists(fsys, filepath.Join(dest, Marker)); !ok {
		return fmt.Errorf("output %s is not empty and was not written by crosswalk (no %s); refusing to replace it", dest, Marker)
	}
	return nil
}

// WriteFile writes one file of the site; name is a slash path relative to
// the site root.
func (o *Output) WriteFile(name string, data []byte) error {
	if err := CheckName(name); err != nil {
		return err
	}
	full := filepath.Join(o.tmp, filepath.FromSlash(name))
	dir := filepath.Dir(full)
	o.mu.Lock()
	made := o.dirs[dir]
	o.mu.Unlock()
	if !made {
		if err := o.fs.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		o.mu.Lock()
		o.dirs[dir] = true
		o.mu.Unlock()
	}
	return afero.WriteFile(o.fs, full, data, 0o644)
}

// Commit swaps the new site in for the old one.
func (o *Output) Commit() error {
	exists, err := afero.Exists(o.fs, o.dest)
	if err != nil {
		o.Abort()
		return err
	}
	if exists {
		if err := o.fs.Rename(o.dest, o.old); err != nil {
			o.Abort()
			return fmt.Errorf("cannot move the previous site aside: %w", err)
		}
	}
	if err := o.fs.Rename(o.tmp, o.dest); err != nil {
		if exists {
			_ = o.fs.Rename(o.old, o.dest)
		}
		o.Abort()
		return fmt.Errorf("cannot put the new site in place: %w", err)
	}
	return o.fs.RemoveAll(o.old)
}

// Abort removes the temporary folder; the previous site stays as it was.
func (o *Output) Abort() {
	_ = o.fs.RemoveAll(o.tmp)
}
