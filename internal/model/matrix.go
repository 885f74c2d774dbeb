package model

import (
	"cmp"
	"maps"
	"slices"

	"github.com/crosswalk-ssg/crosswalk/internal/layout"
)

// Head is a row or a column of a matrix: an element with everything it
// holds, or (Self) the element alone, for the records made at it rather
// than at what it holds.
type Head struct {
	Element *Element
	Self    bool
}

// WithinID is the id of the block of a drill-down that holds the cells
// within h (layout.CellsWithinID): what a larger drill-down's cell links
// to and the block the drill-down writes, named in one place.
func (h Head) WithinID() string {
	return layout.CellsWithinID(layout.CellSlug(h.Element.Slug, h.Self))
}

// Subtrees are heads for each of es with what it holds.
func Subtrees(es []*Element) []Head {
	out := make([]Head, len(es))
	for i, e := range es {
		out[i] = Head{Element: e}
	}
	return out
}

// DrillHeads are the heads a matrix drills into e with: e alone (the
// records made at e itself), then each of its children with what it
// holds, so that every record within e falls under exactly one of them.
func DrillHeads(e *Element) []Head {
	return append([]Head{{Element: e, Self: true}}, Subtrees(e.Children)...)
}

// Matrix counts a crosswalk's mapping records between Rows (heads in its
// source framework) and Cols (in its target), and keeps each cell's
// records, in the crosswalk's order. Records whose elements fall under no
// row or no column are not counted. The cells are kept in a grid when
// the matrix is small beside its records, by cell otherwise: two wide,
// flat frameworks would make a grid quadratic in their breadth (4,000 ×
// 4,000 heads held 125 MB), where their records are a few thousand.
type Matrix struct {
	Rows, Cols []Head
	RowTotals  []int
	ColTotals  []int
	Total      int
	cells      cellRecords // by r*len(Cols)+c
}

// Count returns the number of records in cell (r, c).
func (m *Matrix) Count(r, c int) int { return len(m.RecordsAt(r, c)) }

// RecordsAt returns the records of cell (r, c), in the crosswalk's order.
func (m *Matrix) RecordsAt(r, c int) []*Mapping { return m.cells.get(r*len(m.Cols) + c) }

// EachCell calls f for every cell with records, in row order, then
// column order.
func (m *Matrix) EachCell(f func(r, c int, recs []*Mapping)) {
	m.cells.each(func(k int, recs []*Mapping) { f(k/len(m.Cols), k%len(m.Cols), recs) })
}

// Heads are the rows or the columns of matrices, indexed once: a
// crosswalk's drill-downs share the other side's top level.
type Heads struct {
	List  []Head
	index map[*Element]int
}

// NewHeads indexes hs: every element under them to its head's index.
func NewHeads(hs []Head) *Heads { return &Heads{List: hs, index: headIndex(hs)} }

// MaxCells is the most cells a matrix is drawn with. Past it (two wide,
// flat frameworks) a page lists the matrix's FullestListed fullest cells
// instead, and only those cells get pages of their own: the others'
// records are on the record table's pages and on both elements' pages.
const MaxCells = 2500

// FullestListed is how many cells a matrix too large to draw lists.
const FullestListed = 50

// Drawable reports whether the matrix is small enough to draw.
func (m *Matrix) Drawable() bool { return len(m.Rows)*len(m.Cols) <= MaxCells }

// Fullest returns the positions (row, column) of up to n non-empty
// cells, most records first, in row order among equals.
func (m *Matrix) Fullest(n int) [][2]int {
	var out [][2]int
	m.EachCell(func(r, c int, _ []*Mapping) { out = append(out, [2]int{r, c}) })
	slices.SortStableFunc(out, func(a, b [2]int) int { return cmp.Compare(m.Count(b[0], b[1]), m.Count(a[0], a[1])) })
	return out[:min(n, len(out))]
}

