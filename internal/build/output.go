package build

import (
	"io/fs"

	"github.com/crosswalk-ssg/crosswalk/internal/layout"
	"github.com/crosswalk-ssg/crosswalk/internal/write"
	"github.com/spf13/afero"
)

// OpenSite returns the configuration of a build of the site in the folder
// dir on the operating system's disk, read through a read-only file
// system rooted at its real path (symbolic links resolved, so that no
// link smuggles an output into the site's inputs past the overlap
// checks). defaults are the embedded templates and static files.
func OpenSite(dir string, defaults fs.FS, baseURL string) (Config, error) {
	real, err := write.RealPath(dir)
	if err != nil {
		return Config{}, err
	}
	return Config{
		Source:   afero.NewReadOnlyFs(afero.NewBasePathFs(afero.NewOsFs(), real)),
		Dir:      real,
		Defaults: defaults,
		BaseURL:  baseURL,
	}, nil
}

// InputDirs are the folders of a site a build reads (content, templates,
// static): a server watches them, and no output may overlap them.
func InputDirs() []string { return layout.InputDirs() }

// Output is where a build puts the site; Build commits it on success and
// aborts it otherwise. Clients get one from NewDir, NewZip or NewMemory
// and never write to it themselves: output has one owner, the build.
type Output = write.Output

// NewDir returns an output that builds into a folder beside dest, on the
// operating system's disk, and swaps it in as a whole on success
// (write.NewDir). site is the site folder's real path ("" for none),
// which dest may not overlap; dest is resolved through symbolic links
// first, for the same reason.
func NewDir(dest, site string) (Output, error) {
	real, err := write.RealPath(dest)
	if err != nil {
		return nil, err
	}
	return write.NewDir(afero.NewOsFs(), real, site)
}

// NewZip returns an output that writes the site as one zip file on the
// operating system's disk, an offline bundle (write.NewZip).
func NewZip(file, site string) (Output, error) { return write.NewZip(afero.NewOsFs(), file, site) }

// Marker is the file that marks a folder as crosswalk's output. It is
// never a page or a file of the site, so a server does not serve it.
const Marker = write.Marker
