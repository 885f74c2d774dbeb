package render

import (
	"html/template"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/crosswalk-ssg/crosswalk/internal/model"
)

// Heatmap geometry, in SVG user units (CSS pixels at 100%).
const (
	heatCell   = 34
	heatLabelW = 250
	heatLevels = 5 // colour steps, CSS classes heat-1 … heat-5
)

// CellID names a cell of the matrix: "ID-row-col". It is made for every
// cell of every drill-down page, hundreds a page, so it is concatenated
// (one allocation), not formatted (fmt.Sprintf was 1 % of a
// 10,000-element build).
func (m Matrix) CellID(row, col int) string {
	return m.ID + "-" + strconv.Itoa(row) + "-" + strconv.Itoa(col)
}

// Heatmap draws the matrix as an inline SVG, at build time, so that it
// needs no script. Each non-empty cell links to the list of the records
// it counts; shades step with the count relative to the largest cell.
//
// The SVG is part of the renderer, not of the theme: a site restyles it
// with CSS (the classes below) and cannot break its markup. It is written
// directly, not through a template, and straight into one buffer, with no
// layout kept between: a drill-down page draws hundreds of cells, and at
// 10,000 elements the heatmaps' strings and layouts were a twelfth of what
// a build allocated. Every label goes through escapeHTML, as html/template
// would escape it in text, in <title> and in quoted attributes (escaping
// the parts of a label is escaping the label: it is done character by
// character); the URLs are fragments and relative paths made of slugs.
// It is one line.
func (m Matrix) Heatmap() template.HTML {
	maxN := 0
	m.EachCell(func(_, _ int, recs []*model.Mapping) { maxN = max(maxN, len(recs)) })
	// Few columns get cells wide enough for their labels; many columns
	// get narrow cells and slanted labels (with room on the right for the
	// last one).
	rotate := len(m.Cols) > 6
	cellW, headH, right := heatCell, 30, 10
	if rotate {
		headH, right = 90, 60
	} else {
		for _, col := range m.Cols {
			cellW = max(cellW, 9*utf8.RuneCountInString(HeadID(col))+12)
		}
	}
	w, h := heatLabelW+len(m.Cols)*cellW+right, headH+len(m.Rows)*heatCell+4
	hw := heatWriter{}
	hw.b.Grow(256 + 200*len(m.Cols) + len(m.Rows)*(200+len(m.Cols)*180))
	hw.s(`<svg class="heatmap" viewBox="0 0 `).n(w).s(" ").n(h).s(`" width="`).n(w).s(`" height="`).n(h).s(`" role="group" aria-label="Heatmap: `).s(escapeHTML(m.Title)).s(`">`)
	cols := make([]string, len(m.Cols)) // the columns' labels, escaped, for the cells'
	for c, col := range m.Cols {
		cols[c] = escapeHTML(HeadLabel(col))
		x, y := heatLabelW+c*cellW+cellW/2, headH-10
		if rotate {
			y = headH - 6
		}
		hw.s(`<text class="heat-col" x="`).n(x).s(`" y="`).n(y).s(`"`)
		if rotate {
			hw.s(` transform="rotate(-50 `).n(x).s(" ").n(y).s(`)"`)
		} else {
			hw.s(` text-anchor="middle"`)
		}
		hw.s("><title>").s(cols[c]).s("</title>").s(escapeHTML(HeadID(col))).s("</text>")
	}
	for r, row := range m.Rows {
		y := headH + r*heatCell
		label := HeadLabel(row)
		rowLabel := escapeHTML(label)
		hw.s(`<text class="heat-row" x="`).n(heatLabelW - 8).s(`" y="`).n(y + heatCell/2 + 5).s(`" text-anchor="end"><title>`).s(rowLabel).s("</title>").s(escapeHTML(shorten(label, 32))).s("</text>")
		for c := range m.Cols {
			n, x := m.Count(r, c), heatLabelW+c*cellW
			level := 0
			if n > 0 {
				level = (n*heatLevels + maxN - 1) / maxN // ceil(n/max × levels)
				mix := escapeHTML(m.CellMix(r, c))       // written twice, escaped once
				hw.s(`<a href="`).s(escapeHTML(m.CellURL(r, c))).s(`" aria-label="`)
				hw.cellLabel(rowLabel, cols[c], n, mix)
				hw.s(`"><title>`)
				hw.cellLabel(rowLabel, cols[c], n, mix)
				hw.s("</title>")
			}
			hw.s(`<rect class="heat heat-`).n(level).s(`" x="`).n(x + 1).s(`" y="`).n(y + 1).s(`" width="`).n(cellW - 2).s(`" height="`).n(heatCell - 2).s(`"/>`)
			if n == 0 {
				continue
			}
			hw.s(`<text class="heat-n heat-n-`).n(level).s(`" x="`).n(x + cellW/2).s(`" y="`).n(y + heatCell/2 + 5).s(`" text-anchor="middle">`).n(n).s("</text>")
			if mark := m.CellMark(r, c); mark != "" {
				hw.s(`<text class="heat-n heat-mark heat-n-`).n(level).s(`" x="`).n(x + 4).s(`" y="`).n(y + 11).s(`">`).s(escapeHTML(mark)).s("</text>")
			}
			hw.s("</a>")
		}
	}
	hw.s("</svg>")
	return template.HTML(hw.b.String())
}

