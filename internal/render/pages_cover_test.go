package render_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/crosswalk-ssg/crosswalk/internal/sitetest"
	"golang.org/x/net/html"
)

// base is the base URL of the fixture in the tests that give one.
const base = "https://fixture.example/sub/"

// head returns the text of a page's <title> and the href of its
// canonical link ("" when it has none).
func head(t *testing.T, doc *html.Node) (title, canonical string) {
	t.Helper()
	if n := sitetest.Find(doc, func(n *html.Node) bool { return n.Data == "title" }); n != nil {
		title = sitetest.Text(n)
	}
	if n := sitetest.Find(doc, func(n *html.Node) bool { return n.Data == "link" && sitetest.Attr(n, "rel") == "canonical" }); n != nil {
		canonical = sitetest.Attr(n, "href")
	}
	return title, canonical
}

// TestHomePage checks the home page's entry points (with the number of
// records in each subtree), its notice of draft crosswalks and its lists.
func TestHomePage(t *testing.T) {
	files := built(t, nil)
	doc := page(t, files, "index.html")
	if title, _ := head(t, doc); title != "Fixture Site" {
		t.Errorf("home page title = %q, want the site's title alone", title)
	}
	if crumbs := byClass(doc, "breadcrumbs"); len(crumbs) != 0 {
		t.Error("the home page has a breadcrumb trail")
	}
	var columns []string
	for _, col := range byClass(doc, "entry-column") {
		columns = append(columns, sitetest.Text(col))
	}
	want := []string{
		"S principles and outcomes 1 Openness 4 1.1 2 1.2 1 2 Care for the people who use the systems 3 2.1 1 3 Quiet 0",
		"T functions F1 Govern 6 F2 Map 1",
	}
	if !slices.Equal(columns, want) {
		t.Errorf("entry points:\n%s\nwant:\n%s", strings.Join(columns, "\n"), strings.Join(want, "\n"))
	}
	if got := links(byClass(doc, "entry-column")[0]); !slices.Contains(got, "1.1 → frameworks/s/p1/index.html#1-1") {
		t.Errorf("entry point links = %q", got)
	}
	if got := texts(byClass(doc, "notice-draft")); !slices.Equal(got, []string{"Draft — not official. The crosswalk “T and S, unstated” is a draft, not an official mapping; its page says why and how it was made."}) {
		t.Errorf("draft notice = %q", got)
	}
	if got := texts(byClass(doc, "card")); !slices.Equal(got, []string{
		"Source Framework Version 1 · S Org principles → outcomes → checks · 8 elements",
		"Target Framework Version 2.0 · T Institute functions → categories → subcategories · 11 elements",
		"S to T 5 mappings from S to T · official",
		"T and S, unstated 2 mappings from T to S · draft",
	}) {
		t.Errorf("cards = %q", got)
	}
	// The prose, with its cross-reference resolved.
	if got := sitetest.MainText(t, files["index.html"]); !strings.Contains(got, "Start at S 1 Openness or read the official crosswalk.") {
		t.Errorf("home prose: %q", got)
	}
	if got := links(sitetest.Find(doc, func(n *html.Node) bool { return n.Data == "p" && strings.HasPrefix(sitetest.Text(n), "Start at") })); !slices.Equal(got, []string{"S 1 Openness → frameworks/s/p1/index.html", "the official crosswalk → crosswalks/st/index.html"}) {
		t.Errorf("prose links = %q", got)
	}
}

// TestFrame checks what every page shares: the language, the title, the
// description, the header with its menu in weight order and the current
// entry marked, and the footer.
func TestFrame(t *testing.T) {
	files := built(t, nil)
	about := page(t, files, "about/index.html")
	if html := sitetest.Find(about, func(n *html.Node) bool { return n.Data == "html" }); sitetest.Attr(html, "lang") != "en-GB" {
		t.Errorf("lang = %q", sitetest.Attr(html, "lang"))
	}
	if title, canonical := head(t, about); title != "About · Fixture Site" || canonical != "" {
		t.Errorf("title %q, canonical %q (there is no base URL)", title, canonical)
	}
	desc := sitetest.Find(about, func(n *html.Node) bool { return n.Data == "meta" && sitetest.Attr(n, "name") == "description" })
	if desc == nil || sitetest.Attr(desc, "content") != "What this fixture is." {
		t.Error("about page lacks its description")
	}
	nav := byClass(about, "site-nav")[0]
	if got := links(nav); !slices.Equal(got, []string{"S → ../frameworks/s/index.html", "T → ../frameworks/t/index.html",
		"S to T → ../crosswalks/st/index.html", "T and S, unstated → ../crosswalks/ts/index.html",
		"Contact → ../contact/index.html", "About → index.html"}) {
		t.Errorf("header links = %q (menu pages by weight)", got)
	}
	current := func(doc *html.Node) []string {
		return texts(sitetest.FindAll(byClass(doc, "site-nav")[0], func(n *html.Node) bool { return sitetest.Attr(n, "aria-current") == "page" }))
	}
	for name, want := range map[string][]string{
		"about/index.html":         {"About"},
		"crosswalks/ts/index.html": {"T and S, unstated"},
		"frameworks/s/index.html":  {"S"},
		"news/index.html":          nil,
	} {
		if got := current(page(t, files, name)); !slices.Equal(got, want) {
			t.Errorf("%s: header marks %q, want %q", name, got, want)
		}
	}
	if got := texts(byClass(about, "site-footer")); len(got) != 1 ||
		!strings.Contains(got[0], "The crosswalk “T and S, unstated” is a draft, not an official mapping.") || !strings.Contains(got[0], "Footer line for every page.") {
		t.Errorf("footer = %q", got)
	}
	form := sitetest.Find(about, func(n *html.Node) bool { return n.Data == "form" && sitetest.HasClass(n, "site-search") })
	if form == nil || sitetest.Attr(form, "action") != "../search/index.html" {
		t.Error("the header's search form does not lead to the search page")
	}
	// Every page's assets are relative to it.
	body := sitetest.Find(page(t, files, "frameworks/s/p1/index.html"), func(n *html.Node) bool { return n.Data == "body" })
	if got := sitetest.Attr(body, "data-root"); got != "../../../" {
		t.Errorf("data-root = %q", got)
	}
}

