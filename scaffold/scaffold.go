package scaffold

import (
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/afero"
)

// site holds the new site's files under site/. The "all:" prefix keeps
// files whose names start with "_" (content/_index.md).
//
//go:embed all:site
var site embed.FS

// siteRoot is the folder of site that holds the new site.
const siteRoot = "site"

// New writes a small working site into dir of fsys. It refuses a dir that
// exists and is not empty. It returns the slash paths, relative to dir
// and sorted, of the files it wrote; after a failure, those written so far.
func New(fsys afero.Fs, dir string) (files []string, err error) {
	if strings.TrimSpace(dir) == "" {
		// "" would be the current folder, which is never what was meant.
		return nil, errors.New("crosswalk new needs the name of a new or empty folder")
	}
	if err := checkEmpty(fsys, dir); err != nil {
		return nil, err
	}
	root, err := fs.Sub(site, siteRoot)
	if err != nil {
		return nil, err
	}
	err = fs.WalkDir(root, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(root, p)
		if err != nil {
			return err
		}
		name := filepath.Join(dir, filepath.FromSlash(p))
		if err := fsys.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			return err
		}
		if err := afero.WriteFile(fsys, name, data, 0o644); err != nil {
			return err
		}
		files = append(files, p)
		return nil
	})
	slices.Sort(files)
	return files, err
}

// checkEmpty returns nil when dir does not exist or is an empty folder.
func checkEmpty(fsys afero.Fs, dir string) error {
	info, err := fsys.Stat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !info.IsDir() {
		return fmt.Errorf("%s exists and is not a folder; crosswalk new needs a new or empty folder", dir)
	}
	f, err := fsys.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	names, err := f.Readdirnames(1)
	if err != nil && err != io.EOF {
		return err
	}
	if len(names) > 0 {
		return fmt.Errorf("%s exists and is not empty; crosswalk new needs a new or empty folder", dir)
	}
	return nil
}
