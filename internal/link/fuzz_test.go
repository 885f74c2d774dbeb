package link_test

import (
	"strings"
	"testing"

	"github.com/crosswalk-ssg/crosswalk/internal/diag"
	"github.com/crosswalk-ssg/crosswalk/internal/link"
	"github.com/crosswalk-ssg/crosswalk/internal/model"
	"github.com/crosswalk-ssg/crosswalk/internal/source"
)

// FuzzResolve resolves arbitrary references and link destinations against
// a small site: it must not panic, a resolved element must carry the id
// asked for, and a resolved link must be relative. Seeds are in
// testdata/fuzz/FuzzResolve.
func FuzzResolve(f *testing.F) {
	var errs diag.List
	var files []*source.File
	for _, t := range []struct{ name, text string }{
		{"content/_index.md", "---\ntitle: Home\n---\n"},
		{"content/about.md", "---\ntitle: About\n---\n"},
		{"content/frameworks/f/_index.md", "---\nframework: {id: f, title: F, version: \"1\", publisher: P, url: \"https://f.example/\", license: CC0}\nlevels: [{name: a, page: true}, {name: b}]\n---\n"},
		{"content/frameworks/f/x.md", "---\nid: GOVERN 1\ntitle: X\nchildren: [{id: \"1.1\", statement: s}]\n---\n"},
		{"content/frameworks/g/_index.md", "---\nframework: {id: g, title: G, version: \"1\", publisher: P, url: \"https://g.example/\", license: CC0}\nlevels: [{name: a, page: true}]\n---\n"},
		{"content/frameworks/g/y.md", "---\nid: \"1.1\"\ntitle: Y\n---\n"},
	} {
		files = append(files, source.Parse(t.name, []byte(t.text), &errs))
	}
	ix := link.Link(model.Decode(files, &errs), []string{"style.css"}, &errs)
	if err := errs.Err(); err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{"GOVERN 1", "f:1.1", "1.1", "g:1.1", "", ":", "f:", "/about/", "../about.md", "#x", "https://x", "/style.css?x#y", "%zz", "/../../etc", "a\\b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, ref string) {
		if e, err := ix.Element(ref); err == nil {
			want := strings.TrimSpace(ref)
			if i := strings.IndexByte(want, ':'); i >= 0 && ix.Framework(strings.TrimSpace(want[:i])) != nil {
				want = strings.TrimSpace(want[i+1:])
			}
			if e.ID != want {
				t.Fatalf("Element(%q) = %q", ref, e.ID)
			}
		}
		href, err := ix.Resolve("content/about.md", "about/index.html", ref)
		if err == nil && strings.HasPrefix(href, "/") && !strings.HasPrefix(href, "//") && href != ref {
			t.Fatalf("Resolve(%q) = %q, a root-relative URL", ref, href)
		}
	})
}
