package theme

import (
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/crosswalk-ssg/crosswalk/internal/diag"
	"github.com/crosswalk-ssg/crosswalk/internal/layout"
	"github.com/spf13/afero"
)

// The folders of a site (and of the embedded defaults) that the theme reads.
const (
	TemplatesDir = layout.TemplatesDir
	StaticDir    = layout.StaticDir
)

// Theme gives read access to templates and static files.
type Theme struct {
	fs afero.Fs
}

// New layers site over defaults. Both hold templates/ and static/ at
// their root; defaults may be nil.
func New(site afero.Fs, defaults fs.FS) *Theme {
	var base afero.Fs = afero.NewMemMapFs()
	if defaults != nil {
		base = afero.FromIOFS{FS: defaults}
	}
	return &Theme{fs: afero.NewReadOnlyFs(afero.NewCopyOnWriteFs(base, site))}
}

// Files returns the slash paths, relative to dir, of every file under
// dir (TemplatesDir or StaticDir), sorted. Names starting with "." are
// left out. A symbolic link is not followed (it could lead out of the
// site folder): it is reported in errs and left out.
func (t *Theme) Files(dir string, errs *diag.List) ([]string, error) {
	var out []string
	if ok, _ := afero.DirExists(t.fs, dir); !ok {
		return nil, nil
	}
	err := afero.Walk(t.fs, dir, func(p string, info fs.FileInfo, err error) error {
		if err != nil {
			return err
		}
		if p != dir && strings.HasPrefix(info.Name(), ".") {
			if info.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		switch {
		case info.Mode()&fs.ModeSymlink != 0:
			errs.Add(diag.Position{File: path.Clean(p)}, "symbolic links are not followed; copy the file into the site instead")
		case !info.IsDir():
			out = append(out, strings.TrimPrefix(path.Clean(p), dir+"/"))
		}
		return nil
	})
	sort.Strings(out)
	return out, err
}

// ReadFile reads a file of the overlay, e.g. "templates/page.html".
func (t *Theme) ReadFile(name string) ([]byte, error) {
	return afero.ReadFile(t.fs, name)
}
