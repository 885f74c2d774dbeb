package link

import (
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/crosswalk-ssg/crosswalk/internal/diag"
	"github.com/crosswalk-ssg/crosswalk/internal/layout"
	"github.com/crosswalk-ssg/crosswalk/internal/model"
)

// placeParts places a linked crosswalk's part pages (model.Parts):
//
//   - for the crosswalk page's matrix, top level × top level, a page for
//     each non-empty cell, listing its records once;
//   - a drill-down for every element whose children records reach: a
//     source element's children × the target's top level, or the source's
//     top level × a target element's children, without empty heads. It
//     lists the records of its cells in sections below its matrix, in
//     blocks by the other side's head. Past model.RecordsPerPage records
//     it links each cell to the block of the drill-down one level down
//     that lists the cell's records (model.CellBlock), and to a cell page
//     of its own only where there is none (a leaf, an element's records
//     made at itself, or one level down too large again);
//   - past model.RecordsPerPage records, the pages of the record table.
//
// A record is on the page of its top-level cell and on one drill-down per
// level of each of its elements, so the pages grow with the records and
// the frameworks' depth; matrices leave out empty heads past
// model.MaxHeads, so they do not grow with the frameworks' breadth.
func (ix *Index) placeParts(cw *model.Crosswalk, errs *diag.List) {
	if cw.Doc == nil || cw.Source == nil || cw.Target == nil {
		return
	}
	p := &cw.Parts
	p.Cells, p.Rows, p.Columns = map[[2]model.Head]*model.Doc{}, map[*model.Element]*model.Doc{}, map[*model.Element]*model.Doc{}
	p.Blocks = map[[2]model.Head]model.CellBlock{}
	srcTop, tgtTop := model.NewHeads(model.Subtrees(cw.Source.Roots)), model.NewHeads(model.Subtrees(cw.Target.Roots))
	p.Matrix = model.NewMatrix(cw.Mappings, srcTop, tgtTop, false)
	ix.placeCells(cw, p.Matrix, nil, errs)
	within := recordsWithin(cw)
	in := within.of
	// The drill-downs' matrices are counted in parallel (a large
	// crosswalk has thousands, the larger part of linking it), then
	// placed in order.
	var drilldowns []*model.CrosswalkPart
	for _, e := range cw.Source.Elements {
		if drills(e, within) {
			drilldowns = append(drilldowns, &model.CrosswalkPart{Crosswalk: cw, Kind: model.PartRow, Element: e})
		}
	}
	for _, e := range cw.Target.Elements {
		if drills(e, within) {
			drilldowns = append(drilldowns, &model.CrosswalkPart{Crosswalk: cw, Kind: model.PartColumn, Element: e})
		}
	}
	inParallel(len(drilldowns), func(i int) {
		part := drilldowns[i]
		heads := model.NewHeads(model.DrillHeads(part.Element))
		if part.Kind == model.PartRow {
			part.Matrix = model.NewMatrix(in(part.Element), heads, tgtTop, true)
		} else {
			part.Matrix = model.NewMatrix(in(part.Element), srcTop, heads, true)
		}
	})
	var large []*model.CrosswalkPart // drill-downs too large to list their cells' records
	for _, part := range drilldowns {
		e := part.Element
		d := &model.Doc{Kind: model.KindCrosswalkPart, Claim: cw.Pos, Part: part}
		placed := p.Rows
		if part.Kind == model.PartRow {
			d.Path, d.Title = layout.CrosswalkRowPage(cw.ID, e.Slug), e.FullLabel()+" × "+cw.Target.Name()
		} else {
			d.Path, d.Title, placed = layout.CrosswalkColumnPage(cw.ID, e.Slug), cw.Source.Name()+" × "+e.FullLabel(), p.Columns
		}
		if ix.claim(d, errs) {
			placed[e] = d
			if part.Matrix.Total > model.RecordsPerPage {
				large = append(large, part)
			}
		}
	}
	// Once every drill-down is placed, a large one's cells can find the
	// one below that lists their records.
	for _, part := range large {
		ix.placeCells(cw, part.Matrix, func(row, col model.Head) (model.CellBlock, bool) { return below(p, part.Kind, row, col) }, errs)
	}
	ix.placeGaps(cw, errs)
	if n := len(cw.Mappings); n > model.RecordsPerPage {
		for i := 0; i*model.RecordsPerPage < n; i++ {
			recs := cw.Mappings[i*model.RecordsPerPage : min(n, (i+1)*model.RecordsPerPage)]
			part := &model.CrosswalkPart{Crosswalk: cw, Kind: model.PartRecords, Records: recs, Page: i + 1}
			d := &model.Doc{Kind: model.KindCrosswalkPart, Path: layout.CrosswalkRecordsPage(cw.ID, i+1), Title: cw.Title + ": records, page " + strconv.Itoa(i+1), Claim: cw.Pos, Part: part}
			if ix.claim(d, errs) {
				p.Records = append(p.Records, d)
			}
		}
	}
}

// inParallel calls f(0) … f(n-1) on as many goroutines as there are
// processors, and returns when every call has.
func inParallel(n int, f func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				f(i)
			}
		})
	}
	wg.Wait()
}

