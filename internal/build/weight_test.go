package build_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/crosswalk-ssg/crosswalk/internal/sitetest"
	"github.com/crosswalk-ssg/crosswalk/internal/testenv"
)

// realShapeSite makes a site of the shape of a real large crosswalk (SP
// 800-53 ↔ ATT&CK at about 5,000 mappings): a source framework of 3 levels
// and 144 elements (4 × 5 × 6: 120 leaves) and a target of 3 levels and
// 672 elements (12 × 5 × 10: 600 leaves), statements of a real length,
// and mappings records between leaves, spread unevenly as real ones are:
// a few leaves of the source take hundreds.
func realShapeSite(mappings int) map[string]string {
	files := map[string]string{"content/_index.md": "---\ntitle: Real shape\n---\nA generated site.\n"}
	var leaves [2][]string
	for f, shape := range [][3]int{{4, 5, 6}, {12, 5, 10}} {
		fw := []string{"src", "tgt"}[f]
		files["content/frameworks/"+fw+"/_index.md"] = fmt.Sprintf("---\nframework: {id: %s, title: %s framework, version: \"1\", publisher: P, url: \"https://x.example/\", license: CC0}\n"+
			"levels: [{name: family, page: true}, {name: control, page: true}, {name: enhancement, page: true}]\n---\n", fw, strings.ToUpper(fw))
		for i := range shape[0] {
			var s strings.Builder
			fmt.Fprintf(&s, "---\nid: %s-%d\ntitle: Family %d of %s\nchildren:\n", strings.ToUpper(fw), i, i, fw)
			for j := range shape[1] {
				fmt.Fprintf(&s, "  - id: %s-%d.%d\n    title: Control %d.%d\n    statement: The organization defines and documents the control %d.%d and reviews it every year.\n    children:\n", strings.ToUpper(fw), i, j, i, j, i, j)
				for k := range shape[2] {
					id := fmt.Sprintf("%s-%d.%d.%d", strings.ToUpper(fw), i, j, k)
					fmt.Fprintf(&s, "      - id: %s\n        title: Enhancement %d.%d.%d\n        statement: Employ automated mechanisms to support the management of item %d.%d.%d, and review the results at a defined frequency.\n", id, i, j, k, i, j, k)
					leaves[f] = append(leaves[f], id)
				}
			}
			s.WriteString("---\n")
			files[fmt.Sprintf("content/frameworks/%s/%02d.md", fw, i)] = s.String()
		}
	}
	var s strings.Builder
	s.WriteString("---\ncrosswalk: {id: st, title: Source to target, source: src, target: tgt, status: draft, status_statement: Generated.}\nmappings:\n")
	rels := []string{"intersects-with", "subset-of", "superset-of", "equal-to"}
	seen := map[[2]int]bool{}
	x := uint32(1)
	next := func() int { x ^= x << 13; x ^= x >> 17; x ^= x << 5; return int(x) }
	for n := 0; n < mappings; {
		a := next() % len(leaves[0])
		if next()%3 == 0 {
			a %= 4 // a few source leaves take far more records
		}
		b := next() % len(leaves[1])
		if seen[[2]int{a, b}] {
			continue
		}
		seen[[2]int{a, b}] = true
		fmt.Fprintf(&s, "  - {source: %q, target: %q, relationship: %s, rationale: Both ask for the same kind of review.}\n", leaves[0][a], leaves[1][b], rels[next()%len(rels)])
		n++
	}
	s.WriteString("---\n")
	files["content/crosswalks/st.md"] = s.String()
	return files
}

// TestPageWeight builds a 5,000-mapping site of real shape and holds its
// pages to the budgets of issue 13: the crosswalk page at most 500 KB, no
// page over 1 MB, the median element page at most 40 KB. It logs the
// sizes it measures.
func TestPageWeight(t *testing.T) {
	testenv.Slow(t)
	files, res := sitetest.Build(t, sitetest.Source(realShapeSite(5000)))
	if res.Mappings != 5000 || res.Elements != 816 {
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
	t.Logf("%d pages, %.1f MB of HTML; crosswalk page %.0f KB; largest page %s, %.0f KB; element pages: median %.1f KB, largest %.0f KB; search index %.0f KB",
		res.Pages, float64(total)/1e6, float64(cw)/1e3, largestName, float64(largest)/1e3, float64(median)/1e3, float64(elements[len(elements)-1])/1e3,
		float64(len(files["search-index.js"]))/1e3)
	if cw > 500_000 {
		t.Errorf("the crosswalk page is %d bytes, over 500 KB", cw)
	}
	if largest > 1_000_000 {
		t.Errorf("%s is %d bytes, over 1 MB", largestName, largest)
	}
	if median > 40_000 {
		t.Errorf("the median element page is %d bytes, over 40 KB", median)
	}
}
