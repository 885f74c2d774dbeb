package render

import (
	"fmt"
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

// heatmapTemplate draws a heatmapView. It is part of the renderer, not of
// the theme: a site restyles the heatmap with CSS (the classes below) and
// cannot break its markup. html/template escapes every label for where
// it stands: attribute values, the text of <text> and <title> (which it
// reads as HTML's RCDATA <title>, escaped the same way), the fragment of
// an href. The trim markers keep the SVG on one line, as it always was.
var heatmapTemplate = template.Must(template.New("heatmap").Parse(`<svg class="heatmap" viewBox="0 0 {{ .W }} {{ .H }}" width="{{ .W }}" height="{{ .H }}" role="group" aria-label="Heatmap: {{ .Title }}">
	{{- range .Cols }}
		{{- if $.Rotate -}}
<text class="heat-col" x="{{ .X }}" y="{{ .Y }}" transform="rotate(-50 {{ .X }} {{ .Y }})"><title>{{ .Title }}</title>{{ .Label }}</text>
		{{- else -}}
<text class="heat-col" x="{{ .X }}" y="{{ .Y }}" text-anchor="middle"><title>{{ .Title }}</title>{{ .Label }}</text>
		{{- end }}
	{{- end }}
	{{- range .Rows -}}
<text class="heat-row" x="{{ .X }}" y="{{ .Y }}" text-anchor="end"><title>{{ .Label }}</title>{{ .Short }}</text>
		{{- range .Cells }}
			{{- if .N -}}
<a href="{{ .URL }}" aria-label="{{ .Label }}"><title>{{ .Label }}</title>{{ template "cell" . }}<text class="heat-n heat-n-{{ .Level }}" x="{{ .TextX }}" y="{{ .TextY }}" text-anchor="middle">{{ .N }}</text>
				{{- if .Mark }}<text class="heat-n heat-mark heat-n-{{ .Level }}" x="{{ .MarkX }}" y="{{ .MarkY }}">{{ .Mark }}</text>{{ end -}}
</a>
			{{- else }}{{ template "cell" . }}{{ end }}
		{{- end }}
	{{- end -}}
</svg>
{{- define "cell" -}}
<rect class="heat heat-{{ .Level }}" x="{{ .X }}" y="{{ .Y }}" width="{{ .W }}" height="{{ .H }}"/>
{{- end }}`))

// heatmapView is a matrix laid out for heatmapTemplate: every position
// computed here, every label as plain text for the template to escape.
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
func (m Matrix) Heatmap() template.HTML {
	var b strings.Builder
	if err := heatmapTemplate.Execute(&b, m.heatmapView()); err != nil {
		// Only a mistake in heatmapTemplate gets here (the data is ours,
		// the writer cannot fail); the page's render turns the panic into
		// an error at the page (renderSafely).
		panic(fmt.Sprintf("heatmap %s: %v", m.ID, err))
	}
	return template.HTML(b.String())
}

func (m Matrix) heatmapView() heatmapView {
	maxN := 0
	for _, row := range m.Cells {
		for _, n := range row {
			maxN = max(maxN, n)
		}
	}
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
			n := m.Cells[r][c]
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
