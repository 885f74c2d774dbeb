package sitetest

import (
	"errors"
	"io/fs"
	"os"
	"strings"
	"testing"

	"github.com/crosswalk-ssg/crosswalk/internal/linkcheck"
	"github.com/spf13/afero"
	"golang.org/x/net/html"
)

// tiny is the smallest site that builds: a home page and a framework.
var tiny = Txtar([]byte(`A home page and one framework of one element.
-- content/_index.md --
---
title: Tiny
---
Start at [[X 1]].
-- content/frameworks/x/_index.md --
---
framework: {id: x, title: X, version: "1", publisher: P, url: "https://x.example/", license: CC0}
levels: [{name: item, page: true}]
---
-- content/frameworks/x/one.md --
---
id: X 1
statement: One.
---
`))

func TestSourceRefusesPathsTheGeneratorDoesNotRead(t *testing.T) {
	for _, name := range []string{"/content/a.md", "content/../a.md", "./content/a.md", `content\a.md`, "content/", "", "."} {
		t.Run(name, func(t *testing.T) {
			defer func() {
				v := recover()
				if msg, _ := v.(string); !strings.Contains(msg, "is not a relative slash path") {
					t.Errorf("Source(%q) did not refuse it: %v", name, v)
				}
			}()
			Source(map[string]string{name: "x"})
		})
	}
}

func TestSourceIsReadOnlyAndRelative(t *testing.T) {
	src := Source(map[string]string{"content/a.md": "A", "templates/page.html": "T"})
	for name, want := range map[string]string{"content/a.md": "A", "templates/page.html": "T"} {
		got, err := afero.ReadFile(src, name)
		if err != nil || string(got) != want {
			t.Errorf("%s = %q, %v; want %q", name, got, err, want)
		}
	}
	var walked []string
	if err := fs.WalkDir(afero.NewIOFS(src), ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			walked = append(walked, p)
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if strings.Join(walked, " ") != "content/a.md templates/page.html" {
		t.Errorf("io/fs walk = %q", walked)
	}
	if err := afero.WriteFile(src, "content/b.md", nil, 0o644); !errors.Is(err, os.ErrPermission) && (err == nil || !strings.Contains(err.Error(), "not permitted")) {
		t.Errorf("writing into the source: %v, want a refusal", err)
	}
}

func TestWith(t *testing.T) {
	base := map[string]string{"a": "1", "b": "2"}
	got := With(base, map[string]string{"b": "3", "c": "4", "a": ""})
	if len(got) != 2 || got["b"] != "3" || got["c"] != "4" {
		t.Errorf("With = %v", got)
	}
	if len(base) != 2 || base["a"] != "1" || base["b"] != "2" {
		t.Errorf("With changed its argument: %v", base)
	}
}

func TestBuildAndCheck(t *testing.T) {
	files, res := Build(t, Source(tiny), BaseURL("https://x.example/site/"))
	if res.Frameworks != 1 || res.Elements != 1 {
		t.Errorf("result = %v", res)
	}
	if home := File(t, files, "index.html"); !strings.Contains(home, `href="frameworks/x/x-1/index.html"`) {
		t.Errorf("home page does not link the element:\n%s", home)
	}
	if got := MainText(t, files["frameworks/x/x-1/index.html"]); !strings.Contains(got, "X 1") || !strings.Contains(got, "One.") {
		t.Errorf("element page reads %q", got)
	}
	if _, ok := files["sitemap.xml"]; !ok {
		t.Error("BaseURL did not reach the build: no sitemap.xml")
	}
	problems, err := linkcheck.Check(FS(files), linkcheck.Options{BaseURL: "https://x.example/site/"})
	if err != nil || len(problems) != 0 {
		t.Errorf("link check of the output: %v %v", problems, err)
	}

	if msg := Check(t, Source(tiny)); msg != "" {
		t.Errorf("Check of a good site = %q", msg)
	}
	broken := With(tiny, map[string]string{"content/_index.md": "---\ntitle: Tiny\n---\nStart at [[X 2]].\n"})
	if msg := Check(t, Source(broken)); msg != `content/_index.md:4:10: unknown element "X 2"` {
		t.Errorf("Check of a broken site = %q", msg)
	}
}

func TestRepo(t *testing.T) {
	if _, err := afero.ReadFile(Repo(t), "content/_index.md"); err != nil {
		t.Errorf("the repository's site has no home page: %v", err)
	}
	tree := ReadTree(t, Repo(t), "templates")
	if _, ok := tree["templates/baseof.html"]; !ok || len(tree) < 5 {
		t.Errorf("ReadTree(templates) = %d files, without templates/baseof.html", len(tree))
	}
}

func TestText(t *testing.T) {
	doc := Parse(t, []byte("<main><p class=\"a b\" id=x>One\n  <em>two</em></p><script>no()</script><p>three</p></main>"))
	p := Find(doc, func(n *html.Node) bool { return HasClass(n, "b") })
	if p == nil || Attr(p, "id") != "x" || Text(p) != "One two" {
		t.Fatalf("Find/Attr/Text: %v", p)
	}
	if got := MainText(t, []byte("<main><p>One\n  <em>two</em></p><script>no()</script><p>three</p></main>")); got != "One twothree" {
		t.Errorf("MainText = %q", got)
	}
	if n := len(FindAll(doc, func(n *html.Node) bool { return n.Data == "p" })); n != 2 {
		t.Errorf("FindAll found %d paragraphs", n)
	}
}
