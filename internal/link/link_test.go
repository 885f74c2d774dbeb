package link_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/crosswalk-ssg/crosswalk/internal/diag"
	"github.com/crosswalk-ssg/crosswalk/internal/layout"
	"github.com/crosswalk-ssg/crosswalk/internal/link"
	"github.com/crosswalk-ssg/crosswalk/internal/model"
	"github.com/crosswalk-ssg/crosswalk/internal/source"
)

// file is one content file of an in-memory site.
type file struct{ path, text string }

// build parses, decodes and links files in the order given (as
// source.ReadDir would, but the order is the test's to choose).
func build(t *testing.T, static []string, files ...file) (*model.Site, *link.Index, error) {
	t.Helper()
	var errs diag.List
	var parsed []*source.File
	for _, f := range files {
		if sf := source.Parse(f.path, []byte(f.text), &errs); sf != nil {
			parsed = append(parsed, sf)
		}
	}
	if err := errs.Err(); err != nil {
		t.Fatalf("source.Parse: %v", err)
	}
	site := model.Decode(parsed, &errs)
	ix := link.Link(site, static, &errs)
	return site, ix, errs.Err()
}

// mustBuild is build for sites without errors.
func mustBuild(t *testing.T, files ...file) (*model.Site, *link.Index) {
	t.Helper()
	site, ix, err := build(t, []string{"style.css"}, files...)
	if err != nil {
		t.Fatalf("Link: %v", err)
	}
	return site, ix
}

// buildErr is build for sites that must fail; it returns the errors.
func buildErr(t *testing.T, files ...file) string {
	t.Helper()
	_, _, err := build(t, []string{"style.css", "robots.txt"}, files...)
	if err == nil {
		t.Fatal("no error")
	}
	return err.Error()
}

func frameworkFile(id string, levels ...string) file {
	var b strings.Builder
	b.WriteString("---\nframework:\n  id: " + id + "\n  title: Framework " + id +
		"\n  version: \"1.0\"\n  publisher: P\n  url: https://example.org/" + id + "\n  license: L\nlevels:\n")
	for _, l := range levels {
		name, page, _ := strings.Cut(l, ":")
		b.WriteString("  - name: " + name + "\n")
		if page == "page" {
			b.WriteString("    page: true\n")
		}
	}
	b.WriteString("---\n")
	return file{"content/frameworks/" + id + "/_index.md", b.String()}
}

func home() file { return file{"content/_index.md", "---\ntitle: Home\n---\nWelcome.\n"} }

// fixture is a site with two frameworks, listed out of id order, that
// share the id "MAP 1".
func fixture() []file {
	return []file{
		home(),
		{"content/about/attribution.md", "---\ntitle: Attribution\n---\n"},
		{"content/annexes/_index.md", "---\ntitle: Annexes\n---\n"},
		{"content/media/x.md", "---\ntitle: Press release\npermalink: /media-centre/x/\n---\n"},
		{"content/space.md", "---\ntitle: Space\npermalink: /a b/\n---\n"},
		frameworkFile("nist", "function:page", "category:page", "subcategory"),
		{"content/frameworks/nist/govern.md", `---
id: GOVERN
title: Govern
children:
  - id: GOVERN 1
    title: Policies
    children:
      - id: GOVERN 1.1
        statement: Legal requirements are understood.
---
`},
		{"content/frameworks/nist/govern-1-2.md", "---\nid: GOVERN 1.2\nparent: GOVERN 1\nstatement: Trustworthy AI.\n---\nProse.\n"},
		{"content/frameworks/nist/map.md", "---\nid: MAP\ntitle: Map\nchildren:\n  - id: MAP 1\n    title: Context\n---\n"},
		frameworkFile("ai-verify", "principle:page", "outcome"),
		{"content/frameworks/ai-verify/01.md", "---\nid: \"1\"\ntitle: Transparency\nchildren:\n  - id: \"1.1\"\n    statement: Outcome.\n  - id: MAP 1\n    statement: Same id as NIST's.\n---\n"},
		{"content/crosswalks/aiv-nist.md", `---
crosswalk:
  id: aiv--nist
  title: AI Verify to NIST
  source: ai-verify
  target: nist
  status: official
mappings:
  - source: "1.1"
    target: GOVERN 1.1
    relationship: subset-of
  - source: "1"
    target: GOVERN
    relationship: intersects-with
---
`},
	}
}

