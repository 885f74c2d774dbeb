package render

import (
	"cmp"
	"slices"

	"github.com/crosswalk-ssg/crosswalk/generator/model"
)

// Counterpart is one mapping record seen from one of its two elements.
type Counterpart struct {
	Via          *model.Element // the element on this side that the record names
	Other        *model.Element // the element on the other side
	Relationship model.Relationship
	Mapping      *model.Mapping
}

// Sentence states the record from Via's side:
// "AI Verify 7.4.2 intersects with NIST AI RMF MAP 5.2".
func (c Counterpart) Sentence() string {
	return c.Via.Framework.Name() + " " + c.Via.Label() + " " + c.Relationship.Phrase() + " " + c.Other.Framework.Name() + " " + c.Other.Label()
}

// Outgoing reports whether Via is the record's source.
func (c Counterpart) Outgoing() bool { return c.Mapping.Source == c.Via }

// counterparts returns e's own counterparts: records where e is the
// source, then records where e is the target, read in reverse.
func counterparts(e *model.Element) []Counterpart {
	out := make([]Counterpart, 0, len(e.Outgoing)+len(e.Incoming))
	for _, m := range e.Outgoing {
		out = append(out, Counterpart{Via: e, Other: m.Target, Relationship: m.Relationship, Mapping: m})
	}
	for _, m := range e.Incoming {
		out = append(out, Counterpart{Via: e, Other: m.Source, Relationship: m.Relationship.Inverse(), Mapping: m})
	}
	return out
}

// RelationshipGroup is the counterparts that share one relationship.
type RelationshipGroup struct {
	Relationship model.Relationship
	Counterparts []Counterpart
}

// groupByRelationship groups cps in the order of model.Relationships.
func groupByRelationship(cps []Counterpart) []RelationshipGroup {
	var groups []RelationshipGroup
	for _, r := range model.Relationships {
		var g []Counterpart
		for _, c := range cps {
			if c.Relationship == r {
				g = append(g, c)
			}
		}
		if len(g) > 0 {
			groups = append(groups, RelationshipGroup{Relationship: r, Counterparts: g})
		}
	}
	return groups
}

// Section is an element shown as an anchored part of another element's page.
type Section struct {
	Element      *model.Element
	Level        int // 2 for a child of the page's element, 3 below that, …
	Counterparts []Counterpart
}

// ElementView is what an element page shows.
type ElementView struct {
	*model.Element
	Counterparts []Counterpart       // the element's own
	Groups       []RelationshipGroup // Counterparts by relationship
	Rollup       []Counterpart       // of every descendant, own page or not
	Sections     []Section           // descendants published on this page
	ChildPages   []*model.Element    // children with pages of their own
	Crosswalks   []*model.Crosswalk  // crosswalks of the records shown
}

func newElementView(e *model.Element) *ElementView {
	v := &ElementView{Element: e, Counterparts: counterparts(e)}
	v.Groups = groupByRelationship(v.Counterparts)
	for _, d := range e.Descendants() {
		v.Rollup = append(v.Rollup, counterparts(d)...)
	}
	var sections func(parent *model.Element, level int)
	sections = func(parent *model.Element, level int) {
		for _, c := range parent.Children {
			if c.OwnPage() {
				if parent == e {
					v.ChildPages = append(v.ChildPages, c)
				}
				continue
			}
			v.Sections = append(v.Sections, Section{Element: c, Level: min(level, 6), Counterparts: counterparts(c)})
			sections(c, level+1)
		}
	}
	sections(e, 2)
	v.Crosswalks = crosswalksOf(append(slices.Clone(v.Counterparts), v.Rollup...))
	return v
}

// crosswalksOf returns the distinct crosswalks of cps, in site order of
// first appearance.
func crosswalksOf(cps []Counterpart) []*model.Crosswalk {
	var out []*model.Crosswalk
	for _, c := range cps {
		if !slices.Contains(out, c.Mapping.Crosswalk) {
			out = append(out, c.Mapping.Crosswalk)
		}
	}
	return out
}

// Matrix counts mapping records between the subtrees of Rows (elements
// of the crosswalk's source) and of Cols (of its target).
type Matrix struct {
	ID        string // prefix of the ids of the matrix's cells on the page
	Title     string
	Rows      []*model.Element
	Cols      []*model.Element
	Cells     [][]int              // Cells[row][col]
	Records   [][][]*model.Mapping // the records each cell counts
	RowTotals []int
	ColTotals []int
	Total     int
}

func newMatrix(id, title string, cw *model.Crosswalk, rows, cols []*model.Element) Matrix {
	m := Matrix{ID: id, Title: title, Rows: rows, Cols: cols, Cells: make([][]int, len(rows)), Records: make([][][]*model.Mapping, len(rows)),
		RowTotals: make([]int, len(rows)), ColTotals: make([]int, len(cols))}
	rowOf := indexSubtrees(rows)
	colOf := indexSubtrees(cols)
	for i := range m.Cells {
		m.Cells[i] = make([]int, len(cols))
		m.Records[i] = make([][]*model.Mapping, len(cols))
	}
	for _, rec := range cw.Mappings {
		if rec.Source == nil || rec.Target == nil {
			continue
		}
		r, okR := rowOf[rec.Source]
		c, okC := colOf[rec.Target]
		if !okR || !okC {
			continue
		}
		m.Cells[r][c]++
		m.Records[r][c] = append(m.Records[r][c], rec)
		m.RowTotals[r]++
		m.ColTotals[c]++
		m.Total++
	}
	return m
}

