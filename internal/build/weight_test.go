package build_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/crosswalk-ssg/crosswalk/internal/sitetest"
	"github.com/crosswalk-ssg/crosswalk/internal/testenv"
)

// realShapeSite makes a site of the shape of a real large crosswalk: two
// frameworks whose levels have the fanouts given (SP 800-53 ↔ ATT&CK at
// about 5,000 mappings is {4, 5, 6} and {12, 5, 10}: 144 elements with
// 120 leaves, 672 with 600), statements of a real length, and records
// between leaves, spread unevenly as real ones are: a few leaves of the
// source take hundreds.
func realShapeSite(mappings int, shapes [2][]int) map[string]string {
	files := map[string]string{"content/_index.md": "---\ntitle: Real shape\n---\nA generated site.\n"}
	var leaves [2][]string
	names := []string{"family", "control", "enhancement"}
	for f, shape := range shapes {
		fw := []string{"src", "tgt"}[f]
		var levels []string
		for d := range shape {
			levels = append(levels, "{name: "+names[d]+", page: true}")
		}
		files["content/frameworks/"+fw+"/_index.md"] = fmt.Sprintf("---\nframework: {id: %s, title: %s framework, version: \"1\", publisher: P, url: \"https://x.example/\", license: CC0}\n"+
			"levels: [%s]\n---\n", fw, strings.ToUpper(fw), strings.Join(levels, ", "))
		// write writes element id at depth, its keys indented by indent,
		// its first line led by first (a list item's "- ").
		var write func(s *strings.Builder, id string, depth int, first, indent string)
		write = func(s *strings.Builder, id string, depth int, first, indent string) {
			fmt.Fprintf(s, "%sid: %s\n%stitle: %s %s\n%sstatement: Employ automated mechanisms to support the management of %s, and review the results at a defined frequency.\n",
				first, id, indent, strings.ToUpper(names[depth][:1])+names[depth][1:], id, indent, id)
			if depth+1 == len(shape) {
				leaves[f] = append(leaves[f], id)
				return
			}
			fmt.Fprintf(s, "%schildren:\n", indent)
			for k := range shape[depth+1] {
				write(s, fmt.Sprintf("%s.%d", id, k), depth+1, indent+"  - ", indent+"    ")
			}
		}
		for i := range shape[0] {
			var s strings.Builder
			s.WriteString("---\n")
			write(&s, fmt.Sprintf("%s-%d", strings.ToUpper(fw), i), 0, "", "")
			s.WriteString("---\n")
			files[fmt.Sprintf("content/frameworks/%s/%03d.md", fw, i)] = s.String()
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

// TestPageWeight builds a 5,000-mapping site of real shape, and a flat
// one (300 × 600 one-level frameworks), and holds their pages to the
// budgets of issue 13: the crosswalk page at most 500 KB, no page over
// 1 MB, the median element page at most 40 KB (of the first). It logs the
// sizes it measures.
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
	files, res := sitetest.Build(t, sitetest.Source(realShapeSite(mappings, shapes)))
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
	t.Logf("%d pages, %.1f MB of HTML; crosswalk page %.0f KB; largest page %s, %.0f KB; element pages: median %.1f KB, largest %.0f KB; search index %.0f KB",
		res.Pages, float64(total)/1e6, float64(cw)/1e3, largestName, float64(largest)/1e3, float64(median)/1e3, float64(elements[len(elements)-1])/1e3,
		float64(len(files["search-index.js"]))/1e3)
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
