package render

import (
	"fmt"
	"strings"
	"testing"

	"github.com/crosswalk-ssg/crosswalk/internal/model"
	"golang.org/x/net/html"
)

// counted is a matrix of rows × cols with counts[r][c] records in cell
// (r, c), records that are nothing but their number.
func counted(rows, cols []model.Head, counts [][]int) *model.Matrix {
	records := make([][][]*model.Mapping, len(counts))
	for r, row := range counts {
		records[r] = make([][]*model.Mapping, len(row))
		for c, n := range row {
			records[r][c] = make([]*model.Mapping, n)
		}
	}
	return model.MatrixOf(rows, cols, records)
}

// TestHeatmapLayout pins the heatmap's bytes for a narrow matrix (labels
// level) and a wide one (labels slanted): they are what the fmt.Sprintf
// version wrote, which the template replaced.
func TestHeatmapLayout(t *testing.T) {
	t.Parallel()
	small := Matrix{ID: "m1", Title: "S principles × T functions", Matrix: counted(
		model.Subtrees([]*model.Element{{ID: "P1", Title: "One"}, {ID: "P2", Title: "A title long enough to be shortened here"}}),
		model.Subtrees([]*model.Element{{ID: "F1"}, {ID: "GOVERN"}}),
		[][]int{{3, 0}, {1, 2}})}
	var wideCols []model.Head
	for i := range 7 {
		wideCols = append(wideCols, model.Head{Element: &model.Element{ID: fmt.Sprintf("C%d", i)}})
	}
	wide := Matrix{ID: "m2", Title: "Wide", Matrix: counted(model.Subtrees([]*model.Element{{ID: "R"}}), wideCols, [][]int{{0, 1, 2, 3, 4, 5, 6}})}
	tests := []struct {
		m    Matrix
		want string
	}{
		{small, `<svg class="heatmap" viewBox="0 0 392 102" width="392" height="102" role="group" aria-label="Heatmap: S principles × T functions"><text class="heat-col" x="283" y="20" text-anchor="middle"><title>F1</title>F1</text><text class="heat-col" x="349" y="20" text-anchor="middle"><title>GOVERN</title>GOVERN</text><text class="heat-row" x="242" y="52" text-anchor="end"><title>P1 One</title>P1 One</text><a href="#m1-0-0" aria-label="P1 One × F1: 3 mapping records"><title>P1 One × F1: 3 mapping records</title><rect class="heat heat-5" x="251" y="31" width="64" height="32"/><text class="heat-n heat-n-5" x="283" y="52" text-anchor="middle">3</text></a><rect class="heat heat-0" x="317" y="31" width="64" height="32"/><text class="heat-row" x="242" y="86" text-anchor="end"><title>P2 A title long enough to be shortened here</title>P2 A title long enough to be sh…</text><a href="#m1-1-0" aria-label="P2 A title long enough to be shortened here × F1: 1 mapping record"><title>P2 A title long enough to be shortened here × F1: 1 mapping record</title><rect class="heat heat-2" x="251" y="65" width="64" height="32"/><text class="heat-n heat-n-2" x="283" y="86" text-anchor="middle">1</text></a><a href="#m1-1-1" aria-label="P2 A title long enough to be shortened here × GOVERN: 2 mapping records"><title>P2 A title long enough to be shortened here × GOVERN: 2 mapping records</title><rect class="heat heat-4" x="317" y="65" width="64" height="32"/><text class="heat-n heat-n-4" x="349" y="86" text-anchor="middle">2</text></a></svg>`},
		{wide, `<svg class="heatmap" viewBox="0 0 548 128" width="548" height="128" role="group" aria-label="Heatmap: Wide"><text class="heat-col" x="267" y="84" transform="rotate(-50 267 84)"><title>C0</title>C0</text><text class="heat-col" x="301" y="84" transform="rotate(-50 301 84)"><title>C1</title>C1</text><text class="heat-col" x="335" y="84" transform="rotate(-50 335 84)"><title>C2</title>C2</text><text class="heat-col" x="369" y="84" transform="rotate(-50 369 84)"><title>C3</title>C3</text><text class="heat-col" x="403" y="84" transform="rotate(-50 403 84)"><title>C4</title>C4</text><text class="heat-col" x="437" y="84" transform="rotate(-50 437 84)"><title>C5</title>C5</text><text class="heat-col" x="471" y="84" transform="rotate(-50 471 84)"><title>C6</title>C6</text><text class="heat-row" x="242" y="112" text-anchor="end"><title>R</title>R</text><rect class="heat heat-0" x="251" y="91" width="32" height="32"/><a href="#m2-0-1" aria-label="R × C1: 1 mapping record"><title>R × C1: 1 mapping record</title><rect class="heat heat-1" x="285" y="91" width="32" height="32"/><text class="heat-n heat-n-1" x="301" y="112" text-anchor="middle">1</text></a><a href="#m2-0-2" aria-label="R × C2: 2 mapping records"><title>R × C2: 2 mapping records</title><rect class="heat heat-2" x="319" y="91" width="32" height="32"/><text class="heat-n heat-n-2" x="335" y="112" text-anchor="middle">2</text></a><a href="#m2-0-3" aria-label="R × C3: 3 mapping records"><title>R × C3: 3 mapping records</title><rect class="heat heat-3" x="353" y="91" width="32" height="32"/><text class="heat-n heat-n-3" x="369" y="112" text-anchor="middle">3</text></a><a href="#m2-0-4" aria-label="R × C4: 4 mapping records"><title>R × C4: 4 mapping records</title><rect class="heat heat-4" x="387" y="91" width="32" height="32"/><text class="heat-n heat-n-4" x="403" y="112" text-anchor="middle">4</text></a><a href="#m2-0-5" aria-label="R × C5: 5 mapping records"><title>R × C5: 5 mapping records</title><rect class="heat heat-5" x="421" y="91" width="32" height="32"/><text class="heat-n heat-n-5" x="437" y="112" text-anchor="middle">5</text></a><a href="#m2-0-6" aria-label="R × C6: 6 mapping records"><title>R × C6: 6 mapping records</title><rect class="heat heat-5" x="455" y="91" width="32" height="32"/><text class="heat-n heat-n-5" x="471" y="112" text-anchor="middle">6</text></a></svg>`},
	}
	for _, tt := range tests {
		if got := string(tt.m.Heatmap()); got != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.m.ID, got, tt.want)
		}
	}
}

