package render

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/crosswalk-ssg/crosswalk/internal/model"
	"github.com/crosswalk-ssg/crosswalk/internal/vocab"
)

// Counterpart is one mapping record seen from one of its two elements.
type Counterpart struct {
	Via     *model.Element // the element on this side that the record names
	Other   *model.Element // the element on the other side
	Mapping *model.Mapping
	// Reversed is set when Via is the record's target: the record is
	// read backwards, with its term's reverse phrase.
	Reversed bool
}

// Phrase is the relationship read from Via's side: "is a superset of",
// "is mitigated by", or, for a record that states none, words that claim
// no relationship.
func (c Counterpart) Phrase() string {
	if t := c.Mapping.Term; t != nil {
		return t.Phrase(c.Reversed)
	}
	return vocab.UnstatedPhrase
}

// Heading is the heading of the group the counterpart is listed in.
func (c Counterpart) Heading() string {
	if t := c.Mapping.Term; t != nil {
		return t.Heading(c.Reversed)
	}
	return vocab.UnstatedHeading
}

// Term is the record's relationship term as written, "" when unstated.
func (c Counterpart) Term() string { return c.Mapping.Relationship }

// Sentence states the record from Via's side:
// "AI Verify 7.4.2 intersects with NIST AI RMF MAP 5.2".
func (c Counterpart) Sentence() string {
	return c.Via.FullLabel() + " " + c.Phrase() + " " + c.Other.FullLabel()
}

// Outgoing reports whether Via is the record's source.
func (c Counterpart) Outgoing() bool { return !c.Reversed }

// StatusShown reports whether the record's status is worth a badge: only
// where it differs from its crosswalk's, which the page says once.
func (c Counterpart) StatusShown() bool { return c.Mapping.Status != c.Mapping.Crosswalk.Status }

// Holds returns what the counterpart contains, depth first, so that a
// reader sees concretely what a record made at a parent covers (the
// process checks of an AI Verify outcome).
func (c Counterpart) Holds() []*model.Element { return c.Other.Descendants() }

// counterparts returns e's own counterparts: records where e is the
// source, then records where e is the target, read in reverse.
func counterparts(e *model.Element) []Counterpart {
	out := make([]Counterpart, 0, len(e.Outgoing)+len(e.Incoming))
	for _, m := range e.Outgoing {
		out = append(out, Counterpart{Via: e, Other: m.Target, Mapping: m})
	}
	for _, m := range e.Incoming {
		out = append(out, Counterpart{Via: e, Other: m.Source, Mapping: m, Reversed: true})
	}
	return out
}

// Group is the counterparts listed under one heading.
type Group struct {
	Heading      string
	Stated       bool   // false: the group of records that state no relationship type
	Definition   string // what the term means, "" for unstated
	Counterparts []Counterpart
	// ByTop are, past GroupLimit counterparts, the same counterparts by
	// the top-level element of the other framework they lie within, in
	// framework order: shown collapsed, with their counts.
	ByTop []TopGroup
}

// GroupLimit is how many counterparts of one relationship an element page
// shows as one list; more are split by the other framework's top level.
const GroupLimit = 20

// TopGroup is the counterparts of a group within one top-level element.
type TopGroup struct {
	Top          *model.Element
	Counterparts []Counterpart
}

// groupByRelationship groups cps by the phrase they read with, in the
// order of the vocabularies' terms (so a reversed subset-of joins
// superset-of), records that state none last.
func groupByRelationship(cps []Counterpart) []Group {
	var groups []Group
	index := map[string]int{}
	rank := map[string]int{} // by heading, worked out once (a heading is a new string)
	for _, c := range cps {
		h := c.Heading()
		if _, ok := index[h]; !ok {
			index[h], rank[h] = len(groups), headingRank(c, h)
			g := Group{Heading: h, Stated: c.Mapping.Term != nil}
			if t := c.Mapping.Term; t != nil {
				g.Definition = t.Definition
			}
			groups = append(groups, g)
		}
		groups[index[h]].Counterparts = append(groups[index[h]].Counterparts, c)
	}
	slices.SortStableFunc(groups, func(a, b Group) int { return cmp.Compare(rank[a.Heading], rank[b.Heading]) })
	for i := range groups {
		g := &groups[i]
		// In the other framework's order (GOVERN 1 before MAP 1), so that
		// a long list reads as that framework does.
		slices.SortStableFunc(g.Counterparts, func(a, b Counterpart) int {
			return cmp.Or(cmp.Compare(a.Other.Framework.ID, b.Other.Framework.ID), cmp.Compare(a.Other.Order, b.Other.Order))
		})
		if len(g.Counterparts) <= GroupLimit {
			continue
		}
		for _, c := range g.Counterparts {
			top := c.Other.Root()
			if n := len(g.ByTop); n == 0 || g.ByTop[n-1].Top != top {
				g.ByTop = append(g.ByTop, TopGroup{Top: top})
			}
			g.ByTop[len(g.ByTop)-1].Counterparts = append(g.ByTop[len(g.ByTop)-1].Counterparts, c)
		}
	}
	return groups
}