// MaxHeads is the most rows or columns a matrix shows with empty ones
// among them: a matrix with more leaves out its empty rows and columns, so
// that its size follows its records, not the breadth of the frameworks
// (600 flat ATT&CK techniques as columns).
const MaxHeads = 40

// NewMatrix counts records (linked records of one crosswalk, in its order)
// between rows and cols. A Self head with no records is left out, so that
// a drill-down shows "e itself" only where records are made at e; so are
// all empty heads of a side with more than MaxHeads, and, when sparse is
// set, every empty head (a drill-down shows what its element's records
// reach).
func NewMatrix(records []*Mapping, rowHeads, colHeads *Heads, sparse bool) *Matrix {
	m := &Matrix{}
	rows, cols := rowHeads.List, colHeads.List
	rowOf, colOf := rowHeads.index, colHeads.index
	// The records of cell (r, c), at r*len(cols)+c (newCellRecords).
	byCell := newCellRecords(len(rows)*len(cols), len(records))
	rowN, colN := make([]int, len(rows)), make([]int, len(cols))
	for _, rec := range records {
		if rec.Source == nil || rec.Target == nil {
			continue
		}
		r, okR := rowOf[rec.Source]
		c, okC := colOf[rec.Target]
		if !okR || !okC {
			continue
		}
		byCell.add(r*len(cols)+c, rec)
		rowN[r]++
		colN[c]++
	}
	keep := func(heads []Head, n []int) []int {
		dropEmpty := sparse || len(heads) > MaxHeads
		var out []int
		for i, h := range heads {
			if n[i] > 0 || (!h.Self && !dropEmpty) {
				out = append(out, i)
			}
		}
		return out
	}
	rs, cs := keep(rows, rowN), keep(cols, colN)
	for _, r := range rs {
		m.Rows = append(m.Rows, rows[r])
	}
	for _, c := range cs {
		m.Cols = append(m.Cols, cols[c])
	}
	// The kept heads' cells, numbered anew.
	rowAt, colAt := kept(rs, len(rows)), kept(cs, len(cols))
	m.cells = newCellRecords(len(rs)*len(cs), len(records))
	m.RowTotals, m.ColTotals = make([]int, len(rs)), make([]int, len(cs))
	byCell.each(func(k int, recs []*Mapping) {
		if i, j := rowAt[k/len(cols)], colAt[k%len(cols)]; i >= 0 && j >= 0 {
			m.put(i, j, recs)
		}
	})
	return m
}

// put sets the records of cell (r, c), which had none, and counts them in
// the totals.
func (m *Matrix) put(r, c int, recs []*Mapping) {
	m.cells.set(r*len(m.Cols)+c, recs)
	m.RowTotals[r] += len(recs)
	m.ColTotals[c] += len(recs)
	m.Total += len(recs)
}

// kept returns, for each of n heads, its place among those kept (their
// indexes, in order), or -1.
func kept(keep []int, n int) []int {
	at := make([]int, n)
	for i := range at {
		at[i] = -1
	}
	for i, k := range keep {
		at[k] = i
	}
	return at
}

// cellRecords are the records of a matrix's cells, by cell number.
type cellRecords struct {
	dense  [][]*Mapping
	sparse map[int][]*Mapping
}

// newCellRecords returns the cells of a matrix of n cells for records:
// in a slice when the matrix is small beside its records (a large
// crosswalk has thousands of drill-down matrices to count, and a map is
// most of their cost), in a map when it is wide and sparse.
func newCellRecords(n, records int) cellRecords {
	if n <= 16*records+1024 {
		return cellRecords{dense: make([][]*Mapping, n)}
	}
	return cellRecords{sparse: map[int][]*Mapping{}}
}

func (c cellRecords) add(k int, rec *Mapping) { c.set(k, append(c.get(k), rec)) }

func (c cellRecords) set(k int, recs []*Mapping) {
	if c.dense != nil {
		c.dense[k] = recs
	} else {
		c.sparse[k] = recs
	}
}

