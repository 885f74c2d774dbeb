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
	for _, s := range []string{"", "plain", `a "b" & 'c' + <d>`, "\x00", "é ü 日本", "a+b=c"} {
		f.Add(s)
	}
	text := htmltemplate.Must(htmltemplate.New("t").Parse(`{{.}}`))
	attr := htmltemplate.Must(htmltemplate.New("a").Parse(`<p title="{{.}}">`))
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		var b strings.Builder
		if err := text.Execute(&b, s); err != nil {
			t.Fatal(err)
		}
		if got := escapeHTML(s); got != b.String() {
			t.Errorf("escapeHTML(%q) = %q; html/template's text: %q", s, got, b.String())
		}
		b.Reset()
		if err := attr.Execute(&b, s); err != nil {
			t.Fatal(err)
		}
		if want := strings.TrimSuffix(strings.TrimPrefix(b.String(), `<p title="`), `">`); escapeHTML(s) != want {
			t.Errorf("escapeHTML(%q) = %q; html/template's attribute: %q", s, escapeHTML(s), want)
		}
	})
}

// FuzzEscapeURL holds escapeHref and escapeFragment, which the navigation
// written in Go uses for its links, to html/template's escaping of the
// same string where a quoted href begins and after its "#".
func FuzzEscapeURL(f *testing.F) {
	for _, s := range []string{"", "../a/index.html", "#x", "a b/ü.html", "javascript:alert(1)", "JavaScript:x", "HTTPS://e.org/?a=1&b='2'", "mailto:a@b", "/x:y", "a%20b", "(x)", "x+y", "\x00", "über-straße"} {
		f.Add(s)
	}
	href := htmltemplate.Must(htmltemplate.New("h").Parse(`<a href="{{.}}">`))
	frag := htmltemplate.Must(htmltemplate.New("f").Parse(`<a href="#{{.}}">`))
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		var b strings.Builder
		if err := href.Execute(&b, s); err != nil {
			t.Fatal(err)
		}
		if want := strings.TrimSuffix(strings.TrimPrefix(b.String(), `<a href="`), `">`); escapeHref(s) != want {
			t.Errorf("escapeHref(%q) = %q; html/template's href: %q", s, escapeHref(s), want)
		}
		b.Reset()
		if err := frag.Execute(&b, s); err != nil {
			t.Fatal(err)
		}
		if want := strings.TrimSuffix(strings.TrimPrefix(b.String(), `<a href="#`), `">`); escapeFragment(s) != want {
			t.Errorf("escapeFragment(%q) = %q; html/template's fragment: %q", s, escapeFragment(s), want)
		}
	})
}
