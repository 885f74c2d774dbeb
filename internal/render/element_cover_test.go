package render_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/crosswalk-ssg/crosswalk/internal/sitetest"
	"github.com/crosswalk-ssg/crosswalk/internal/vocab"
	"golang.org/x/net/html"
)

// counterparts returns what the Counterparts section of an element page
// says: its group headings (with their counts), and the sentence of each
// counterpart card in it, outside the sections of lower elements.
func counterparts(t *testing.T, doc *html.Node) (groups, sentences []string) {
	t.Helper()
	section := byID(t, doc, "counterparts")
	return texts(byClass(section, "rel-group")), texts(byClass(section, "counterpart-sentence"))
}

// TestElementCounterparts checks, page by page, how an element's records
// are grouped and worded: by the relationship read from the page's side
// (a subset-of record reads "is a superset of" on its target's page),
// records that state none last, under their own heading, and records of
// ancestors apart, under "Through …".
func TestElementCounterparts(t *testing.T) {
	files := built(t, nil)
	tests := []struct {
		page      string
		groups    []string
		sentences []string
		empty     string // the text said when no record names the element itself
	}{
		{
			page:   "frameworks/t/f1-1/index.html",
			groups: []string{"Is a subset of 1", "Is a superset of 1", "Through function F1 Govern 1"},
			sentences: []string{"T F1 1 is a subset of S 2 Care for the people who use the systems.", "T F1 1 is a superset of S 1.1.",
				"T F1 Govern is listed with S 2.1."},
		},
		{
			page:      "frameworks/s/p1/index.html",
			groups:    []string{"Is equivalent to 1"},
			sentences: []string{"S 1 Openness is equivalent to T F2 Map."},
		},
		{
			page:      "frameworks/t/f1/index.html",
			groups:    []string{"Relationship not stated by the source 1"},
			sentences: []string{"T F1 Govern is listed with S 2.1."},
		},
		{
			page: "frameworks/t/f2-3/index.html",
			// F2 3 has no record of its own: only F2's, inherited.
			groups:    []string{"Through function F2 Map 1"},
			sentences: []string{"T F2 Map is equivalent to S 1 Openness."},
			empty:     "No mapping record names F2 3 itself. The records below are made at function F2 Map, which F2 3 belongs to.",
		},
		{
			page:  "frameworks/s/p3/index.html",
			empty: "No mapping record names 3 Quiet itself.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.page, func(t *testing.T) {
			doc := page(t, files, tt.page)
			groups, sentences := counterparts(t, doc)
			if !slices.Equal(groups, tt.groups) {
				t.Errorf("groups = %q, want %q", groups, tt.groups)
			}
			if !slices.Equal(sentences, tt.sentences) {
				t.Errorf("sentences = %q, want %q", sentences, tt.sentences)
			}
			var empty []string
			if tt.empty != "" {
				empty = []string{tt.empty}
			}
			if got := texts(byClass(byID(t, doc, "counterparts"), "empty")); !slices.Equal(got, empty) {
				t.Errorf("empty note = %q, want %q", got, empty)
			}
		})
	}
}