// heatWriter writes a heatmap: strings and numbers, one after another,
// with no string made for either.
type heatWriter struct {
	b   strings.Builder
	num [20]byte
}

func (w *heatWriter) s(s string) *heatWriter { w.b.WriteString(s); return w }

func (w *heatWriter) n(n int) *heatWriter {
	w.b.Write(strconv.AppendInt(w.num[:0], int64(n), 10))
	return w
}

// cellLabel writes what the link to a cell's records says, escaped:
// "<row> × <column>: <n> mapping records (<mix>)", from the row's and the
// column's labels and the mix, escaped already.
func (w *heatWriter) cellLabel(row, col string, n int, mix string) {
	w.s(row).s(" × ").s(col).s(": ").n(n).s(" mapping record")
	if n > 1 {
		w.s("s")
	}
	if mix != "" {
		w.s(" (").s(mix).s(")")
	}
}

// BodyRows writes the rows of the matrix's table, a cell per row and
// column, as the heatmap is written, and for the same reason: a large
// crosswalk's drill-down pages hold a million cells between them, and a
// template spent most of its time on each one in reflection. The table's
// caption, headings and totals stay the theme's.
func (m Matrix) BodyRows() template.HTML {
	var b strings.Builder
	b.Grow(len(m.Rows) * len(m.Cols) * 24)
	cols := make([]string, len(m.Cols))
	for ci, c := range m.Cols {
		cols[ci] = escapeHTML(HeadLabel(c))
	}
	for ri, row := range m.Rows {
		label := escapeHTML(HeadLabel(row))
		b.WriteString("\n<tr><th scope=\"row\"><a href=\"")
		b.WriteString(escapeHTML(m.RowURL(ri)))
		b.WriteString("\">")
		b.WriteString(label)
		b.WriteString("</a></th>")
		for ci := range m.Cols {
			n := m.Count(ri, ci)
			if n == 0 {
				b.WriteString(`<td class="zero">0</td>`)
				continue
			}
			count := strconv.Itoa(n)
			b.WriteString(`<td><a href="`)
			b.WriteString(escapeHTML(m.CellURL(ri, ci)))
			b.WriteString(`" title="`)
			b.WriteString(label)
			b.WriteString(" × ")
			b.WriteString(cols[ci])
			b.WriteString(": ")
			b.WriteString(count)
			b.WriteString(" record")
			if n != 1 {
				b.WriteString("s")
			}
			if mix := m.CellMix(ri, ci); mix != "" {
				b.WriteString(" (")
				b.WriteString(escapeHTML(mix))
				b.WriteString(")")
			}
			b.WriteString(`">`)
			b.WriteString(count)
			if mark := m.CellMark(ri, ci); mark != "" {
				b.WriteString(`<span class="cell-mark" aria-hidden="true">`)
				b.WriteString(escapeHTML(mark))
				b.WriteString("</span>")
			}
			b.WriteString("</a></td>")
		}
		b.WriteString("\n<td class=\"total\">")
		b.WriteString(strconv.Itoa(m.RowTotals[ri]))
		b.WriteString("</td></tr>")
	}
	return template.HTML(b.String())
}