func TestLinkPlacesDocs(t *testing.T) {
	t.Parallel()
	site, ix := mustBuild(t, fixture()...)
	var paths []string
	for _, d := range site.Docs {
		paths = append(paths, string(d.Kind)+" "+d.Path)
	}
	want := []string{
		"page a b/index.html",
		"page about/attribution/index.html",
		"page annexes/index.html",
		// The crosswalk's part pages: a page per non-empty cell of the
		// crosswalk page's matrix, and a drill-down per element with
		// children that records reach into.
		"crosswalk-part crosswalks/aiv-nist/cells/1--govern/index.html",
		"crosswalk-part crosswalks/aiv-nist/columns/govern-1/index.html",
		"crosswalk-part crosswalks/aiv-nist/columns/govern/index.html",
		"crosswalk crosswalks/aiv-nist/index.html",
		"crosswalk-part crosswalks/aiv-nist/rows/1/index.html",
		"element frameworks/ai-verify/1/index.html",
		"framework frameworks/ai-verify/index.html",
		"element frameworks/nist/govern-1/index.html",
		"element frameworks/nist/govern/index.html",
		"framework frameworks/nist/index.html",
		"element frameworks/nist/map-1/index.html",
		"element frameworks/nist/map/index.html",
		"home index.html",
		"page media-centre/x/index.html",
		"search search/index.html",
	}
	if !slices.Equal(paths, want) {
		t.Errorf("docs:\n%s\nwant:\n%s", strings.Join(paths, "\n"), strings.Join(want, "\n"))
	}
	nist := ix.Framework("nist")
	if nist == nil {
		t.Fatal(`Framework("nist") = nil`)
	}
	var order []string
	for _, e := range nist.Elements {
		order = append(order, e.ID)
	}
	if want := []string{"GOVERN", "GOVERN 1", "GOVERN 1.1", "GOVERN 1.2", "MAP", "MAP 1"}; !slices.Equal(order, want) {
		t.Errorf("nist elements = %q, want %q", order, want)
	}
	g12 := nist.ByID["GOVERN 1.2"]
	if g12.Parent != nist.ByID["GOVERN 1"] || g12.Depth != 2 || g12.Anchor != "govern-1-2" || g12.Doc.Path != "frameworks/nist/govern-1/index.html" {
		t.Errorf("GOVERN 1.2: parent %v depth %d anchor %q doc %q", g12.Parent.ID, g12.Depth, g12.Anchor, g12.Doc.Path)
	}
	if d := ix.Doc("frameworks/nist/govern/index.html"); d == nil || d.Element != nist.ByID["GOVERN"] || d.Title != nist.Name()+" GOVERN" {
		t.Errorf("Doc(govern) = %+v", d)
	}
	if d := ix.Doc("frameworks/nist/govern-1-1/index.html"); d != nil {
		t.Errorf("anchored GOVERN 1.1 has a page: %+v", d)
	}
	if ix.Framework("NIST") != nil {
		t.Error(`Framework("NIST") != nil`)
	}
	g11, aiv11 := nist.ByID["GOVERN 1.1"], ix.Framework("ai-verify").ByID["1.1"]
	if len(g11.Incoming) != 1 || g11.Incoming[0].Source != aiv11 || len(aiv11.Outgoing) != 1 || aiv11.Outgoing[0] != g11.Incoming[0] {
		t.Errorf("mapping 1.1 → GOVERN 1.1 not indexed: incoming %v outgoing %v", g11.Incoming, aiv11.Outgoing)
	}
	cw := site.Crosswalks[0]
	if cw.Source != ix.Framework("ai-verify") || cw.Target != nist {
		t.Errorf("crosswalk frameworks = %v, %v", cw.Source, cw.Target)
	}
}

