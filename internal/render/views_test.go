package render

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/crosswalk-ssg/crosswalk/internal/diag"
	"github.com/crosswalk-ssg/crosswalk/internal/link"
	"github.com/crosswalk-ssg/crosswalk/internal/model"
	"github.com/crosswalk-ssg/crosswalk/internal/source"
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
	cw := ix.Site.Crosswalks[0]
	v := newCrosswalkView(cw)
	byFunction := cw.Parts.Matrix
	want := [][]int{{2, 1}, {1, 0}, {0, 0}} // P1, P2, P3 × F1, F2
	for r := range want {
		for c := range want[r] {
			if byFunction.Count(r, c) != want[r][c] {
				t.Errorf("cell %s × %s = %d, want %d", byFunction.Rows[r].Element.ID, byFunction.Cols[c].Element.ID, byFunction.Count(r, c), want[r][c])
			}
		}
	}
	if byFunction.Total != 4 || byFunction.RowTotals[0] != 3 || byFunction.ColTotals[0] != 3 {
		t.Errorf("totals: %d, rows %v, cols %v", byFunction.Total, byFunction.RowTotals, byFunction.ColTotals)
	}
	// Drilling into P1: P1's own record (to F2 1) has a row "P1 itself";
	// P1.1 and P1.2 each theirs. Each record falls in one row.
	p1 := cw.Parts.Rows[cw.Source.ByID["P1"]]
	if p1 == nil {
		t.Fatal("no drill-down of P1")
	}
	heads := func(hs []model.Head) []string {
		var out []string
		for _, h := range hs {
			out = append(out, HeadLabel(h))
		}
		return out
	}
	if m := p1.Part.Matrix; !slices.Equal(heads(m.Rows), []string{"P1 One (itself)", "P1.1", "P1.2"}) || m.Total != 3 || m.Count(0, 1) != 1 || m.Count(1, 0) != 1 {
		t.Errorf("P1 drill-down: rows %v, %d records", heads(m.Rows), m.Total)
	}
	// F1's drill-down: its one category (F1 itself has no record of its own).
	if m := cw.Parts.Columns[cw.Target.ByID["F1"]].Part.Matrix; !slices.Equal(heads(m.Cols), []string{"F1 1"}) || m.ColTotals[0] != 3 {
		t.Errorf("F1 drill-down: cols %v, totals %v", heads(m.Cols), m.ColTotals)
	}
	// A cell page per non-empty cell, each with the records it counts.
	if d := cw.Parts.Cells[[2]model.Head{byFunction.Rows[0], byFunction.Cols[0]}]; d == nil || len(d.Part.Records) != 2 {
		t.Errorf("cell P1 × F1: %+v", d)
	}
	if len(cw.Parts.Records) != 0 {
		t.Error("4 records are paged")
	}
	ids := func(es []*model.Element) []string {
		var out []string
		for _, e := range es {
			out = append(out, e.ID)
		}
		return out
	}
	// P3 has no record; P1 is named directly, P2 contains P2.1, which is.
	src, tgt := v.Sides[0], v.Sides[1]
	if l := src.Levels[0]; l.Total != 3 || l.Direct != 1 || l.Contains != 1 || l.Reached() != 2 || !slices.Equal(ids(l.Unreached), []string{"P3"}) {
		t.Errorf("principles = %+v", l)
	}
	// F1 1.2 is not named, but F1 1, which holds it, is: reached through a parent.
	if l := tgt.Levels[2]; l.Total != 2 || l.Direct != 1 || l.Inherited != 1 || len(l.Unreached) != 0 || !l.Unit() {
		t.Errorf("subcategories = %+v", l)
	}
	if l := tgt.Levels[0]; l.Direct != 0 || l.Contains != 2 || l.Unit() {
		t.Errorf("functions = %+v", l)
	}
	// Coverage per top-level element counts the finest level only: F1's two
	// subcategories (one direct, one through F1 1); F2 has none.
	if c := tgt.Roots[0]; c.Element.ID != "F1" || c.Total != 2 || c.Direct != 1 || c.Inherited != 1 || c.Percent() != 100 {
		t.Errorf("F1 coverage = %+v", c)
	}
	if f := tgt.Finest(); f.Total != 2 {
		t.Errorf("finest level of t = %+v", f)
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
	if c.Term() != "subset-of" || c.Phrase() != "is a superset of" || c.Outgoing() || c.Sentence() != "T F1 1.1 is a superset of S P1.1" {
		t.Errorf("reverse reading = %s, %q", c.Term(), c.Sentence())
	}
	if groups := f11.Groups; len(groups) != 2 || groups[0].Heading != "Is a superset of" || groups[1].Heading != "Intersects with" || !groups[0].Stated {
		t.Errorf("groups = %+v", groups)
	}
	// F1 1.2 has no record of its own; F1 1's record reaches it.
	f12 := newElementView(ix.Framework("t").ByID["F1 1.2"])
	if len(f12.Counterparts) != 0 || len(f12.Inherited) != 1 || f12.Inherited[0].From.ID != "F1 1" || f12.Inherited[0].Counterparts[0].Other.ID != "P2.1" {
		t.Errorf("F1 1.2 inherited = %+v", f12.Inherited)
	}
	// Seen from P2.1, the record's counterpart F1 1 holds two subcategories.
	p2 := newElementView(ix.Framework("s").ByID["P2"])
	if got := p2.Sections[0].Counterparts[0].Holds(); len(got) != 2 {
		t.Errorf("F1 1 holds %v", got)
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
		{"exactly ten", 11, "exactly ten"},
		{"ten chars! more", 10, "ten chars!…"}, // n runes exactly, then more
		{"a\u00a0b  c ", 5, "a b c"},           // every Unicode space, as strings.Fields
		{"a\xffb c", 10, "a\ufffdb c"},         // an invalid byte is U+FFFD
		{"日本語の テキスト", 5, "日本語の…"},
	} {
		if got := excerpt(tt.in, tt.n); got != tt.want {
			t.Errorf("excerpt(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
		}
	}
}

// FuzzExcerpt holds excerpt to its definition: the text's words joined by
// one space (strings.Fields), cut after n runes at a space past the
// middle, with an ellipsis.
func FuzzExcerpt(f *testing.F) {
	for _, s := range []string{"short", "  spaces\n and\tlines ", "one two three four five", "ééééééééé", "a\u00a0b  c "} {
		f.Add(s, 12)
	}
	f.Fuzz(func(t *testing.T, s string, n int) {
		if n < 0 || n > 500 || !utf8.ValidString(s) {
			return
		}
		want := strings.Join(strings.Fields(s), " ")
		if utf8.RuneCountInString(want) > n {
			cut := string([]rune(want)[:n])
			if i := strings.LastIndexByte(cut, ' '); i > n/2 {
				cut = cut[:i]
			}
			want = strings.TrimRight(cut, " ,;:") + "…"
		}
		if got := excerpt(s, n); got != want {
			t.Errorf("excerpt(%q, %d) = %q, want %q", s, n, got, want)
		}
	})
}

// A crosswalk that states no relationship type, and one with declared
// terms, read from both sides.
func TestElementViewVocabularies(t *testing.T) {
	site := maps.Clone(viewSite)
	site["content/crosswalks/st.md"] = `---
crosswalk:
  id: st
  title: ST
  source: s
  target: t
  status: official
  relationships: {stated: false, note: The table gives no type.}
mappings:
  - {source: P1.1, target: F1 1.1, as_published: "One 1.1"}
no_counterpart:
  - {source: P3, reason: No equivalent category}
---
`
	ix := linked(t, site)
	cw := ix.Site.Crosswalks[0]
	f11 := newElementView(ix.Framework("t").ByID["F1 1.1"])
	c := f11.Counterparts[0]
	if c.Mapping.Stated() || c.Phrase() != "is listed with" || c.Sentence() != "T F1 1.1 is listed with S P1.1" || c.StatusShown() {
		t.Errorf("unstated: %q, status shown %v", c.Sentence(), c.StatusShown())
	}
	if g := f11.Groups; len(g) != 1 || g[0].Stated || g[0].Heading != "Relationship not stated by the source" {
		t.Errorf("groups = %+v", g)
	}
	p3 := newElementView(ix.Framework("s").ByID["P3"])
	if len(p3.NoCounterparts) != 1 || p3.NoCounterparts[0].Reason != "No equivalent category" || p3.NoCounterparts[0].OtherFramework().ID != "t" {
		t.Errorf("P3 no-counterpart = %+v", p3.NoCounterparts)
	}
	v := newCrosswalkView(cw)
	if l := v.Sides[0].Levels[0]; len(l.NoCounterpart) != 1 || l.NoCounterpart[0].ElementID != "P3" || len(l.Unreached) != 2 {
		t.Errorf("principles = %+v", l)
	}
	if v.Unstated != 1 || len(v.Relationships) != 0 || !v.HasAsPublished || v.HasRationale || v.StatusesVary {
		t.Errorf("crosswalk view = %+v", v)
	}

	site["content/crosswalks/st.md"] = `---
crosswalk:
  id: st
  title: ST
  source: s
  target: t
  status: official
  relationships:
    namespace: https://example.org/rel
    terms:
      - {id: mitigates, reverse: is mitigated by, definition: Reduces the risk of.}
mappings:
  - {source: P1.1, target: F1 1.1, relationship: mitigates}
  - {source: P1.2, target: F1 1.1}
---
`
	ix = linked(t, site)
	f11 = newElementView(ix.Framework("t").ByID["F1 1.1"])
	if g := f11.Groups; len(g) != 2 || g[0].Heading != "Is mitigated by" || g[0].Definition != "Reduces the risk of." || g[1].Stated {
		t.Errorf("declared groups = %+v", g)
	}
	if s := f11.Counterparts[0].Sentence(); s != "T F1 1.1 is mitigated by S P1.1" {
		t.Errorf("declared reverse sentence = %q", s)
	}
	p11 := newElementView(ix.Framework("s").ByID["P1.1"])
	if s := p11.Counterparts[0].Sentence(); s != "S P1.1 mitigates T F1 1.1" {
		t.Errorf("declared forward sentence = %q", s)
	}
}

// TestGroupsByTopLevel: past GroupLimit counterparts of one relationship,
// an element's counterparts come by the other framework's top level, in
// its order, whatever the order of the records.
func TestGroupsByTopLevel(t *testing.T) {
	files := map[string]string{
		"content/frameworks/s/_index.md": "---\nframework: {id: s, title: S, version: \"1\", publisher: P, url: \"https://s.example/\", license: CC0}\nlevels: [{name: item, page: true}]\n---\n",
		"content/frameworks/s/p1.md":     "---\nid: X\nstatement: x\n---\n",
		"content/frameworks/s/p2.md":     "---\nid: Y\nstatement: y\n---\n",
		"content/frameworks/s/p3.md":     "---\nid: Z\nstatement: z\n---\n",
		"content/frameworks/t/_index.md": "---\nframework: {id: t, title: T, version: \"1\", publisher: P, url: \"https://t.example/\", license: CC0}\nlevels: [{name: family, page: true}, {name: control, page: true}]\n---\n",
	}
	var mappings strings.Builder
	for f := 1; f <= 2; f++ {
		var s strings.Builder
		fmt.Fprintf(&s, "---\nid: F%d\ntitle: Family %d\nchildren:\n", f, f)
		for c := range 13 {
			fmt.Fprintf(&s, "  - {id: F%d-%02d, statement: c}\n", f, c)
		}
		s.WriteString("---\n")
		files[fmt.Sprintf("content/frameworks/t/f%d.md", f)] = s.String()
	}
	for c := 12; c >= 0; c-- { // records in reverse order, F2 first
		for _, f := range []int{2, 1} {
			fmt.Fprintf(&mappings, "  - {source: X, target: F%d-%02d, relationship: intersects-with}\n", f, c)
		}
	}
	files["content/crosswalks/st.md"] = "---\ncrosswalk: {id: st, title: ST, source: s, target: t, status: draft, status_statement: Test.}\nmappings:\n" + mappings.String() + "---\n"
	ix := linked(t, files)
	v := newElementView(ix.Site.Frameworks[0].ByID["X"])
	if len(v.Groups) != 1 || len(v.Groups[0].ByTop) != 2 {
		t.Fatalf("groups %+v", v.Groups)
	}
	for i, tg := range v.Groups[0].ByTop {
		if tg.Top.ID != fmt.Sprintf("F%d", i+1) || len(tg.Counterparts) != 13 || tg.Counterparts[0].Other.ID != fmt.Sprintf("F%d-00", i+1) || tg.Counterparts[12].Other.ID != fmt.Sprintf("F%d-12", i+1) {
			t.Errorf("top group %d: %s with %d, first %s", i, tg.Top.ID, len(tg.Counterparts), tg.Counterparts[0].Other.ID)
		}
	}
}

// TestCellMarks: a cell is marked by the relationship all its records
// state, or as mixed, and the legend explains the marks in use, in the
// vocabulary's order; the tooltip counts a mix.
func TestCellMarks(t *testing.T) {
	ix := linked(t, viewSite)
	cw := ix.Site.Crosswalks[0]
	m := Matrix{Matrix: cw.Parts.Matrix, cw: cw}
	for _, tt := range []struct {
		row, col  int
		mark, mix string
	}{
		{0, 0, MarkMixed, "1 is a subset of, 1 intersects with"}, // P1 × F1
		{0, 1, "∩", ""}, // P1 × F2
		{1, 0, "=", ""}, // P2 × F1
		{1, 1, "", ""},  // P2 × F2: empty
	} {
		if got := m.CellMark(tt.row, tt.col); got != tt.mark {
			t.Errorf("CellMark(%d, %d) = %q, want %q", tt.row, tt.col, got, tt.mark)
		}
		if got := m.CellMix(tt.row, tt.col); got != tt.mix {
			t.Errorf("CellMix(%d, %d) = %q, want %q", tt.row, tt.col, got, tt.mix)
		}
	}
	var legend []string
	for _, e := range m.Legend() {
		legend = append(legend, e.Mark+" "+e.Meaning)
	}
	if got, want := strings.Join(legend, "; "), "= is equal to; ∩ intersects with; ± different relationships (the cell's tooltip counts them)"; got != want {
		t.Errorf("legend:\n got %s\nwant %s", got, want)
	}

	// Bases that differ are counted too.
	site := maps.Clone(viewSite)
	site["content/crosswalks/st.md"] = strings.Replace(site["content/crosswalks/st.md"], "relationship: intersects-with, basis: text", "relationship: intersects-with, basis: judgement", 1)
	cw = linked(t, site).Site.Crosswalks[0]
	m = Matrix{Matrix: cw.Parts.Matrix, cw: cw}
	if got, want := m.CellMix(0, 0), "1 is a subset of, 1 intersects with, 1 basis text, 1 basis judgement"; got != want {
		t.Errorf("CellMix with two bases = %q, want %q", got, want)
	}
}
