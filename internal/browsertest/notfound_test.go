package browsertest

import (
	"strings"
	"testing"
)

// TestNotFoundPage asks the HTTP server for a page that does not exist,
// deep below the prefix: the server answers with the site's 404.html, as
// GitHub Pages does, and its stylesheet, icon and links must work from
// there (they are absolute, from the base URL). The only problem the
// watcher may see is the 404 of the page itself.
func TestNotFoundPage(t *testing.T) {
	m := modes()[1]
	if m.name != "http" {
		t.Fatalf("modes()[1] is %q, want http", m.name)
	}
	tb := newTab(t, m)
	if err := tb.tryOpen("no/such/deep/page/"); err == nil || !strings.Contains(err.Error(), "HTTP 404") {
		t.Fatalf("want the 404 page, got %v", err)
	}
	tb.wait(domWait, "the 404 page", `document.querySelector('h1') && document.querySelector('h1').textContent === 'Page not found'`, "h1")
	if bg := mustEval[string](tb, `getComputedStyle(document.querySelector('.site-header')).borderBottomStyle`); bg != "solid" {
		t.Errorf("the stylesheet did not apply at depth (header border %q)", bg)
	}
	problems := tb.w.take()
	if len(problems) != 1 || !strings.Contains(problems[0], "HTTP 404 for Document") {
		t.Errorf("problems on the 404 page: %q", problems)
	}
	tb.click("the Home link", `[...document.querySelectorAll('main a')].find(a => a.textContent.trim() === 'Home')`)
	tb.waitPage("index.html")
	tb.w.report(t, "after following Home from the 404 page")
}
