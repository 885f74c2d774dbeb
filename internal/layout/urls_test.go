package layout

import (
	"net/url"
	"path"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSlug(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"GOVERN 1.1", "govern-1-1"},
		{"1.2.3", "1-2-3"},
		{"  A--b  ", "a-b"},
		{"aiverify-2023--nist-ai-rmf-1.0", "aiverify-2023-nist-ai-rmf-1-0"},
		{"MAP 5.2 (a)", "map-5-2-a"},
		{"Élément Über", "élément-über"},
		{"ПРИНЦИП 1", "принцип-1"},
		{"原则 1", "原则-1"},
		{"a_b", "a-b"},
		{"", ""},
		{"--", ""},
	}
	for _, tt := range tests {
		if got := Slug(tt.in); got != tt.want {
			t.Errorf("Slug(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestRel(t *testing.T) {
	t.Parallel()
	tests := []struct{ from, to, want string }{
		{"a/index.html", "a/x.html", "x.html"},                   // same folder
		{"index.html", "a/b/index.html", "a/b/index.html"},       // deeper
		{"a/b/index.html", "index.html", "../../index.html"},     // shallower
		{"a/b/index.html", "c/index.html", "../../c/index.html"}, // sideways
		{"a/b/index.html", "a/c/index.html", "../c/index.html"},  // sibling folder
		{"a/b/index.html", "a/b/c/index.html", "c/index.html"},   // child folder
		{"index.html", "index.html", "index.html"},               // root to root
		{"a/b/index.html", "a/b/index.html", "index.html"},       // to itself
		{"a/b/index.html", "a/b", "../b"},                        // a file named like the folder
		{"frameworks/nist/index.html", "frameworks/nist/govern/index.html", "govern/index.html"},
		{"about/index.html", "a b/index.html", "../a%20b/index.html"},    // escaped segment
		{"index.html", "docs/50%/x#y?.html", "docs/50%25/x%23y%3F.html"}, // escaped specials
		{"a/b/c/index.html", "a/x/c/index.html", "../../x/c/index.html"}, // a later folder alike
		{"ab/index.html", "a/index.html", "../a/index.html"},             // a folder that starts alike
		{"a/index.html", "ab/index.html", "../ab/index.html"},
		{"a/b/index.html", "a", "../../a"},                        // a file named like a folder above
		{"x/index.html", "a:b/index.html", "../a%3Ab/index.html"}, // not a scheme
		{"x/y/index.html", "x/café/index.html", "../caf%C3%A9/index.html"},
	}
	for _, tt := range tests {
		if got := Rel(tt.from, tt.to); got != tt.want {
			t.Errorf("Rel(%q, %q) = %q, want %q", tt.from, tt.to, got, tt.want)
		}
	}
}

// FuzzRel: whatever the two paths, Rel's URL leads from from's folder to
// to: resolved against from, it is to again, and it is relative (no
// scheme, no leading slash).
func FuzzRel(f *testing.F) {
	f.Add("a/b/index.html", "a/c/index.html")
	f.Add("index.html", "a b/x:y/index.html")
	f.Add("ab/c/index.html", "a/c/d/index.html")
	f.Fuzz(func(t *testing.T, from, to string) {
		clean := func(p string) bool {
			return p != "" && p != "." && utf8.ValidString(p) && !strings.ContainsAny(p, "\x00") && path.Clean(p) == p && !path.IsAbs(p) && p != ".." && !strings.HasPrefix(p, "../")
		}
		if !clean(from) || !clean(to) {
			return
		}
		rel := Rel(from, to)
		u, err := url.Parse(rel)
		if err != nil || u.Scheme != "" || u.Host != "" || strings.HasPrefix(rel, "/") {
			t.Fatalf("Rel(%q, %q) = %q: not a relative URL path (%v)", from, to, rel, err)
		}
		base, _ := url.Parse("http://h/" + (&url.URL{Path: from}).EscapedPath())
		if got := strings.TrimPrefix(base.ResolveReference(u).Path, "/"); got != to {
			t.Fatalf("Rel(%q, %q) = %q, which leads to %q", from, to, rel, got)
		}
	})
}

func TestContentPage(t *testing.T) {
	t.Parallel()
	tests := []struct {
		file, permalink, want string
	}{
		{"content/_index.md", "", "index.html"},
		{"content/about.md", "", "about/index.html"},
		{"content/about/attribution.md", "", "about/attribution/index.html"},
		{"content/annexes/_index.md", "", "annexes/index.html"},
		{"content/a/b/_index.md", "", "a/b/index.html"},
		{"content/media/x.md", "/media-centre/press-releases/x/", "media-centre/press-releases/x/index.html"},
		{"content/media/x.md", "/feed.xml", "feed.xml"},
		{"content/media/x.md", "/", "index.html"},
	}
	for _, tt := range tests {
		if got := ContentPage(tt.file, "content", tt.permalink); got != tt.want {
			t.Errorf("ContentPage(%q, permalink %q) = %q, want %q", tt.file, tt.permalink, got, tt.want)
		}
	}
}

func TestPermalinkPage(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"/a/b/", "a/b/index.html"},
		{"/a/b", "a/b/index.html"},
		{"a/b/", "a/b/index.html"},
		{"/a/b.html", "a/b.html"},
		{"/feed.xml", "feed.xml"},
		{"/robots.txt", "robots.txt"},
		{"/style.css", "style.css/index.html"},
		{"/v1.0/", "v1.0/index.html"},
		{"/", "index.html"},
		{"", "index.html"},
		{"//", "index.html"},
	}
	for _, tt := range tests {
		if got := PermalinkPage(tt.in); got != tt.want {
			t.Errorf("PermalinkPage(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestAnchorRel(t *testing.T) {
	t.Parallel()
	tests := []struct{ from, to, anchor, want string }{
		{"a/index.html", "a/index.html", "x", "#x"},                // same page: the fragment alone
		{"a/index.html", "b/index.html", "x", "../b/index.html#x"}, // another page
		{"a/index.html", "b/index.html", "", "../b/index.html"},    // no anchor: the page
		{"a/index.html", "a/index.html", "", "index.html"},         // itself, no anchor
	}
	for _, tt := range tests {
		if got := AnchorRel(tt.from, tt.to, tt.anchor); got != tt.want {
			t.Errorf("AnchorRel(%q, %q, %q) = %q, want %q", tt.from, tt.to, tt.anchor, got, tt.want)
		}
	}
}

func TestCanonical(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{"index.html": "", "a/index.html": "a/", "a/b.html": "a/b.html", "404.html": "404.html"} {
		if got := Canonical(in); got != want {
			t.Errorf("Canonical(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDownloads(t *testing.T) {
	t.Parallel()
	if got := CrosswalkDownload("NIST AI RMF 1.0--AI Verify", OSCALMappingEnding); got != "downloads/nist-ai-rmf-1-0-ai-verify.oscal-mapping.json" {
		t.Errorf("CrosswalkDownload = %q", got)
	}
	if !IsCrosswalkDownload("downloads/a-b.csv", "a b") || IsCrosswalkDownload("downloads/a-bc.csv", "a b") {
		t.Error("IsCrosswalkDownload matches another crosswalk's files")
	}
	if got := CatalogDownload("nist-ai-rmf"); got != "downloads/nist-ai-rmf.oscal-catalog.json" {
		t.Errorf("CatalogDownload = %q", got)
	}
}

func TestSitemapXML(t *testing.T) {
	t.Parallel()
	got := string(SitemapXML("https://x.org/r/", []string{"index.html", "a&b/index.html"}))
	want := `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>https://x.org/r/</loc></url>
<url><loc>https://x.org/r/a&amp;b/</loc></url>
</urlset>
`
	if got != want {
		t.Errorf("SitemapXML:\n%s\nwant:\n%s", got, want)
	}
}

func TestPagePaths(t *testing.T) {
	t.Parallel()
	for got, want := range map[string]string{
		FrameworkPage("nist-ai-rmf"):                 "frameworks/nist-ai-rmf/index.html",
		ElementPage("nist-ai-rmf", Slug("GOVERN 1")): "frameworks/nist-ai-rmf/govern-1/index.html",
		CrosswalkPage("nist-ai-rmf-1.0--ai-verify"):  "crosswalks/nist-ai-rmf-1-0-ai-verify/index.html",
		string(RobotsTxt("https://x.org/")):          "User-agent: *\nAllow: /\n\nSitemap: https://x.org/sitemap.xml\n",
	} {
		if got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	}
	for _, name := range GeneratedFiles() {
		if err := CheckName(name); err != nil {
			t.Errorf("generated file %s: %v", name, err)
		}
	}
}

func TestCheckPermalink(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		"/about/":    "",
		"/a/b.html":  "",
		"about/":     "must start with /",
		"/a?b":       `must not contain \ ? # % or :`,
		"/a%2e%2e/":  `must not contain \ ? # % or :`,
		"/a//b/":     "must not contain an empty segment (//)",
		"/a/../etc/": "must not contain . or .. segments",
		"/./":        "must not contain . or .. segments",
	}
	for in, want := range tests {
		if got := CheckPermalink(in); got != want {
			t.Errorf("CheckPermalink(%q) = %q, want %q", in, got, want)
		}
	}
}
