package render

import (
	"sort"
	"strconv"
	"strings"

	"github.com/crosswalk-ssg/crosswalk/internal/model"
)

// TableLevels is what filters.js offers as a record table's level filters:
// for each side, one filter per framework level, listing the elements of
// that level on the paths of the table's rows, in framework order. It is
// written once per table, as JSON, so that a row carries only its path
// (the Order of each element from its root down, see writeRowPath) and not a
// label per level.
type TableLevels struct {
	Source []LevelFilter `json:"source,omitempty"`
	Target []LevelFilter `json:"target,omitempty"`
}

// LevelFilter is one level's filter: its name ("NIST AI RMF category")
// and its options.
type LevelFilter struct {
	Name    string        `json:"name"`
	Options []LevelOption `json:"options"`
}

// LevelOption is an element a level filter offers: its Order (what rows
// name it by), its slug (what the address's fragment names it by, stable
// across builds) and its label.
type LevelOption struct {
	Order int    `json:"o"`
	Slug  string `json:"s"`
	Label string `json:"l"`
}

// FilterableRows is how many rows a table needs for filters.js to offer
// its filters, sorting and "download these rows" (and for the page to
// carry the table's level filters): a table of a few rows is read at a
// glance, and a drill-down page of a large crosswalk has a hundred such
// tables, whose level filters were a fifth of its bytes.
const FilterableRows = 6

// filterable reports whether a table of n rows gets filters.
func filterable(n int) bool { return n >= FilterableRows }

// levelFilters returns the level filters for the elements of one side of
// a table: every element on their paths, grouped by depth and in framework
// order within each.
func levelFilters(elements []*model.Element) []LevelFilter {
	seen := map[*model.Element]bool{}
	var byDepth [][]*model.Element
	for _, e := range elements {
		for a := e; a != nil && !seen[a]; a = a.Parent {
			seen[a] = true
			for len(byDepth) <= a.Depth {
				byDepth = append(byDepth, nil)
			}
			byDepth[a.Depth] = append(byDepth[a.Depth], a)
		}
	}
	out := make([]LevelFilter, 0, len(byDepth))
	for depth, at := range byDepth {
		if len(at) == 0 {
			break // cannot happen: every path starts at depth 0
		}
		sort.Slice(at, func(i, j int) bool { return at[i].Order < at[j].Order })
		f := at[0].Framework
		name := f.Name()
		if depth < len(f.Levels) {
			name += " " + f.Levels[depth].Name
		}
		lf := LevelFilter{Name: name, Options: make([]LevelOption, len(at))}
		for i, e := range at {
			lf.Options[i] = LevelOption{Order: e.Order, Slug: e.Slug, Label: e.Label()}
		}
		out = append(out, lf)
	}
	return out
}

// writeRowPath writes a table row's path on one side to b: the Order of
// each element from the root down to e, space-separated ("0 3 17"),
// which the level filters match against; written straight into the rows,
// with nothing made for each.
func writeRowPath(b *strings.Builder, e *model.Element) {
	if e.Parent != nil {
		writeRowPath(b, e.Parent)
		b.WriteByte(' ')
	}
	var digits [20]byte
	b.Write(strconv.AppendInt(digits[:0], int64(e.Order), 10))
}
