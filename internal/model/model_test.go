package model

import (
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/crosswalk-ssg/crosswalk/internal/diag"
	"github.com/crosswalk-ssg/crosswalk/internal/source"
)

func TestKindOf(t *testing.T) {
	t.Parallel()
	tests := []struct {
		path string
		want Kind
	}{
		{"content/_index.md", KindHome},
		{"content/frameworks/nist-ai-rmf/_index.md", KindFramework},
		{"content/frameworks/nist-ai-rmf/govern.md", KindElement},
		{"content/frameworks/nist-ai-rmf/govern/govern-1.md", KindElement},
		{"content/frameworks/nist-ai-rmf/govern/_index.md", KindElement},
		{"content/frameworks/_index.md", KindPage},
		{"content/frameworks/overview.md", KindPage},
		{"content/crosswalks/aiv-nist.md", KindCrosswalk},
		{"content/crosswalks/archive/old.md", KindPage},
		{"content/about/attribution.md", KindPage},
		{"content/annexes/_index.md", KindPage},
		{"content/about.md", KindPage},
	}
	for _, tt := range tests {
		if got := KindOf(tt.path); got != tt.want {
			t.Errorf("KindOf(%q) = %q, want %q", tt.path, got, tt.want)
		}
	}
}

func TestFrameworkFolder(t *testing.T) {
	t.Parallel()
	tests := []struct{ path, want string }{
		{"content/frameworks/nist-ai-rmf/_index.md", "nist-ai-rmf"},
		{"content/frameworks/ai-verify/sub/x.md", "ai-verify"},
		{"content/frameworks/x.md", ""},
		{"content/about/x.md", ""},
	}
	for _, tt := range tests {
		if got := FrameworkFolder(tt.path); got != tt.want {
			t.Errorf("FrameworkFolder(%q) = %q, want %q", tt.path, got, tt.want)
		}
	}
}

func TestStatusValid(t *testing.T) {
	t.Parallel()
	for s, want := range map[Status]bool{Draft: true, Official: true, "": false, "Draft": false, "final": false} {
		if got := s.Valid(); got != want {
			t.Errorf("Status(%q).Valid() = %v, want %v", s, got, want)
		}
	}
}

func TestMarkdownEmpty(t *testing.T) {
	t.Parallel()
	tests := []struct {
		src  string
		want bool
	}{
		{"", true},
		{" \n\t\r\n", true},
		{"x", false},
		{"\n\n# Title\n", false},
		{"\u00a0", false}, // a no-break space is content
	}
	for _, tt := range tests {
		if got := (Markdown{Source: []byte(tt.src)}).Empty(); got != tt.want {
			t.Errorf("Markdown(%q).Empty() = %v, want %v", tt.src, got, tt.want)
		}
	}
}

func TestFrameworkName(t *testing.T) {
	t.Parallel()
	fw := &Framework{Title: "NIST AI Risk Management Framework"}
	if got := fw.Name(); got != "NIST AI Risk Management Framework" {
		t.Errorf("Name() without short title = %q", got)
	}
	fw.ShortTitle = "NIST AI RMF"
	if got := fw.Name(); got != "NIST AI RMF" {
		t.Errorf("Name() with short title = %q", got)
	}
}

func TestDocBody(t *testing.T) {
	t.Parallel()
	md := func(s string) Markdown { return Markdown{File: s + ".md", Source: []byte(s), Line: 4} }
	tests := []struct {
		doc  *Doc
		want string
	}{
		{&Doc{Page: &Page{Body: md("page")}}, "page"},
		{&Doc{Framework: &Framework{Body: md("framework")}}, "framework"},
		{&Doc{Element: &Element{Body: md("element")}}, "element"},
		{&Doc{Crosswalk: &Crosswalk{Body: md("crosswalk")}}, "crosswalk"},
		{&Doc{}, ""},
	}
	for _, tt := range tests {
		got := tt.doc.Body()
		if string(got.Source) != tt.want {
			t.Errorf("Body().Source = %q, want %q", got.Source, tt.want)
		}
		if tt.want != "" && (got.File != tt.want+".md" || got.Line != 4) {
			t.Errorf("Body() = %+v, want file %q line 4", got, tt.want+".md")
		}
	}
}