// TestCounterpartCard checks what a card says of its counterpart: a link
// to it (to its anchor when it is a section of another page, which the
// card names), its statement, what it holds, and the record's provenance.
func TestCounterpartCard(t *testing.T) {
	files := built(t, nil)
	doc := page(t, files, "frameworks/t/f1-1/index.html")
	cards := byClass(byID(t, doc, "counterparts"), "counterpart")
	if len(cards) != 3 {
		t.Fatalf("%d counterpart cards, want 2 of F1 1's and 1 of F1's", len(cards))
	}
	card := cards[1] // "is a superset of S 1.1"
	if got := sitetest.Attr(card, "data-relationship"); got != "subset-of" {
		t.Errorf("data-relationship = %q, want the record's term", got)
	}
	head := byClass(card, "counterpart-head")[0]
	if got := links(head); !slices.Equal(got, []string{"S 1.1 → ../../s/p1/index.html#1-1"}) {
		t.Errorf("card links %q", got)
	}
	if got := sitetest.Text(head); got != "S 1.1 in S 1 Openness" {
		t.Errorf("card head reads %q", got)
	}
	holds := sitetest.Find(card, func(n *html.Node) bool { return n.Data == "details" })
	if holds == nil {
		t.Fatal("no list of what 1.1 holds")
	}
	containsAll(t, "holds", sitetest.Text(holds), "1.1 holds 2 checks", "1.1.1 Check the notice exists.", "1.1.2 Check the notice is read.")
	meta := byClass(card, "counterpart-meta")
	if len(meta) != 1 {
		t.Fatalf("%d provenance lists, want 1", len(meta))
	}
	if got, want := sitetest.Text(meta[0]), "As published1.1 / F1 1RationaleA notice is part of a policy.Basisjudgement (related)NoteChecked twice.ReferencesTable 1"; got != want {
		t.Errorf("provenance reads %q, want %q", got, want)
	}
	// The other card: P2's statement, and a short summary of what it holds.
	containsAll(t, "P2's card", sitetest.Text(cards[0]), "Take care.", "P2 holds 1 outcome", "2.1 Look after them.")

	// A record whose status differs from its crosswalk's gets a badge.
	p1 := page(t, files, "frameworks/s/p1/index.html")
	if got := texts(byClass(byID(t, p1, "counterparts"), "status")); !slices.Equal(got, []string{"draft"}) {
		t.Errorf("status badges on P1 = %q, want the draft record's", got)
	}
	// A long statement is cut at a word, with an ellipsis.
	quoted := texts(byClass(p1, "counterpart-statement"))
	if !slices.ContainsFunc(quoted, func(s string) bool {
		return strings.HasPrefix(s, "Policies are in place, written down,") && strings.HasSuffix(s, "so that nobody has to guess…")
	}) {
		t.Errorf("F1 1's long statement is not shortened on P1's page: %q", quoted)
	}
}

// TestUnstatedRelationship: a record that states no relationship is
// listed under its own heading, with the explanation, and worded so that
// it claims none, in a group, in a section and in a table.
func TestUnstatedRelationship(t *testing.T) {
	files := built(t, nil)
	f1 := page(t, files, "frameworks/t/f1/index.html")
	if got := texts(byClass(f1, "unstated-note")); !slices.Equal(got, []string{vocab.UnstatedExplanation}) {
		t.Errorf("unstated note = %q", got)
	}
	if li := byClass(byID(t, f1, "counterparts"), "counterpart"); len(li) != 1 || sitetest.Attr(li[0], "data-relationship") != "unstated" {
		t.Errorf("the unstated record's card is not marked unstated")
	}
	section := byID(t, page(t, files, "frameworks/s/p1/index.html"), "1-2")
	if got := texts(byClass(section, "section-counterparts-title")); !slices.Equal(got, []string{"Counterparts of 1.2 (relationship not stated by the source)"}) {
		t.Errorf("section 1.2 title = %q", got)
	}
	if got := texts(byClass(section, "counterpart-sentence")); !slices.Equal(got, []string{"S 1.2 is listed with T F1 1.2."}) {
		t.Errorf("section 1.2 sentences = %q", got)
	}
	// In the roll-up table, the relationship cell says "not stated".
	rollup := byID(t, f1, "counterparts")
	var cells []string
	for _, tr := range sitetest.FindAll(rollup, func(n *html.Node) bool { return n.Data == "tr" && sitetest.Attr(n, "data-relationship") == "unstated" }) {
		cells = append(cells, texts(byClass(tr, "rel"))...)
	}
	if !slices.Equal(cells, []string{"not stated", "not stated"}) {
		t.Errorf("unstated rows' relationship cells = %q", cells)
	}
}

