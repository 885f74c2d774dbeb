package build_test

import (
	"bytes"
	"compress/gzip"
	"fmt"
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
		// none. A flat framework's element pages keep to it since the
		// side tree shows a window of siblings (render.TreeWindow).
		medianElement int
	}{
		{"3 levels, 800-53 × ATT&CK", 5000, [2][]int{{4, 5, 6}, {12, 5, 10}}, 816, 40_000},
		{"flat, 300 × 600", 2000, [2][]int{{300}, {600}}, 900, 40_000},
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

// siblingsSite is a site whose framework f has n top-level items, of
// which only the first three have records (to g's three goals).
func siblingsSite(n int) map[string]string {
	files := map[string]string{
		"content/_index.md":              "---\ntitle: Siblings\n---\n",
		"content/frameworks/f/_index.md": "---\nframework: {id: f, title: Eff, version: \"1\", publisher: P, url: \"https://f.example/\", license: CC0}\nlevels: [{name: item, page: true}]\n---\n",
		"content/frameworks/g/_index.md": "---\nframework: {id: g, title: Gee, version: \"1\", publisher: Q, url: \"https://g.example/\", license: CC0}\nlevels: [{name: goal, page: true}]\n---\n",
		"content/crosswalks/fg.md": "---\ncrosswalk: {id: fg, title: FG, source: f, target: g, status: draft, status_statement: A test.}\nmappings:\n" +
			"  - {source: I0001, target: G1, relationship: subset-of}\n  - {source: I0002, target: G2, relationship: equal-to}\n  - {source: I0003, target: G3, relationship: intersects-with}\n---\n",
	}
	for i := 1; i <= 3; i++ {
		files[fmt.Sprintf("content/frameworks/g/g%d.md", i)] = fmt.Sprintf("---\nid: G%d\ntitle: Goal %d\nstatement: Reach goal %d.\n---\n", i, i, i)
	}
	for i := 1; i <= n; i++ {
		files[fmt.Sprintf("content/frameworks/f/i%04d.md", i)] = fmt.Sprintf("---\nid: I%04d\ntitle: Item %d\nstatement: Do item %d well.\n---\n", i, i, i)
	}
	return files
}

// TestPagesDoNotGrowWithSiblings builds a framework of 10, 1,000 and
// 2,000 top-level items, of which the same three have records. Every page
// the builds share stays the same size, give or take the digits of the
// "… N more" counts, from 1,000 to 2,000; and from 10 to 1,000 it grows by
// at most what the windows hold once full (16 KB: the side tree's
// 2×TreeWindow+1 entries, the home page's EntryLimit entries, the
// crosswalk page's GapLimit gaps). The framework's own page lists all its
// items, the crosswalk's gaps page all its gaps, and the search index and
// downloads hold every element: those are the site's lists, left out
// here.
func TestPagesDoNotGrowWithSiblings(t *testing.T) {
	testenv.Slow(t)
	sizes := map[int]map[string]int{}
	for _, n := range []int{10, 1000, 2000} {
		files, _ := sitetest.Build(t, sitetest.Source(siblingsSite(n)))
		if n == 1000 {
			checkLinks(t, sitetest.FS(files))
			gaps := sitetest.MainText(t, files["crosswalks/fg/gaps/f/index.html"])
			if !strings.Contains(gaps, "items: 997 of 1000 not reached") || !strings.Contains(gaps, "I1000 Item 1000") {
				t.Errorf("the gaps page does not list the 997 items without records:\n%.300s", gaps)
			}
		}
		sizes[n] = map[string]int{}
		for name, data := range files {
			if strings.HasSuffix(name, ".html") && name != "frameworks/f/index.html" && !strings.Contains(name, "/gaps/") {
				sizes[n][name] = len(data)
			}
		}
	}
	shared := 0
	for name, small := range sizes[10] {
		mid, ok := sizes[1000][name]
		if !ok {
			t.Errorf("%s is built with 10 items but not with 1,000", name)
			continue
		}
		shared++
		if big := sizes[2000][name]; big > mid+16 {
			t.Errorf("%s: %d bytes with 1,000 siblings, %d with 2,000", name, mid, big)
		}
		if mid > small+16000 {
			t.Errorf("%s: %d bytes with 10 siblings, %d with 1,000", name, small, mid)
		}
	}
	if shared < 15 {
		t.Errorf("only %d pages compared", shared)
	}
	t.Logf("%d pages compared; item 5's page: %d, %d and %d bytes with 10, 1,000 and 2,000 siblings", shared,
		sizes[10]["frameworks/f/i0005/index.html"], sizes[1000]["frameworks/f/i0005/index.html"], sizes[2000]["frameworks/f/i0005/index.html"])
}