func TestLinkWeightOrdersSiblings(t *testing.T) {
	t.Parallel()
	site, _ := mustBuild(t,
		frameworkFile("f", "a:page", "b"),
		file{"content/frameworks/f/a.md", "---\nid: A\ntitle: A\nweight: 2\nchildren:\n  - {id: A2, title: t}\n  - {id: A1, title: t, weight: -1}\n---\n"},
		file{"content/frameworks/f/b.md", "---\nid: B\ntitle: B\nweight: 1\n---\n"},
		file{"content/frameworks/f/c.md", "---\nid: C\ntitle: C\nweight: 1\n---\n"},
	)
	var got []string
	for _, e := range site.Frameworks[0].Elements {
		got = append(got, e.ID)
	}
	if want := []string{"B", "C", "A", "A1", "A2"}; !slices.Equal(got, want) {
		t.Errorf("elements = %q, want %q", got, want)
	}
}

func TestElementURL(t *testing.T) {
	t.Parallel()
	_, ix := mustBuild(t, fixture()...)
	nist := ix.Framework("nist")
	tests := []struct{ from, id, want string }{
		{"index.html", "GOVERN", "frameworks/nist/govern/index.html"},                  // own page
		{"frameworks/nist/govern/index.html", "GOVERN", "index.html"},                  // own page, from itself
		{"frameworks/nist/govern/index.html", "GOVERN 1", "../govern-1/index.html"},    // own page, sibling folder
		{"frameworks/nist/govern-1/index.html", "GOVERN 1.1", "#govern-1-1"},           // anchor on the same page
		{"frameworks/nist/govern-1/index.html", "GOVERN 1.2", "#govern-1-2"},           // anchor from another file
		{"frameworks/nist/index.html", "GOVERN 1.1", "govern-1/index.html#govern-1-1"}, // anchor on another page
		{"about/attribution/index.html", "GOVERN 1.1", "../../frameworks/nist/govern-1/index.html#govern-1-1"},
	}
	for _, tt := range tests {
		if got := layout.AnchorRel(tt.from, nist.ByID[tt.id].Doc.Path, nist.ByID[tt.id].Anchor); got != tt.want {
			t.Errorf("ElementURL(%q, %q) = %q, want %q", tt.from, tt.id, got, tt.want)
		}
	}
}

func TestIndexElement(t *testing.T) {
	t.Parallel()
	_, ix := mustBuild(t, fixture()...)
	tests := []struct {
		ref       string
		framework string // of the element found
		id        string
		err       string
	}{
		{ref: "GOVERN 1.1", framework: "nist", id: "GOVERN 1.1"},
		{ref: "  GOVERN 1.1 ", framework: "nist", id: "GOVERN 1.1"},
		{ref: "1.1", framework: "ai-verify", id: "1.1"},
		{ref: "nist:GOVERN 1.1", framework: "nist", id: "GOVERN 1.1"},
		{ref: "nist: GOVERN 1.1", framework: "nist", id: "GOVERN 1.1"},
		{ref: "ai-verify:MAP 1", framework: "ai-verify", id: "MAP 1"},
		{ref: "nist:MAP 1", framework: "nist", id: "MAP 1"},
		{ref: "MAP 1", err: `ambiguous element "MAP 1": qualify it as one of ai-verify:MAP 1, nist:MAP 1`},
		{ref: "MAP 9", err: `unknown element "MAP 9"`},
		{ref: "govern 1.1", err: `unknown element "govern 1.1"; did you mean "GOVERN 1.1"?`},
		{ref: "GOVERN-1-1", err: `unknown element "GOVERN-1-1"; did you mean "GOVERN 1.1"?`},
		{ref: "nist:GOVERN 9", err: `unknown element "GOVERN 9" in framework "nist"`},
		{ref: "nist:govern 1", err: `unknown element "govern 1" in framework "nist"; did you mean "GOVERN 1"?`},
		{ref: "ai-verify:GOVERN 1", err: `unknown element "GOVERN 1" in framework "ai-verify"`},
		{ref: "iso:GOVERN 1", err: `unknown element "iso:GOVERN 1"`},
		{ref: "", err: `unknown element ""`},
	}
	for _, tt := range tests {
		e, err := ix.Element(tt.ref)
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("Element(%q) error = %v, want %q", tt.ref, err, tt.err)
			}
			if e != nil {
				t.Errorf("Element(%q) = %s:%s with an error", tt.ref, e.Framework.ID, e.ID)
			}
			continue
		}
		if err != nil {
			t.Errorf("Element(%q): %v", tt.ref, err)
			continue
		}
		if e.Framework.ID != tt.framework || e.ID != tt.id {
			t.Errorf("Element(%q) = %s:%s, want %s:%s", tt.ref, e.Framework.ID, e.ID, tt.framework, tt.id)
		}
	}
}

