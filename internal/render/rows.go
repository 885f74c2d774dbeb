package render

import (
	"html/template"
	"strconv"
	"strings"

	"github.com/crosswalk-ssg/crosswalk/internal/model"
)

// Rows writes the record table's rows. Like the heatmap they are part of
// the renderer, not of the theme: a record is a row on up to six pages (its
// page of the record table, its cell, a drill-down per level of each of
// its elements), so a large crosswalk has hundreds of thousands of rows,
// and a template spends most of its time in reflection on each one. A
// site restyles the rows with CSS (the classes and data attributes below,
// which filters.js reads) and cannot break their markup.
//
// Every text goes through escapeHTML, which escapes as html/template
// does in text and in quoted attribute values; the URLs are the layout
// package's relative paths, made of slugs.
func (a RecordTableArgs) Rows() template.HTML {
	var b strings.Builder
	b.Grow(len(a.Records) * rowBytes)
	a.writeRows(&b)
	return template.HTML(b.String())
}

func (a RecordTableArgs) writeRows(b *strings.Builder) {
	cw, p := a.Crosswalk, a.Page
	stated := cw.Vocabulary.Stated
	srcName, tgtName := escapeHTML(cw.Source.Name()), escapeHTML(cw.Target.Name())
	for _, m := range a.Records {
		b.WriteString("\n<tr id=\"")
		b.WriteString(m.Anchor())
		b.WriteString("\"")
		filterAttrs(b, m)
		b.WriteString(" data-source-path=\"")
		writeRowPath(b, m.Source)
		b.WriteString("\" data-target-path=\"")
		writeRowPath(b, m.Target)
		b.WriteString("\">\n")
		elementCell(b, p, srcName, m.Source)
		if stated {
			b.WriteString(`<td data-label="Relationship">`)
			if m.Term != nil {
				b.WriteString(`<span class="rel rel-`)
				b.WriteString(escapeHTML(m.Relationship))
				b.WriteString(`">`)
				b.WriteString(escapeHTML(m.Term.Label))
				b.WriteString("</span>")
			} else {
				b.WriteString(`<span class="rel rel-unstated">not stated</span>`)
			}
			b.WriteString("</td>")
		}
		b.WriteString("\n")
		elementCell(b, p, tgtName, m.Target)
		if cw.HasAsPublished {
			textCell(b, "As published", m.AsPublished)
		}
		if cw.HasRationale {
			textCell(b, "Rationale", m.Rationale)
		}
		if cw.HasBasis {
			b.WriteString(`<td data-label="Basis">`)
			basis(b, m)
			b.WriteString("</td>")
		}
		if cw.HasNote {
			b.WriteString(`<td data-label="Notes">`)
			b.WriteString(escapeHTML(m.Note))
			references(b, m.References)
			b.WriteString("</td>")
		}
		if cw.StatusesVary {
			b.WriteString(`<td data-label="Status">`)
			status(b, m)
			b.WriteString("</td>")
		}
		b.WriteString("\n</tr>")
	}
}

// What a record table's parts take, about, so that a builder is made
// large enough once rather than doubled as a drill-down's hundreds of
// cells are written into it (it was a fifth of what a large build
// allocated): a row (two element links, a relationship, a rationale and
// the filters' attributes: 620 bytes on average on the benchmark's
// corpus), the markup around the rows with its head, and a cell's heading
// (together 600 bytes a cell there).
const (
	rowBytes   = 700
	tableBytes = 500
	cellBytes  = 300
)

// Table writes the whole record table (the record-table partial calls
// it): the markup around Head and Rows, and the level filters of a table
// long enough to have them (TableLevels, escaped by html/template as in
// any script element).
func (a RecordTableArgs) Table() (template.HTML, error) {
	var b strings.Builder
	b.Grow(tableBytes + len(a.Records)*rowBytes)
	if err := a.writeTable(&b); err != nil {
		return "", err
	}
	return template.HTML(b.String()), nil
}

// tableLevels writes a table's level filters: the one piece of a record
// table that is not text or an attribute, so html/template escapes it.
var tableLevels = template.Must(template.New("table-levels").Parse(`<script type="application/json" class="table-levels">{{ . }}</script>`))

