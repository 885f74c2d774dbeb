package build_test

import (
	"bytes"
	"compress/gzip"
	"slices"
	"strings"
	"testing"

	"github.com/crosswalk-ssg/crosswalk/internal/sitetest"
	"github.com/crosswalk-ssg/crosswalk/internal/testenv"
)

// TestPageWeight builds a 5,000-mapping site of real shape, and a flat
// one (300 × 600 one-level frameworks), and holds their pages to the
// budgets of issue 13: the crosswalk page at most 500 KB, no page over
// 1 MB, the median element page at most 40 KB (of the first), and the
// search index, which loads only on the search page, at most 2 MB. It
// logs the sizes it measures.
func TestPageWeight(t *testing.T) {
	testenv.Slow(t)
	for _, tt := range []struct {
		name     string
		mappings int
		shapes   [2][]int
		elements int
		// medianElement is the budget of the median element page; 0 for
		// none. A flat framework's element page lists all its siblings
		// in the framework tree, which bounded navigation (issue 14) is
		// for; the matrix and record pages must stay bounded already.
		medianElement int
	}{
		{"3 levels, 800-53 × ATT&CK", 5000, [2][]int{{4, 5, 6}, {12, 5, 10}}, 816, 40_000},
		{"flat, 300 × 600", 2000, [2][]int{{300}, {600}}, 900, 0},
	} {
		t.Run(tt.name, func(t *testing.T) { pageWeight(t, tt.mappings, tt.shapes, tt.elements, tt.medianElement) })
	}
}

func pageWeight(t *testing.T, mappings int, shapes [2][]int, elementsWant, medianBudget int) {
	files, res := sitetest.Build(t, sitetest.Source(sitetest.RealShape(mappings, shapes)))
	if res.Mappings != mappings || res.Elements != elementsWant {
		t.Fatalf("built %d elements and %d mappings", res.Elements, res.Mappings)
	}
	var elements []int
	largest, largestName, total := 0, "", 0
	for name, data := range files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		total += len(data)
		if len(data) > largest {
			largest, largestName = len(data), name
		}
		if strings.HasPrefix(name, "frameworks/") && strings.Count(name, "/") == 3 {
			elements = append(elements, len(data))
		}
	}
	slices.Sort(elements)
	median := elements[len(elements)/2]
	cw := len(files["crosswalks/st/index.html"])
	index := files["search-index.js"]
	var zipped bytes.Buffer
	zw := gzip.NewWriter(&zipped)
	zw.Write(index)
	zw.Close()
	t.Logf("%d pages, %.1f MB of HTML; crosswalk page %.0f KB; largest page %s, %.0f KB; element pages: median %.1f KB, largest %.0f KB; search index %.0f KB (%.0f KB gzipped, as GitHub Pages serves it)",
		res.Pages, float64(total)/1e6, float64(cw)/1e3, largestName, float64(largest)/1e3, float64(median)/1e3, float64(elements[len(elements)-1])/1e3,
		float64(len(index))/1e3, float64(zipped.Len())/1e3)
	// The index holds every element and every record (search.Docs); a
	// record costs it about 190 bytes.
	if len(index) > 2_000_000 {
		t.Errorf("the search index is %d bytes, over 2 MB", len(index))
	}
	if cw > 500_000 {
		t.Errorf("the crosswalk page is %d bytes, over 500 KB", cw)
	}
	if largest > 1_000_000 {
		t.Errorf("%s is %d bytes, over 1 MB", largestName, largest)
	}
	if medianBudget > 0 && median > medianBudget {
		t.Errorf("the median element page is %d bytes, over %d", median, medianBudget)
	}
}