// tree builds GOVERN > GOVERN 1 > {GOVERN 1.1, GOVERN 1.2 > GOVERN 1.2.a}
// and a separate top-level MAP, linked by hand as the link stage would.
func tree() map[string]*Element {
	fw := &Framework{ID: "nist", Levels: []Level{{Name: "function", Page: true}, {Name: "category", Page: true}, {Name: "subcategory"}}}
	els := map[string]*Element{}
	add := func(id, title string, parent *Element) *Element {
		e := &Element{Framework: fw, ID: id, Title: title, Parent: parent}
		if parent != nil {
			parent.Children = append(parent.Children, e)
			e.Depth = parent.Depth + 1
		}
		els[id] = e
		return e
	}
	gov := add("GOVERN", "Govern", nil)
	g1 := add("GOVERN 1", "Policies", gov)
	add("GOVERN 1.1", "", g1)
	g12 := add("GOVERN 1.2", "", g1)
	add("GOVERN 1.2.a", "", g12)
	add("MAP", "Map", nil)
	return els
}

func ids(es []*Element) []string {
	out := []string{}
	for _, e := range es {
		out = append(out, e.ID)
	}
	return out
}

func TestElementLabel(t *testing.T) {
	t.Parallel()
	tests := []struct {
		e    Element
		want string
	}{
		{Element{ID: "GOVERN 1", Title: "Policies"}, "GOVERN 1 Policies"},
		{Element{ID: "GOVERN 1.1", Statement: "Legal requirements are understood."}, "GOVERN 1.1"},
		{Element{ID: "transparency", Number: "1", Title: "Transparency"}, "1 Transparency"},
		{Element{ID: "1.2.3", Number: "3", Statement: "A process check."}, "1.2.3"},
		{Element{ID: "X"}, "X"},
		{Element{ID: "MAP", Title: "Map"}, "MAP"}, // the title only repeats the id
		{Element{ID: "MAP 1", Title: "Map"}, "MAP 1 Map"},
	}
	for _, tt := range tests {
		if got := tt.e.Label(); got != tt.want {
			t.Errorf("Label() of %+v = %q, want %q", tt.e, got, tt.want)
		}
	}
}

func TestElementTree(t *testing.T) {
	t.Parallel()
	els := tree()
	tests := []struct {
		id          string
		ancestors   []string
		root        string
		descendants []string
	}{
		{"GOVERN", []string{}, "GOVERN", []string{"GOVERN 1", "GOVERN 1.1", "GOVERN 1.2", "GOVERN 1.2.a"}},
		{"GOVERN 1", []string{"GOVERN"}, "GOVERN", []string{"GOVERN 1.1", "GOVERN 1.2", "GOVERN 1.2.a"}},
		{"GOVERN 1.1", []string{"GOVERN", "GOVERN 1"}, "GOVERN", []string{}},
		{"GOVERN 1.2.a", []string{"GOVERN", "GOVERN 1", "GOVERN 1.2"}, "GOVERN", []string{}},
		{"MAP", []string{}, "MAP", []string{}},
	}
	for _, tt := range tests {
		e := els[tt.id]
		if got := ids(e.Ancestors()); !slices.Equal(got, tt.ancestors) {
			t.Errorf("%s.Ancestors() = %q, want %q", tt.id, got, tt.ancestors)
		}
		if got := e.Root().ID; got != tt.root {
			t.Errorf("%s.Root() = %q, want %q", tt.id, got, tt.root)
		}
		if got := ids(e.Descendants()); !slices.Equal(got, tt.descendants) {
			t.Errorf("%s.Descendants() = %q, want %q", tt.id, got, tt.descendants)
		}
	}
}

