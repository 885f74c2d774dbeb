package render

import (
	"fmt"
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

// heatmapView is a matrix laid out for Heatmap: every position computed
// here, every label as plain text for Heatmap to escape.
type heatmapView struct {
	W, H   int
	Title  string
	Rotate bool // slanted column labels
	Cols   []heatmapLabel
	Rows   []heatmapRow
}

type heatmapLabel struct {
	X, Y  int
	Label string
	Title string // the full label, as a tooltip
}

type heatmapRow struct {
	heatmapLabel
	Short string // the label as shown; Label is its tooltip
	Cells []heatmapCell
}

type heatmapCell struct {
	X, Y, W, H   int    // the rectangle
	Level        int    // 0 for an empty cell, else 1 … heatLevels
	N            int    // records
	URL          string // the cell's records
	Label        string // what the link to the cell's records says, and its tooltip
	TextX, TextY int
	Mark         string // the records' relationship (Matrix.CellMark), in the top left corner
	MarkX, MarkY int
}

// CellID names a cell of the matrix, for tests that show no page.
func (m Matrix) CellID(row, col int) string { return fmt.Sprintf("%s-%d-%d", m.ID, row, col) }

// Heatmap draws the matrix as an inline SVG, at build time, so that it
// needs no script. Each non-empty cell links to the list of the records
// it counts; shades step with the count relative to the largest cell.
//
// The SVG is part of the renderer, not of the theme: a site restyles it
// with CSS (the classes below) and cannot break its markup. It is written
// directly, not through a template: a drill-down page draws hundreds of
// cells. Every label goes through escapeHTML, as html/template would
// escape it in text, in <title> and in quoted attributes; the URLs are
// fragments and relative paths made of slugs. It is one line.
func (m Matrix) Heatmap() template.HTML {
	v := m.heatmapView()
	var b strings.Builder
	b.Grow(256 + 200*len(v.Cols) + len(v.Rows)*(200+len(v.Cols)*180))
	n := strconv.Itoa
	b.WriteString(`<svg class="heatmap" viewBox="0 0 ` + n(v.W) + " " + n(v.H) + `" width="` + n(v.W) + `" height="` + n(v.H) + `" role="group" aria-label="Heatmap: ` + escapeHTML(v.Title) + `">`)
	for _, c := range v.Cols {
		x, y := n(c.X), n(c.Y)
		b.WriteString(`<text class="heat-col" x="` + x + `" y="` + y + `"`)
		if v.Rotate {
			b.WriteString(` transform="rotate(-50 ` + x + " " + y + `)"`)
		} else {
			b.WriteString(` text-anchor="middle"`)
		}
		b.WriteString("><title>" + escapeHTML(c.Title) + "</title>" + escapeHTML(c.Label) + "</text>")
	}
	for _, r := range v.Rows {
		b.WriteString(`<text class="heat-row" x="` + n(r.X) + `" y="` + n(r.Y) + `" text-anchor="end"><title>` + escapeHTML(r.Label) + "</title>" + escapeHTML(r.Short) + "</text>")
		for _, c := range r.Cells {
			rect := `<rect class="heat heat-` + n(c.Level) + `" x="` + n(c.X) + `" y="` + n(c.Y) + `" width="` + n(c.W) + `" height="` + n(c.H) + `"/>`
			if c.N == 0 {
				b.WriteString(rect)
				continue
			}
			label := escapeHTML(c.Label)
			b.WriteString(`<a href="` + escapeHTML(c.URL) + `" aria-label="` + label + `"><title>` + label + "</title>" + rect)
			b.WriteString(`<text class="heat-n heat-n-` + n(c.Level) + `" x="` + n(c.TextX) + `" y="` + n(c.TextY) + `" text-anchor="middle">` + n(c.N) + "</text>")
			if c.Mark != "" {
				b.WriteString(`<text class="heat-n heat-mark heat-n-` + n(c.Level) + `" x="` + n(c.MarkX) + `" y="` + n(c.MarkY) + `">` + escapeHTML(c.Mark) + "</text>")
			}
			b.WriteString("</a>")
		}
	}
	b.WriteString("</svg>")
	return template.HTML(b.String())
}

func (m Matrix) heatmapView() heatmapView {
	maxN := 0
	m.EachCell(func(_, _ int, recs []*model.Mapping) { maxN = max(maxN, len(recs)) })
	// Few columns get cells wide enough for their labels; many columns
	// get narrow cells and slanted labels (with room on the right for the
	// last one).
	v := heatmapView{Title: m.Title, Rotate: len(m.Cols) > 6}
	cellW, headH, right := heatCell, 30, 10
	if v.Rotate {
		headH, right = 90, 60
	} else {
		for _, col := range m.Cols {
			cellW = max(cellW, 9*utf8.RuneCountInString(HeadID(col))+12)
		}
	}
	v.W = heatLabelW + len(m.Cols)*cellW + right
	v.H = headH + len(m.Rows)*heatCell + 4
	for c, col := range m.Cols {
		l := heatmapLabel{X: heatLabelW + c*cellW + cellW/2, Y: headH - 10, Label: HeadID(col), Title: HeadLabel(col)}
		if v.Rotate {
			l.Y = headH - 6
		}
		v.Cols = append(v.Cols, l)
	}
	for r, row := range m.Rows {
		y := headH + r*heatCell
		hr := heatmapRow{heatmapLabel: heatmapLabel{X: heatLabelW - 8, Y: y + heatCell/2 + 5, Label: HeadLabel(row)}, Short: shorten(HeadLabel(row), 32)}
		for c, col := range m.Cols {
			n := m.Count(r, c)
			x := heatLabelW + c*cellW
			cell := heatmapCell{X: x + 1, Y: y + 1, W: cellW - 2, H: heatCell - 2, N: n}
			if n > 0 {
				cell.Level = (n*heatLevels + maxN - 1) / maxN // ceil(n/max × levels)
				cell.URL = m.CellURL(r, c)
				cell.Label = fmt.Sprintf("%s × %s: %d mapping record", HeadLabel(row), HeadLabel(col), n)
				if n > 1 {
					cell.Label += "s"
				}
				if mix := m.CellMix(r, c); mix != "" {
					cell.Label += " (" + mix + ")"
				}
				cell.TextX, cell.TextY = x+cellW/2, y+heatCell/2+5
				cell.Mark, cell.MarkX, cell.MarkY = m.CellMark(r, c), x+4, y+11
			}
			hr.Cells = append(hr.Cells, cell)
		}
		v.Rows = append(v.Rows, hr)
	}
	return v
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
