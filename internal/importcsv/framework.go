package importcsv

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/crosswalk-ssg/crosswalk/internal/catalog"
	"github.com/crosswalk-ssg/crosswalk/internal/export"
)

// FrameworkColumns are the columns of a framework table that
// ReadFramework reads as the element's own data; every other column is a
// labelled field.
var FrameworkColumns = []string{"id", "parent", "number", "title", "statement", "level"}

// ReadFramework reads a framework table: one row per element, with the
// columns of FrameworkColumns in any order, matched as Read matches
// headings and renamed by columns (our column name → the table's
// heading) in the same way:
//
//   - id: required, trimmed; unique in the table;
//   - parent: the parent's id, trimmed; empty for a top-level element.
//     The parent may be defined in any row, before or after;
//   - number: the id the publisher shows, when it differs from id;
//   - title, statement: kept as written; each element needs one;
//   - level: what the element is called ("subcategory"), trimmed.
//
// Every other column is a labelled field, its heading (trimmed) the
// label and the cell its text, in the table's column order; an empty cell
// gives no field. Elements are in row order among their siblings.
//
// The table is read with the same tolerance as Read: a byte order mark,
// an Excel "sep=" line, ";" as the delimiter, CRLF or lone CR line ends,
// quoted line breaks, at most MaxRecords rows, and every cell through
// export.UnescapeFormula. Every problem is returned at once, as a
// diag.Errors at FILE:row:column: a missing id column, an empty id, a
// duplicate id (naming the first row), an element without a title or a
// statement, a parent that no row defines, and a cycle of parents (each
// element of it). The framework's metadata is not in the table; the
// caller sets it.
func ReadFramework(data []byte, name string, columns map[string]string) (*catalog.Framework, []string, error) {
	byHeading, renamed, err := headingsOf(FrameworkColumns, columns, "a framework table's columns are")
	if err != nil {
		return nil, nil, err
	}
	t := &frameworkTable{scan: scan{name: name, renamed: renamed}, byHeading: byHeading, col: map[string]int{}, byID: map[string]*frameworkRow{}}
	t.rows(data, func(n int) { t.list = make([]*frameworkRow, 0, min(n, MaxRecords)) }, t.header, t.row)
	if t.headerMissing {
		t.errs.Add(t.pos(1, 1), "the table is empty: it needs a header row naming its columns (id, title, …)")
	}
	fw := t.tree()
	if err := t.errs.Err(); err != nil {
		return nil, nil, err
	}
	var notices []string
	if t.crLineEnds {
		notices = append(notices, t.name+": "+crNotice)
	}
	return fw, notices, nil
}

type frameworkTable struct {
	scan
	byHeading map[string]string // normalized heading → column name
	col       map[string]int    // column name → field index
	fields    []int             // field indexes of the labelled-field columns
	labels    []string          // their labels, by field index
	list      []*frameworkRow   // in row order
	byID      map[string]*frameworkRow
}

type frameworkRow struct {
	e      *catalog.Element
	parent string
	line   int
	idCol  int
	parCol int
}

func (t *frameworkTable) header(rec []string, line int) {
	t.width = len(rec)
	t.labels = make([]string, len(rec))
	seenLabel := map[string]int{}
	for i, h := range rec {
		if !utf8.ValidString(h) {
			t.errs.Add(t.pos(line, i+1), "heading is not UTF-8 text: save the table as UTF-8")
			continue
		}
		if c, ok := t.byHeading[normalize(h)]; ok {
			if prev, dup := t.col[c]; dup {
				t.errs.Add(t.pos(line, i+1), "duplicate column %q: column %d is %s too", h, prev+1, c)
				continue
			}
			t.col[c] = i
			continue
		}
		label := strings.TrimSpace(h)
		if label == "" {
			continue // an unnamed column: nothing to label its text with
		}
		if prev, dup := seenLabel[label]; dup {
			t.errs.Add(t.pos(line, i+1), "duplicate column %q: column %d has the same heading", h, prev)
			continue
		}
		seenLabel[label] = i + 1
		t.fields = append(t.fields, i)
		t.labels[i] = label
	}
	if _, ok := t.col["id"]; !ok {
		t.errs.Add(t.pos(line, 1), "missing column %q", t.heading("id"))
	}
}

