package render

import (
	"testing"

	"github.com/crosswalk-ssg/crosswalk/generator/diag"
	"github.com/crosswalk-ssg/crosswalk/generator/link"
	"github.com/crosswalk-ssg/crosswalk/generator/model"
	"github.com/crosswalk-ssg/crosswalk/generator/source"
)

// linked decodes and links a site given as path → text.
func linked(t *testing.T, files map[string]string) *link.Index {
	t.Helper()
	var errs diag.List
	var parsed []*source.File
	for _, name := range []string{
		"content/frameworks/s/_index.md", "content/frameworks/s/p1.md", "content/frameworks/s/p2.md", "content/frameworks/s/p3.md",
		"content/frameworks/t/_index.md", "content/frameworks/t/f1.md", "content/frameworks/t/f2.md", "content/crosswalks/st.md",
	} {
		if f := source.Parse(name, []byte(files[name]), &errs); f != nil {
			parsed = append(parsed, f)
		}
	}
	ix := link.Link(model.Decode(parsed, &errs), nil, &errs)
	if err := errs.Err(); err != nil {
		t.Fatal(err)
	}
	return ix
}

var viewSite = map[string]string{
	"content/frameworks/s/_index.md": "---\nframework: {id: s, title: S, version: \"1\", publisher: P, url: \"https://s.example/\", license: CC0}\nlevels: [{name: principle, page: true}, {name: check}]\n---\n",
	"content/frameworks/s/p1.md":     "---\nid: P1\ntitle: One\nchildren: [{id: P1.1, statement: a}, {id: P1.2, statement: b}]\n---\n",
	"content/frameworks/s/p2.md":     "---\nid: P2\ntitle: Two\nchildren: [{id: P2.1, statement: c}]\n---\n",
	"content/frameworks/s/p3.md":     "---\nid: P3\ntitle: Three\n---\n",
	"content/frameworks/t/_index.md": "---\nframework: {id: t, title: T, version: \"1\", publisher: Q, url: \"https://t.example/\", license: CC0}\nlevels: [{name: function, page: true}, {name: category, page: true}, {name: subcategory, page: true}]\n---\n",
	"content/frameworks/t/f1.md":     "---\nid: F1\ntitle: Eff\nchildren: [{id: F1 1, statement: x, children: [{id: F1 1.1, statement: y}, {id: F1 1.2, statement: z}]}]\n---\n",
	"content/frameworks/t/f2.md":     "---\nid: F2\ntitle: Eff two\nchildren: [{id: F2 1, statement: w}]\n---\n",
	"content/crosswalks/st.md": `---
crosswalk: {id: st, title: ST, source: s, target: t, status: draft, status_statement: Test.}
mappings:
  - {source: P1.1, target: F1 1.1, relationship: subset-of, basis: text}
  - {source: P1.2, target: F1 1.1, relationship: intersects-with, basis: text}
  - {source: P1, target: F2 1, relationship: intersects-with, basis: judgement}
  - {source: P2.1, target: F1 1, relationship: equal-to}
---
`,
}