// indexSubtrees maps every element in the subtrees of heads to the index
// of its head.
func indexSubtrees(heads []*model.Element) map[*model.Element]int {
	idx := map[*model.Element]int{}
	for i, h := range heads {
		idx[h] = i
		for _, d := range h.Descendants() {
			idx[d] = i
		}
	}
	return idx
}

// Gap lists the elements of one level of a framework that no record of a
// crosswalk reaches, directly or through a descendant.
type Gap struct {
	Framework *model.Framework
	Level     model.Level
	Total     int
	Unmapped  []*model.Element
}

// Mapped returns how many elements of the level are reached.
func (g Gap) Mapped() int { return g.Total - len(g.Unmapped) }

func gaps(fw *model.Framework, touched map[*model.Element]bool) []Gap {
	out := make([]Gap, len(fw.Levels))
	for i := range out {
		out[i] = Gap{Framework: fw, Level: fw.Levels[i]}
	}
	for _, e := range fw.Elements {
		if e.Depth >= len(out) {
			continue
		}
		out[e.Depth].Total++
		if !touched[e] {
			out[e.Depth].Unmapped = append(out[e.Depth].Unmapped, e)
		}
	}
	return out
}

// Coverage is how many elements of a subtree (or of a whole framework,
// when Element is nil) a crosswalk's records reach, directly or through an
// element they contain.
type Coverage struct {
	Framework *model.Framework
	Element   *model.Element
	Covered   int
	Total     int
}

// Percent returns the covered share, rounded down.
func (c Coverage) Percent() int {
	if c.Total == 0 {
		return 0
	}
	return c.Covered * 100 / c.Total
}

func coverage(fw *model.Framework, touched map[*model.Element]bool) []Coverage {
	var out []Coverage
	all := Coverage{Framework: fw}
	for _, r := range fw.Roots {
		c := Coverage{Framework: fw, Element: r}
		for _, e := range append([]*model.Element{r}, r.Descendants()...) {
			c.Total++
			if touched[e] {
				c.Covered++
			}
		}
		all.Total += c.Total
		all.Covered += c.Covered
		out = append(out, c)
	}
	return append(out, all)
}

// CrosswalkView is what a crosswalk page shows.
type CrosswalkView struct {
	*model.Crosswalk
	Matrices       []Matrix
	SourceGaps     []Gap
	TargetGaps     []Gap
	SourceCoverage []Coverage // per top-level element of the source, then the whole framework
	TargetCoverage []Coverage
	Relationships  []Count // records per relationship
	Bases          []Count // records per basis
}

// Count is a labelled number.
type Count struct {
	Label string
	N     int
}

func newCrosswalkView(cw *model.Crosswalk) *CrosswalkView {
	v := &CrosswalkView{Crosswalk: cw}
	if cw.Source == nil || cw.Target == nil {
		return v
	}
	v.Matrices = append(v.Matrices, newMatrix("m1", cw.Source.Name()+" "+levelPlural(cw.Source, 0)+" × "+cw.Target.Name()+" "+levelPlural(cw.Target, 0), cw, cw.Source.Roots, cw.Target.Roots))
	if len(cw.Target.Levels) > 1 {
		var cols []*model.Element
		for _, e := range cw.Target.Elements {
			if e.Depth == 1 {
				cols = append(cols, e)
			}
		}
		v.Matrices = append(v.Matrices, newMatrix("m2", cw.Source.Name()+" "+levelPlural(cw.Source, 0)+" × "+cw.Target.Name()+" "+levelPlural(cw.Target, 1), cw, cw.Source.Roots, cols))
	}
	// An element is touched when a record names it or one of its descendants.
	touched := map[*model.Element]bool{}
	rel := map[string]int{}
	basis := map[string]int{}
	for _, m := range cw.Mappings {
		if m.Source == nil || m.Target == nil {
			continue
		}
		for _, e := range []*model.Element{m.Source, m.Target} {
			for ; e != nil; e = e.Parent {
				touched[e] = true
			}
		}
		rel[string(m.Relationship)]++
		basis[m.Basis]++
	}
	v.SourceGaps = gaps(cw.Source, touched)
	v.TargetGaps = gaps(cw.Target, touched)
	v.SourceCoverage = coverage(cw.Source, touched)
	v.TargetCoverage = coverage(cw.Target, touched)
	for _, r := range model.Relationships {
		if n := rel[string(r)]; n > 0 {
			v.Relationships = append(v.Relationships, Count{string(r), n})
		}
	}
	for b, n := range basis {
		if b == "" {
			b = "(none given)"
		}
		v.Bases = append(v.Bases, Count{b, n})
	}
	slices.SortFunc(v.Bases, func(a, b Count) int { return cmp.Or(cmp.Compare(b.N, a.N), cmp.Compare(a.Label, b.Label)) })
	return v
}

func levelPlural(fw *model.Framework, depth int) string {
	if depth < len(fw.Levels) {
		return fw.Levels[depth].Plural
	}
	return ""
}

// FrameworkView is what a framework page shows.
type FrameworkView struct {
	*model.Framework
	Crosswalks []*model.Crosswalk // crosswalks from or to this framework
}