// headingRank places the group of heading h, which c is listed under:
// the index of the term of c's vocabulary whose forward heading it is,
// after them a heading no term has forward, and the records that state
// no relationship last.
func headingRank(c Counterpart, h string) int {
	if c.Mapping.Term == nil {
		return 1 << 20
	}
	v := c.Mapping.Crosswalk.Vocabulary
	for i, t := range v.Terms {
		if t.Heading(false) == h {
			return i
		}
	}
	return len(v.Terms)
}

// Inheritance is the records of one ancestor of an element, which reach
// the element because a record made at a parent reaches what it holds.
type Inheritance struct {
	From         *model.Element // the ancestor the records name
	Counterparts []Counterpart
	OnPage       bool // From is shown on the same page (a section above, or the page's element)
}

// inherited returns the records of e's ancestors, nearest first.
func inherited(e *model.Element) []Inheritance {
	var out []Inheritance
	for a := e.Parent; a != nil; a = a.Parent {
		if cps := counterparts(a); len(cps) > 0 {
			out = append(out, Inheritance{From: a, Counterparts: cps, OnPage: a.Doc == e.Doc})
		}
	}
	return out
}

// Section is an element shown as an anchored part of another element's page.
type Section struct {
	Element      *model.Element
	Level        int // 2 for a child of the page's element, 3 below that, …
	Counterparts []Counterpart
	Inherited    []Inheritance
}

// ElementView is what an element page shows.
type ElementView struct {
	*model.Element
	Counterparts []Counterpart // the element's own
	Groups       []Group       // Counterparts by relationship
	Inherited    []Inheritance // the records of its ancestors
	Rollup       []Counterpart // of every descendant, own page or not; empty past RollupLimit
	// RolledUp are the crosswalks with more than RollupLimit rolled-up
	// records, counted per top-level element of the other framework, with
	// the drill-down that lists them cell by cell.
	RolledUp   []RollupCount
	Sections   []Section          // descendants published on this page
	ChildPages []*model.Element   // children with pages of their own
	Crosswalks []*model.Crosswalk // crosswalks of the records shown
}

func newElementView(e *model.Element) *ElementView {
	v := &ElementView{Element: e, Counterparts: counterparts(e), Inherited: inherited(e)}
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
			v.Sections = append(v.Sections, Section{Element: c, Level: min(level, 6), Counterparts: counterparts(c), Inherited: inherited(c)})
			sections(c, level+1)
		}
	}
	sections(e, 2)
	all := slices.Clone(v.Counterparts)
	all = append(all, v.Rollup...)
	// Past RollupLimit records of one crosswalk, that crosswalk's rolled-up
	// records are counted, not listed; the others' are listed.
	var listed []Counterpart
	for _, rc := range rollupCounts(e, v.Rollup) {
		if rc.Total > RollupLimit {
			v.RolledUp = append(v.RolledUp, rc)
		}
	}
	for _, c := range v.Rollup {
		if !slices.ContainsFunc(v.RolledUp, func(rc RollupCount) bool { return rc.Crosswalk == c.Mapping.Crosswalk }) {
			listed = append(listed, c)
		}
	}
	v.Rollup = listed
	for _, in := range v.Inherited {
		all = append(all, in.Counterparts...)
	}
	v.Crosswalks = crosswalksOf(all)
	for _, nc := range e.NoCounterparts {
		if !slices.Contains(v.Crosswalks, nc.Crosswalk) {
			v.Crosswalks = append(v.Crosswalks, nc.Crosswalk)
		}
	}
	return v
}

