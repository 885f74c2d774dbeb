package build_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/crosswalk-ssg/crosswalk"
	"github.com/crosswalk-ssg/crosswalk/internal/build"
	"github.com/crosswalk-ssg/crosswalk/internal/diag"
	"github.com/crosswalk-ssg/crosswalk/internal/layout"
	"github.com/crosswalk-ssg/crosswalk/internal/linkcheck"
	"github.com/crosswalk-ssg/crosswalk/internal/model"
	"github.com/crosswalk-ssg/crosswalk/internal/sitetest"
	"golang.org/x/net/html"
	"gopkg.in/yaml.v3"
)

// pathOf resolves href, as found on the page at page, to an output path
// and fragment.
func pathOf(page, href string) string {
	p, frag, _ := strings.Cut(href, "#")
	target := page
	if p != "" {
		target = path.Join(path.Dir(page), p)
	}
	if frag != "" {
		return target + "#" + frag
	}
	return target
}

// row is one row of a mappings table as a reader sees it: the output
// paths its links lead to, and its relationship.
type row struct {
	hrefs        []string
	relationship string
}

// mappingRows parses every table.mappings row and every counterpart card
// of a page.
func mappingRows(t testing.TB, page string, data []byte) []row {
	t.Helper()
	doc := sitetest.Parse(t, data)
	var rows []row
	var inTable func(n *html.Node) bool
	inTable = func(n *html.Node) bool {
		for p := n.Parent; p != nil; p = p.Parent {
			if p.Data == "table" {
				return sitetest.HasClass(p, "mappings")
			}
		}
		return false
	}
	var walk func(n *html.Node, r *row)
	walk = func(n *html.Node, r *row) {
		if n.Type == html.ElementNode {
			switch {
			case n.Data == "li" && r == nil && sitetest.HasClass(n, "counterpart"):
				// A counterpart card: its relationship is an attribute.
				nr := row{relationship: sitetest.Attr(n, "data-relationship")}
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					walk(c, &nr)
				}
				rows = append(rows, nr)
				return
			case n.Data == "tr" && r == nil && inTable(n):
				nr := row{relationship: sitetest.Attr(n, "data-relationship")}
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					walk(c, &nr)
				}
				if nr.relationship != "" {
					rows = append(rows, nr)
				}
				return
			case n.Data == "a" && r != nil:
				r.hrefs = append(r.hrefs, pathOf(page, sitetest.Attr(n, "href")))
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, r)
		}
	}
	walk(doc, nil)
	return rows
}

// elementTarget is the output path (with fragment) an element link leads to.
func elementTarget(e *model.Element) string {
	if e.Anchor != "" {
		return e.Doc.Path + "#" + e.Anchor
	}
	return e.Doc.Path
}

// officialRecord is one record of the default crosswalk file, read
// independently of the generator's decoder.
type officialRecord struct {
	Source, Target, Relationship string
	AsPublished                  string `yaml:"as_published"`
}

// readOfficial reads the default crosswalk's records with yaml.v3 alone.
func readOfficial(t *testing.T) []officialRecord {
	t.Helper()
	var cwFile struct{ Mappings []officialRecord }
	data, err := os.ReadFile("../../content/crosswalks/nist-ai-rmf--ai-verify.md")
	if err != nil {
		t.Fatal(err)
	}
	fm := bytes.SplitN(data, []byte("\n---"), 2)[0]
	if err := yaml.Unmarshal(bytes.TrimPrefix(fm, []byte("---")), &cwFile); err != nil {
		t.Fatal(err)
	}
	return cwFile.Mappings
}