func TestIndexResolve(t *testing.T) {
	t.Parallel()
	_, ix := mustBuild(t, fixture()...)
	const (
		file = "content/about/attribution.md"
		from = "about/attribution/index.html"
	)
	tests := []struct {
		file, from, dest string
		want, err        string
	}{
		{dest: "/crosswalks/aiv-nist/", want: "../../crosswalks/aiv-nist/index.html"},
		{dest: "/crosswalks/aiv-nist", want: "../../crosswalks/aiv-nist/index.html"},
		{dest: "/crosswalks/aiv-nist/index.html", want: "../../crosswalks/aiv-nist/index.html"},
		{dest: "/", want: "../../index.html"},
		{dest: "/about/attribution/", want: "index.html"},
		{dest: "/frameworks/nist/govern/#govern-1", want: "../../frameworks/nist/govern/index.html#govern-1"},
		{dest: "/style.css", want: "../../style.css"},
		{dest: "/crosswalks/aiv-nist/?sort=target#gaps", want: "../../crosswalks/aiv-nist/index.html?sort=target#gaps"},
		{dest: "/a%20b/", want: "../../a%20b/index.html"},
		{dest: "../annexes/_index.md", want: "../../annexes/index.html"},
		{dest: "../_index.md", want: "../../index.html"},
		{dest: "attribution.md", want: "index.html"},
		{dest: "/media/x.md", want: "../../media-centre/x/index.html"},
		{dest: "../crosswalks/aiv-nist.md", want: "../../crosswalks/aiv-nist/index.html"},
		{dest: "../frameworks/nist/govern.md", want: "../../frameworks/nist/govern/index.html"},
		{dest: "../frameworks/nist/_index.md", want: "../../frameworks/nist/index.html"},
		{dest: "../frameworks/nist/govern-1-2.md", want: "../../frameworks/nist/govern-1/index.html#govern-1-2"},
		{dest: "../frameworks/nist/govern-1-2.md#details", want: "../../frameworks/nist/govern-1/index.html#details"},
		{file: "content/frameworks/nist/govern.md", from: "frameworks/nist/govern/index.html", dest: "govern-1-2.md", want: "../govern-1/index.html#govern-1-2"},
		{file: "content/frameworks/nist/govern.md", from: "frameworks/nist/govern/index.html", dest: "map.md", want: "../map/index.html"},
		{dest: "../../style.css", want: "../../style.css"},
		{dest: "../../crosswalks/aiv-nist/", want: "../../crosswalks/aiv-nist/index.html"},
		{dest: "#frag", want: "#frag"},
		{dest: "", want: ""},
		{dest: "https://example.org/a?b=1#c", want: "https://example.org/a?b=1#c"},
		{dest: "mailto:someone@example.org", want: "mailto:someone@example.org"},
		{dest: "//cdn.example.org/x.js", want: "//cdn.example.org/x.js"},
		{dest: "/nowhere/", err: `link "/nowhere/": nothing is published at /nowhere/`},
		{dest: "/frameworks/nist/govern-1-1/", err: `link "/frameworks/nist/govern-1-1/": nothing is published at /frameworks/nist/govern-1-1/`},
		{dest: "../missing.md", err: `link "../missing.md": no content file content/missing.md`},
		{dest: "../../../../x", err: `link "../../../../x": leads outside the site`},
		{dest: "../../..", err: `link "../../..": leads outside the site`},
		{dest: "../nowhere/", err: `link "../nowhere/": nothing is published at /about/nowhere`},
		{dest: "/a%zz/", err: `link "/a%zz/": parse "/a%zz/": invalid URL escape "%zz"`},
	}
	for _, tt := range tests {
		if tt.file == "" {
			tt.file, tt.from = file, from
		}
		got, err := ix.Resolve(tt.file, tt.from, tt.dest)
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("Resolve(%q, %q, %q) = %q, %v; want error %q", tt.file, tt.from, tt.dest, got, err, tt.err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("Resolve(%q, %q, %q) = %q, %v; want %q", tt.file, tt.from, tt.dest, got, err, tt.want)
		}
	}
}

