package catalog

import (
	"strings"
	"testing"

	"github.com/crosswalk-ssg/crosswalk/internal/diag"
	"github.com/crosswalk-ssg/crosswalk/internal/source"
)

// small is a framework of two families, a control with an enhancement
// shown as a section, and a withdrawn control.
func small() *Framework {
	return &Framework{
		ID: "ex", Title: "Example", Version: "1", Publisher: "P", SourceURL: "https://p.example/", License: "CC0",
		Elements: []*Element{
			{ID: "b", Title: "Beta family", Level: "family", Children: []*Element{
				{ID: "b-10", Label: "B-10", Title: "Tenth", Level: "control", Statement: "Do ten.",
					StatementItems: []Item{{Label: "a.", Text: "first;", Items: []Item{{Label: "1.", Text: "one"}}}, {Label: "b.", Text: "second."}},
					Fields:         []Field{{Label: "Guidance", Text: "Line one.\n\nLine two."}},
					Links:          []Link{{Title: "SP 800-1", Href: "https://doi.org/x"}},
					Children: []*Element{
						{ID: "b-10.1", Label: "B-10(1)", Title: "Sub", Level: "control enhancement", Section: true, Statement: "Do one."},
					}},
				{ID: "b-2", Label: "B-2", Title: "Second", Level: "control", Withdrawn: true},
			}},
			{ID: "a", Title: "Alpha family", Level: "family"},
		},
	}
}

func parse(t *testing.T, files map[string]string) []*source.File {
	t.Helper()
	var errs diag.List
	var out []*source.File
	for name, data := range files {
		if f := source.Parse(name, []byte(data), &errs); f != nil {
			out = append(out, f)
		}
	}
	if err := errs.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestFolderNew(t *testing.T) {
	files, err := Folder(small(), nil, "/in/ex-catalog.json")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"_index.md": `---
framework:
  id: ex
  title: Example
  version: "1"
  publisher: P
  url: https://p.example/
  license: CC0
levels:
  - name: family
    plural: families
    page: true
  - name: control
    plural: controls
    page: true
  - name: control enhancement
    plural: control enhancements
    page: false
---
Imported with ` + "`crosswalk import`" + ` from ` + "`ex-catalog.json`" + `.
`,
		"b.md": "---\nid: b\ntitle: Beta family\nweight: 1\n---\n",
		"a.md": "---\nid: a\ntitle: Alpha family\nweight: 2\n---\n",
		"b/b-10.md": `---
id: b-10
parent: b
number: B-10
title: Tenth
statement: Do ten.
items:
  - label: a.
    text: first;
    items:
      - label: "1."
        text: one
  - label: b.
    text: second.
fields:
  - label: Guidance
    text: |-
      Line one.

      Line two.
references:
  - title: SP 800-1
    url: https://doi.org/x
weight: 1
children:
  - id: b-10.1
    number: B-10(1)
    title: Sub
    statement: Do one.
---
`,
		"b/b-2.md": "---\nid: b-2\nparent: b\nnumber: B-2\ntitle: Second\nwithdrawn: true\nweight: 2\n---\n",
	}
	if len(files) != len(want) {
		t.Errorf("%d files, want %d: %v", len(files), len(want), keys(files))
	}
	for name, w := range want {
		if got := string(files[name]); got != w {
			t.Errorf("%s =\n%s\nwant\n%s", name, got, w)
		}
	}
}