// TestInheritedRecords: records made at an ancestor reach what it holds;
// a page or section lists them apart, saying whose they are.
func TestInheritedRecords(t *testing.T) {
	files := built(t, nil)

	// On a page of its own: a group with the records, and an id to link to.
	f23 := page(t, files, "frameworks/t/f2-3/index.html")
	via := byID(t, f23, "via-f2")
	if got := sitetest.Text(via); got != "Through function F2 Map 1" {
		t.Errorf("inherited heading = %q", got)
	}
	if got := texts(byClass(f23, "inherited-note")); len(got) != 1 || !strings.HasPrefix(got[0], "Inherited: these records name F2 Map, not F2 3. A record made at a function reaches what it holds") {
		t.Errorf("inherited note = %q", got)
	}
	// The card of P1 lists what P1 holds, across two levels.
	containsAll(t, "F2 3's inherited card", sitetest.Text(byID(t, f23, "counterparts")), "P1 holds 2 outcomes and 2 checks")

	// In a section whose ancestors are on the same page: one line each,
	// nearest first, linking to the ancestor's section and the counterparts.
	check := byID(t, page(t, files, "frameworks/s/p1/index.html"), "1-1-1")
	lines := byClass(check, "inherited-line")
	if got := texts(lines); !slices.Equal(got, []string{"Through outcome 1.1 (inherited): F1 1", "Through principle P1 (inherited): F2"}) {
		t.Errorf("inherited lines of 1.1.1 = %q", got)
	}
	if got := links(lines[0]); !slices.Equal(got, []string{"1.1 → #1-1", "F1 1 → ../../t/f1-1/index.html"}) {
		t.Errorf("links of the first line = %q", got)
	}

	// In a section whose ancestor with records is on another page: the
	// records in full, under a title that says whose they are.
	sub := byID(t, page(t, files, "frameworks/t/f1-1/index.html"), "f1-1-1")
	if got := texts(byClass(sub, "inherited-line")); !slices.Equal(got, []string{"Through category F1 1 (inherited): 1.1, P2"}) {
		t.Errorf("inherited lines of F1 1.1 = %q", got)
	}
	titles := texts(byClass(sub, "section-counterparts-title"))
	// The inherited title names the section's element (F1 1.1), not the
	// page's (F1 1).
	if len(titles) != 2 || titles[0] != "Counterparts of F1 1.1" || titles[1] != "Through function F1 Govern (inherited: these records name F1, not F1 1.1)" {
		t.Errorf("section titles of F1 1.1 = %q", titles)
	}
	if got := texts(byClass(sub, "counterpart-sentence")); !slices.Equal(got, []string{"T F1 1.1 intersects with S 1.1.1.", "T F1 Govern is listed with S 2.1."}) {
		t.Errorf("sentences in section F1 1.1 = %q", got)
	}
}

// TestNoCounterpart: a record of no counterpart shows on its element's
// page, source or target side, with its reason and provenance.
func TestNoCounterpart(t *testing.T) {
	files := built(t, nil)
	for _, tt := range []struct{ page, want string }{
		{"frameworks/s/p3/index.html", "No counterpart in T, as recorded by the crosswalk “S to T”. ReasonNothing like it.As publishedP3: noneReferencesTable 2"},
		{"frameworks/t/f2-3/index.html", "No counterpart in S, as recorded by the crosswalk “S to T”. ReasonNot covered."},
	} {
		got := texts(byClass(page(t, files, tt.page), "no-counterpart"))
		if !slices.Equal(got, []string{tt.want}) {
			t.Errorf("%s: no-counterpart = %q, want %q", tt.page, got, tt.want)
		}
	}
	// It says where the record comes from, as records do.
	if got := texts(byClass(page(t, files, "frameworks/s/p3/index.html"), "record-source")); !slices.Equal(got, []string{"From the official crosswalk “S to T”, The Fixture Board, 6 May 2024."}) {
		t.Errorf("record source on P3 = %q", got)
	}
}

// TestRollup: an element's page lists, in one table, the records of what
// it contains, with the item each belongs to and only the columns some
// row fills.
func TestRollup(t *testing.T) {
	files := built(t, nil)
	doc := page(t, files, "frameworks/s/p1/index.html")
	if got := sitetest.Text(byID(t, doc, "counterparts-within")); got != "Counterparts of what 1 Openness contains 3" {
		t.Errorf("roll-up heading = %q", got)
	}
	table := sitetest.Find(byID(t, doc, "counterparts"), func(n *html.Node) bool { return n.Data == "table" })
	if table == nil {
		t.Fatal("no roll-up table")
	}
	headers := texts(sitetest.FindAll(table, func(n *html.Node) bool { return n.Data == "th" }))
	if want := []string{"Item", "Relationship", "Counterpart", "As published", "Rationale", "Basis"}; !slices.Equal(headers, want) {
		t.Errorf("columns = %q, want %q (no Status: every record is official)", headers, want)
	}
	var rows []string
	for _, tr := range sitetest.FindAll(table, func(n *html.Node) bool { return n.Data == "tr" && sitetest.Attr(n, "data-relationship") != "" }) {
		rows = append(rows, strings.Join(links(tr), " | "))
	}
	want := []string{
		"1.1 → #1-1 | T F1 1 → ../../t/f1-1/index.html",
		"1.1.1 → #1-1-1 | T F1 1.1 → ../../t/f1-1/index.html#f1-1-1",
		"1.2 → #1-2 | T F1 1.2 → ../../t/f1-1/index.html#f1-1-2",
	}
	if !slices.Equal(rows, want) {
		t.Errorf("roll-up rows:\n%s\nwant:\n%s", strings.Join(rows, "\n"), strings.Join(want, "\n"))
	}
}