// TestPlainPagesAndPosts checks a page's breadcrumbs, a post's date and
// layout, and the table of contents a page template can show.
func TestPlainPagesAndPosts(t *testing.T) {
	files := built(t, map[string]string{
		// The embedded page.html shows no table of contents; a site's may.
		"templates/page.html": `{{ define "main" }}<article>{{ template "_partials/toc.html" . }}{{ .Content }}</article>{{ end }}`,
	})
	about := page(t, files, "about/index.html")
	toc := tocs(about)
	if len(toc) != 1 {
		t.Fatalf("%d tables of contents on the about page", len(toc))
	}
	// Heading markup and the anchor sign are not part of an entry.
	if got := links(toc[0]); !slices.Equal(got, []string{"The method → #the-method", "Detail → #detail", "Sources → #sources"}) {
		t.Errorf("TOC = %q", got)
	}
	if toc := tocs(page(t, files, "contact/index.html")); len(toc) != 0 {
		t.Error("a page without headings has a table of contents")
	}
	if got := links(byClass(about, "breadcrumbs")[0]); !slices.Equal(got, []string{"Home → ../index.html"}) {
		t.Errorf("breadcrumbs = %q", got)
	}
	// A post's own layout wins over the site's page.html.
	launch := page(t, files, "news/launch/index.html")
	if got := texts(byClass(launch, "date")); !slices.Equal(got, []string{"2024-01-02"}) {
		t.Errorf("post date = %q", got)
	}
	if got := sitetest.MainText(t, files["news/index.html"]); !strings.Contains(got, "The launch.") {
		t.Errorf("news page reads %q", got)
	}
	// A cross-reference in prose leads to the element's anchor, titled
	// with its statement.
	xref := byClass(about, "xref")
	if len(xref) != 1 || sitetest.Attr(xref[0], "href") != "../frameworks/s/p1/index.html#1-1" || sitetest.Attr(xref[0], "title") != "Publish a notice." || sitetest.Text(xref[0]) != "S 1.1" {
		t.Errorf("cross-reference to 1.1: %q", links(about))
	}
}

// TestTemplateLookup: a page uses its layout, then the template of its
// section (templates/<section>/<kind>.html), then the template of its
// kind.
func TestTemplateLookup(t *testing.T) {
	files := built(t, map[string]string{
		"templates/news/page.html": `{{ define "main" }}<p class="which">news page: {{ .Title }}</p>{{ end }}`,
		"templates/t/element.html": `{{ define "main" }}<p class="which">T element: {{ .Element.ID }}</p>{{ end }}`,
		"templates/fancy.html":     `{{ define "main" }}<p class="which">fancy: {{ .Title }}</p>{{ end }}`,
		// A layout names a template of templates/, not of the section.
		"templates/news/post.html": `{{ define "main" }}<p class="which">unused</p>{{ end }}`,
		"content/contact.md":       "---\ntitle: Contact\nlayout: fancy\n---\n",
		// Only .html files are templates: this one would not parse.
		"templates/_partials/x.txt": "{{ not a template",
	})
	for name, want := range map[string]string{
		"news/index.html":              "news page: News",
		"frameworks/t/f1/index.html":   "T element: F1",
		"contact/index.html":           "fancy: Contact",
		"frameworks/s/p1/index.html":   "", // the embedded element.html
		"news/launch/index.html":       "", // layout: post, the embedded post.html
		"about/index.html":             "", // the embedded page.html
		"crosswalks/st/index.html":     "", // the embedded crosswalk.html
		"frameworks/t/f1-1/index.html": "T element: F1 1",
	} {
		doc := page(t, files, name)
		var got string
		if n := byClass(doc, "which"); len(n) == 1 {
			got = sitetest.Text(n[0])
		}
		if got != want {
			t.Errorf("%s shows %q, want %q", name, got, want)
		}
		// Whatever the template, the frame is baseof.html.
		if len(byClass(doc, "skip-link")) != 1 {
			t.Errorf("%s is not framed by baseof.html", name)
		}
	}
}