// recordWording returns the texts of a page that state records: their
// sentences, relationship cells and headings, and the lines that say where
// records come from or that they are inherited.
func recordWording(t testing.TB, data []byte) []string {
	t.Helper()
	doc := sitetest.Parse(t, data)
	classes := []string{"counterpart-sentence", "rel", "rel-group", "section-counterparts-title", "inherited-line", "inherited-note", "record-source", "unstated-note", "empty"}
	var out []string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			for _, c := range classes {
				if sitetest.HasClass(n, c) {
					out = append(out, sitetest.Text(n))
					return
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out
}

// linksAfter returns the output paths linked from the counterpart cards
// that follow the element with id in a page, up to the next heading.
func linksAfter(t testing.TB, page string, data []byte, id string) []string {
	t.Helper()
	start := sitetest.Find(sitetest.Parse(t, data), func(n *html.Node) bool { return sitetest.Attr(n, "id") == id })
	if start == nil {
		return nil
	}
	var out []string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "a" {
			out = append(out, pathOf(page, sitetest.Attr(n, "href")))
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for n := start.NextSibling; n != nil; n = n.NextSibling {
		if n.Type == html.ElementNode && (n.Data == "h2" || n.Data == "h3") {
			break
		}
		walk(n)
	}
	return out
}

// TestDefaultSite builds the repository's own content and checks what a
// reader is promised: every page kind is there, every pair of NIST's
// official crosswalk shows on the pages of both its elements, a NIST
// subcategory shows its category's pairs as inherited, and no page claims
// a relationship the table does not state or calls a record a draft.
func TestDefaultSite(t *testing.T) {
	files, res := sitetest.Build(t, sitetest.Repo(t))

	// Pages per framework level, by the stable URL scheme.
	var errs diag.List
	loaded, err := build.Load(build.Config{Source: sitetest.Repo(t), Defaults: crosswalk.Defaults}, &errs)
	if err != nil || errs.Err() != nil {
		t.Fatalf("load: %v %v", err, errs.Err())
	}
	ix := loaded.Index
	pagesAt := func(fwID string, depth int) []string {
		var paths []string
		for _, e := range ix.Framework(fwID).Elements {
			if e.Depth == depth {
				p := "frameworks/" + fwID + "/" + layout.Slug(e.ID) + "/index.html"
				if _, ok := files[p]; !ok {
					t.Errorf("%s %q has no page at %s", fwID, e.ID, p)
				}
				paths = append(paths, p)
			}
		}
		return paths
	}
	principles := pagesAt("ai-verify", 0)
	if len(principles) != 12 {
		t.Errorf("%d AI Verify principle pages, want 11 principles + Organisational Considerations", len(principles))
	}
	for i, e := range ix.Framework("ai-verify").Roots {
		want := []string{"transparency", "explainability", "repeatability-reproducibility", "safety", "security", "robustness", "fairness", "data-governance", "accountability", "human-agency-oversight", "inclusive-growth-societal-environmental-well-being", "organisational-considerations"}
		if i >= len(want) || e.ID != want[i] {
			t.Errorf("principle %d is %q", i+1, e.ID)
		}
	}
	for depth, want := range []int{4, 19, 72} {
		if got := len(pagesAt("nist-ai-rmf", depth)); got != want {
			t.Errorf("NIST AI RMF depth %d: %d pages, want %d", depth, got, want)
		}
	}
	// Process checks are anchored sections of their principle's page, with
	// their expected evidence.
	fairness := string(files["frameworks/ai-verify/fairness/index.html"])
	for _, want := range []string{`id="7-4-2"`, `Expected evidence`, `id="7-4"`} {
		if !strings.Contains(fairness, want) {
			t.Errorf("fairness page lacks %s", want)
		}
	}

	// Every pair of the crosswalk file is on the NIST category's page and
	// on the AI Verify item's page, both ways, stating no relationship.
	records := readOfficial(t)
	if len(records) != 272 || res.Mappings != 272 {
		t.Fatalf("%d mapping records in the file, %d built; want 272", len(records), res.Mappings)
	}
	aiv, nist := ix.Framework("ai-verify"), ix.Framework("nist-ai-rmf")
	categories := map[string]bool{}
	rowsOf := map[string][]row{}
	for _, m := range records {
		src, tgt := nist.ByID[m.Source], aiv.ByID[m.Target]
		if src == nil || tgt == nil || m.Relationship != "" || m.AsPublished == "" {
			t.Errorf("record %+v: element missing, a relationship, or no as-published text", m)
			continue
		}
		categories[m.Source] = true
		for _, side := range []struct{ page, other string }{
			{src.Doc.Path, elementTarget(tgt)},
			{tgt.Doc.Path, elementTarget(src)},
		} {
			rows, ok := rowsOf[side.page]
			if !ok {
				rows = mappingRows(t, side.page, files[side.page])
				rowsOf[side.page] = rows
			}
			found := false
			for _, r := range rows {
				if r.relationship == "unstated" && slices.Contains(r.hrefs, side.other) {
					found = true
					break
				}
			}
			if !found {
				t.Errorf("record %s → %s: no row on %s linking to %s", m.Source, m.Target, side.page, side.other)
			}
		}
	}
	if len(categories) != 19 {
		t.Errorf("records name %d NIST categories, want 19", len(categories))
	}

	// The crosswalk page: NIST, the date, the PDF, 19 categories, 272 pairs.
	crosswalkPage := "crosswalks/nist-ai-rmf-1-0-ai-verify-2023/index.html"
	cwText := sitetest.MainText(t, files[crosswalkPage])
	for _, want := range []string{"National Institute of Standards and Technology (NIST)", "12 October 2023",
		"https://airc.nist.gov/docs/NIST_AI_RMF_to_AI_Verify_Crosswalk.pdf",
		"272 mapping records between 19 NIST AI RMF and", "Not stated by the source.", "Transcription", "The MEASURE 4 row lists"} {
		if !strings.Contains(cwText, want) {
			t.Errorf("crosswalk page lacks %q", want)
		}
	}
	if all := mappingRows(t, crosswalkPage, files[crosswalkPage]); len(all) != 272 {
		t.Errorf("crosswalk page table has %d rows, want 272", len(all))
	}

	// Every NIST subcategory page lists its category's pairs as inherited,
	// apart from its own (it has none): MEASURE 2.11 among them.
	byCategory := map[string][]string{}
	for _, m := range records {
		byCategory[m.Source] = append(byCategory[m.Source], elementTarget(aiv.ByID[m.Target]))
	}
	for _, e := range nist.Elements {
		if e.Depth != 2 {
			continue
		}
		page := e.Doc.Path
		got := linksAfter(t, page, files[page], "via-"+e.Parent.Slug)
		for _, want := range byCategory[e.Parent.ID] {
			if !slices.Contains(got, want) {
				t.Errorf("%s does not list %s as inherited from %s", e.ID, want, e.Parent.ID)
			}
		}
		if txt := sitetest.MainText(t, files[page]); !strings.Contains(txt, "Inherited: these records name "+e.Parent.ID+", not "+e.ID) {
			t.Errorf("%s does not say its records are inherited from %s", e.ID, e.Parent.ID)
		}
	}
	// Which AI Verify process checks relate to MEASURE 2.11: those MEASURE 2
	// names, and those of the outcomes it names, all on the page itself.
	m211 := "frameworks/nist-ai-rmf/measure-2-11/index.html"
	m211Links := linksAfter(t, m211, files[m211], "via-measure-2")
	checks := 0
	for _, m := range records {
		if m.Source != "MEASURE 2" {
			continue
		}
		item := aiv.ByID[m.Target]
		for _, pc := range append([]*model.Element{item}, item.Descendants()...) {
			if pc.Level().Name == "process check" {
				checks++
				if !slices.Contains(m211Links, elementTarget(pc)) {
					t.Errorf("MEASURE 2.11's page does not show process check %s (through %s)", pc.ID, item.ID)
				}
			}
		}
	}
	if checks == 0 {
		t.Error("MEASURE 2 relates to no process check; the test reads the wrong records")
	}

	// The Fairness page lists every NIST category whose row names a
	// Fairness outcome (or process check).
	fairnessPage := "frameworks/ai-verify/fairness/index.html"
	fairnessRows := mappingRows(t, fairnessPage, files[fairnessPage])
	for _, m := range records {
		if !aiv.ByID[m.Target].Within(aiv.ByID["fairness"]) {
			continue
		}
		found := false
		for _, r := range fairnessRows {
			found = found || slices.Contains(r.hrefs, nist.ByID[m.Source].Doc.Path)
		}
		if !found {
			t.Errorf("Fairness page does not list %s", m.Source)
		}
	}

	// Inherited the other way: a process check of an outcome that records
	// name lists them, compactly, as inherited through the outcome above it.
	i := strings.Index(fairness, `id="7-2-1"`)
	if i < 0 {
		t.Fatal("no section 7.2.1 on the Fairness page")
	}
	section := fairness[i:]
	section = section[:strings.Index(section, "</section>")]
	for _, want := range []string{`class="inherited-line">Through outcome <a href="#7-2">7.2</a> (inherited)`, `href="../../nist-ai-rmf/govern-1/index.html">GOVERN 1</a>`} {
		if !strings.Contains(section, want) {
			t.Errorf("section 7.2.1 lacks %s:\n%s", want, section)
		}
	}

	// No page words a record with a set-theory relationship (framework
	// statements may use the words, as AI Verify 5.7.1 "or equivalent"
	// does; what is checked is everything that states a record), and none
	// calls anything a draft.
	setTheory := regexp.MustCompile(`(?i)\b(intersects?|subset|superset|equivalent|equal)\b`)
	if w := strings.Join(recordWording(t, files[m211]), "|"); !strings.Contains(w, "NIST AI RMF MEASURE 2 is listed with AI Verify") || !strings.Contains(w, "Relationship not stated") && !strings.Contains(w, "Through category MEASURE 2") {
		t.Errorf("the record wording check reads nothing on %s: %q", m211, w)
	}
	shown := 0
	for name, data := range files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		txt := sitetest.MainText(t, data)
		for _, w := range recordWording(t, data) {
			if m := setTheory.FindString(w); m != "" {
				t.Errorf("%s words a record %q", name, w)
			}
		}
		if strings.Contains(strings.ToLower(txt), "draft") || bytes.Contains(data, []byte("notice-draft")) {
			t.Errorf("%s mentions a draft", name)
		}
		if len(mappingRows(t, name, data)) > 0 {
			shown++
			if !strings.Contains(txt, "From the official crosswalk") && name != crosswalkPage {
				t.Errorf("%s shows records without saying where they come from", name)
			}
		}
	}
	if shown < 100 {
		t.Errorf("only %d pages show records; expected the 12 principles, the NIST categories and subcategories", shown)
	}

	// The home page's entry points: 12 principles and sections, 4 functions
	// with their 19 categories, each with its number of records.
	home := string(files["index.html"])
	for _, want := range []string{`href="frameworks/ai-verify/organisational-considerations/index.html"`, `href="frameworks/nist-ai-rmf/manage-4/index.html"`} {
		if !strings.Contains(home, want) {
			t.Errorf("home page lacks entry point %s", want)
		}
	}
	if n := strings.Count(home, `<span class="count"`); n != 12+4+19 {
		t.Errorf("home page has %d counted entry points, want 35", n)
	}

	// Attribution: each framework page names its source and licence.
	for _, fw := range []*model.Framework{aiv, nist} {
		page := string(files[fw.Doc.Path])
		for _, want := range []string{fw.License, fw.URL, fw.Publisher} {
			if !strings.Contains(page, htmlEscape(want)) {
				t.Errorf("%s lacks %q", fw.Doc.Path, want)
			}
		}
	}

	// Deep source links: a principle's attribution links its statement's
	// file at the pinned commit (the principle metadata), each outcome's
	// section the principle's own config file, which its process checks
	// share, so they link nothing more.
	const pinned = "https://github.com/aiverify-foundation/aiverify/blob/cdd1db2161665d3315a7afc97e83e2f4e9835ca9/stock-plugins/aiverify.stock.process-checklist/inputs/"
	fairnessDoc := sitetest.Parse(t, files["frameworks/ai-verify/fairness/index.html"])
	var deep []string
	for _, a := range sitetest.FindAll(fairnessDoc, func(n *html.Node) bool {
		return n.Data == "a" && strings.HasPrefix(sitetest.Attr(n, "href"), pinned)
	}) {
		deep = append(deep, sitetest.Text(a)+" → "+strings.TrimPrefix(sitetest.Attr(a, "href"), pinned))
	}
	wantDeep := []string{"source of 7 Fairness → config_principle_areas.ts"}
	for _, o := range aiv.ByID["fairness"].Children {
		wantDeep = append(wantDeep, "source of "+o.Label()+" → config_fairness.ts")
	}
	if !slices.Equal(deep, wantDeep) {
		t.Errorf("the Fairness page's deep source links:\n%s\nwant\n%s", strings.Join(deep, "\n"), strings.Join(wantDeep, "\n"))
	}

	// The JSON download carries them, inherited: process check 7.1.1 is
	// in its principle's config file.
	type sideJSON struct {
		Elements []struct {
			ID        string `json:"id"`
			SourceURL string `json:"source_url"`
		} `json:"elements"`
	}
	var data struct {
		Crosswalk struct{ Source, Target sideJSON } `json:"crosswalk"`
	}
	if err := json.Unmarshal(files["downloads/nist-ai-rmf-1-0-ai-verify-2023.json"], &data); err != nil {
		t.Fatal(err)
	}
	sources := map[string]string{}
	for _, fw := range []sideJSON{data.Crosswalk.Source, data.Crosswalk.Target} {
		for _, e := range fw.Elements {
			sources[e.ID] = e.SourceURL
		}
	}
	if got := sources["7.1.1"]; got != pinned+"config_fairness.ts" {
		t.Errorf("the JSON gives 7.1.1 the source %q", got)
	}
	if got := sources["GOVERN 1"]; got != "" {
		t.Errorf("the JSON gives GOVERN 1 the source %q; NIST's data gives no place more precise than the document", got)
	}

	// The press release is at its own permalink; its annex links lead to
	// this site's annex pages, its mention of the crosswalk to the crosswalk.
	press := string(files["media-centre/press-releases/singapore-and-the-us-to-deepen-cooperation-in-ai/index.html"])
	for _, want := range []string{`href="../../../annexes/annex-a/index.html"`, `href="../../../annexes/annex-c/index.html"`,
		`href="../../../crosswalks/nist-ai-rmf-1-0-ai-verify-2023/index.html"`, "Singapore and the US to Deepen Cooperation In AI"} {
		if !strings.Contains(press, want) {
			t.Errorf("press release lacks %s", want)
		}
	}
	// The superseded draft's old address redirects to the official crosswalk.
	if old := string(files["crosswalks/aiverify-2023-nist-ai-rmf-1-0/index.html"]); !strings.Contains(old, "../nist-ai-rmf-1-0-ai-verify-2023/index.html") {
		t.Errorf("old crosswalk URL does not redirect: %q", old)
	}
	checkLinks(t, sitetest.FS(files))
}

func htmlEscape(s string) string {
	var b bytes.Buffer
	html.Render(&b, &html.Node{Type: html.TextNode, Data: s})
	return b.String()
}

// TestLinkCheckFindsBrokenOutput makes sure the link check used above can
// fail: a site whose template writes a dangling link is reported.
func TestLinkCheckFindsBrokenOutput(t *testing.T) {
	files, _ := sitetest.Build(t, sitetest.Source(sitetest.With(small(t), map[string]string{
		"templates/page.html": `{{ define "main" }}<a href="missing/index.html">x</a><a href="#nowhere">y</a>{{ end }}`,
	})))
	problems, err := linkcheck.Check(sitetest.FS(files), linkcheck.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range problems {
		if p.Page == "about/index.html" {
			got = append(got, p.Reason)
		}
	}
	want := "missing file about/missing/index.html|missing fragment #nowhere in about/index.html"
	if strings.Join(got, "|") != want {
		t.Errorf("problems on about/index.html = %q, want %q", got, want)
	}
}