// TestElementNavigation checks the trail, the side tree and the pager of
// an element page.
func TestElementNavigation(t *testing.T) {
	files := built(t, nil)
	doc := page(t, files, "frameworks/t/f1-1/index.html")
	crumbs := byClass(doc, "breadcrumbs")
	if len(crumbs) != 1 {
		t.Fatalf("%d breadcrumb trails", len(crumbs))
	}
	if got := links(crumbs[0]); !slices.Equal(got, []string{"Home → ../../../index.html", "T → ../index.html", "F1 Govern → ../f1/index.html"}) {
		t.Errorf("breadcrumb links = %q", got)
	}
	if got := sitetest.Text(crumbs[0]); got != "Home T F1 Govern F1 1" {
		t.Errorf("breadcrumbs read %q, ending with the page itself", got)
	}

	tree := byClass(doc, "side-tree")
	if len(tree) != 1 {
		t.Fatalf("%d side trees", len(tree))
	}
	// Only the current branch is open: F2's categories are not listed.
	if got := links(tree[0]); !slices.Equal(got, []string{"F1 Govern → ../f1/index.html", "F1 1 → index.html", "F1 2 → ../f1-2/index.html", "F2 Map → ../f2/index.html"}) {
		t.Errorf("side tree = %q", got)
	}
	current := sitetest.FindAll(tree[0], func(n *html.Node) bool { return sitetest.Attr(n, "aria-current") == "page" })
	if len(current) != 1 || sitetest.Text(current[0]) != "F1 1" {
		t.Errorf("side tree marks %q as current", texts(current))
	}
	if got := links(byClass(doc, "pager")[0]); !slices.Equal(got, []string{"Previous F1 Govern → ../f1/index.html", "Next F1 2 → ../f1-2/index.html"}) {
		t.Errorf("pager = %q", got)
	}
	// The first element of a framework has no previous page; the last
	// has no next.
	if got := links(byClass(page(t, files, "frameworks/t/f1/index.html"), "pager")[0]); !slices.Equal(got, []string{"Next F1 1 → ../f1-1/index.html"}) {
		t.Errorf("pager of F1 = %q", got)
	}
	if got := links(byClass(page(t, files, "frameworks/s/p3/index.html"), "pager")[0]); !slices.Equal(got, []string{"Previous 2 Care for the people who use the systems → ../p2/index.html"}) {
		t.Errorf("pager of P3 = %q", got)
	}
	// The header marks the framework the page belongs to.
	nav := byClass(doc, "site-nav")[0]
	marked := sitetest.FindAll(nav, func(n *html.Node) bool { return sitetest.Attr(n, "aria-current") == "page" })
	if got := texts(marked); !slices.Equal(got, []string{"T"}) {
		t.Errorf("header marks %q", got)
	}
	// A framework page has no side tree: it lists its contents itself.
	if got := byClass(page(t, files, "frameworks/t/index.html"), "side-tree"); len(got) != 0 {
		t.Error("framework page has a side tree")
	}
}

// TestElementTOC: an element page's table of contents lists the page's
// parts and the headings of its prose, each linking to an id on the page;
// a page with fewer than three entries has none.
func TestElementTOC(t *testing.T) {
	files := built(t, nil)
	for _, tt := range []struct {
		page string
		want []string
	}{
		{"frameworks/s/p1/index.html", []string{"Counterparts → #counterparts", "Contents of 1 Openness → #sections", "outcome 1.1 → #1-1", "outcome 1.2 → #1-2"}},
		{"frameworks/t/f1/index.html", []string{"Counterparts → #counterparts", "Background → #background", "categories → #children"}},
		{"frameworks/t/f2-3/index.html", nil},
	} {
		doc := page(t, files, tt.page)
		var got []string
		if toc := tocs(doc); len(toc) > 0 {
			got = links(toc[0])
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: TOC = %q, want %q", tt.page, got, tt.want)
		}
		for _, l := range got {
			_, id, _ := strings.Cut(l, " → #")
			byID(t, doc, id)
		}
	}
}