func (a RecordTableArgs) writeTable(b *strings.Builder) error {
	b.WriteString(`<div class="table-scroll">`)
	filterable := a.Filterable()
	if filterable {
		b.WriteString("\n")
		if err := tableLevels.Execute(b, a.Levels()); err != nil {
			return err
		}
	}
	b.WriteString(`
<table class="mappings"`)
	if filterable {
		b.WriteString(" data-filterable")
	}
	b.WriteString(">\n<caption>")
	b.WriteString(escapeHTML(a.Caption))
	b.WriteString("</caption>\n")
	b.WriteString(string(a.Head()))
	b.WriteString("\n<tbody>")
	a.writeRows(b)
	b.WriteString("\n</tbody>\n</table>\n</div>")
	return nil
}

// CellRecords writes the blocks of a drill-down's cells (CellGroup.Cells)
// of crosswalk cw: each cell's heading, a way back to the matrix and its
// record table. A drill-down of a large crosswalk has hundreds of cells,
// each a handful of records, so they are written here rather than by a
// template, for the reason Rows is.
func (p *Page) CellRecords(cw *CrosswalkView, cells []Cell) (template.HTML, error) {
	var b strings.Builder
	n := 0
	for _, c := range cells {
		n += len(c.Records)
	}
	b.Grow(len(cells)*(cellBytes+tableBytes) + n*rowBytes)
	for _, c := range cells {
		id, title := escapeHTML(c.ID), c.Title()
		b.WriteString("\n<section class=\"cell-records\" id=\"")
		b.WriteString(id)
		b.WriteString("\" aria-labelledby=\"")
		b.WriteString(id)
		b.WriteString("-h\">\n<h4 id=\"")
		b.WriteString(id)
		b.WriteString("-h\">")
		b.WriteString(escapeHTML(title))
		b.WriteString(` <span class="count">`)
		b.WriteString(strconv.Itoa(len(c.Records)))
		b.WriteString(`</span> <a class="back-to-matrix" href="#matrix">↑ matrix</a></h4>`)
		b.WriteString("\n\n")
		t := p.RecordTable(cw, c.Records, title+": "+recordCount(len(c.Records)))
		if err := t.writeTable(&b); err != nil {
			return "", err
		}
		b.WriteString("\n\n</section>")
	}
	return template.HTML(b.String()), nil
}

// Head writes the record table's head: a column heading for each cell
// Rows writes in a row, on the same conditions, so that the two cannot
// disagree on the columns.
func (a RecordTableArgs) Head() template.HTML {
	cw := a.Crosswalk
	var b strings.Builder
	b.Grow(256)
	b.WriteString(`<thead><tr><th scope="col">`)
	b.WriteString(escapeHTML(cw.Source.Name()))
	b.WriteString("</th>")
	if cw.Vocabulary.Stated {
		b.WriteString(`<th scope="col">Relationship</th>`)
	}
	b.WriteString(`<th scope="col">`)
	b.WriteString(escapeHTML(cw.Target.Name()))
	b.WriteString("</th>")
	for _, col := range []struct {
		shown bool
		name  string
	}{
		{cw.HasAsPublished, "As published"},
		{cw.HasRationale, "Rationale"},
		{cw.HasBasis, "Basis"},
		{cw.HasNote, "Notes"},
		{cw.StatusesVary, "Status"},
	} {
		if col.shown {
			b.WriteString(`<th scope="col">`)
			b.WriteString(col.name)
			b.WriteString("</th>")
		}
	}
	b.WriteString("</tr></thead>")
	return template.HTML(b.String())
}

// filterAttrs writes the attributes filters.js filters a row by: its
// relationship (and how to name it in a filter, where that is not the
// relationship itself, which filters.js then shows) and its basis.
func filterAttrs(b *strings.Builder, m *model.Mapping) {
	b.WriteString(` data-relationship="`)
	if m.Relationship == "" {
		b.WriteString(`unstated" data-relationship-label="not stated`)
	} else {
		b.WriteString(escapeHTML(m.Relationship))
	}
	b.WriteString(`" data-basis="`)
	b.WriteString(escapeHTML(m.Basis))
	b.WriteString(`"`)
}

// basis writes a record's basis and its evidence.
func basis(b *strings.Builder, m *model.Mapping) {
	b.WriteString(escapeHTML(m.Basis))
	if m.Evidence != "" {
		b.WriteString(`<br><span class="evidence">`)
		b.WriteString(escapeHTML(m.Evidence))
		b.WriteString("</span>")
	}
}

// status writes a record's status as a badge.
func status(b *strings.Builder, m *model.Mapping) {
	st := escapeHTML(string(m.Status))
	b.WriteString(`<span class="status status-`)
	b.WriteString(st)
	b.WriteString(`">`)
	b.WriteString(st)
	b.WriteString("</span>")
}