func (c cellRecords) get(k int) []*Mapping {
	if c.dense != nil {
		return c.dense[k]
	}
	return c.sparse[k]
}

// each calls f for every cell with records, by cell number.
func (c cellRecords) each(f func(k int, recs []*Mapping)) {
	if c.dense != nil {
		for k, recs := range c.dense {
			if len(recs) > 0 {
				f(k, recs)
			}
		}
		return
	}
	for _, k := range slices.Sorted(maps.Keys(c.sparse)) {
		f(k, c.sparse[k])
	}
}

// headIndex maps every element under the heads to the index of its head;
// a Self head takes its element from the head that holds it.
func headIndex(heads []Head) map[*Element]int {
	idx := map[*Element]int{}
	for i, h := range heads {
		if h.Self {
			continue
		}
		idx[h.Element] = i
		for _, d := range h.Element.Descendants() {
			idx[d] = i
		}
	}
	for i, h := range heads {
		if h.Self {
			idx[h.Element] = i
		}
	}
	return idx
}

// PartKind is what a crosswalk part page shows.
type PartKind string

// The kinds of crosswalk part page.
const (
	PartRow     PartKind = "row"     // a matrix of one source element's children × the target's top level
	PartColumn  PartKind = "column"  // the source's top level × one target element's children
	PartCell    PartKind = "cell"    // the records one matrix cell counts
	PartRecords PartKind = "records" // one page of the record table
	PartGaps    PartKind = "gaps"    // every element of one side that no record reaches
)

// GapLimit is how many unreached elements of a level the crosswalk page
// lists; a side with more gets a page of its gaps (PartGaps), which lists
// them all.
const GapLimit = 100

// CrosswalkPart is a page of a crosswalk beside its own, placed by the
// link stage: drill-down matrices, cells' records, and the pages of a
// record table too long for one page.
type CrosswalkPart struct {
	Crosswalk *Crosswalk
	Kind      PartKind
	Matrix    *Matrix // PartRow and PartColumn: the drill-down
	Element   *Element
	Row, Col  Head       // PartCell
	Records   []*Mapping // PartCell and PartRecords
	Page      int        // PartRecords: its number, from 1
	Side      *Framework // PartGaps: whose gaps
}

// Parts are a crosswalk's part pages and how to find them.
type Parts struct {
	Matrix  *Matrix // the crosswalk page's matrix: top level × top level
	Cells   map[[2]Head]*Doc
	Blocks  map[[2]Head]CellBlock // cells listed in the next drill-down down instead of on a page of their own
	Rows    map[*Element]*Doc     // drill-downs of source elements
	Columns map[*Element]*Doc     // of target elements
	Records []*Doc                // the record table's pages; none when it fits on the crosswalk page
	Gaps    map[*Framework]*Doc   // the gaps pages of the sides with more than GapLimit gaps at a level
}

// CellBlock is where the drill-down one level down lists the records of
// a cell of a drill-down too large to list its own: the block of Doc's
// page with the id ID (Head.WithinID), holding that cell's records
// split by the next level.
type CellBlock struct {
	Doc *Doc
	ID  string
}

// RecordsPerPage is how many mapping records the crosswalk page's table
// shows; a crosswalk with more publishes its table on pages of this many.
const RecordsPerPage = 500

// MatrixOf returns the matrix of rows × cols whose cell (r, c) holds
// records[r][c], with its totals: a matrix made other than by counting.
func MatrixOf(rows, cols []Head, records [][][]*Mapping) *Matrix {
	m := &Matrix{Rows: rows, Cols: cols, RowTotals: make([]int, len(rows)), ColTotals: make([]int, len(cols))}
	m.cells = newCellRecords(len(rows)*len(cols), 0)
	for r, row := range records {
		for c, recs := range row {
			m.put(r, c, recs)
		}
	}
	return m
}