// TestAliasPages: an old URL gets a page that redirects to where the page
// (or the element's anchor) is now, with a canonical link to it: relative
// without a base URL, absolute with one.
func TestAliasPages(t *testing.T) {
	for _, tt := range []struct {
		base                       string
		alias, redirect, canonical string
	}{
		{"", "old-about/index.html", "../about/index.html", "../about/index.html"},
		{"", "s/notice/index.html", "../../frameworks/s/p1/index.html#1-1", "../../frameworks/s/p1/index.html"},
		{base, "old-about/index.html", "../about/index.html", base + "about/"},
		{base, "s/notice/index.html", "../../frameworks/s/p1/index.html#1-1", base + "frameworks/s/p1/"},
	} {
		t.Run(tt.base+tt.alias, func(t *testing.T) {
			var opts []sitetest.Option
			if tt.base != "" {
				opts = append(opts, sitetest.BaseURL(tt.base))
			}
			doc := page(t, built(t, nil, opts...), tt.alias)
			refresh := sitetest.Find(doc, func(n *html.Node) bool { return n.Data == "meta" && sitetest.Attr(n, "http-equiv") == "refresh" })
			if refresh == nil || sitetest.Attr(refresh, "content") != "0; url="+tt.redirect {
				t.Errorf("no refresh to %s", tt.redirect)
			}
			if _, canonical := head(t, doc); canonical != tt.canonical {
				t.Errorf("canonical = %q, want %q", canonical, tt.canonical)
			}
			if got := links(doc); len(got) != 1 || !strings.HasSuffix(got[0], " → "+tt.redirect) {
				t.Errorf("links = %q", got)
			}
			// A redirect page is not framed: no header, no scripts.
			if len(byClass(doc, "site-header")) != 0 || sitetest.Find(doc, func(n *html.Node) bool { return n.Data == "script" }) != nil {
				t.Error("the redirect page is framed like a page")
			}
		})
	}
}

// TestBaseURL: with a base URL, pages have canonical links (folder URLs
// end in "/"), and the 404 page, served at any depth, links only to
// absolute URLs under the base URL that name files of the site.
func TestBaseURL(t *testing.T) {
	files := built(t, map[string]string{
		// A 404 page that also links to elements, one of them a section.
		"templates/404.html": `{{ define "main" }}<h1>Page not found</h1><ul class="elements">{{ range (index .Site.Frameworks 0).Elements }}<li><a href="{{ $.ElementURL . }}">{{ .ID }}</a></li>{{ end }}</ul>{{ end }}`,
	}, sitetest.BaseURL("https://fixture.example/sub"))
	for name, want := range map[string]string{
		"index.html":                 base,
		"about/index.html":           base + "about/",
		"frameworks/s/p1/index.html": base + "frameworks/s/p1/",
		"crosswalks/st/index.html":   base + "crosswalks/st/",
		"404.html":                   "",
	} {
		if _, got := head(t, page(t, files, name)); got != want {
			t.Errorf("%s: canonical %q, want %q", name, got, want)
		}
	}
	notFound := page(t, files, "404.html")
	var urls []string
	for _, n := range sitetest.FindAll(notFound, func(n *html.Node) bool { return sitetest.Attr(n, "href") != "" || sitetest.Attr(n, "src") != "" }) {
		urls = append(urls, sitetest.Attr(n, "href")+sitetest.Attr(n, "src"))
	}
	if len(urls) < 10 {
		t.Fatalf("404.html has %d URLs", len(urls))
	}
	for _, u := range urls {
		if strings.HasPrefix(u, "#") {
			continue // the page's own fragment (the skip link)
		}
		rest, ok := strings.CutPrefix(u, base)
		if !ok {
			t.Errorf("404.html: %q is not under the base URL", u)
			continue
		}
		rest, _, _ = strings.Cut(rest, "#")
		if _, ok := files[rest]; !ok {
			t.Errorf("404.html: %q names no file of the site", u)
		}
	}
	if got := links(byClass(notFound, "elements")[0])[:3]; !slices.Equal(got, []string{
		"P1 → " + base + "frameworks/s/p1/index.html",
		"1.1 → " + base + "frameworks/s/p1/index.html#1-1",
		"1.1.1 → " + base + "frameworks/s/p1/index.html#1-1-1",
	}) {
		t.Errorf("404.html element links = %q", got)
	}
	body := sitetest.Find(notFound, func(n *html.Node) bool { return n.Data == "body" })
	if got := sitetest.Attr(body, "data-root"); got != base {
		t.Errorf("404.html data-root = %q", got)
	}
	if title, _ := head(t, notFound); title != "Page not found · Fixture Site" {
		t.Errorf("404.html title = %q", title)
	}
	// Without a base URL there is no 404 page, and no canonical link.
	plain := built(t, nil)
	if _, ok := plain["404.html"]; ok {
		t.Error("404.html written without a base URL")
	}
}