func TestElementWithin(t *testing.T) {
	t.Parallel()
	els := tree()
	tests := []struct {
		e, anc string
		want   bool
	}{
		{"GOVERN 1.2.a", "GOVERN", true},
		{"GOVERN 1.2.a", "GOVERN 1.2", true},
		{"GOVERN 1.2.a", "GOVERN 1.2.a", true},
		{"GOVERN 1.2.a", "GOVERN 1.1", false},
		{"GOVERN", "GOVERN 1", false},
		{"GOVERN 1.1", "MAP", false},
		{"MAP", "MAP", true},
	}
	for _, tt := range tests {
		if got := els[tt.e].Within(els[tt.anc]); got != tt.want {
			t.Errorf("%s.Within(%s) = %v, want %v", tt.e, tt.anc, got, tt.want)
		}
	}
	if els["GOVERN"].Within(nil) {
		t.Error("GOVERN.Within(nil) = true")
	}
}

func TestElementLevel(t *testing.T) {
	t.Parallel()
	els := tree()
	tests := []struct {
		id   string
		want Level
	}{
		{"GOVERN", Level{Name: "function", Page: true}},
		{"GOVERN 1", Level{Name: "category", Page: true}},
		{"GOVERN 1.1", Level{Name: "subcategory"}},
		{"GOVERN 1.2.a", Level{}}, // beyond the declared levels
	}
	for _, tt := range tests {
		if got := els[tt.id].Level(); got != tt.want {
			t.Errorf("%s.Level() = %+v, want %+v", tt.id, got, tt.want)
		}
	}
	e := &Element{}
	if !e.OwnPage() {
		t.Error("OwnPage() without anchor = false")
	}
	e.Anchor = "govern-1-1"
	if e.OwnPage() {
		t.Error("OwnPage() with anchor = true")
	}
}

// decode parses files given as alternating path and text, in that order,
// and decodes them.
func decode(t *testing.T, pathAndText ...string) (*Site, error) {
	t.Helper()
	var errs diag.List
	var files []*source.File
	for i := 0; i+1 < len(pathAndText); i += 2 {
		if f := source.Parse(pathAndText[i], []byte(pathAndText[i+1]), &errs); f != nil {
			files = append(files, f)
		}
	}
	if err := errs.Err(); err != nil {
		t.Fatalf("source.Parse: %v", err)
	}
	site := Decode(files, &errs)
	return site, errs.Err()
}

const nistIndex = `---
framework:
  id: nist
  title: NIST AI Risk Management Framework
  short_title: NIST AI RMF
  version: "1.0"
  publisher: NIST
  url: https://doi.org/10.6028/NIST.AI.100-1
  license: Public domain
levels:
  - name: function
    page: true
  - name: category
    plural: categories
    page: true
  - name: subcategory
---
About the framework.
`