// elementCell writes a row's cell for one of its elements: a link to it,
// labelled.
func elementCell(b *strings.Builder, p *Page, framework string, e *model.Element) {
	b.WriteString(`<td data-label="`)
	b.WriteString(framework)
	b.WriteString(`"><a href="`)
	b.WriteString(escapeHTML(p.ElementURL(e)))
	b.WriteString(`">`)
	b.WriteString(escapeHTML(e.Label()))
	b.WriteString("</a></td>")
}

// textCell writes a row's cell of plain text, labelled for the cards it
// becomes on small screens.
func textCell(b *strings.Builder, label, text string) {
	b.WriteString(`<td data-label="`)
	b.WriteString(label)
	b.WriteString(`">`)
	b.WriteString(escapeHTML(text))
	b.WriteString("</td>")
}

// Rows writes the rows of a table of counterparts (an element page's
// counterparts of what it contains, up to model's rollup limit per
// crosswalk), as RecordTableArgs.Rows writes a record table's, and for
// the same reason: hundreds of rows on each of many pages.
func (t CounterpartTable) Rows() template.HTML {
	c := t.Columns()
	var b strings.Builder
	b.Grow(len(t.List) * 500)
	for _, cp := range t.List {
		m := cp.Mapping
		b.WriteString("\n<tr")
		filterAttrs(&b, m)
		b.WriteString(" data-target-path=\"")
		writeRowPath(&b, cp.Other)
		b.WriteString("\">")
		if t.Via {
			b.WriteString(`<td><a href="`)
			b.WriteString(escapeHTML(t.Page.ElementURL(cp.Via)))
			b.WriteString(`">`)
			b.WriteString(escapeHTML(cp.Via.Label()))
			b.WriteString("</a></td>")
		}
		if c.Relationship {
			b.WriteString("<td>")
			if cp.Term() != "" {
				b.WriteString(`<span class="rel rel-`)
				b.WriteString(escapeHTML(cp.Term()))
				b.WriteString(`" title="`)
				b.WriteString(escapeHTML(cp.Sentence()))
				b.WriteString(`">`)
				b.WriteString(escapeHTML(cp.Phrase()))
				b.WriteString("</span>")
			} else {
				b.WriteString(`<span class="rel rel-unstated">not stated</span>`)
			}
			b.WriteString("</td>")
		}
		b.WriteString("\n<td><a class=\"counterpart-link\" href=\"")
		b.WriteString(escapeHTML(t.Page.ElementURL(cp.Other)))
		b.WriteString(`">`)
		b.WriteString(escapeHTML(cp.Other.FullLabel()))
		b.WriteString("</a>")
		if st := cp.Other.Statement; st != "" {
			b.WriteString(`<br><span class="excerpt">`)
			b.WriteString(escapeHTML(excerpt(st, 160)))
			b.WriteString("</span>")
		}
		b.WriteString("</td>")
		if c.AsPublished {
			b.WriteString("<td>")
			b.WriteString(escapeHTML(m.AsPublished))
			b.WriteString("</td>")
		}
		if c.Rationale {
			b.WriteString("<td>")
			b.WriteString(escapeHTML(m.Rationale))
			b.WriteString("</td>")
		}
		if c.Basis {
			b.WriteString("<td>")
			basis(&b, m)
			b.WriteString("</td>")
		}
		if c.Status {
			b.WriteString("<td>")
			status(&b, m)
			b.WriteString("</td>")
		}
		b.WriteString("\n</tr>")
	}
	return template.HTML(b.String())
}

