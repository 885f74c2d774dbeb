package render

import (
	"context"
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/crosswalk-ssg/crosswalk/internal/diag"
	"github.com/crosswalk-ssg/crosswalk/internal/markdown"
	"github.com/crosswalk-ssg/crosswalk/internal/theme"
	"github.com/spf13/afero"
)

// headingTemplates are a site's own templates, with no defaults under
// them: the element page writes ids of its own ("counterparts", the
// sections' anchors and "site-only", which no default template has) and
// the table of contents.
var headingTemplates = map[string]string{
	"element.html": `{{ define "main" }}<nav>{{ range .TOC }}<a href="#{{ .ID }}">{{ .Title }}</a>{{ end }}</nav>` +
		`<section id="counterparts"></section>{{ .Content }}` +
		`{{ range .Element.Sections }}<section id="{{ .Element.Anchor }}"></section>{{ end }}<p id="site-only"></p>{{ end }}`,
}

// renderHeadingSite renders viewSite with bodies for two element pages
// and returns the pages and the problems reported.
func renderHeadingSite(t *testing.T, opts markdown.Options, p1, p2 string) (map[string]string, []string) {
	t.Helper()
	files := maps.Clone(viewSite)
	files["content/frameworks/s/p1.md"] += p1
	files["content/frameworks/s/p2.md"] += p2
	ix := linked(t, files)
	if a := ix.Site.Frameworks[0].ByID["P1.1"].Anchor; a != "p1-1" {
		t.Fatalf("P1.1's anchor is %q; the test links to #p1-1", a)
	}
	site := afero.NewMemMapFs()
	for _, d := range ix.Site.Docs {
		name := string(d.Kind) + ".html"
		src, ok := headingTemplates[name]
		if !ok {
			src = `{{ define "main" }}{{ .Content }}{{ end }}`
		}
		if err := afero.WriteFile(site, theme.TemplatesDir+"/"+name, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var errs diag.List
	tpl, err := ParseTemplates(theme.New(site, nil), &errs)
	if err != nil || errs.Err() != nil {
		t.Fatal(err, errs.Err())
	}
	r := New(ix, tpl, markdown.New(opts))
	var mu sync.Mutex
	pages := map[string]string{}
	r.RenderAll(context.Background(), func(path string, data []byte) error {
		mu.Lock()
		pages[path] = string(data)
		mu.Unlock()
		return nil
	}, 4, &errs)
	var problems []string
	if err := errs.Err(); err != nil {
		problems = strings.Split(err.Error(), "\n")
	}
	return pages, problems
}

// TestFragmentCheck: a link to a #fragment is accepted when the page it
// leads to has the id, whether its Markdown gave it (a heading at any
// depth, a footnote) or its template wrote it (a fixed section id, an
// element's anchor, an id only this site's template has), and reported
// otherwise.
func TestFragmentCheck(t *testing.T) {
	t.Parallel()
	const p1 = `
## Method

Text.[^1]

> ### Quoted *part*

[a](#method) [b](#counterparts) [c](#p1-1) [d](#site-only) [e](#fn:1) [f](#quoted-part) [g](p2.md#method)
[h](#nope) [i](p2.md#zzz) [j](p2.md#p1-1)

[^1]: Note.
`
	const p2 = "\n## Method\n"
	pages, problems := renderHeadingSite(t, markdown.Options{}, p1, p2)
	want := []string{
		`content/frameworks/s/p1.md:14:1: link "#nope": frameworks/s/p1/index.html has no #nope`,
		`content/frameworks/s/p1.md:14:12: link "p2.md#zzz": frameworks/s/p2/index.html has no #zzz`,
		`content/frameworks/s/p1.md:14:27: link "p2.md#p1-1": frameworks/s/p2/index.html has no #p1-1`,
	}
	if !slices.Equal(problems, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(problems, "\n"), strings.Join(want, "\n"))
	}
	// The table of contents has the Markdown's h2 and h3, the quoted one
	// too, with their text as the reader sees it.
	page := pages["frameworks/s/p1/index.html"]
	const toc = `<a href="#method">Method</a><a href="#quoted-part">Quoted part</a>`
	if !strings.Contains(page, toc) {
		t.Errorf("the page's contents lack %s:\n%s", toc, page)
	}
}

// TestFragmentCheckRawHTML: with raw HTML let through, the ids written in
// it count as a browser reads them, however quoted; an id="…" that is
// no attribute of an element (in a comment) does not, although the page's
// bytes hold it.
func TestFragmentCheckRawHTML(t *testing.T) {
	t.Parallel()
	const p1 = `
<span id='single'>x</span> <!-- <a id="commented"> -->

[a](#single) [b](#commented)
`
	pages, problems := renderHeadingSite(t, markdown.Options{UnsafeHTML: true}, p1, "")
	want := []string{`content/frameworks/s/p1.md:9:14: link "#commented": frameworks/s/p1/index.html has no #commented`}
	if !slices.Equal(problems, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(problems, "\n"), strings.Join(want, "\n"))
	}
	if page := pages["frameworks/s/p1/index.html"]; !strings.Contains(page, `<!-- <a id="commented"> -->`) {
		t.Errorf("the comment is not on the page:\n%s", page)
	}
}