func (t *frameworkTable) row(rec []string, line int) {
	if _, ok := t.col["id"]; !ok {
		return // reported at the header: no row can be read without ids
	}
	if !t.fits(rec, line) {
		return
	}
	notText := false
	cellAt := func(i int) string {
		if !utf8.ValidString(rec[i]) {
			notText = true
			t.errs.Add(t.pos(line, i+1), "not UTF-8 text: save the table as UTF-8")
			return ""
		}
		return export.UnescapeFormula(rec[i])
	}
	cell := func(c string) (string, int) {
		i, ok := t.col[c]
		if !ok {
			return "", 0
		}
		return cellAt(i), i + 1
	}
	id, idCol := cell("id")
	id = strings.TrimSpace(id)
	parent, parCol := cell("parent")
	number, _ := cell("number")
	title, _ := cell("title")
	statement, _ := cell("statement")
	level, _ := cell("level")
	r := &frameworkRow{parent: strings.TrimSpace(parent), line: line, idCol: idCol, parCol: parCol}
	r.e = &catalog.Element{
		ID: id, Label: strings.TrimSpace(number), Level: strings.TrimSpace(level),
		Title: title, Statement: statement, Pos: t.pos(line, idCol),
	}
	for _, i := range t.fields {
		if text := cellAt(i); strings.TrimSpace(text) != "" {
			r.e.Fields = append(r.e.Fields, catalog.Field{Label: t.labels[i], Text: text})
		}
	}
	switch {
	case id == "":
		t.errs.Add(t.pos(line, max(idCol, 1)), "the element has no id")
		return
	case t.byID[id] != nil:
		t.errs.Add(t.pos(line, idCol), "duplicate id %q (first at row %d)", id, t.byID[id].line)
		return
	}
	if strings.TrimSpace(title) == "" && strings.TrimSpace(statement) == "" && !notText {
		t.errs.Add(t.pos(line, idCol), "element %q needs a title or a statement", id)
	}
	t.byID[id] = r
	t.list = append(t.list, r)
}

// tree attaches each row to its parent and returns the framework of the
// top-level rows, reporting unknown parents and each element of a cycle of
// parents. Each row is walked up once: the walk stops at a row already
// settled, so the time is linear in the rows however deep the tree.
func (t *frameworkTable) tree() *catalog.Framework {
	const (
		unknown = iota
		walking
		settled
	)
	state := make(map[*frameworkRow]int, len(t.list))
	cyclic := map[*frameworkRow]bool{}
	for _, r := range t.list {
		var stack []*frameworkRow
		for p := r; p != nil && state[p] == unknown; p = t.byID[p.parent] {
			state[p] = walking
			stack = append(stack, p)
			if next := t.byID[p.parent]; next != nil && state[next] == walking {
				// next is on this walk: the rows from next to p are a cycle.
				i := slices.Index(stack, next)
				ids := make([]string, 0, len(stack)-i+1)
				for _, c := range stack[i:] {
					ids = append(ids, c.e.ID)
					cyclic[c] = true
				}
				ids = append(ids, next.e.ID)
				for _, c := range stack[i:] {
					t.errs.Add(t.pos(c.line, c.parCol), "parent %q of %q forms a cycle: %s", c.parent, c.e.ID, strings.Join(ids, " → "))
				}
				break
			}
		}
		for _, p := range stack {
			state[p] = settled
		}
	}
	fw := &catalog.Framework{}
	for _, r := range t.list {
		switch p := t.byID[r.parent]; {
		case r.parent == "":
			fw.Elements = append(fw.Elements, r.e)
		case p == nil:
			t.errs.Add(t.pos(r.line, r.parCol), "parent %q of %q is not defined: no row has that id", r.parent, r.e.ID)
		case !cyclic[r]:
			p.e.Children = append(p.e.Children, r.e)
		}
	}
	return fw
}
