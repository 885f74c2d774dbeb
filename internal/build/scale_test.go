//go:build !race

// The race detector multiplies memory use, so this test runs without it
// (make test runs it on its own).

package build_test

import (
	"path/filepath"
	"testing"

	"github.com/crosswalk-ssg/crosswalk"
	"github.com/crosswalk-ssg/crosswalk/internal/build"
	"github.com/crosswalk-ssg/crosswalk/internal/sitetest"
	"github.com/crosswalk-ssg/crosswalk/internal/testenv"
	"github.com/spf13/afero"
)

// TestBuildScaleMemory builds a site of 10,438 elements and 50,000
// mappings to disk and checks that the heap in use never passes 256 MiB:
// the peak measured (178–211 MiB, once the parsed front matter is let
// go, the crosswalk's as soon as it is read, the downloads and the
// workbook's rows are streamed into the output, the generated files are
// written as soon as they are made and each page's ids are one string)
// and a quarter for the shared machine's GC timing. It measures
// memory, not time; BenchmarkBuildScale reports both.
func TestBuildScaleMemory(t *testing.T) {
	testenv.Slow(t)
	src := sitetest.Source(syntheticSite(17, 50000))
	peak := samplePeakHeap()
	res, err := build.Build(build.Config{Source: src, Defaults: crosswalk.Defaults, Output: newDir(t, afero.NewOsFs(), filepath.Join(t.TempDir(), "public"))})
	p := peak()
	if err != nil {
		t.Fatal(err)
	}
	if res.Elements != 10438 || res.Mappings != 50000 {
		t.Fatalf("built %d elements and %d mappings", res.Elements, res.Mappings)
	}
	const limit = 256 << 20
	t.Logf("%d pages; peak heap %d MiB", res.Pages, p>>20)
	if p > limit {
		t.Errorf("peak heap %d MiB, over the %d MiB bound", p>>20, limit>>20)
	}
}
