package write

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/crosswalk-ssg/crosswalk/internal/layout"
)

// Place is what a path given on the command line is for.
type Place int

// The places CheckPlace knows.
const (
	SiteFolder  Place = iota // -dest: the folder a build replaces
	SiteZip                  // -zip: the offline bundle
	DataFolder               // export -dest: where data files are written
	ContentFile              // import -into: a crosswalk's Markdown file
)

// CheckPlace is the one policy for where crosswalk writes on the
// operating system's disk. site and target are paths; both are resolved
// through symbolic links first (RealPath), so that no link smuggles an
// output into the inputs.
//
//   - An output (SiteFolder, SiteZip, DataFolder) must not be, contain or
//     sit inside the site's content/, templates/ or static/ folder, and a
//     folder must not contain the site folder itself.
//   - A ContentFile must not sit inside templates/ or static/.
//
// That the folder a build replaces is empty or crosswalk's own (the
// Marker), and that a single file is not a link or a named pipe, is
// checked where each is written (NewDir, FileAtomically).
func CheckPlace(kind Place, site, target string) error {
	site, err := RealPath(site)
	if err != nil {
		return err
	}
	real, err := RealPath(target)
	if err != nil {
		return err
	}
	within := func(p, dir string) bool {
		rel, err := filepath.Rel(dir, p)
		return err == nil && (rel == "." || (rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))))
	}
	if kind == ContentFile {
		for _, in := range layout.InputDirs()[1:] {
			if dir := filepath.Join(site, in); within(real, dir) {
				return fmt.Errorf("%s is inside the site's %s/ folder; a crosswalk file belongs in content/crosswalks/", target, in)
			}
		}
		return nil
	}
	if kind != SiteZip && within(site, real) {
		return fmt.Errorf("output folder %s is or contains the site folder %s; choose another", target, site)
	}
	for _, in := range layout.InputDirs() {
		dir := filepath.Join(site, in)
		if within(real, dir) || (kind != SiteZip && within(dir, real)) {
			return fmt.Errorf("%s overlaps the site's input folder %s; write it elsewhere", target, dir)
		}
	}
	return nil
}

// RealPath returns p made absolute, with every symbolic link in its
// existing part resolved; the part that does not exist yet is kept.
func RealPath(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	var rest []string
	for dir := abs; ; dir = filepath.Dir(dir) {
		if real, err := filepath.EvalSymlinks(dir); err == nil {
			return filepath.Join(append([]string{real}, rest...)...), nil
		}
		if filepath.Dir(dir) == dir {
			return abs, nil
		}
		rest = append([]string{filepath.Base(dir)}, rest...)
	}
}
