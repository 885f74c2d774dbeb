package generator

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/crosswalk-ssg/crosswalk"
	"github.com/crosswalk-ssg/crosswalk/generator/diag"
	"github.com/crosswalk-ssg/crosswalk/generator/link"
	"github.com/crosswalk-ssg/crosswalk/generator/model"
	"golang.org/x/net/html"
	"gopkg.in/yaml.v3"
)

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
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	var rows []row
	var inTable func(n *html.Node) bool
	inTable = func(n *html.Node) bool {
		for p := n.Parent; p != nil; p = p.Parent {
			if p.Data == "table" {
				return hasClass(p, "mappings")
			}
		}
		return false
	}
	var walk func(n *html.Node, r *row)
	walk = func(n *html.Node, r *row) {
		if n.Type == html.ElementNode {
			switch {
			case n.Data == "li" && r == nil && hasClass(n, "counterpart"):
				// A counterpart card: its relationship is an attribute.
				nr := row{relationship: attr(n, "data-relationship")}
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					walk(c, &nr)
				}
				rows = append(rows, nr)
				return
			case n.Data == "tr" && r == nil && inTable(n):
				var nr row
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					walk(c, &nr)
				}
				if nr.relationship != "" {
					rows = append(rows, nr)
				}
				return
			case n.Data == "a" && r != nil:
				r.hrefs = append(r.hrefs, pathOf(page, attr(n, "href")))
			case n.Data == "span" && r != nil && hasClass(n, "rel"):
				r.relationship = text(n)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, r)
		}
	}
	walk(doc, nil)
	return rows
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasClass(n *html.Node, class string) bool {
	for _, c := range strings.Fields(attr(n, "class")) {
		if c == class {
			return true
		}
	}
	return false
}

func text(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.TrimSpace(b.String())
}

// elementTarget is the output path (with fragment) an element link leads to.
func elementTarget(e *model.Element) string {
	if e.Anchor != "" {
		return e.Doc.Path + "#" + e.Anchor
	}
	return e.Doc.Path
}

// TestDefaultSite builds the repository's own content and checks what the
// issue promises a reader: every page kind is there, every mapping record
// shows on the pages of both its elements, and every page that shows a
// mapping says the crosswalk is a draft.
func TestDefaultSite(t *testing.T) {
	out, res := mustBuild(t, repoSite())
	files := outputFiles(t, out)

	// Pages per framework level, by the stable URL scheme.
	var errs diag.List
	loaded, err := Load(Config{Source: repoSite(), Defaults: crosswalk.Defaults}, &errs)
	if err != nil || errs.Err() != nil {
		t.Fatalf("load: %v %v", err, errs.Err())
	}
	ix := loaded.Index
	pagesAt := func(fwID string, depth int) []string {
		var paths []string
		for _, e := range ix.Framework(fwID).Elements {
			if e.Depth == depth {
				p := "frameworks/" + fwID + "/" + link.Slug(e.ID) + "/index.html"
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

	// Every record of the crosswalk file, read independently of the
	// generator's decoder, is on both pages, in both directions.
	var cwFile struct {
		Mappings []struct {
			Source, Target, Relationship string
		}
	}
	data, err := os.ReadFile("../content/crosswalks/aiverify-nist-ai-rmf.md")
	if err != nil {
		t.Fatal(err)
	}
	fm := bytes.SplitN(data, []byte("\n---"), 2)[0]
	if err := yaml.Unmarshal(bytes.TrimPrefix(fm, []byte("---")), &cwFile); err != nil {
		t.Fatal(err)
	}
	if len(cwFile.Mappings) != 77 || res.Mappings != 77 {
		t.Fatalf("%d mapping records in the file, %d built; want 77", len(cwFile.Mappings), res.Mappings)
	}
	aiv, nist := ix.Framework("ai-verify"), ix.Framework("nist-ai-rmf")
	rowsOf := map[string][]row{}
	for _, m := range cwFile.Mappings {
		src, tgt := aiv.ByID[m.Source], nist.ByID[m.Target]
		if src == nil || tgt == nil {
			t.Errorf("record %s → %s: element missing", m.Source, m.Target)
			continue
		}
		inverse := string(model.Relationship(m.Relationship).Inverse())
		for _, side := range []struct {
			page, other, rel string
		}{
			{src.Doc.Path, elementTarget(tgt), m.Relationship},
			{tgt.Doc.Path, elementTarget(src), inverse},
		} {
			rows, ok := rowsOf[side.page]
			if !ok {
				rows = mappingRows(t, side.page, files[side.page])
				rowsOf[side.page] = rows
			}
			found := false
			for _, r := range rows {
				if r.relationship == side.rel && contains(r.hrefs, side.other) {
					found = true
					break
				}
			}
			if !found {
				t.Errorf("record %s %s %s: no row on %s linking to %s as %s", m.Source, m.Relationship, m.Target, side.page, side.other, side.rel)
			}
		}
	}
	crosswalkPage := "crosswalks/aiverify-2023-nist-ai-rmf-1-0/index.html"
	all := mappingRows(t, crosswalkPage, files[crosswalkPage])
	if len(all) != 77 {
		t.Errorf("crosswalk page table has %d rows, want 77", len(all))
	}

	// A page that shows a mapping says the crosswalk is a draft.
	shown := 0
	for name, data := range files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		if len(mappingRows(t, name, data)) > 0 {
			shown++
			if !bytes.Contains(data, []byte(`class="notice notice-draft"`)) || !bytes.Contains(data, []byte("Draft — not official.")) {
				t.Errorf("%s shows mappings without the draft notice", name)
			}
		}
	}
	if shown < 60 {
		t.Errorf("only %d pages show mappings; expected the 12 principles and every mapped NIST page", shown)
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

	// The press release is at its own permalink, and its annex links lead
	// to this site's annex pages.
	press := string(files["media-centre/press-releases/singapore-and-the-us-to-deepen-cooperation-in-ai/index.html"])
	for _, want := range []string{`href="../../../annexes/annex-a/index.html"`, `href="../../../annexes/annex-c/index.html"`, "Singapore and the US to Deepen Cooperation In AI"} {
		if !strings.Contains(press, want) {
			t.Errorf("press release lacks %s", want)
		}
	}
	checkLinks(t, out)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func htmlEscape(s string) string {
	var b bytes.Buffer
	html.Render(&b, &html.Node{Type: html.TextNode, Data: s})
	return b.String()
}

// TestLinkCheckFindsBrokenOutput makes sure the link check used above can
// fail: a site whose template writes a dangling link is reported.
func TestLinkCheckFindsBrokenOutput(t *testing.T) {
	src := readSite(t, "small")
	_ = writeFile(src, "templates/page.html", `{{ define "main" }}<a href="missing/index.html">x</a><a href="#nowhere">y</a>{{ end }}`)
	out, _ := mustBuild(t, src)
	problems, err := linkcheckCheck(out)
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
