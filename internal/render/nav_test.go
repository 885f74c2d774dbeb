package render

import (
	"testing"

	"github.com/crosswalk-ssg/crosswalk/internal/model"
)

// TestElementID: the publisher's number or id, escaped; a site's own id
// only where the element has no title, marked as the site's.
func TestElementID(t *testing.T) {
	publisher := &model.Framework{}
	site := &model.Framework{SiteIDs: true}
	for _, tt := range []struct {
		e    *model.Element
		want string
	}{
		{&model.Element{Framework: publisher, ID: "GV-1", Number: "GOVERN 1"}, `<span class="id">GOVERN 1</span>`},
		{&model.Element{Framework: publisher, ID: "A<B>&C"}, `<span class="id">A&lt;B&gt;&amp;C</span>`},
		{&model.Element{Framework: site, ID: "s-1"}, `<span class="id site-id" title="an id assigned by this site, not by the publisher">s-1 (site id)</span>`},
		{&model.Element{Framework: site, ID: "s-2", Title: "Named"}, ``},
		{&model.Element{Framework: site, ID: "s-3", Number: "3"}, `<span class="id">3</span>`},
	} {
		if got := string(ElementID(tt.e)); got != tt.want {
			t.Errorf("ElementID(%+v) = %q, want %q", tt.e, got, tt.want)
		}
	}
}

// TestSideTreeHTML: the open branch nests, gaps say how many they stand
// for, the current entry is marked, texts are escaped.
func TestSideTreeHTML(t *testing.T) {
	fw := &model.Framework{}
	a := &model.Element{Framework: fw, ID: "A", Title: "Tom & Jerry"}
	b := &model.Element{Framework: fw, ID: "B", Withdrawn: true}
	got := string(SideTreeHTML([]TreeNode{
		{Element: a, URL: "a/index.html", Open: true, Children: []TreeNode{{Element: b, URL: "b/index.html", Current: true, Open: true}}},
		{URL: "index.html#contents", More: 7},
	}))
	want := "<ul>\n<li class=\"open\"><a href=\"a/index.html\"><span class=\"id\">A</span> Tom &amp; Jerry</a>\n" +
		"<ul>\n<li class=\"open\"><a href=\"b/index.html\" aria-current=\"page\"><span class=\"id\">B</span> <span class=\"withdrawn-tag\">(withdrawn)</span></a>\n</li>\n</ul>\n" +
		"\n</li>\n<li class=\"tree-more\"><a href=\"index.html#contents\">… 7 more</a></li>\n</ul>\n"
	if got != want {
		t.Errorf("SideTreeHTML:\n%s\nwant:\n%s", got, want)
	}
}