func TestDecode(t *testing.T) {
	t.Parallel()
	site, err := decode(t,
		"content/_index.md", "---\ntitle: Home\n---\nWelcome.\n",
		"content/frameworks/nist/_index.md", nistIndex,
		"content/frameworks/nist/govern.md", `---
id: GOVERN
title: Govern
weight: 2
children:
  - id: GOVERN 1
    title: Policies
    page: false
    fields:
      - label: Expected evidence
        text: Documents.
    children:
      - id: GOVERN 1.1
        statement: Legal requirements are understood.
---
Prose about GOVERN.
`,
		"content/frameworks/nist/govern-2.md", "---\nid: GOVERN 2\nparent: GOVERN\nnumber: \"2\"\nstatement: Accountability.\n---\n",
		"content/crosswalks/a-b.md", `---
crosswalk:
  id: a--b
  title: A to B
  source: a
  target: b
  status: official
  sources:
    - title: Paper
      url: https://example.org
mappings:
  - source: "1.1"
    target: GOVERN 1
    relationship: subset-of
    references: one
  - source: "1.2"
    target: GOVERN 2
    relationship: equal-to
    status: draft
    references: [x, y]
---
`,
		"content/about.md", "---\ntitle: About\npermalink: /about-us/\nimage: ignored.png\nmenu: main\nweight: 3\n---\nText\n",
	)
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	if site.Home == nil || site.Home.Title != "Home" || string(site.Home.Body.Source) != "Welcome.\n" || site.Home.Body.Line != 4 {
		t.Errorf("Home = %+v", site.Home)
	}
	if len(site.Pages) != 1 {
		t.Fatalf("got %d pages, want 1", len(site.Pages))
	}
	p := site.Pages[0]
	if p.Title != "About" || p.Permalink != "/about-us/" || p.Menu != "main" || p.Weight != 3 ||
		p.PermalinkAt != (diag.Position{File: "content/about.md", Line: 3, Col: 12}) {
		t.Errorf("page = %+v", p)
	}
	if len(site.Frameworks) != 1 {
		t.Fatalf("got %d frameworks, want 1", len(site.Frameworks))
	}
	fw := site.Frameworks[0]
	if fw.ID != "nist" || fw.Name() != "NIST AI RMF" || fw.Version != "1.0" || fw.Pos != (diag.Position{File: "content/frameworks/nist/_index.md", Line: 3, Col: 3}) {
		t.Errorf("framework = %+v", fw)
	}
	wantLevels := []Level{{"function", "functions", true}, {"category", "categories", true}, {"subcategory", "subcategorys", false}}
	if !slices.Equal(fw.Levels, wantLevels) {
		t.Errorf("levels = %+v, want %+v", fw.Levels, wantLevels)
	}
	if string(fw.Body.Source) != "About the framework.\n" || fw.Body.Line != 18 {
		t.Errorf("framework body = %q at line %d", fw.Body.Source, fw.Body.Line)
	}
	if got := ids(fw.Roots); !slices.Equal(got, []string{"GOVERN", "GOVERN 2"}) {
		t.Fatalf("roots = %q", got)
	}
	gov, g2 := fw.Roots[0], fw.Roots[1]
	if gov.Weight != 2 || gov.File != "content/frameworks/nist/govern.md" || gov.Pos.Line != 2 || gov.Body.Line != 16 {
		t.Errorf("GOVERN = %+v", gov)
	}
	if got := ids(gov.Descendants()); !slices.Equal(got, []string{"GOVERN 1", "GOVERN 1.1"}) {
		t.Errorf("GOVERN descendants = %q", got)
	}
	g1 := gov.Children[0]
	if g1.Parent != gov || g1.File != gov.File || !g1.PageSet || g1.Page || g1.Pos != (diag.Position{File: gov.File, Line: 6, Col: 5}) {
		t.Errorf("GOVERN 1 = %+v", g1)
	}
	if want := []Field{{"Expected evidence", "Documents."}}; !slices.Equal(g1.Fields, want) {
		t.Errorf("GOVERN 1 fields = %+v", g1.Fields)
	}
	if g11 := g1.Children[0]; g11.Statement != "Legal requirements are understood." || g11.PageSet || !g11.Body.Empty() {
		t.Errorf("GOVERN 1.1 = %+v", g11)
	}
	if g2.ParentID != "GOVERN" || g2.ParentAt != (diag.Position{File: "content/frameworks/nist/govern-2.md", Line: 3, Col: 9}) || g2.Number != "2" || g2.Parent != nil {
		t.Errorf("GOVERN 2 = %+v", g2)
	}
	if len(site.Crosswalks) != 1 {
		t.Fatalf("got %d crosswalks, want 1", len(site.Crosswalks))
	}
	cw := site.Crosswalks[0]
	if cw.ID != "a--b" || cw.SourceID != "a" || cw.TargetID != "b" || cw.Status != Official ||
		cw.TargetAt != (diag.Position{File: "content/crosswalks/a-b.md", Line: 6, Col: 11}) ||
		!slices.Equal(cw.Sources, []Reference{{"Paper", "https://example.org"}}) {
		t.Errorf("crosswalk = %+v", cw)
	}
	if len(cw.Mappings) != 2 {
		t.Fatalf("got %d mappings, want 2", len(cw.Mappings))
	}
	m0, m1 := cw.Mappings[0], cw.Mappings[1]
	if m0.Crosswalk != cw || m0.SourceID != "1.1" || m0.Relationship != "subset-of" || m0.Term == nil || m0.Term.OSCAL != "subset-of" || m0.Status != Official ||
		!slices.Equal(m0.References, []string{"one"}) || m0.Pos != (diag.Position{File: cw.File, Line: 12, Col: 5}) ||
		m0.TargetAt != (diag.Position{File: cw.File, Line: 13, Col: 13}) {
		t.Errorf("mapping 0 = %+v", m0)
	}
	if m1.Status != Draft || !slices.Equal(m1.References, []string{"x", "y"}) {
		t.Errorf("mapping 1 = %+v", m1)
	}
}