func keys(m map[string][]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// TestFolderReimport: the source's data replace the imported keys; the
// authors' prose, their own keys and the framework file's metadata that
// the source does not state are kept.
func TestFolderReimport(t *testing.T) {
	fw := small()
	fw.Publisher, fw.License = "", "" // stated only in the existing file
	fw.Elements[0].Children[0].Title = "Tenth, retitled"
	existing := parse(t, map[string]string{
		"content/frameworks/ex/_index.md": "---\nframework:\n  id: ex\n  title: Old title\n  short_title: Ex\n  version: \"0\"\n  publisher: P by hand\n  url: https://p.example/\n  license: CC0 by hand\nlevels:\n  - {name: family, plural: families, page: true}\n  - {name: control, page: true}\n  - {name: control enhancement, page: false}\n---\nAbout the framework, by hand.\n",
		"content/frameworks/ex/b/b-10.md": "---\nid: b-10\nparent: b\ntitle: Tenth\naliases: [/old/b-10/]\nweight: 7\n---\nWhy B-10 matters, by hand.\n",
		"content/frameworks/ex/gone.md":   "---\nid: gone\ntitle: Gone\n---\n",
		"content/frameworks/ex/b/b-2.md":  "---\nid: b-2\nparent: b\ntitle: Second\n---\n\n",
	})
	files, err := Folder(fw, existing, "ex.json")
	if err != nil {
		t.Fatal(err)
	}
	idx := string(files["_index.md"])
	for _, want := range []string{"title: Example\n", "short_title: Ex\n", "version: \"1\"\n", "publisher: P by hand\n", "license: CC0 by hand\n", "---\nAbout the framework, by hand.\n", "  - {name: control, page: true}\n"} {
		if !strings.Contains(idx, want) {
			t.Errorf("_index.md lacks %q:\n%s", want, idx)
		}
	}
	b10 := string(files["b/b-10.md"])
	for _, want := range []string{"title: Tenth, retitled\n", "weight: 1\n", "aliases: [/old/b-10/]\n", "---\nWhy B-10 matters, by hand.\n"} {
		if !strings.Contains(b10, want) {
			t.Errorf("b/b-10.md lacks %q:\n%s", want, b10)
		}
	}
	if strings.Contains(b10, "weight: 7") {
		t.Errorf("the imported weight does not replace the old one:\n%s", b10)
	}
	if _, ok := files["gone.md"]; ok {
		t.Error("an element the source no longer has is still written")
	}
}

// TestFolderRefuses: every problem at once, and no files.
func TestFolderRefuses(t *testing.T) {
	fw := small()
	fw.Publisher, fw.License = "", ""
	at := func(line int) diag.Position { return diag.Position{File: "ex.json", Line: line, Col: 1} }
	deep := Item{Label: "9", Text: "too deep"}
	for range 8 {
		deep = Item{Label: "x", Text: "x", Items: []Item{deep}}
	}
	fw.Elements = append(fw.Elements,
		&Element{ID: "B", Title: "same page as b", Pos: at(7)},
		&Element{ID: "+++", Title: "no letters", Pos: at(8)},
		&Element{ID: "d", Title: "deep", Pos: at(9), StatementItems: []Item{deep}})
	existing := parse(t, map[string]string{
		"content/frameworks/ex/gone.md":         "---\nid: gone\ntitle: Gone\n---\nProse about gone.\n",
		"content/frameworks/ex/old.md":          "---\nid: old\ntitle: Old\naliases: [/old/]\nchildren:\n  - id: old-1\n    title: Old one\n    page: true\n---\n",
		"content/frameworks/ex/b/b-10.1.md":     "---\nid: b-10.1\nparent: b-10\ntitle: Sub\n---\nProse about the enhancement.\n",
		"content/frameworks/ex/notes.md":        "Prose without front matter.\n",
		"content/frameworks/ex/b/without-id.md": "---\ntitle: x\n---\n",
		"content/frameworks/ex/twice.md":        "---\nid: b-2\ntitle: Again\n---\n",
		"content/frameworks/ex/b/b-2.md":        "---\nid: b-2\ntitle: Second\n---\n",
	})
	files, err := Folder(fw, existing, "ex.json")
	if files != nil || err == nil {
		t.Fatalf("files %v, err %v", keys(files), err)
	}
	want := `ex.json: the source states no publisher, license for the framework, and no framework file gives one: give -publisher, -license (every quoted statement is attributed with them; import does not invent them)
ex.json:7:1: ids "b" and "B" both publish as "b": a site tells ids apart by their letters and digits, not by case or punctuation; give one another id
ex.json:8:1: id "+++" has no letters or digits, so its page would have no name; give the element an id with some
ex.json:9:1: the statement of "d" nests its items 9 levels deep; a site reads at most 8
content/frameworks/ex/b/b-10.1.md:1:1: this file's prose is about "b-10.1", which the import makes a section of its parent's file; move the prose to the parent's file, then import again
content/frameworks/ex/b/without-id.md:1:1: this element has no id; import cannot tell which element it is (fix or remove it, then import again)
content/frameworks/ex/gone.md:1:1: "gone", which ex.json no longer has, has prose that an author wrote; import would lose it: move or delete it, then import again
content/frameworks/ex/notes.md:1:1: this file has prose but no front matter with an element id; import cannot tell whose prose it is (move it, then import again)
content/frameworks/ex/old.md:1:1: "old", which ex.json no longer has, has the keys aliases that an author wrote; import would lose it: move or delete it, then import again
content/frameworks/ex/old.md:6:5: "old-1", which ex.json no longer has, has the keys page that an author wrote; import would lose it: move or delete it, then import again
`
	got := err.Error()
	for _, line := range strings.Split(strings.TrimSpace(want), "\n") {
		if !strings.Contains(got, line+"\n") && !strings.HasSuffix(got, line) {
			t.Errorf("errors lack\n%s\nin:\n%s", line, got)
		}
	}
	if !strings.Contains(got, `element "b-2" is defined twice, here and at content/frameworks/ex/`) {
		t.Errorf("errors lack the twice-defined b-2:\n%s", got)
	}
	if n, w := strings.Count(got, "\n")+1, strings.Count(want, "\n")+1; n != w {
		t.Errorf("%d problems, want %d:\n%s", n, w, got)
	}
}

// TestFolderKeepsNestedKeys: an author's keys on a nested element are
// kept; a section at a level with pages says page: false, and an element
// there that is no section gets its own file.
func TestFolderKeepsNestedKeys(t *testing.T) {
	existing := parse(t, map[string]string{
		"content/frameworks/ex/b/b-10.md": "---\nid: b-10\nparent: b\ntitle: Tenth\nchildren:\n  - id: b-10.1\n    title: Sub\n    aliases: [/old/b-10-1/]\n---\n",
	})
	files, err := Folder(small(), existing, "ex.json")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(files["b/b-10.md"]), "  - id: b-10.1\n    number: B-10(1)\n    title: Sub\n    statement: Do one.\n    aliases: [/old/b-10-1/]\n---\n"; !strings.HasSuffix(got, want) {
		t.Errorf("b/b-10.md =\n%s\nwant it to end\n%s", got, want)
	}
	mixed := small()
	mixed.Elements[1].Children = []*Element{{ID: "a-1", Title: "A control", Level: "control", Children: []*Element{
		{ID: "a-1.1", Title: "A nested control, with a page", Level: "control enhancement"},
	}}}
	files, err = Folder(mixed, nil, "ex.json")
	if err != nil {
		t.Fatal(err)
	}
	if got := string(files["b/b-10.md"]); !strings.Contains(got, "    page: false\n") {
		t.Errorf("a section at a level with pages lacks page: false:\n%s", got)
	}
	if _, ok := files["a/a-1-1.md"]; !ok {
		t.Errorf("a nested control that is no section has no file: %v", keys(files))
	}
}

// TestFolderIDs: ids "site" writes ids: site, "publisher" removes it, ""
// keeps what the framework file says.
func TestFolderIDs(t *testing.T) {
	for _, tt := range []struct {
		ids, existing string
		site          bool
	}{
		{"site", "", true},
		{"", "  ids: site\n", true},
		{"publisher", "  ids: site\n", false},
		{"", "", false},
	} {
		fw := small()
		fw.IDs = tt.ids
		var existing []*source.File
		if tt.existing != "" {
			existing = parse(t, map[string]string{"content/frameworks/ex/_index.md": "---\nframework:\n  id: ex\n" + tt.existing + "---\n"})
		}
		files, err := Folder(fw, existing, "ex.json")
		if err != nil {
			t.Fatal(err)
		}
		if idx := string(files["_index.md"]); strings.Contains(idx, "  ids: site\n") != tt.site {
			t.Errorf("ids %q over %q:\n%s", tt.ids, tt.existing, idx)
		}
	}
}

func TestPlural(t *testing.T) {
	for in, want := range map[string]string{
		"family": "families", "control": "controls", "process check": "process checks", "key": "keys",
		"class": "classes", "box": "boxes", "branch": "branches", "": "", "y": "ys",
	} {
		if got := Plural(in); got != want {
			t.Errorf("Plural(%q) = %q, want %q", in, got, want)
		}
	}
}
