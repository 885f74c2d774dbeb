package render_test

import (
	"path"
	"slices"
	"strings"
	"testing"

	"github.com/crosswalk-ssg/crosswalk/internal/sitetest"
	"github.com/crosswalk-ssg/crosswalk/internal/vocab"
	"golang.org/x/net/html"
)

// tables returns the tables at or below n.
func tables(n *html.Node) []*html.Node {
	return sitetest.FindAll(n, func(n *html.Node) bool { return n.Data == "table" })
}

// rows returns each row of a table as its cells' texts joined by " | ",
// an empty cell as "-".
func rows(table *html.Node) []string {
	var out []string
	for _, tr := range sitetest.FindAll(table, func(n *html.Node) bool { return n.Data == "tr" }) {
		cells := texts(sitetest.FindAll(tr, func(n *html.Node) bool { return n.Data == "td" || n.Data == "th" }))
		for i, c := range cells {
			if c == "" {
				cells[i] = "-"
			}
		}
		out = append(out, strings.Join(cells, " | "))
	}
	return out
}

// caption returns a table's caption.
func caption(table *html.Node) string {
	if c := sitetest.Find(table, func(n *html.Node) bool { return n.Data == "caption" }); c != nil {
		return sitetest.Text(c)
	}
	return ""
}

// TestCrosswalkSummary checks the head of a crosswalk page: its metadata,
// counts, vocabulary, transcription and table of contents.
func TestCrosswalkSummary(t *testing.T) {
	files := built(t, nil)
	doc := page(t, files, "crosswalks/st/index.html")
	meta := byClass(doc, "meta")[0]
	containsAll(t, "the crosswalk's metadata", sitetest.Text(meta),
		"FromSource Framework 1",
		"ToTarget Framework 2.0",
		"Statusofficial — the publisher’s own table",
		"Published byThe Fixture Board",
		"Published6 May 2024",
		"Documenthttps://fixture.example/table.pdf",
		"How to read a rowEach row reads: S item RELATIONSHIP T item.",
		"GranularityS outcomes and T categories.",
		"MethodBy hand.",
		"Records5 mapping records between 5 S and 4 T elements · 1 equivalent-to · 1 subset-of · 1 superset-of · 1 intersects-with · 1 with no relationship stated · 2 recorded as having no counterpart",
		"Basis3 (none given) · 1 judgement · 1 text",
		"SourcesThe tableOur notes",
	)
	if got := links(meta); !slices.Equal(got, []string{
		"Source Framework 1 → ../../frameworks/s/index.html",
		"Target Framework 2.0 → ../../frameworks/t/index.html",
		"https://fixture.example/table.pdf → https://fixture.example/table.pdf",
		"The table → https://fixture.example/table.pdf",
	}) {
		t.Errorf("metadata links = %q", got)
	}
	// An official crosswalk has no draft notice.
	if n := byClass(doc, "notice-draft"); len(n) != 0 {
		t.Errorf("official crosswalk has a draft notice: %q", texts(n))
	}

	rel := byID(t, doc, "relationships")
	vocabulary := tables(rel)
	if len(vocabulary) != 1 {
		t.Fatalf("%d vocabulary tables", len(vocabulary))
	}
	if got := rows(vocabulary[0]); len(got) != 7 || got[3] != "subset-of | is a subset of | is a superset of | The source is narrower than the target: the target contains all of it and more." {
		t.Errorf("vocabulary rows = %q", got)
	}
	containsAll(t, "relationships", sitetest.Text(rel), "1 records state no relationship type: "+vocab.UnstatedExplanation)
	containsAll(t, "transcription", sitetest.Text(byID(t, doc, "transcription")), "Transcribed from: The PDF table.", "How: Copied row by row.", "Row 3 was unclear.")

	toc := links(tocs(doc)[0])
	want := []string{"Matrix → #matrix", "Coverage → #coverage", "Gaps → #gaps", "All mapping records → #mappings", "About this crosswalk → #about",
		"Relationships → #relationships", "Transcription → #transcription", "Downloads → #downloads", "How the table was read → #how-the-table-was-read"}
	if !slices.Equal(toc, want) {
		t.Errorf("TOC = %q, want %q", toc, want)
	}
	for _, l := range toc {
		_, id, _ := strings.Cut(l, " → #")
		byID(t, doc, id)
	}
}