// placeGaps places a gaps page for each side of cw that has more than
// model.GapLimit unreached elements at one of its levels: more than the
// crosswalk page lists.
func (ix *Index) placeGaps(cw *model.Crosswalk, errs *diag.List) {
	cw.Parts.Gaps = map[*model.Framework]*model.Doc{}
	reach := cw.Reach()
	for _, fw := range []*model.Framework{cw.Source, cw.Target} {
		unreached := map[int]int{}
		most := 0
		for _, e := range fw.Elements {
			if reach[e] == model.NotReached {
				unreached[e.Depth]++
				most = max(most, unreached[e.Depth])
			}
		}
		if most <= model.GapLimit {
			continue
		}
		part := &model.CrosswalkPart{Crosswalk: cw, Kind: model.PartGaps, Side: fw}
		d := &model.Doc{Kind: model.KindCrosswalkPart, Path: layout.CrosswalkGapsPage(cw.ID, fw.ID), Title: cw.Title + ": gaps in " + fw.Name(), Claim: cw.Pos, Part: part}
		if ix.claim(d, errs) {
			cw.Parts.Gaps[fw] = d
		}
	}
}

// drills reports whether e gets a drill-down: it has children, and some
// record names one of them or what it holds. When every record within e
// names e itself, a drill-down would show one row, "e (itself)": e's page
// says as much.
func drills(e *model.Element, within recordsIn) bool {
	if e.Slug == "" {
		return false
	}
	for _, c := range e.Children {
		if len(within.of(c)) > 0 {
			return true
		}
	}
	return false
}

// below finds where the drill-down one level down lists the records of
// cell (row, col) of a drill-down of kind: the drill-down of the row's
// element (a row drill-down) or the column's, in its block for the other
// head, when it lists its cells' records itself.
func below(p *model.Parts, kind model.PartKind, row, col model.Head) (model.CellBlock, bool) {
	opened, other, drills := row, col, p.Rows
	if kind == model.PartColumn {
		opened, other, drills = col, row, p.Columns
	}
	d := drills[opened.Element]
	if opened.Self || d == nil || d.Part.Matrix.Total > model.RecordsPerPage {
		return model.CellBlock{}, false
	}
	return model.CellBlock{Doc: d, ID: other.WithinID()}, true
}

// placeCells places a page for every non-empty cell of m, or, for a
// matrix too large to draw, for the cells its page lists (the fullest),
// unless block (when not nil) finds the cell's records listed in a
// drill-down: no page is placed that nothing links to.
func (ix *Index) placeCells(cw *model.Crosswalk, m *model.Matrix, block func(row, col model.Head) (model.CellBlock, bool), errs *diag.List) {
	var cells [][2]int
	if m.Drawable() {
		m.EachCell(func(r, c int, _ []*model.Mapping) { cells = append(cells, [2]int{r, c}) })
	} else {
		cells = m.Fullest(model.FullestListed)
	}
	for _, rc := range cells {
		r, c := rc[0], rc[1]
		row, col := m.Rows[r], m.Cols[c]
		if block != nil {
			if b, ok := block(row, col); ok {
				cw.Parts.Blocks[[2]model.Head{row, col}] = b
				continue
			}
		}
		part := &model.CrosswalkPart{Crosswalk: cw, Kind: model.PartCell, Row: row, Col: col, Records: m.RecordsAt(r, c)}
		d := &model.Doc{Kind: model.KindCrosswalkPart,
			Path:  layout.CrosswalkCellPage(cw.ID, layout.CellSlug(row.Element.Slug, row.Self), layout.CellSlug(col.Element.Slug, col.Self)),
			Title: headLabel(row) + " × " + headLabel(col), Claim: cw.Pos, Part: part}
		if ix.claim(d, errs) {
			cw.Parts.Cells[[2]model.Head{row, col}] = d
		}
	}
}

// headLabel names a matrix head: "NIST AI RMF GOVERN 1", with "itself"
// for the element alone.
func headLabel(h model.Head) string {
	s := h.Element.FullLabel()
	if h.Self {
		s += " itself"
	}
	return s
}

// recordsIn lists, for every element of a crosswalk's two frameworks, the
// crosswalk's linked records that name it or an element it holds, in the
// crosswalk's order: what its drill-down counts, so that each drill-down
// reads its own records only. They are kept by the elements' places in
// their frameworks (Element.Order): a map by element was a tenth of
// linking a large crosswalk.
type recordsIn struct {
	fw      [2]*model.Framework
	records [2][][]*model.Mapping
}

// of returns the records within e.
func (r recordsIn) of(e *model.Element) []*model.Mapping {
	for i, fw := range r.fw {
		if e.Framework == fw {
			return r.records[i][e.Order]
		}
	}
	return nil
}

func recordsWithin(cw *model.Crosswalk) recordsIn {
	r := recordsIn{fw: [2]*model.Framework{cw.Source, cw.Target}}
	// Counted first, then each element's list is cut from one array a
	// side: appending to them one by one spent its time growing them.
	var counts [2][]int
	for i, fw := range r.fw {
		counts[i] = make([]int, len(fw.Elements))
	}
	within := func(m *model.Mapping, f func(side int, e *model.Element)) {
		for side, e := range [2]*model.Element{m.Source, m.Target} {
			for ; e != nil; e = e.Parent {
				f(side, e)
			}
		}
	}
	linked := func(m *model.Mapping) bool { return m.Source != nil && m.Target != nil }
	for _, m := range cw.Mappings {
		if linked(m) {
			within(m, func(side int, e *model.Element) { counts[side][e.Order]++ })
		}
	}
	for side := range r.fw {
		total := 0
		for _, n := range counts[side] {
			total += n
		}
		all := make([]*model.Mapping, 0, total)
		r.records[side] = make([][]*model.Mapping, len(counts[side]))
		for o, n := range counts[side] {
			r.records[side][o], all = all[:0:n], all[n:n]
		}
	}
	for _, m := range cw.Mappings {
		if linked(m) {
			within(m, func(side int, e *model.Element) { r.records[side][e.Order] = append(r.records[side][e.Order], m) })
		}
	}
	return r
}
