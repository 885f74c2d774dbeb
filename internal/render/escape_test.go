package render

import (
	htmltemplate "html/template"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzEscapeHTML holds escapeHTML, which the rows written in Go use, to
// html/template's escaping of the same text in a text node and in a
// quoted attribute, so that those rows read byte for byte as a
// template's would.
func FuzzEscapeHTML(f *testing.F) {
	fuzzAsTemplates(f, []string{"", "plain", `a "b" & 'c' + <d>`, "\x00", "é ü 日本", "a+b=c"},
		asTemplate{"escapeHTML", escapeHTML, "", ""},
		asTemplate{"escapeHTML", escapeHTML, `<p title="`, `">`})
}

// FuzzEscapeURL holds escapeHref and escapeFragment, which the navigation
// written in Go uses for its links, to html/template's escaping of the
// same string where a quoted href begins and after its "#".
func FuzzEscapeURL(f *testing.F) {
	fuzzAsTemplates(f, []string{"", "../a/index.html", "#x", "a b/ü.html", "javascript:alert(1)", "JavaScript:x", "HTTPS://e.org/?a=1&b='2'", "mailto:a@b", "/x:y", "a%20b", "(x)", "x+y", "\x00", "über-straße"},
		asTemplate{"escapeHref", escapeHref, `<a href="`, `">`},
		asTemplate{"escapeFragment", escapeFragment, `<a href="#`, `">`})
}

// asTemplate is an escaper and where in a template html/template escapes
// a value the same way: between prefix and suffix.
type asTemplate struct {
	name           string
	escape         func(string) string
	prefix, suffix string
}

// fuzzAsTemplates fuzzes, from seeds, that each case's escaper writes
// what html/template writes for the same text at the case's place.
func fuzzAsTemplates(f *testing.F, seeds []string, cases ...asTemplate) {
	for _, s := range seeds {
		f.Add(s)
	}
	tmpls := make([]*htmltemplate.Template, len(cases))
	for i, c := range cases {
		tmpls[i] = htmltemplate.Must(htmltemplate.New(c.name).Parse(c.prefix + "{{.}}" + c.suffix))
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		for i, c := range cases {
			var b strings.Builder
			if err := tmpls[i].Execute(&b, s); err != nil {
				t.Fatal(err)
			}
			want := strings.TrimSuffix(strings.TrimPrefix(b.String(), c.prefix), c.suffix)
			if got := c.escape(s); got != want {
				t.Errorf("%s(%q) = %q; html/template's, in %s…%s: %q", c.name, s, got, c.prefix, c.suffix, want)
			}
		}
	})
}

// TestNavListsAsTemplates holds the navigation lists written in Go
// (nav.go) to the templates they replaced, run by html/template on the
// same entries: titles and URLs with what needs escaping, a URL with a
// scheme html/template refuses, ids that need percent-encoding.
func TestNavListsAsTemplates(t *testing.T) {
	links := []NavLink{
		{Title: "Home", URL: "../../index.html"},
		{Title: `A & B <"C"> 'd' +e`, URL: "../a b/ü/index.html", Current: true},
		{Title: "Plain", URL: "../%C3%BC/x%2/index.html"},
		{Title: "Odd", URL: "javascript:alert(1)"},
		{Title: "Abs", URL: "https://example.org/cw/a b/index.html?q=1&r=2"},
	}
	toc := []TOCEntry{{ID: "counterparts", Title: "Counterparts", Level: 2}, {ID: "über-straße", Title: "Über & co", Level: 3}, {ID: "a b#c", Title: "x", Level: 2}}
	for _, c := range []struct {
		name, tmpl string
		data       any
		got        htmltemplate.HTML
	}{
		{"navItems", `{{- range . }}
<li><a href="{{ .URL }}"{{ if .Current }} aria-current="page"{{ end }}>{{ .Title }}</a></li>
{{- end }}`, links, NavItemsHTML(links)},
		{"crumbs", `{{- range . }}
<li>{{ if .Current }}<span aria-current="page">{{ .Title }}</span>{{ else }}<a href="{{ .URL }}">{{ .Title }}</a>{{ end }}</li>
{{- end }}`, links, CrumbsHTML(links)},
		{"tocItems", `{{- range . }}
<li class="toc-{{ .Level }}"><a href="#{{ .ID }}">{{ .Title }}</a></li>
{{- end }}`, toc, TOCItemsHTML(toc)},
	} {
		var want strings.Builder
		if err := htmltemplate.Must(htmltemplate.New(c.name).Parse(c.tmpl)).Execute(&want, c.data); err != nil {
			t.Fatal(err)
		}
		if string(c.got) != want.String() {
			t.Errorf("%s:\n got %s\nwant %s", c.name, c.got, want.String())
		}
	}
}