// TestCrosswalkMatrix checks the crosswalk page's matrix (top level ×
// top level), that its cells link to pages that list each cell's records
// once, that its headings drill down to the next level and back, and that
// the crosswalk page itself lists no cell's records.
func TestCrosswalkMatrix(t *testing.T) {
	files := built(t, nil)
	doc := page(t, files, "crosswalks/st/index.html")
	matrix := byID(t, doc, "matrix")
	tabs := byClass(matrix, "matrix")
	if len(tabs) != 1 {
		t.Fatalf("%d matrices on the crosswalk page, want principles × functions", len(tabs))
	}
	byFunction := []string{
		"S \\ T | F1 | F2 | Total",
		"1 Openness | 3± | 1≡ | 4", // counts, each marked by its records' relationship
		"2 Care for the people who use the systems | 1⊃ | 0 | 1",
		"3 Quiet | 0 | 0 | 0",
		"Total | 4 | 1 | 5",
	}
	if got := rows(tabs[0]); !slices.Equal(got, byFunction) {
		t.Errorf("principles × functions:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(byFunction, "\n"))
	}
	if len(byClass(doc, "cell-records")) != 0 {
		t.Error("the crosswalk page still lists cells' records")
	}
	// Every link of the matrix, table and heatmap alike, reaches a page of
	// the site: a cell page (which lists as many records as the cell
	// counts), a drill-down, or an element.
	hrefs := func(n *html.Node) []string {
		var out []string
		for _, a := range sitetest.FindAll(n, func(n *html.Node) bool { return n.Data == "a" }) {
			out = append(out, sitetest.Attr(a, "href"))
		}
		return out
	}
	cellPages := 0
	for _, h := range hrefs(matrix) {
		if strings.HasPrefix(h, "#") {
			continue // the section's own anchor
		}
		p := path.Join("crosswalks/st", h)
		if _, ok := files[p]; !ok {
			t.Errorf("the matrix links to %s, which was not built", h)
			continue
		}
		if strings.Contains(p, "/cells/") {
			cellPages++
		}
	}
	if cellPages != 2*3 { // three non-empty cells, linked from the table and the heatmap
		t.Errorf("%d links to cell pages, want 6", cellPages)
	}
	// What varies among a cell's records is in its tooltip and its label.
	var mixes []string
	for _, a := range sitetest.FindAll(matrix, func(n *html.Node) bool {
		return n.Data == "a" && strings.Contains(sitetest.Attr(n, "aria-label")+sitetest.Attr(n, "title"), "(")
	}) {
		mixes = append(mixes, sitetest.Attr(a, "aria-label")+sitetest.Attr(a, "title"))
	}
	if len(mixes) != 2 || !strings.Contains(mixes[0], "1 not stated, ") || !strings.Contains(mixes[0], "1 no basis given)") {
		t.Errorf("cells whose records differ say how: %q", mixes)
	}
	// And a mark in the cell says it, which the legend explains.
	marks := append(texts(byClass(matrix, "cell-mark")), texts(byClass(matrix, "heat-mark"))...)
	if n := strings.Count(strings.Join(marks, ""), "±"); n != 3 { // the legend, the table, the heatmap
		t.Errorf("the mixed cell's mark %s appears %d times, want 3 (legend, table, heatmap): %q", "±", n, marks)
	}
	cell := page(t, files, "crosswalks/st/cells/p1--f1/index.html")
	if got := rows(tables(cell)[0]); len(got) != 4 || !strings.Contains(got[1], "1.1 | is a subset of | F1 1") {
		t.Errorf("cell P1 × F1 lists:\n%s", strings.Join(got, "\n"))
	}
	if back := hrefs(byClass(cell, "back")[0]); len(back) != 1 || back[0] != "../../index.html#matrix" {
		t.Errorf("cell page: back link %q", back)
	}
	// P1's drill-down: a row for its own records and one per outcome; each
	// cell links to the section of the page that lists its records, which
	// links back to the matrix.
	drill := page(t, files, "crosswalks/st/rows/p1/index.html")
	if got := rows(byClass(drill, "matrix")[0]); len(got) < 3 || !strings.HasPrefix(got[1], "1 Openness (itself) |") {
		t.Errorf("P1's drill-down:\n%s", strings.Join(got, "\n"))
	}
	sections := byClass(drill, "cell-records")
	listed := 0
	for _, sec := range sections {
		listed += len(rows(tables(sec)[0])) - 1
		if back := hrefs(byClass(sec, "back-to-matrix")[0]); back[0] != "#matrix" {
			t.Errorf("cell section %s: back link %q", sitetest.Attr(sec, "id"), back)
		}
	}
	if listed != 4 { // P1's four records, each once
		t.Errorf("P1's drill-down lists %d records in %d cell sections, want 4", listed, len(sections))
	}
	for _, h := range hrefs(byClass(drill, "matrix")[0]) {
		if id, ok := strings.CutPrefix(h, "#"); ok {
			byID(t, drill, id)
		}
	}
}

// TestCrosswalkCoverageAndGaps checks one count per level serving both
// the coverage tables and the gaps, and the coverage of each top-level
// element at the finest level.
func TestCrosswalkCoverageAndGaps(t *testing.T) {
	files := built(t, nil)
	doc := page(t, files, "crosswalks/st/index.html")
	coverage := tables(byID(t, doc, "coverage"))
	var got []string
	for _, tab := range coverage {
		got = append(got, caption(tab))
		got = append(got, rows(tab)[1:]...)
	}
	want := []string{
		"Source Framework: elements per level",
		"principles records are made here | 3 | 2 | 0 | 0 | 1",
		"outcomes records are made here | 3 | 2 | 1 | 0 | 0",
		"checks records are made here | 2 | 1 | 1 | 0 | 0",
		"S checks covered, per principle",
		"1 Openness | 2 of 2 (1 directly, 1 through a parent) | 100%",
		"2 Care for the people who use the systems | 0 of 0 | 0%",
		"3 Quiet | 0 of 0 | 0%",
		"All of S | 2 of 2 (1 directly, 1 through a parent) | 100%",
		"Target Framework: elements per level",
		"functions records are made here | 2 | 1 | 0 | 1 | 0",
		"categories records are made here | 7 | 1 | 5 | 0 | 1",
		"subcategories records are made here | 2 | 2 | 0 | 0 | 0",
		"T subcategories covered, per function",
		"F1 Govern | 2 of 2 (2 directly, 0 through a parent) | 100%",
		"F2 Map | 0 of 0 | 0%",
		"All of T | 2 of 2 (2 directly, 0 through a parent) | 100%",
	}
	if !slices.Equal(got, want) {
		t.Errorf("coverage:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	gaps := byID(t, doc, "gaps")
	summaries := texts(sitetest.FindAll(gaps, func(n *html.Node) bool { return n.Data == "summary" }))
	if want := []string{"principles: 2 of 3 reached; 1 not reached", "outcomes: 3 of 3 reached; 0 not reached", "checks: 2 of 2 reached; 0 not reached",
		"functions: 2 of 2 reached; 0 not reached", "categories: 6 of 7 reached; 1 not reached", "subcategories: 2 of 2 reached; 0 not reached"}; !slices.Equal(summaries, want) {
		t.Errorf("gap summaries = %q, want %q", summaries, want)
	}
	var lists []string
	for _, ul := range byClass(gaps, "gap-list") {
		lists = append(lists, strings.Join(links(ul), ", ")+" ("+sitetest.Text(ul)+")")
	}
	if want := []string{
		"3 Quiet → ../../frameworks/s/p3/index.html (3 Quiet Say nothing.)", // with its statement's excerpt
		"3 Quiet → ../../frameworks/s/p3/index.html (3 Quiet: no counterpart in T — Nothing like it.)",
		"F1 2 → ../../frameworks/t/f1-2/index.html (F1 2 Roles are assigned.)",
		"F2 3 → ../../frameworks/t/f2-3/index.html (F2 3: no counterpart in S — Not covered.)",
	}; !slices.Equal(lists, want) {
		t.Errorf("gap lists:\n%s\nwant:\n%s", strings.Join(lists, "\n"), strings.Join(want, "\n"))
	}
}

// TestCrosswalkRecords checks the table of every record (with a status
// column, as statuses vary) and the table of records of no counterpart.
func TestCrosswalkRecords(t *testing.T) {
	files := built(t, nil)
	doc := page(t, files, "crosswalks/st/index.html")
	tabs := tables(byID(t, doc, "mappings"))
	if len(tabs) != 2 {
		t.Fatalf("%d tables of records, want the records and the no-counterpart ones", len(tabs))
	}
	want := []string{
		"S | Relationship | T | As published | Rationale | Basis | Notes | Status",
		"1.1 | is a subset of | F1 1 | 1.1 / F1 1 | A notice is part of a policy. | judgementrelated | Checked twice.Table 1 | official",
		"1.1.1 | intersects with | F1 1.1 | - | - | text | - | official",
		"1 Openness | is equivalent to | F2 Map | - | - | - | - | draft",
		"1.2 | not stated | F1 1.2 | - | - | - | - | official",
		"2 Care for the people who use the systems | is a superset of | F1 1 | - | - | - | - | official",
	}
	if got := rows(tabs[0]); !slices.Equal(got, want) {
		t.Errorf("records:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if got := caption(tabs[0]); got != "5 records, in the order of the crosswalk file" {
		t.Errorf("caption = %q", got)
	}
	// Links to an element shown as a section go to its anchor.
	if got := links(tabs[0]); !slices.Contains(got, "F1 1.1 → ../../frameworks/t/f1-1/index.html#f1-1-1") || !slices.Contains(got, "1.1 → ../../frameworks/s/p1/index.html#1-1") {
		t.Errorf("record links = %q", got)
	}
	want = []string{
		"Element | No counterpart in | Reason",
		"S 3 Quiet | T | Nothing like it. (as published: P3: none)",
		"T F2 3 | S | Not covered.",
	}
	if got := rows(tabs[1]); !slices.Equal(got, want) {
		t.Errorf("no-counterpart records:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestCrosswalkUnstated: a crosswalk that states no relationship types
// says so, shows no relationship column, and, as a draft, says that too.
func TestCrosswalkUnstated(t *testing.T) {
	files := built(t, nil)
	doc := page(t, files, "crosswalks/ts/index.html")
	if got := texts(byClass(doc, "notice-draft")); !slices.Equal(got, []string{"Draft — not official. The mappings shown here come from the crosswalk “T and S, unstated”. Nobody has checked it."}) {
		t.Errorf("draft notice = %q", got)
	}
	containsAll(t, "metadata", sitetest.Text(byClass(doc, "meta")[0]),
		"Statusdraft", "PublishedMay 2024", // not a date: shown as written
		"Records2 mapping records between 2 T and 2 S elements")
	if got := sitetest.Text(byID(t, doc, "relationships")); !strings.Contains(got, "Not stated by the source. "+vocab.UnstatedExplanation) || !strings.Contains(got, "Note: The table pairs items without saying how.") {
		t.Errorf("relationships section reads %q", got)
	}
	if n := tables(byID(t, doc, "relationships")); len(n) != 0 {
		t.Error("a vocabulary table for a crosswalk that states no relationship types")
	}
	records := tables(byID(t, doc, "mappings"))[0]
	if got := rows(records); !slices.Equal(got, []string{"T | S | As published", "F1 2 | 2 Care for the people who use the systems | Care (2)", "F1 Govern | 2.1 | -"}) {
		t.Errorf("records = %q", got)
	}
	containsAll(t, "records", sitetest.Text(byID(t, doc, "mappings")), "The source states no relationship type, so the table has no relationship column.")
	// Without a transcription or prose headings, the TOC is the page's parts.
	if got := links(tocs(doc)[0]); !slices.Equal(got, []string{"Matrix → #matrix", "Coverage → #coverage", "Gaps → #gaps", "All mapping records → #mappings",
		"About this crosswalk → #about", "Relationships → #relationships", "Downloads → #downloads"}) {
		t.Errorf("TOC = %q", got)
	}
}

// TestDownloads: a crosswalk page offers its own files, the schema and
// both frameworks' catalogs, a framework page its catalog first; each
// link names a file the build wrote, and a withheld file says why.
func TestDownloads(t *testing.T) {
	files := built(t, nil)
	for _, tt := range []struct {
		page, dir string
		want      []string
		withheld  []string
	}{
		{
			page: "crosswalks/st/index.html", dir: "crosswalks/st/",
			want: []string{"st.csv", "st.json", "st.xlsx", "st.oscal-mapping.json", "crosswalk.schema.json", "s.oscal-catalog.json", "t.oscal-catalog.json"},
		},
		{
			page: "crosswalks/ts/index.html", dir: "crosswalks/ts/",
			want:     []string{"ts.csv", "ts.json", "ts.xlsx", "crosswalk.schema.json", "s.oscal-catalog.json", "t.oscal-catalog.json"},
			withheld: []string{"OSCAL 1.2.1 mapping-collection (JSON): not published — OSCAL requires"},
		},
		{
			page: "frameworks/s/index.html", dir: "frameworks/s/",
			want:     []string{"s.oscal-catalog.json", "st.csv", "st.json", "st.xlsx", "st.oscal-mapping.json", "ts.csv", "ts.json", "ts.xlsx"},
			withheld: []string{"OSCAL 1.2.1 mapping-collection (JSON): not published — OSCAL requires"},
		},
	} {
		t.Run(tt.page, func(t *testing.T) {
			section := byID(t, page(t, files, tt.page), "downloads")
			var names []string
			for _, a := range sitetest.FindAll(section, func(n *html.Node) bool { return n.Data == "a" && sitetest.Attr(n, "href") != "#downloads" }) {
				href := sitetest.Attr(a, "href")
				names = append(names, sitetest.Text(a))
				target := strings.TrimPrefix(href, "../../")
				if target == href || files[target] == nil {
					t.Errorf("%s links to %s, which the build did not write", tt.page, href)
				}
				if target != "downloads/"+sitetest.Text(a) {
					t.Errorf("link %q leads to %s", sitetest.Text(a), href)
				}
			}
			if !slices.Equal(names, tt.want) {
				t.Errorf("downloads = %q, want %q", names, tt.want)
			}
			withheld := texts(byClass(section, "download-withheld"))
			if len(withheld) != len(tt.withheld) {
				t.Fatalf("withheld = %q, want %q", withheld, tt.withheld)
			}
			for i, w := range tt.withheld {
				if !strings.HasPrefix(withheld[i], w) {
					t.Errorf("withheld %q, want it to start %q", withheld[i], w)
				}
			}
			// Each file says what it is and how big.
			for _, li := range sitetest.FindAll(section, func(n *html.Node) bool { return n.Data == "li" && !sitetest.HasClass(n, "download-withheld") }) {
				if meta := byClass(li, "download-meta"); len(meta) != 1 || !strings.Contains(sitetest.Text(meta[0]), ", ") {
					t.Errorf("download %q does not give its format and size", sitetest.Text(li))
				}
			}
		})
	}
	// An element page offers no downloads.
	if n := sitetest.Find(page(t, files, "frameworks/s/p1/index.html"), func(n *html.Node) bool { return sitetest.Attr(n, "id") == "downloads" }); n != nil {
		t.Error("an element page has a downloads section")
	}
}
