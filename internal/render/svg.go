package render

import (
	"fmt"
	"html"
	"html/template"
	"strings"
	"unicode/utf8"
)

// Heatmap geometry, in SVG user units (CSS pixels at 100%).
const (
	heatCell   = 34
	heatLabelW = 250
	heatLevels = 5 // colour steps, CSS classes heat-1 … heat-5
)

// CellID is the id of the list of records a cell counts.
func (m Matrix) CellID(row, col int) string { return fmt.Sprintf("%s-%d-%d", m.ID, row, col) }

// Heatmap draws the matrix as an inline SVG, at build time, so that it
// needs no script. Each non-empty cell links to the list of the records
// it counts; shades step with the count relative to the largest cell.
func (m Matrix) Heatmap() template.HTML {
	maxN := 0
	for _, row := range m.Cells {
		for _, n := range row {
			maxN = max(maxN, n)
		}
	}
	// Few columns get cells wide enough for their labels; many columns
	// get narrow cells and slanted labels (with room on the right for the
	// last one).
	rotate := len(m.Cols) > 6
	cellW, headH, right := heatCell, 30, 10
	if rotate {
		headH, right = 90, 60
	} else {
		for _, col := range m.Cols {
			cellW = max(cellW, 9*utf8.RuneCountInString(col.ID)+12)
		}
	}
	w := heatLabelW + len(m.Cols)*cellW + right
	h := headH + len(m.Rows)*heatCell + 4
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="heatmap" viewBox="0 0 %d %d" width="%d" height="%d" role="group" aria-label="%s">`, w, h, w, h, esc("Heatmap: "+m.Title))
	for c, col := range m.Cols {
		x := heatLabelW + c*cellW + cellW/2
		if rotate {
			fmt.Fprintf(&b, `<text class="heat-col" x="%d" y="%d" transform="rotate(-50 %d %d)">%s</text>`, x, headH-6, x, headH-6, esc(col.ID))
		} else {
			fmt.Fprintf(&b, `<text class="heat-col" x="%d" y="%d" text-anchor="middle">%s</text>`, x, headH-10, esc(col.ID))
		}
	}
	for r, row := range m.Rows {
		y := headH + r*heatCell
		fmt.Fprintf(&b, `<text class="heat-row" x="%d" y="%d" text-anchor="end"><title>%s</title>%s</text>`, heatLabelW-8, y+heatCell/2+5, esc(row.Label()), esc(shorten(row.Label(), 32)))
		for c, col := range m.Cols {
			n := m.Cells[r][c]
			x := heatLabelW + c*cellW
			level := 0
			if n > 0 {
				level = (n*heatLevels + maxN - 1) / maxN // ceil(n/max × levels)
			}
			cell := fmt.Sprintf(`<rect class="heat heat-%d" x="%d" y="%d" width="%d" height="%d"/>`, level, x+1, y+1, cellW-2, heatCell-2)
			if n == 0 {
				b.WriteString(cell)
				continue
			}
			label := fmt.Sprintf("%s × %s: %d mapping record", row.Label(), col.ID, n)
			if n > 1 {
				label += "s"
			}
			fmt.Fprintf(&b, `<a href="#%s" aria-label="%s">%s<text class="heat-n heat-n-%d" x="%d" y="%d" text-anchor="middle">%d</text></a>`,
				m.CellID(r, c), esc(label), cell, level, x+cellW/2, y+heatCell/2+5, n)
		}
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// Bar draws a horizontal bar for part of whole, as SVG (not inline
// styles, which a Content-Security-Policy without 'unsafe-inline' blocks).
// It is decorative: the numbers are always written beside it.
func Bar(part, whole int) template.HTML {
	const width, height = 160, 12
	fill := 0
	if whole > 0 {
		fill = part * width / whole
	}
	return template.HTML(fmt.Sprintf(`<svg class="bar" viewBox="0 0 %d %d" width="%d" height="%d" aria-hidden="true" focusable="false"><rect class="bar-bg" width="%d" height="%d"/><rect class="bar-fill" width="%d" height="%d"/></svg>`,
		width, height, width, height, width, height, fill, height))
}

func esc(s string) string { return html.EscapeString(s) }

// shorten cuts s to n characters with an ellipsis.
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}