// RollupLimit is how many rolled-up records of one crosswalk an element
// page lists; past it the page counts them and links to the drill-down that lists them,
// so that an element page's size does not grow with its framework's.
const RollupLimit = 100

// RollupCount is how many rolled-up records of one crosswalk an element
// has, in all and per top-level element of the other framework.
type RollupCount struct {
	Crosswalk *model.Crosswalk
	Drill     *model.Doc // the crosswalk's drill-down of the element; nil when it has none
	Total     int
	ByTop     []ElementCount // in the other framework's order
}

// ElementCount is an element with a number of records.
type ElementCount struct {
	Element *model.Element
	N       int
}

func rollupCounts(e *model.Element, cps []Counterpart) []RollupCount {
	var out []RollupCount
	for _, cw := range crosswalksOf(cps) {
		rc := RollupCount{Crosswalk: cw, Drill: cw.Parts.Rows[e]}
		other := cw.Target
		if e.Framework == cw.Target {
			rc.Drill, other = cw.Parts.Columns[e], cw.Source
		}
		n := map[*model.Element]int{}
		for _, c := range cps {
			if c.Mapping.Crosswalk == cw {
				n[c.Other.Root()]++
				rc.Total++
			}
		}
		for _, r := range other.Roots {
			if n[r] > 0 {
				rc.ByTop = append(rc.ByTop, ElementCount{r, n[r]})
			}
		}
		out = append(out, rc)
	}
	return out
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

// Matrix is a model.Matrix as a page shows it: titled, each non-empty
// cell linking to the page of its records, each head to its drill-down
// (or, where there is none, to the element).
type Matrix struct {
	*model.Matrix
	ID    string // prefix of the cells' ids in the heatmap
	Title string
	cw    *model.Crosswalk
	page  *Page                // the page it is shown on; nil in tests, where cells link to "#<ID>-<row>-<col>"
	Local bool                 // its cells' records are listed on its page (a drill-down of at most model.RecordsPerPage records)
	part  *model.CrosswalkPart // the drill-down it is the matrix of, if any
}

// Cell is one non-empty cell of a matrix, for listing its records.
type Cell struct {
	ID       string
	Row, Col model.Head
	Records  []*model.Mapping
}

// Title names the cell: its row's head × its column's.
func (c Cell) Title() string { return HeadLabel(c.Row) + " × " + HeadLabel(c.Col) }

// CellMix says what varies among a cell's records, for its tooltip and
// label: how many state each relationship term (in the vocabulary's
// order) and how many state none, when the crosswalk states
// relationships; how many have each basis, when they differ; "" when the
// records do not differ (or the matrix has no records, in tests).
func (m Matrix) CellMix(row, col int) string {
	if m.cw == nil {
		return ""
	}
	recs := m.RecordsAt(row, col)
	if same(recs) {
		return "" // most cells: every drill-down cell's tooltip asks
	}
	var parts []string
	if m.cw.Vocabulary.Stated {
		n := map[string]int{}
		for _, r := range recs {
			n[r.Relationship]++
		}
		if len(n) > 1 {
			for _, t := range m.cw.Vocabulary.Terms {
				if k := n[t.ID]; k > 0 {
					parts = append(parts, fmt.Sprintf("%d %s", k, t.Label))
				}
			}
			if k := n[""]; k > 0 {
				parts = append(parts, fmt.Sprintf("%d not stated", k))
			}
		}
	}
	var bases []string
	nb := map[string]int{}
	for _, r := range recs {
		if nb[r.Basis]++; nb[r.Basis] == 1 {
			bases = append(bases, r.Basis)
		}
	}
	if len(bases) > 1 {
		for _, b := range bases {
			label := "basis " + b
			if b == "" {
				label = "no basis given"
			}
			parts = append(parts, fmt.Sprintf("%d %s", nb[b], label))
		}
	}
	return strings.Join(parts, ", ")
}

// same reports whether records state one relationship and one basis
// (none or one record do), when CellMix has nothing to say.
func same(records []*model.Mapping) bool {
	for _, r := range records[min(1, len(records)):] {
		if r.Relationship != records[0].Relationship || r.Basis != records[0].Basis {
			return false
		}
	}
	return true
}

// MarkMixed marks a cell whose records state different relationships;
// MarkUnstated one whose records state none, in a crosswalk whose
// records state relationships.
const (
	MarkMixed    = "±"
	MarkUnstated = "?"
)

// CellMark is what marks a cell's relationship, read from its row to its
// column: the mark of the term all its records state (vocab.Mark),
// MarkMixed or MarkUnstated; "" for an empty cell, and for every cell
// when the crosswalk states no relationships (its page says so once).
func (m Matrix) CellMark(row, col int) string {
	if m.cw == nil || !m.cw.Vocabulary.Stated || m.Count(row, col) == 0 {
		return ""
	}
	// A record's Relationship is its Term's id, or "" when it states none.
	recs := m.RecordsAt(row, col)
	for _, r := range recs[1:] {
		if r.Relationship != recs[0].Relationship {
			return MarkMixed
		}
	}
	if recs[0].Term == nil {
		return MarkUnstated
	}
	return m.cw.Vocabulary.Mark(recs[0].Term)
}

// LegendEntry explains one mark of a matrix's cells.
type LegendEntry struct{ Mark, Meaning string }

// Legend explains the marks the matrix's cells carry, in the
// vocabulary's order, then mixed and not stated; none when no cell has
// a mark.
func (m Matrix) Legend() []LegendEntry {
	used := map[string]bool{}
	for r := range m.Rows {
		for c := range m.Cols {
			if mark := m.CellMark(r, c); mark != "" {
				used[mark] = true
			}
		}
	}
	if len(used) == 0 {
		return nil
	}
	var out []LegendEntry
	v := m.cw.Vocabulary
	for _, t := range v.Terms {
		if mark := v.Mark(t); used[mark] {
			out = append(out, LegendEntry{mark, t.Label})
		}
	}
	if used[MarkMixed] {
		out = append(out, LegendEntry{MarkMixed, "different relationships (the cell's tooltip counts them)"})
	}
	if used[MarkUnstated] {
		out = append(out, LegendEntry{MarkUnstated, "no relationship stated"})
	}
	return out
}

// RowName and ColName name the frameworks of the rows and the columns.
func (m Matrix) RowName() string { return m.cw.Source.Name() }

// ColName names the framework of the columns.
func (m Matrix) ColName() string { return m.cw.Target.Name() }

// Fullest returns the cells a matrix too large to draw lists (the model's
// fullest), each with the URL of its records.
func (m Matrix) Fullest() []LinkedCell {
	var out []LinkedCell
	for _, rc := range m.Matrix.Fullest(model.FullestListed) {
		r, c := rc[0], rc[1]
		out = append(out, LinkedCell{Row: m.Rows[r], Col: m.Cols[c], N: m.Count(r, c), URL: m.CellURL(r, c)})
	}
	return out
}

// LinkedCell is a non-empty cell and where its records are.
type LinkedCell struct {
	Row, Col model.Head
	N        int
	URL      string
}

// NonEmpty returns the matrix's non-empty cells, row by row: for a
// site's own templates, which may list a drill-down's cells so; the
// default ones list them in blocks (Groups).
func (m Matrix) NonEmpty() []Cell {
	var out []Cell
	m.EachCell(func(r, c int, recs []*model.Mapping) {
		out = append(out, Cell{ID: m.CellID(r, c), Row: m.Rows[r], Col: m.Cols[c], Records: recs})
	})
	return out
}

// HeadLabel names a matrix head: the element's label, "(itself)" for the
// records made at the element alone.
func HeadLabel(h model.Head) string {
	if h.Self {
		return h.Element.Label() + " (itself)"
	}
	return h.Element.Label()
}

// HeadID is a head's short name, for narrow column headings.
func HeadID(h model.Head) string {
	id := h.Element.DisplayID()
	if h.Element.SiteID() && h.Element.DisplayTitle() != "" {
		id = h.Element.DisplayTitle()
	}
	if h.Self {
		id += " (itself)"
	}
	return id
}

// CellURL is where cell (row, col) links: the page of its records, or,
// on a drill-down, the section of the page that lists them, or the block
// of the drill-down one level down that does (model.CellBlock).
func (m Matrix) CellURL(row, col int) string {
	if m.page == nil || m.Local {
		return "#" + m.CellID(row, col)
	}
	head := [2]model.Head{m.Rows[row], m.Cols[col]}
	if d := m.cw.Parts.Cells[head]; d != nil {
		return m.page.DocURL(d)
	}
	if b, ok := m.cw.Parts.Blocks[head]; ok {
		return m.page.DocURL(b.Doc) + "#" + b.ID
	}
	return ""
}

// RowURL is where a row's heading links: the drill-down into its element,
// or the element's page at the finest level or for the element alone.
func (m Matrix) RowURL(row int) string { return m.headURL(m.Rows[row], m.cw.Parts.Rows) }

// ColURL is where a column's heading links, as RowURL.
func (m Matrix) ColURL(col int) string { return m.headURL(m.Cols[col], m.cw.Parts.Columns) }

func (m Matrix) headURL(h model.Head, drills map[*model.Element]*model.Doc) string {
	if m.page == nil {
		return ""
	}
	if d := drills[h.Element]; d != nil && !h.Self && d != m.page.Doc {
		return m.page.DocURL(d)
	}
	return m.page.ElementURL(h.Element)
}

// LevelReach counts, for one level of a framework, how a crosswalk's
// records reach its elements (model.Crosswalk.Reach): the one count the
// crosswalk page's coverage and gaps both show.
type LevelReach struct {
	Framework     *model.Framework
	Depth         int
	Level         model.Level
	Total         int
	Direct        int                    // named by a record
	Inherited     int                    // within an element a record names
	Contains      int                    // containing an element a record names
	Unreached     []*model.Element       // none of these
	NoCounterpart []*model.NoCounterpart // of the level's elements, recorded as having no counterpart
}

// Reached returns how many of the level's elements are reached at all.
func (l LevelReach) Reached() int { return l.Total - len(l.Unreached) }

// Unit reports whether records are made at this level: the crosswalk's
// unit on this side.
func (l LevelReach) Unit() bool { return l.Direct > 0 }

func levelReach(cw *model.Crosswalk, fw *model.Framework, reach map[*model.Element]model.Reach) []LevelReach {
	out := make([]LevelReach, len(fw.Levels))
	for i := range out {
		out[i] = LevelReach{Framework: fw, Depth: i, Level: fw.Levels[i]}
	}
	for _, e := range fw.Elements {
		if e.Depth >= len(out) {
			continue
		}
		l := &out[e.Depth]
		l.Total++
		switch reach[e] {
		case model.Direct:
			l.Direct++
		case model.Inherited:
			l.Inherited++
		case model.Contains:
			l.Contains++
		default:
			l.Unreached = append(l.Unreached, e)
		}
		for _, nc := range e.NoCounterparts {
			if nc.Crosswalk == cw {
				l.NoCounterpart = append(l.NoCounterpart, nc)
			}
		}
	}
	return out
}

// Coverage is how a crosswalk's records reach the elements at the finest
// level of one top-level element's subtree.
type Coverage struct {
	Element   *model.Element
	Level     model.Level
	Direct    int
	Inherited int
	Total     int
}

// Covered returns the elements reached directly or through a parent.
func (c Coverage) Covered() int { return c.Direct + c.Inherited }

// Percent returns the covered share, rounded down.
func (c Coverage) Percent() int {
	if c.Total == 0 {
		return 0
	}
	return c.Covered() * 100 / c.Total
}

// coverage counts, per top-level element, its elements at the framework's
// finest level: what a reader means by "how much of X is covered".
//
// A framework of one level gets none (its level's counts say it all).
func coverage(fw *model.Framework, reach map[*model.Element]model.Reach) []Coverage {
	finest := len(fw.Levels) - 1
	if finest < 1 {
		return nil
	}
	var out []Coverage
	for _, r := range fw.Roots {
		c := Coverage{Element: r, Level: fw.Levels[finest]}
		for _, e := range append([]*model.Element{r}, r.Descendants()...) {
			if e.Depth != finest {
				continue
			}
			c.Total++
			switch reach[e] {
			case model.Direct:
				c.Direct++
			case model.Inherited:
				c.Inherited++
			}
		}
		out = append(out, c)
	}
	return out
}

// Side is what the crosswalk page says of one of its two frameworks.
type Side struct {
	Framework *model.Framework
	Levels    []LevelReach // one per level, top first
	// Roots is the coverage per top-level element, at the finest level;
	// past model.MaxHeads top-level elements, only those with some
	// covered, and Uncovered counts the others.
	Roots     []Coverage
	Uncovered int
}

// SideOf returns what the page says of fw, one of the crosswalk's two
// frameworks.
func (v *CrosswalkView) SideOf(fw *model.Framework) Side {
	for _, s := range v.Sides {
		if s.Framework == fw {
			return s
		}
	}
	return Side{}
}

// boundRoots leaves out, past model.MaxHeads, the top-level elements of
// which nothing is covered, so that the table follows the records, not
// the framework's breadth, as the matrix does.
func boundRoots(all []Coverage) (shown []Coverage, left int) {
	if len(all) <= model.MaxHeads {
		return all, 0
	}
	for _, c := range all {
		if c.Covered() > 0 {
			shown = append(shown, c)
		} else {
			left++
		}
	}
	return shown, left
}

// Gaps returns what the crosswalk page lists of a level's unreached
// elements: the first model.GapLimit.
func (l LevelReach) Gaps() []*model.Element {
	return l.Unreached[:min(len(l.Unreached), model.GapLimit)]
}

// Unit returns the counts of the level whose elements records name most
// often, the deeper on a tie (the crosswalk's unit on this side: NIST AI
// RMF categories, AI Verify outcomes for the official crosswalk), or of
// the finest level when records name none.
func (s Side) Unit() LevelReach {
	unit := s.Finest()
	for i := len(s.Levels) - 1; i >= 0; i-- {
		if s.Levels[i].Direct > unit.Direct {
			unit = s.Levels[i]
		}
	}
	return unit
}

// Finest returns the counts of the framework's finest level: the
// headline of its coverage.
func (s Side) Finest() LevelReach { return s.Levels[len(s.Levels)-1] }

// CrosswalkView is what a crosswalk page shows.
type CrosswalkView struct {
	*model.Crosswalk
	Sides         []Side  // the source's, then the target's
	Relationships []Count // records per relationship term ("" counted as not stated)
	Unstated      int     // records that state no relationship type
	SourceCount   int     // distinct source elements the records name
	TargetCount   int     // distinct target elements
	Bases         []Count // records per basis
	// Which optional columns the record table needs: a column that would
	// be empty, or the same on every row, is left out and said once.
	HasRationale, HasBasis, HasAsPublished, HasNote, StatusesVary bool
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
	reach := cw.Reach()
	for _, fw := range []*model.Framework{cw.Source, cw.Target} {
		roots, uncovered := boundRoots(coverage(fw, reach))
		v.Sides = append(v.Sides, Side{Framework: fw, Levels: levelReach(cw, fw, reach), Roots: roots, Uncovered: uncovered})
	}
	rel := map[string]int{}
	basis := map[string]int{}
	sources, targets := map[*model.Element]bool{}, map[*model.Element]bool{}
	for _, m := range cw.Mappings {
		if m.Source == nil || m.Target == nil {
			continue
		}
		sources[m.Source], targets[m.Target] = true, true
		if m.Term == nil {
			v.Unstated++
		} else {
			rel[m.Term.ID]++
		}
		basis[m.Basis]++
		v.HasRationale = v.HasRationale || m.Rationale != ""
		v.HasBasis = v.HasBasis || m.Basis != "" || m.Evidence != ""
		v.HasAsPublished = v.HasAsPublished || m.AsPublished != ""
		v.HasNote = v.HasNote || m.Note != "" || len(m.References) > 0
		v.StatusesVary = v.StatusesVary || m.Status != cw.Status
	}
	v.SourceCount, v.TargetCount = len(sources), len(targets)
	for _, t := range cw.Vocabulary.Terms {
		if n := rel[t.ID]; n > 0 {
			v.Relationships = append(v.Relationships, Count{t.ID, n})
		}
	}
	if v.HasBasis {
		for b, n := range basis {
			if b == "" {
				b = "(none given)"
			}
			v.Bases = append(v.Bases, Count{b, n})
		}
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

// Matrix is the crosswalk page's matrix, top level × top level.
func (p *Page) Matrix() Matrix {
	cw := p.Crosswalk.Crosswalk
	return Matrix{Matrix: cw.Parts.Matrix, ID: "m1", cw: cw, page: p,
		Title: cw.Source.Name() + " " + levelPlural(cw.Source, 0) + " × " + cw.Target.Name() + " " + levelPlural(cw.Target, 0)}
}

// GapLimit is how many unreached elements of a level the crosswalk page
// lists.
func (p *Page) GapLimit() int { return model.GapLimit }

// RecordsPerPage is how many records a page of a record table lists.
func (p *Page) RecordsPerPage() int { return model.RecordsPerPage }

// MatrixArgs is the argument of the matrix partial.
type MatrixArgs struct {
	Page   *Page
	Matrix Matrix
}

// ShowMatrix is the matrix partial's argument for m on this page.
func (p *Page) ShowMatrix(m Matrix) MatrixArgs { return MatrixArgs{Page: p, Matrix: m} }

// RecordTableArgs is the argument of the record-table partial.
type RecordTableArgs struct {
	Page      *Page
	Crosswalk *CrosswalkView
	Records   []*model.Mapping
	Caption   string
}

// RecordTable is the record-table partial's argument: records of cw, on
// this page, under caption.
func (p *Page) RecordTable(cw *CrosswalkView, records []*model.Mapping, caption string) RecordTableArgs {
	return RecordTableArgs{Page: p, Crosswalk: cw, Records: records, Caption: caption}
}

// Filterable reports whether the table gets filters (FilterableRows).
func (a RecordTableArgs) Filterable() bool { return filterable(len(a.Records)) }

// Levels are the table's level filters, both sides.
func (a RecordTableArgs) Levels() TableLevels {
	sources := make([]*model.Element, len(a.Records))
	targets := make([]*model.Element, len(a.Records))
	for i, m := range a.Records {
		sources[i], targets[i] = m.Source, m.Target
	}
	return TableLevels{Source: levelFilters(sources), Target: levelFilters(targets)}
}

// PartView is what a crosswalk part page shows.
type PartView struct {
	*model.CrosswalkPart
	View *CrosswalkView // the crosswalk's
}

// PartMatrix is a drill-down page's matrix.
func (p *Page) PartMatrix() Matrix {
	pt := p.Part
	cw := pt.Crosswalk
	title := pt.Element.FullLabel() + " × " + cw.Target.Name() + " " + levelPlural(cw.Target, 0)
	if pt.Kind == model.PartColumn {
		title = cw.Source.Name() + " " + levelPlural(cw.Source, 0) + " × " + pt.Element.FullLabel()
	}
	return Matrix{Matrix: pt.Matrix, ID: "cell", cw: cw, page: p, Title: title, Local: pt.Matrix.Total <= model.RecordsPerPage, part: pt.CrosswalkPart}
}

// CellGroup is a block of a drill-down's cells: those of one column of
// a row drill-down, or of one row of a column drill-down. Its records
// are those of one cell of the drill-down above, which links to it
// (model.CellBlock).
type CellGroup struct {
	ID    string // Head.WithinID
	Title string // the drill-down's element × the head
	Head  model.Head
	Count int // records
	Cells []Cell
}

// Groups returns a drill-down's non-empty cells in blocks by the other
// side's heads (CellGroup), in their order; none for a matrix that is
// not a drill-down's.
func (m Matrix) Groups() []CellGroup {
	if m.part == nil {
		return nil
	}
	byColumn := m.part.Kind == model.PartRow
	outer, inner := len(m.Cols), len(m.Rows)
	if !byColumn {
		outer, inner = inner, outer
	}
	var out []CellGroup
	for o := range outer {
		var g CellGroup
		for i := range inner {
			r, c := i, o
			if !byColumn {
				r, c = o, i
			}
			if recs := m.RecordsAt(r, c); len(recs) > 0 {
				g.Cells = append(g.Cells, Cell{ID: m.CellID(r, c), Row: m.Rows[r], Col: m.Cols[c], Records: recs})
				g.Count += len(recs)
			}
		}
		if len(g.Cells) == 0 {
			continue
		}
		if byColumn {
			g.Head = m.Cols[o]
			g.Title = m.part.Element.Label() + " × " + HeadLabel(g.Head)
		} else {
			g.Head = m.Rows[o]
			g.Title = HeadLabel(g.Head) + " × " + m.part.Element.Label()
		}
		g.ID = g.Head.WithinID()
		out = append(out, g)
	}
	return out
}

// FrameworkView is what a framework page shows.
type FrameworkView struct {
	*model.Framework
	Crosswalks []*model.Crosswalk // crosswalks from or to this framework
}