func TestCrosswalkViewMatrixAndGaps(t *testing.T) {
	ix := linked(t, viewSite)
	v := newCrosswalkView(ix.Site.Crosswalks[0])
	if len(v.Matrices) != 2 {
		t.Fatalf("%d matrices, want principle × function and principle × category", len(v.Matrices))
	}
	byFunction := v.Matrices[0]
	want := [][]int{{2, 1}, {1, 0}, {0, 0}} // P1, P2, P3 × F1, F2
	for r := range want {
		for c := range want[r] {
			if byFunction.Cells[r][c] != want[r][c] {
				t.Errorf("cell %s × %s = %d, want %d", byFunction.Rows[r].ID, byFunction.Cols[c].ID, byFunction.Cells[r][c], want[r][c])
			}
		}
	}
	if byFunction.Total != 4 || byFunction.RowTotals[0] != 3 || byFunction.ColTotals[0] != 3 {
		t.Errorf("totals: %d, rows %v, cols %v", byFunction.Total, byFunction.RowTotals, byFunction.ColTotals)
	}
	if cols := v.Matrices[1].Cols; len(cols) != 2 || cols[0].ID != "F1 1" || cols[1].ID != "F2 1" {
		t.Errorf("category columns = %v", cols)
	}
	gapIDs := func(g Gap) []string {
		var ids []string
		for _, e := range g.Unmapped {
			ids = append(ids, e.ID)
		}
		return ids
	}
	// P3 has no record; P1 is reached directly, P2 through P2.1.
	if g := v.SourceGaps[0]; g.Total != 3 || g.Mapped() != 2 || len(gapIDs(g)) != 1 || gapIDs(g)[0] != "P3" {
		t.Errorf("principle gaps = %d of %d, %v", g.Mapped(), g.Total, gapIDs(g))
	}
	if g := v.TargetGaps[2]; g.Total != 2 || len(g.Unmapped) != 1 || g.Unmapped[0].ID != "F1 1.2" {
		t.Errorf("subcategory gaps = %v of %d", gapIDs(g), g.Total)
	}
	if len(v.Relationships) != 3 || v.Relationships[0] != (Count{"equal-to", 1}) || v.Relationships[2] != (Count{"intersects-with", 2}) {
		t.Errorf("relationships = %v", v.Relationships)
	}
	if len(v.Bases) != 3 || v.Bases[0] != (Count{"text", 2}) {
		t.Errorf("bases = %v", v.Bases)
	}
}

func TestElementViewRollupAndDirection(t *testing.T) {
	ix := linked(t, viewSite)
	p1 := newElementView(ix.Framework("s").ByID["P1"])
	if len(p1.Counterparts) != 1 || p1.Counterparts[0].Other.ID != "F2 1" {
		t.Errorf("P1's own counterparts = %v", p1.Counterparts)
	}
	if len(p1.Rollup) != 2 || p1.Rollup[0].Via.ID != "P1.1" || p1.Rollup[1].Via.ID != "P1.2" {
		t.Errorf("P1 roll-up = %v", p1.Rollup)
	}
	if len(p1.Sections) != 2 || p1.Sections[0].Element.ID != "P1.1" || len(p1.Sections[0].Counterparts) != 1 {
		t.Errorf("P1 sections = %v", p1.Sections)
	}
	f11 := newElementView(ix.Framework("t").ByID["F1 1.1"])
	if len(f11.Counterparts) != 2 {
		t.Fatalf("F1 1.1 counterparts = %v", f11.Counterparts)
	}
	c := f11.Counterparts[0]
	if c.Relationship != model.SupersetOf || c.Outgoing() || c.Sentence() != "T F1 1.1 is a superset of S P1.1" {
		t.Errorf("reverse reading = %s, %q", c.Relationship, c.Sentence())
	}
	if groups := f11.Groups; len(groups) != 2 || groups[0].Relationship != model.SupersetOf || groups[1].Relationship != model.IntersectsWith {
		t.Errorf("groups = %v", groups)
	}
	f1 := newElementView(ix.Framework("t").ByID["F1"])
	if len(f1.ChildPages) != 1 || len(f1.Sections) != 0 || len(f1.Rollup) != 3 {
		t.Errorf("F1: %d child pages, %d sections, %d rolled up", len(f1.ChildPages), len(f1.Sections), len(f1.Rollup))
	}
}

func TestExcerpt(t *testing.T) {
	for _, tt := range []struct {
		in   string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"  spaces\n and\tlines ", 50, "spaces and lines"},
		{"one two three four five", 12, "one two…"},
		{"ééééééééé", 4, "éééé…"},
	} {
		if got := excerpt(tt.in, tt.n); got != tt.want {
			t.Errorf("excerpt(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
		}
	}
}
