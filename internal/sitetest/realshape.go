package sitetest

import (
	"fmt"
	"strings"
)

// RealShape makes a site of the shape of a real large crosswalk: two
// frameworks whose levels have the fanouts given (SP 800-53 ↔ ATT&CK at
// about 5,000 mappings is {4, 5, 6} and {12, 5, 10}: 144 elements with
// 120 leaves, 672 with 600), statements of a real length, and records
// between leaves, spread unevenly as real ones are: a few leaves of the
// source take hundreds.
func RealShape(mappings int, shapes [2][]int) map[string]string {
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
	if mappings > len(leaves[0])*len(leaves[1])/2 {
		panic(fmt.Sprintf("RealShape: %d mappings between %d and %d leaves: too many to draw pairs at random", mappings, len(leaves[0]), len(leaves[1])))
	}
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
