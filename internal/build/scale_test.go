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
// mappings to disk and checks that the heap in use never passes 200 MiB:
// the peak measured and a margin for the shared machine's GC timing. The
// peak was 178–211 MiB once the parsed front matter was let go (the
// crosswalk's as soon as it is read), the downloads and the workbook's
// rows streamed into the output, the generated files written as soon as
// they are made and each page's ids one string; then 151–242 MiB, in two
// modes: about 180, or about 245 one run in three, when a collection
// ended while the crosswalk's YAML tree and what was decoded from it were
// both live (GODEBUG=gctrace=1: 132 MB live, so the next goal was 264).
// Since the tree is collected as soon as it is let go
// (source.ReadDirFunc), it is 146–166 MiB in twelve runs. It measures
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
	const limit = 200 << 20
	t.Logf("%d pages; peak heap %d MiB", res.Pages, p>>20)
	if p > limit {
		t.Errorf("peak heap %d MiB, over the %d MiB bound", p>>20, limit>>20)
	}
}
