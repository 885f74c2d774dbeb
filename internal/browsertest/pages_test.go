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
}

var keyPages = []keyPage{
	{"home", "index.html", ""},
	{"ai-verify-fairness", "frameworks/ai-verify/fairness/index.html", ""},
	{"nist-measure-2-11", "frameworks/nist-ai-rmf/measure-2-11/index.html", ""},
	{"crosswalk", "crosswalks/nist-ai-rmf-1-0-ai-verify-2023/index.html", ""},
	{"search-fairness", "search/index.html?q=fairness", firstResult},
}

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
