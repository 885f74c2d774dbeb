package browsertest

import (
	"testing"
	"time"
)

// A keyPage is one of the pages checked for accessibility and layout and
// photographed.
type keyPage struct {
	name string // for subtests and screenshot files
	path string // relative to the site root, with an optional query
	// ready, when set, is a JavaScript predicate that is true once scripts
	// have rendered the page (the search page's results).
	ready string
	// key are CSS selectors of the page's own key elements, which its
	// screenshot must show (besides those of every page, pageElements).
	key []string
}

var keyPages = []keyPage{
	{"home", "index.html", "", nil},
	{"ai-verify-fairness", "frameworks/ai-verify/fairness/index.html", "", []string{"blockquote.statement", "section#counterparts"}},
	{"nist-measure-2-11", "frameworks/nist-ai-rmf/measure-2-11/index.html", "", []string{"section#counterparts"}},
	{"crosswalk", "crosswalks/nist-ai-rmf-1-0-ai-verify-2023/index.html", "", []string{"#mappings"}},
	{"crosswalk-cell", "crosswalks/nist-ai-rmf-1-0-ai-verify-2023/cells/govern--fairness/index.html", "", []string{"table.mappings"}},
	{"crosswalk-drill-down", "crosswalks/nist-ai-rmf-1-0-ai-verify-2023/rows/govern/index.html", "", []string{"section#matrix"}},
	{"nist-govern", "frameworks/nist-ai-rmf/govern/index.html", "", []string{"section#counterparts"}},
	{"search-fairness", "search/index.html?q=fairness", firstResult, []string{"#search-q", resultSel}},
}

// pageElements are the CSS selectors of what every page shows.
var pageElements = []string{".site-header", "main h1", ".site-footer"}

// shows is every element p's screenshot must show.
func (p keyPage) shows() []string { return append(append([]string(nil), pageElements...), p.key...) }

// openKeyPage opens p and waits until it is ready, ending the test if it
// cannot be opened or does not become ready within wait.
func (tb *tab) openKeyPage(p keyPage, wait time.Duration) {
	tb.t.Helper()
	tb.open(p.path)
	if p.ready != "" {
		tb.wait(wait, p.name+" rendered", p.ready, "#search-results", resultSel)
	}
}

// subtests runs f for every key page in its own subtest, on the same tab.
func (tb *tab) subtests(f func(tb *tab, p keyPage)) {
	for _, p := range keyPages {
		tb.t.Run(p.name, func(t *testing.T) { f(tb.on(t), p) })
	}
}