func TestLinkErrors(t *testing.T) {
	t.Parallel()
	nist := frameworkFile("nist", "function:page", "category:page", "subcategory")
	govern := file{"content/frameworks/nist/govern.md", "---\nid: GOVERN\ntitle: Govern\nchildren:\n  - id: GOVERN 1\n    title: Policies\n---\n"}
	aiv := frameworkFile("ai-verify", "principle:page", "outcome")
	aivOne := file{"content/frameworks/ai-verify/01.md", "---\nid: \"1\"\ntitle: Transparency\nchildren:\n  - id: \"1.1\"\n    statement: Outcome.\n---\n"}
	crosswalk := func(source, target, mappings string) file {
		return file{"content/crosswalks/x.md", "---\ncrosswalk:\n  id: x\n  title: X\n  source: " + source + "\n  target: " + target +
			"\n  status: official\nmappings:\n" + mappings + "---\n"}
	}
	const cw = "content/crosswalks/x.md"
	tests := []struct {
		name  string
		files []file
		want  string
	}{
		{
			name: "duplicate id across files",
			files: []file{nist, govern,
				{"content/frameworks/nist/govern-again.md", "---\nid: GOVERN\ntitle: Govern again\n---\n"}},
			want: `content/frameworks/nist/govern-again.md:2:1: duplicate id "GOVERN" in framework "nist" (first defined at content/frameworks/nist/govern.md:2:1)`,
		},
		{
			name: "duplicate id within a file",
			files: []file{nist,
				{"content/frameworks/nist/govern.md", "---\nid: GOVERN\ntitle: Govern\nchildren:\n  - id: GOVERN 1\n    title: A\n  - id: GOVERN 1\n    title: B\n---\n"}},
			want: `content/frameworks/nist/govern.md:7:5: duplicate id "GOVERN 1" in framework "nist" (first defined at content/frameworks/nist/govern.md:5:5)`,
		},
		{
			name: "slug collision",
			files: []file{aiv,
				{"content/frameworks/ai-verify/01.md", "---\nid: \"1\"\ntitle: One\nchildren:\n  - id: \"1.2\"\n    statement: A.\n  - id: \"1-2\"\n    statement: B.\n---\n"}},
			want: `content/frameworks/ai-verify/01.md:7:5: id "1-2" and id "1.2" (at content/frameworks/ai-verify/01.md:5:5) both publish as "1-2"; rename one`,
		},
		{
			name:  "unknown parent",
			files: []file{nist, govern, {"content/frameworks/nist/g2.md", "---\nid: GOVERN 2\nparent: GOVERN X\ntitle: Two\n---\n"}},
			want:  `content/frameworks/nist/g2.md:3:9: unknown parent "GOVERN X" in framework "nist"`,
		},
		{
			name:  "parent is itself",
			files: []file{nist, govern, {"content/frameworks/nist/g2.md", "---\nid: GOVERN 2\nparent: GOVERN 2\ntitle: Two\n---\n"}},
			want:  `content/frameworks/nist/g2.md:3:9: parent "GOVERN 2" of "GOVERN 2" is the element itself or one of its descendants`,
		},
		{
			name: "parent is a nested descendant",
			files: []file{nist,
				{"content/frameworks/nist/govern.md", "---\nid: GOVERN\nparent: GOVERN 1\ntitle: Govern\nchildren:\n  - id: GOVERN 1\n    title: Policies\n---\n"}},
			want: `content/frameworks/nist/govern.md:3:9: parent "GOVERN 1" of "GOVERN" is the element itself or one of its descendants`,
		},
		{
			name: "parent cycle between two element files",
			files: []file{nist, govern,
				{"content/frameworks/nist/p.md", "---\nid: P\nparent: Q\ntitle: P\n---\n"},
				{"content/frameworks/nist/q.md", "---\nid: Q\nparent: P\ntitle: Q\n---\n"}},
			want: `content/frameworks/nist/p.md:3:9: parent "Q" of "P" forms a cycle of element files` + "\n" +
				`content/frameworks/nist/q.md:3:9: parent "P" of "Q" is the element itself or one of its descendants`,
		},
		{
			name: "element deeper than the declared levels",
			files: []file{frameworkFile("nist", "function:page"), govern,
				{"content/frameworks/nist/g11.md", "---\nid: GOVERN 1.1\nparent: GOVERN 1\nstatement: S.\n---\n"}},
			want: `content/frameworks/nist/g11.md:2:1: "GOVERN 1.1" is at depth 3 but framework "nist" declares only 1 level(s)` + "\n" +
				`content/frameworks/nist/govern.md:5:5: "GOVERN 1" is at depth 2 but framework "nist" declares only 1 level(s)`,
		},
		{
			name: "duplicate framework id",
			files: []file{nist,
				{"content/frameworks/nist2/_index.md", strings.Replace(nist.text, "id: nist", "id: nist", 1)}},
			want: `content/frameworks/nist2/_index.md:3:3: duplicate framework id "nist" (first defined at content/frameworks/nist/_index.md:3:3)` + "\n" +
				`content/frameworks/nist2/_index.md:3:7: framework id "nist" must equal its folder name "nist2"`,
		},
		{
			name:  "crosswalk to unknown framework",
			files: []file{nist, govern, crosswalk("iso", "nist", "")},
			want:  cw + `:5:11: unknown framework "iso"`,
		},
		{
			name:  "crosswalk to unknown framework with a suggestion",
			files: []file{nist, govern, crosswalk("nist", "AI Verify", "")},
			want:  cw + `:6:11: unknown framework "AI Verify"`,
		},
		{
			name:  "crosswalk framework in the wrong case",
			files: []file{nist, govern, aiv, aivOne, crosswalk("AI-Verify", "nist", "")},
			want:  cw + `:5:11: unknown framework "AI-Verify"; did you mean "ai-verify"?`,
		},
		{
			name:  "crosswalk source equals target",
			files: []file{nist, govern, crosswalk("nist", "nist", "  - source: GOVERN\n    target: GOVERN 1\n    relationship: superset-of\n")},
			want:  cw + `:6:11: a crosswalk relates two different frameworks; source and target are both "nist"`,
		},
		{
			name: "unknown source and target ids",
			files: []file{nist, govern, aiv, aivOne, crosswalk("ai-verify", "nist",
				"  - source: \"1.1\"\n    target: GOVERN 1\n    relationship: subset-of\n"+
					"  - source: \"9.9\"\n    target: MAP 9.9\n    relationship: subset-of\n"+
					"  - source: \"1.1\"\n    target: govern 1\n    relationship: subset-of\n")},
			want: cw + `:12:13: unknown source "9.9" in framework "ai-verify"` + "\n" +
				cw + `:13:13: unknown target "MAP 9.9" in framework "nist"` + "\n" +
				cw + `:16:13: unknown target "govern 1" in framework "nist"; did you mean "GOVERN 1"?`,
		},
		{
			name: "duplicate mapping row",
			files: []file{nist, govern, aiv, aivOne, crosswalk("ai-verify", "nist",
				"  - source: \"1.1\"\n    target: GOVERN 1\n    relationship: subset-of\n"+
					"  - source: \"1\"\n    target: GOVERN 1\n    relationship: intersects-with\n"+
					"  - relationship: equal-to\n    source: \"1.1\"\n    target: GOVERN 1\n")},
			want: cw + `:15:5: duplicate mapping 1.1 → GOVERN 1 (first at line 9)`,
		},
		{
			name: "two pages with the same permalink",
			files: []file{home(),
				{"content/a.md", "---\ntitle: A\npermalink: /news/x/\n---\n"},
				{"content/b.md", "---\ntitle: B\npermalink: /news/x\n---\n"},
				{"content/news/x.md", "---\ntitle: X\n---\n"}},
			want: `content/b.md:3:12: news/x/index.html is already published by content/a.md:3:12` + "\n" +
				`content/news/x.md: news/x/index.html is already published by content/a.md:3:12`,
		},
		{
			name:  "page claiming the home page",
			files: []file{home(), {"content/a.md", "---\ntitle: A\npermalink: /\n---\n"}},
			want:  `content/a.md:3:12: index.html is already published by content/_index.md`,
		},
		{
			name: "page claiming a framework page",
			files: []file{nist, govern,
				{"content/a.md", "---\ntitle: A\npermalink: /frameworks/nist/\n---\n"}},
			want: `content/a.md:3:12: frameworks/nist/index.html is already published by content/frameworks/nist/_index.md:3:3`,
		},
		{
			name: "crosswalk ids with one slug",
			files: []file{nist, govern, aiv, aivOne,
				{"content/crosswalks/a.md", "---\ncrosswalk:\n  id: a.b\n  title: A\n  source: ai-verify\n  target: nist\n  status: official\n---\n"},
				{"content/crosswalks/b.md", "---\ncrosswalk:\n  id: a-b\n  title: B\n  source: ai-verify\n  target: nist\n  status: official\n---\n"}},
			want: `content/crosswalks/b.md:3:3: crosswalks/a-b/index.html is already published by content/crosswalks/a.md:3:3`,
		},
		{
			name: "bad permalinks",
			files: []file{home(),
				{"content/a.md", "---\ntitle: A\npermalink: /a/../b/\n---\n"},
				{"content/b.md", "---\ntitle: B\npermalink: /./b/\n---\n"},
				{"content/c.md", "---\ntitle: C\npermalink: c/\n---\n"},
				{"content/d.md", "---\ntitle: D\npermalink: /d?x=1\n---\n"}},
			want: `content/a.md:3:12: permalink "/a/../b/" must not contain . or .. segments` + "\n" +
				`content/b.md:3:12: permalink "/./b/" must not contain . or .. segments` + "\n" +
				`content/c.md:3:12: permalink "c/" must start with /` + "\n" +
				`content/d.md:3:12: permalink "/d?x=1" must not contain \ ? # % or :`,
		},
		{
			name:  "page claiming a static file path",
			files: []file{home(), {"content/robots.md", "---\ntitle: Robots\npermalink: /robots.txt\n---\n"}},
			want:  `content/robots.md:3:12: robots.txt is also a static or generated file; rename one of them`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := buildErr(t, tt.files...); got != tt.want {
				t.Errorf("errors:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

func TestLinkWithoutHome(t *testing.T) {
	t.Parallel()
	site, ix := mustBuild(t, file{"content/about.md", "---\ntitle: About\n---\n"})
	if site.Home == nil || site.Home.Title != "Home" || site.Home.Doc == nil || ix.Doc("index.html") != site.Home.Doc {
		t.Errorf("no home page made: %+v", site.Home)
	}
}

// Regressions: an id without letters or digits, file/folder clashes in
// output paths, and ":" in a relative URL.
func TestLinkRegressions(t *testing.T) {
	t.Parallel()
	fw := frameworkFile("f", "item:page")
	tests := []struct {
		name   string
		static []string
		files  []file
		want   string
	}{
		{
			name:  "id with no letters or digits",
			files: []file{fw, {"content/frameworks/f/x.md", "---\nid: \"§\"\ntitle: Section\n---\n"}},
			want:  `content/frameworks/f/x.md:2:1: id "§" has no letters or digits to publish it under`,
		},
		{
			name:   "page inside a static file",
			static: []string{"style.css"},
			files:  []file{{"content/a.md", "---\ntitle: A\npermalink: /style.css/\n---\n"}},
			want:   `content/a.md:3:12: style.css/index.html needs style.css to be a folder, but it is a file`,
		},
		{
			name:  "page where another page needs a folder",
			files: []file{{"content/x.md", "---\ntitle: X\n---\n"}, {"content/y.md", "---\ntitle: Y\npermalink: /x/\n---\n"}, {"content/z.md", "---\ntitle: Z\npermalink: /x/index.html/a.html\n---\n"}},
			want:  "content/y.md:3:12: x/index.html is already published by content/x.md\ncontent/z.md:3:12: x/index.html/a.html needs x/index.html to be a folder, but it is a file",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := build(t, tt.static, tt.files...)
			if err == nil || err.Error() != tt.want {
				t.Errorf("errors:\n%v\nwant:\n%s", err, tt.want)
			}
		})
	}
	if got := layout.Rel("index.html", "a:b/index.html"); got != "a%3Ab/index.html" {
		t.Errorf("Rel with a colon = %q", got)
	}
}