func TestDecodeErrors(t *testing.T) {
	t.Parallel()
	const (
		fwFile = "content/frameworks/nist/_index.md"
		elFile = "content/frameworks/nist/govern.md"
		cwFile = "content/crosswalks/a-b.md"
	)
	crosswalk := func(status, mappings string) string {
		return "---\ncrosswalk:\n  id: a--b\n  title: A to B\n  source: a\n  target: b\n" + status + "mappings:\n" + mappings + "---\n"
	}
	tests := []struct {
		name  string
		files []string // path, text, path, text, …
		want  string
	}{
		{
			name:  "unknown key in element",
			files: []string{fwFile, nistIndex, elFile, "---\nid: GOVERN\ntitle: Govern\nstatment: Typo.\n---\n"},
			want:  elFile + `:4:1: unknown key "statment"`,
		},
		{
			name:  "unknown key in nested element",
			files: []string{fwFile, nistIndex, elFile, "---\nid: GOVERN\ntitle: Govern\nchildren:\n  - id: GOVERN 1\n    titel: Policies\n    statement: S\n---\n"},
			want:  elFile + `:6:5: unknown key "titel"`,
		},
		{
			name:  "unknown relationship",
			files: []string{cwFile, crosswalk("  status: official\n", "  - source: x\n    target: y\n    relationship: equals\n")},
			want:  cwFile + `:11:19: unknown relationship "equals": use one of equal-to, equivalent-to, subset-of, superset-of, intersects-with, no-relationship`,
		},
		{
			name:  "relationship with a hint",
			files: []string{cwFile, crosswalk("  status: official\n", "  - source: x\n    target: y\n    relationship: Subset of\n")},
			want:  cwFile + `:11:19: unknown relationship "Subset of": use one of equal-to, equivalent-to, subset-of, superset-of, intersects-with, no-relationship; did you mean "subset-of"?`,
		},
		{
			name: "relationship in a crosswalk that states none",
			files: []string{cwFile, crosswalk("  status: official\n  relationships:\n    stated: false\n",
				"  - source: x\n    target: y\n    relationship: equal-to\n")},
			want: cwFile + `:13:19: relationship "equal-to": this crosswalk states no relationship types (relationships: stated: false); leave it out`,
		},
		{
			name: "declared term not in the vocabulary",
			files: []string{cwFile, crosswalk("  status: official\n  relationships:\n    namespace: https://example.org/rel\n    terms:\n      - id: mitigates\n        reverse: is mitigated by\n        definition: Reduces the risk of.\n",
				"  - source: x\n    target: y\n    relationship: mitigate\n")},
			want: cwFile + `:17:19: unknown relationship "mitigate": use one of mitigates`,
		},
		{
			name:  "declared term without an OSCAL meaning needs a namespace",
			files: []string{cwFile, crosswalk("  status: official\n  relationships:\n    terms:\n      - id: mitigates\n        reverse: is mitigated by\n        definition: Reduces the risk of.\n", "")},
			want:  cwFile + `:10:9: a declared term without an oscal meaning needs relationships.namespace: an absolute URI (such as the vocabulary's home page) that qualifies the term in OSCAL`,
		},
		{
			name:  "declared term problems",
			files: []string{cwFile, crosswalk("  status: official\n  relationships:\n    terms:\n      - id: Supports\n        reverse: r\n        definition: d\n      - id: equal\n        reverse: equal\n        definition: d\n        oscal: equal\n      - id: equal\n        reverse: r\n        definition: d\n        oscal: equal-to\n", "")},
			want: cwFile + `:10:13: relationship term "Supports": use lower case letters, digits and single hyphens, starting with a letter (e.g. mitigates, related-to)` + "\n" +
				cwFile + `:16:16: unknown OSCAL relationship "equal": use one of equal-to, equivalent-to, subset-of, superset-of, intersects-with, no-relationship, or leave oscal out when the term means none of them` + "\n" +
				cwFile + `:17:13: relationship term "equal" is declared twice`,
		},
		{
			name:  "terms in a crosswalk that states none",
			files: []string{cwFile, crosswalk("  status: official\n  relationships:\n    stated: false\n    terms:\n      - id: supports\n        reverse: r\n        definition: d\n", "")},
			want:  cwFile + `:10:5: a crosswalk whose source states no relationship types (stated: false) declares no terms`,
		},
		{
			name:  "unknown matching rationale",
			files: []string{cwFile, crosswalk("  status: official\n  matching_rationale: Semantic\n  mapping_method: people\n", "")},
			want: cwFile + `:8:23: unknown matching_rationale "Semantic": use one of syntactic, semantic, functional; did you mean "semantic"?` + "\n" +
				cwFile + `:9:19: unknown mapping_method "people": use one of human, automation, hybrid`,
		},
		{
			name:  "no-counterpart record with both sides, and with neither",
			files: []string{cwFile, crosswalk("  status: official\n", "  []\nno_counterpart:\n  - source: x\n    target: y\n    reason: r\n  - reason: r\n")},
			want: cwFile + `:12:5: a no-counterpart record names one element: give source or target, not both` + "\n" +
				cwFile + `:14:5: a no-counterpart record needs source (an element of the source framework) or target (of the target framework)`,
		},
		{
			name:  "unknown mapping status",
			files: []string{cwFile, crosswalk("  status: official\n", "  - source: x\n    target: y\n    relationship: equal-to\n    status: final\n")},
			want:  cwFile + `:12:13: unknown status "final": use draft or official`,
		},
		{
			name:  "missing mapping target",
			files: []string{cwFile, crosswalk("  status: official\n", "  - source: x\n    relationship: equal-to\n")},
			want:  cwFile + `:9:5: missing required key "target"`,
		},
		{
			name:  "draft crosswalk without status_statement",
			files: []string{cwFile, crosswalk("  status: draft\n", "")},
			want:  cwFile + `:7:3: a draft crosswalk needs a status_statement saying why it is a draft`,
		},
		{
			name:  "unknown crosswalk status",
			files: []string{cwFile, crosswalk("  status: final\n", "")},
			want:  cwFile + `:7:11: unknown status "final": use draft or official`,
		},
		{
			name:  "missing crosswalk block",
			files: []string{cwFile, "---\nmappings: []\n---\n"},
			want:  cwFile + `:2:1: missing required key "crosswalk"`,
		},
		{
			name:  "too many levels",
			files: []string{fwFile, "---\nframework: {id: nist, title: N, version: \"1\", publisher: P, url: \"https://n.example/\", license: CC0}\nlevels:\n" + strings.Repeat("  - {name: l}\n", 17) + "---\n"},
			want:  fwFile + `:3:1: a framework may declare at most 16 levels; this one declares 17`,
		},
		{
			name:  "missing framework block",
			files: []string{fwFile, "---\nlevels:\n  - name: function\n---\n"},
			want:  fwFile + `:2:1: missing required key "framework"`,
		},
		{
			name:  "missing framework keys",
			files: []string{fwFile, "---\nframework:\n  id: nist\n  title: \"\"\nlevels: [{name: function}]\n---\n"},
			want: fwFile + `:3:3: missing required key "license"` + "\n" +
				fwFile + `:3:3: missing required key "publisher"` + "\n" +
				fwFile + `:3:3: missing required key "url"` + "\n" +
				fwFile + `:3:3: missing required key "version"` + "\n" +
				fwFile + `:4:3: title must not be empty`,
		},
		{
			name:  "framework without levels",
			files: []string{fwFile, strings.Replace(nistIndex, "levels:\n  - name: function\n    page: true\n  - name: category\n    plural: categories\n    page: true\n  - name: subcategory\n", "", 1)},
			want:  fwFile + `:2:1: a framework needs at least one level (levels: [{name: …, page: true}])`,
		},
		{
			name:  "bad framework id",
			files: []string{"content/frameworks/NIST_AI/_index.md", strings.Replace(nistIndex, "id: nist", "id: NIST_AI", 1)},
			want:  `content/frameworks/NIST_AI/_index.md:3:7: framework id "NIST_AI": use lower case letters, digits and single hyphens`,
		},
		{
			name:  "double hyphen in framework id",
			files: []string{"content/frameworks/a--b/_index.md", strings.Replace(nistIndex, "id: nist", "id: a--b", 1)},
			want:  `content/frameworks/a--b/_index.md:3:7: framework id "a--b": use lower case letters, digits and single hyphens`,
		},
		{
			name:  "framework id not equal to folder",
			files: []string{fwFile, strings.Replace(nistIndex, "id: nist", "id: nist-ai-rmf", 1)},
			want:  fwFile + `:3:7: framework id "nist-ai-rmf" must equal its folder name "nist"`,
		},
		{
			name:  "unknown framework key",
			files: []string{fwFile, strings.Replace(nistIndex, "  license: Public domain\n", "  license: Public domain\n  licence: typo\n", 1)},
			want:  fwFile + `:10:3: unknown key "licence"`,
		},
		{
			name:  "nested child with parent",
			files: []string{fwFile, nistIndex, elFile, "---\nid: GOVERN\ntitle: Govern\nchildren:\n  - id: GOVERN 1\n    parent: GOVERN\n    title: Policies\n---\n"},
			want:  elFile + `:6:5: a nested element takes its parent from where it is; remove "parent"`,
		},
		{
			name:  "element with neither title nor statement",
			files: []string{fwFile, nistIndex, elFile, "---\nid: GOVERN\nnumber: \"1\"\n---\n"},
			want:  elFile + `:2:1: element "GOVERN" needs a title or a statement`,
		},
		{
			name:  "element without id",
			files: []string{fwFile, nistIndex, elFile, "---\ntitle: Govern\n---\n"},
			want:  elFile + `:2:1: missing required key "id"`,
		},
		{
			name:  "element file without front matter",
			files: []string{fwFile, nistIndex, elFile, "Just prose.\n"},
			want:  elFile + `:1:1: an element file needs front matter with an id`,
		},
		{
			name:  "element file outside a framework",
			files: []string{elFile, "---\nid: GOVERN\ntitle: Govern\n---\n"},
			want:  elFile + `:1:1: element file outside a framework: content/frameworks/nist/_index.md does not exist`,
		},
		{
			name:  "page without title",
			files: []string{"content/about.md", "---\ndescription: About us\n---\n"},
			want:  `content/about.md:2:1: a page needs a title`,
		},
		{
			name:  "page with empty title",
			files: []string{"content/about.md", "---\ndescription: About us\ntitle: \"\"\n---\n"},
			want:  `content/about.md:3:1: a page needs a title`,
		},
		{
			name:  "page without front matter",
			files: []string{"content/about.md", "# About\n"},
			want:  `content/about.md: a page needs a title`,
		},
		{
			name:  "fields entry missing label",
			files: []string{fwFile, nistIndex, elFile, "---\nid: GOVERN\ntitle: Govern\nfields:\n  - text: Documents.\n---\n"},
			want:  elFile + `:5:5: missing required key "label"`,
		},
		{
			name:  "wrong types",
			files: []string{fwFile, nistIndex, elFile, "---\nid: GOVERN\ntitle: [a]\nstatement: S\npage: sometimes\nweight: 1.5\nchildren: none\n---\n"},
			want: elFile + `:3:8: title: expected text, found a list` + "\n" +
				elFile + `:5:7: page: expected true or false, found "sometimes"` + "\n" +
				elFile + `:6:9: weight: expected a whole number, found "1.5"` + "\n" +
				elFile + `:7:11: children: expected a list, found "none"`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := decode(t, tt.files...)
			if err == nil {
				t.Fatalf("no error, want:\n%s", tt.want)
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("errors:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

func TestDecodePageAcceptsUnknownKeys(t *testing.T) {
	t.Parallel()
	site, err := decode(t, "content/about.md", "---\ntitle: About\nimage: x.png\ntags: [a, b]\nlayout: post\n---\n")
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	p := site.Pages[0]
	if p.Layout != "post" || p.LayoutAt != (diag.Position{File: "content/about.md", Line: 5, Col: 9}) {
		t.Errorf("layout %q at %v", p.Layout, p.LayoutAt)
	}
	if p.PermalinkAt != (diag.Position{File: "content/about.md", Line: 2, Col: 1}) {
		t.Errorf("PermalinkAt without permalink = %v, want the first key", p.PermalinkAt)
	}
}

// TestDecodeEarly: a crosswalk file decoded as it is read gives Decode
// the crosswalk, and the problems, that decoding it there gives, and its
// front matter is let go at once; other files are left for Decode.
func TestDecodeEarly(t *testing.T) {
	t.Parallel()
	parse := func() []*source.File {
		var errs diag.List
		files := []*source.File{
			source.Parse("content/frameworks/a/_index.md", []byte("---\nframework: {id: a, title: A}\n---\n"), &errs),
			source.Parse("content/crosswalks/ab.md", []byte("---\ncrosswalk: {id: ab, title: AB, source: a, target: b, status: draft}\nrelationships: {stated: false}\nmappings:\n  - {source: A1, target: B1}\n  - {source: A2, target: B2, colour: red}\n---\n"), &errs),
		}
		if errs.Len() > 0 {
			t.Fatal(errs.Err())
		}
		return files
	}
	var plainErrs diag.List
	plain := Decode(parse(), &plainErrs)

	files := parse()
	d := NewDecodedOnce()
	for _, f := range files {
		d.DecodeEarly(f)
	}
	if files[1].FrontMatter != nil || files[0].FrontMatter == nil {
		t.Errorf("after DecodeEarly, front matter kept: framework %v, crosswalk %v; want the crosswalk's let go only", files[0].FrontMatter != nil, files[1].FrontMatter != nil)
	}
	var earlyErrs diag.List
	early := d.Decode(files, &earlyErrs)
	if len(early.Crosswalks) != 1 || len(early.Crosswalks[0].Mappings) != len(plain.Crosswalks[0].Mappings) || early.Crosswalks[0].Title != "AB" {
		t.Fatalf("decoded early: %d crosswalks; want the one Decode gives", len(early.Crosswalks))
	}
	if earlyErrs.Err() == nil || earlyErrs.Err().Error() != plainErrs.Err().Error() {
		t.Errorf("problems decoded early:\n%v\nwant:\n%v", earlyErrs.Err(), plainErrs.Err())
	}
	if len(early.Frameworks) != 1 {
		t.Errorf("%d frameworks, want the one file Decode decodes", len(early.Frameworks))
	}
}

// TestWideMatrixStaysSmall: a matrix of two wide, flat frameworks (3,000
// heads a side, one record each) keeps only its non-empty cells: its
// memory follows the records, not the square of the breadth (a grid of
// 9,000,000 cells would take over 200 MB).
func TestWideMatrixStaysSmall(t *testing.T) {
	const n = 3000
	var src, tgt []*Element
	var records []*Mapping
	for i := range n {
		s, g := &Element{ID: "S" + strconv.Itoa(i)}, &Element{ID: "T" + strconv.Itoa(i)}
		src, tgt = append(src, s), append(tgt, g)
		records = append(records, &Mapping{Source: s, Target: g})
	}
	rows, cols := NewHeads(Subtrees(src)), NewHeads(Subtrees(tgt))
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	m := NewMatrix(records, rows, cols, false)
	runtime.ReadMemStats(&after)
	if m.Total != n || m.Count(7, 7) != 1 || m.Count(7, 8) != 0 || len(m.RecordsAt(n-1, n-1)) != 1 {
		t.Fatalf("the matrix counts %d records; cell (7,7) %d, (7,8) %d", m.Total, m.Count(7, 7), m.Count(7, 8))
	}
	if got := after.TotalAlloc - before.TotalAlloc; got > 16<<20 {
		t.Errorf("counting %d records between %d × %d heads allocated %d MB", n, n, n, got>>20)
	}
	var cells int
	m.EachCell(func(r, c int, recs []*Mapping) {
		if r != c || len(recs) != 1 {
			t.Errorf("cell (%d, %d) holds %d records", r, c, len(recs))
		}
		cells++
	})
	if cells != n {
		t.Errorf("%d non-empty cells, want %d", cells, n)
	}
}