// Cards writes a list of counterparts as cards (the counterpart-list
// partial's items): the counterpart, how the record relates it, its
// statement's excerpt, what it holds, and what the record's source says.
// An element page has a card per record that names it, and a large
// crosswalk has tens of thousands of element pages, on each of which a
// template spent most of its time in reflection; the list around them is
// the theme's, as for the rows.
func (t CounterpartTable) Cards() template.HTML {
	p := t.Page
	var b strings.Builder
	b.Grow(len(t.List) * 800)
	for _, c := range t.List {
		term := c.Term()
		if term == "" {
			term = "unstated"
		}
		b.WriteString("\n<li class=\"counterpart\" data-relationship=\"")
		b.WriteString(escapeHTML(term))
		b.WriteString("\">\n<p class=\"counterpart-head\"><a class=\"counterpart-link\" href=\"")
		b.WriteString(escapeHTML(p.ElementURL(c.Other)))
		b.WriteString("\">")
		b.WriteString(escapeHTML(c.Other.FullLabel()))
		b.WriteString("</a>")
		if !c.Other.OwnPage() {
			b.WriteString(` <span class="counterpart-in">in `)
			b.WriteString(escapeHTML(c.Other.Doc.Title))
			b.WriteString("</span>")
		}
		if c.StatusShown() {
			st := escapeHTML(string(c.Mapping.Status))
			b.WriteString(` <span class="status status-`)
			b.WriteString(st)
			b.WriteString(`">`)
			b.WriteString(st)
			b.WriteString("</span>")
		}
		b.WriteString("</p>\n<p class=\"counterpart-sentence\">")
		b.WriteString(escapeHTML(c.Sentence()))
		b.WriteString(".</p>")
		if s := c.Other.Statement; s != "" {
			b.WriteString("\n<blockquote class=\"counterpart-statement\"><p>")
			b.WriteString(p.renderer.cardExcerpt(c.Other))
			b.WriteString("</p></blockquote>")
		}
		if held := c.Holds(); len(held) > 0 {
			b.WriteString("\n<details class=\"holds\">\n<summary>")
			b.WriteString(escapeHTML(p.HoldsSummary(held[0].Parent, held)))
			b.WriteString("</summary>\n<ul>")
			for _, e := range held {
				b.WriteString("\n<li><a href=\"")
				b.WriteString(escapeHTML(p.ElementURL(e)))
				b.WriteString("\">")
				b.WriteString(escapeHTML(e.Label()))
				b.WriteString("</a>")
				if e.Statement != "" {
					b.WriteString(` <span class="excerpt">`)
					b.WriteString(escapeHTML(excerpt(e.Statement, 160)))
					b.WriteString("</span>")
				}
				b.WriteString("</li>")
			}
			b.WriteString("\n</ul>\n</details>")
		}
		provenance(&b, c.Mapping)
		b.WriteString("\n\n</li>")
	}
	return template.HTML(b.String())
}

// cardExcerpt is the excerpt of e's statement on a counterpart's card,
// escaped, made once per element: an element is the counterpart on the
// pages of all those it maps to.
func (r *Renderer) cardExcerpt(e *model.Element) string {
	if s, ok := r.excerpts.Load(e); ok {
		return s.(string)
	}
	s := escapeHTML(excerpt(e.Statement, 280))
	r.excerpts.Store(e, s)
	return s
}

// provenance writes what the source says about a record, where it comes
// from: the list under a counterpart's card.
func provenance(b *strings.Builder, m *model.Mapping) {
	if m.AsPublished == "" && m.Rationale == "" && m.Basis == "" && m.Evidence == "" && m.Note == "" && len(m.References) == 0 {
		return
	}
	b.WriteString("\n<dl class=\"counterpart-meta\">")
	if m.AsPublished != "" {
		b.WriteString("<dt>As published</dt><dd><q>")
		b.WriteString(escapeHTML(m.AsPublished))
		b.WriteString("</q></dd>")
	}
	if m.Rationale != "" {
		b.WriteString("<dt>Rationale</dt><dd>")
		b.WriteString(escapeHTML(m.Rationale))
		b.WriteString("</dd>")
	}
	if m.Basis != "" || m.Evidence != "" {
		b.WriteString("<dt>Basis</dt><dd>")
		b.WriteString(escapeHTML(m.Basis))
		if m.Evidence != "" {
			b.WriteString(" (")
			b.WriteString(escapeHTML(m.Evidence))
			b.WriteString(")")
		}
		b.WriteString("</dd>")
	}
	if m.Note != "" {
		b.WriteString("<dt>Note</dt><dd>")
		b.WriteString(escapeHTML(m.Note))
		b.WriteString("</dd>")
	}
	if len(m.References) > 0 {
		b.WriteString("<dt>References</dt><dd>")
		references(b, m.References)
		b.WriteString("</dd>")
	}
	b.WriteString("\n</dl>")
}

// references writes a record's references as a list, if it has any.
func references(b *strings.Builder, refs []string) {
	if len(refs) == 0 {
		return
	}
	b.WriteString(`<ul class="references">`)
	for _, r := range refs {
		b.WriteString("<li>")
		b.WriteString(escapeHTML(r))
		b.WriteString("</li>")
	}
	b.WriteString("</ul>")
}