// TestHeatmapEscapesLabels: labels come from content files; whatever
// they hold is text in the SVG, in attributes and in elements alike.
func TestHeatmapEscapesLabels(t *testing.T) {
	t.Parallel()
	const (
		title = `Q&A "matrix" <script>alert(1)</script>`
		rowID = `R"1'`
		rowT  = `<script>alert(2)</script> & <b>bold</b> a+b`
		colID = `C<1>&"'`
	)
	m := Matrix{ID: "m1", Title: title, Matrix: counted(model.Subtrees([]*model.Element{{ID: rowID, Title: rowT}}),
		model.Subtrees([]*model.Element{{ID: colID}}), [][]int{{2}})}
	out := string(m.Heatmap())
	for _, bad := range []string{"<script", "<b>", `"1'`, `<1>`} {
		if strings.Contains(out, bad) {
			t.Errorf("output contains %q:\n%s", bad, out)
		}
	}
	doc, err := html.Parse(strings.NewReader("<!DOCTYPE html><body>" + out))
	if err != nil {
		t.Fatal(err)
	}
	// What a browser reads back: every element and attribute, and the
	// text of each element.
	var elements, attrs, texts []string
	var walk func(n *html.Node, inSVG bool)
	walk = func(n *html.Node, inSVG bool) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.ElementNode:
				in := inSVG || c.Data == "svg"
				if in {
					elements = append(elements, c.Data)
					for _, a := range c.Attr {
						if a.Key == "aria-label" || a.Key == "href" {
							attrs = append(attrs, a.Key+"="+a.Val)
						}
					}
				}
				walk(c, in)
			case html.TextNode:
				if inSVG {
					texts = append(texts, c.Data)
				}
			}
		}
	}
	walk(doc, false)
	label := rowID + " " + rowT
	wantElements := "svg text title text title a title rect text"
	wantAttrs := []string{
		"aria-label=Heatmap: " + title,
		"href=#m1-0-0",
		"aria-label=" + label + " × " + colID + ": 2 mapping records",
	}
	wantTexts := []string{colID, colID, label, shorten(label, 32), label + " × " + colID + ": 2 mapping records", "2"}
	if got := strings.Join(elements, " "); got != wantElements {
		t.Errorf("elements %q, want %q\n%s", got, wantElements, out)
	}
	if got, want := strings.Join(attrs, "\n"), strings.Join(wantAttrs, "\n"); got != want {
		t.Errorf("attributes:\n%s\nwant:\n%s", got, want)
	}
	if got, want := strings.Join(texts, "\n"), strings.Join(wantTexts, "\n"); got != want {
		t.Errorf("texts:\n%s\nwant:\n%s", got, want)
	}
}
