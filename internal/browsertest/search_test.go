package browsertest

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// The search page's results, as the DOM contract names them.
const (
	resultSel   = "#search-results a.search-result"
	firstResult = `document.querySelector('#search-results a.search-result')`
)

// TestSearch searches as a reader would, in both modes: from the header's
// search box, from the search page's own box, and with the keyboard.
func TestSearch(t *testing.T) {
	for _, m := range modes() {
		t.Run(m.name, func(t *testing.T) {
			t.Run("header-box", func(t *testing.T) { searchFromHeader(t, m) })
			t.Run("statement-word", func(t *testing.T) { searchStatementWord(t, m) })
			t.Run("keyboard", func(t *testing.T) { searchKeyboard(t, m) })
			t.Run("analyst-queries", func(t *testing.T) { searchAnalystQueries(t, m) })
			t.Run("slash-and-focus", func(t *testing.T) { searchSlashAndFocus(t, m) })
			t.Run("records-and-filters", func(t *testing.T) { searchRecordsAndFilters(t, m) })
		})
	}
}

// searchFromHeader types an element's label into the header's box on the
// home page, presses Enter, and follows the first result.
func searchFromHeader(t *testing.T, m mode) {
	tb := newTab(t, m)
	tb.open("index.html")
	tb.wait(domWait, "finding the header search box #site-search-q", `document.querySelector('#site-search-q')`,
		"header", "header form", "header input", "#site-search-q")
	sendKeys(tb, "#site-search-q", "MEASURE 2.11"+kb.Enter)

	tb.wait(loadWait, `arriving at search/index.html?q=MEASURE 2.11`,
		`location.pathname.endsWith('/search/index.html') && new URLSearchParams(location.search).get('q') === 'MEASURE 2.11' && document.readyState === 'complete'`)
	tb.w.report(t, tb.location())
	tb.wait(renderWait, "search results ("+resultSel+")", firstResult, "#search-results", resultSel)
	if first := mustEval[string](tb, firstResult+`.textContent`); !strings.Contains(first, "MEASURE 2.11") {
		t.Fatalf("%s: the first result is %q, want it to contain %q; results: %s", tb.location(), squash(first), "MEASURE 2.11", results(tb))
	}
	tb.click("the first search result", firstResult)
	tb.waitPage("frameworks/nist-ai-rmf/measure-2-11/index.html")
}

// searchStatementWord searches for a word that occurs only in statements
// ("inventory": GOVERN 1.6, "Mechanisms are in place to inventory AI
// systems…") from the search page's own box, and follows that result.
func searchStatementWord(t *testing.T, m mode) {
	tb := newTab(t, m)
	tb.open("search/index.html")
	tb.wait(domWait, "finding the search page's box #search-q", `document.querySelector('#search-q')`,
		"#search-q", "#search-results")
	sendKeys(tb, "#search-q", "inventory")
	// A search page may search as one types, or on Enter. Give a live search
	// a moment; only if it shows nothing, press Enter as a reader would. (An
	// Enter while live results already show could race a form submission
	// against the click below.)
	if tb.tryWait(3*time.Second, firstResult) != nil {
		sendKeys(tb, "#search-q", kb.Enter)
	}
	govern16 := `[...document.querySelectorAll('#search-results a.search-result')].find(a => a.href.includes('govern-1-6'))`
	if err := tb.tryWait(renderWait, govern16); err != nil {
		t.Fatalf("%s: no search result for %q links to govern-1-6 within %s; results: %s", tb.location(), "inventory", renderWait, results(tb))
	}
	tb.w.report(t, tb.location())
	tb.click("the search result for GOVERN 1.6", govern16)
	tb.waitPage("frameworks/nist-ai-rmf/govern-1-6/index.html")
}

// searchAnalystQueries runs the queries an analyst types: ids in NIST's
// short forms, declared as id aliases of the framework in content ("GV-1.1"
// and "MS2.11" give GOVERN 1.1 and MEASURE 2.11 first, and an id gives no
// fuzzy neighbours), and a word whose stem is in a statement
// ("explainability" finds MEASURE 2.9, "The AI model is explained…").
func searchAnalystQueries(t *testing.T, m mode) {
	tb := newTab(t, m)
	for _, tt := range []struct {
		q, first string // first: the first result's link ends so
		max      int
	}{
		{"GV-1.1", "/govern-1-1/index.html", 12},
		{"MS2.11", "/measure-2-11/index.html", 1},
		{"measure 2.11", "/measure-2-11/index.html", 1},
		{"MEASURE 2.1", "/measure-2-1/index.html", 1}, // not MEASURE 2.10 to 2.13: ids begin at a boundary
	} {
		tb.open("search/index.html?q=" + tt.q)
		tb.wait(renderWait, "search results for "+tt.q, firstResult, "#search-results")
		if href := mustEval[string](tb, firstResult+`.href`); !strings.HasSuffix(href, tt.first) {
			t.Errorf("%s: the first result for %q links to %s, want …%s; results: %s", tb.location(), tt.q, href, tt.first, results(tb))
		}
		if n := mustEval[int](tb, `document.querySelectorAll('#search-results li').length`); n > tt.max {
			t.Errorf("%s: %q gives %d results, want at most %d (the id and what it begins); results: %s", tb.location(), tt.q, n, tt.max, results(tb))
		}
		if txt := mustEval[string](tb, `document.querySelector('#search-results li').textContent`); !strings.Contains(txt, "NIST AI RMF") || !strings.Contains(txt, "mapping record") {
			t.Errorf("%s: the first result %q does not name its framework and its records", tb.location(), squash(txt))
		}
	}
	// Typed halfway, with no suffix to strip yet, a word still finds the
	// words it begins.
	tb.open("search/index.html?q=explainabil")
	tb.wait(renderWait, "search results for explainabil", firstResult, "#search-results")
	if href := mustEval[string](tb, firstResult+`.href`); !strings.HasSuffix(href, "/ai-verify/explainability/index.html") {
		t.Errorf("%s: the first result for \"explainabil\" links to %s, want the principle Explainability; results: %s", tb.location(), href, results(tb))
	}
	for _, q := range []string{"explainability"} {
		tb.open("search/index.html?q=" + q)
		tb.wait(renderWait, "search results for "+q, firstResult, "#search-results")
		m29 := `[...document.querySelectorAll('#search-results a.search-result')].findIndex(a => a.href.endsWith('/measure-2-9/index.html'))`
		if i := mustEval[int](tb, m29); i < 0 || i >= 10 {
			t.Errorf("%s: MEASURE 2.9 is result %d for %q, want it in the first 10; results: %s", tb.location(), i, q, results(tb))
		}
	}
	tb.w.report(t, tb.location())
}

// searchRecordsAndFilters: mapping records are results of their own. Two
// ids give the record between them first ("GV-1 3.2.1": the official
// table pairs GOVERN 1 with 3.2.1), whose link opens its row in the
// record table; the source's own words find records ("Reproducibility",
// as published); and the framework and level filters keep what they say,
// in the address too.
func searchRecordsAndFilters(t *testing.T, m mode) {
	tb := newTab(t, m)
	tb.open("search/index.html?q=GV-1 3.2.1")
	tb.wait(renderWait, "search results for GV-1 3.2.1", firstResult, "#search-results")
	first := mustEval[string](tb, `document.querySelector('#search-results li').textContent`)
	if !strings.Contains(first, "NIST AI RMF GOVERN 1") || !strings.Contains(first, "AI Verify 3.2.1") || !strings.Contains(first, "Mapping record") {
		t.Errorf("%s: the first result for a pair of ids is %q, want the record pairing GOVERN 1 and 3.2.1", tb.location(), squash(first))
	}
	if n := mustEval[int](tb, `document.querySelectorAll('#search-results li').length`); n != 3 {
		t.Errorf("%s: %d results for a pair of ids, want the record and its two elements; results: %s", tb.location(), n, results(tb))
	}
	tb.click("the record", firstResult)
	tb.wait(loadWait, "the record's row", `document.readyState === 'complete' && location.hash.startsWith('#record-')`)
	row := mustEval[string](tb, `(() => { const r = document.querySelector(':target'); return r ? r.tagName + ' ' + r.textContent : '' })()`)
	if !strings.HasPrefix(row, "TR") || !strings.Contains(row, "GOVERN 1") || !strings.Contains(row, "3.2.1") {
		t.Errorf("%s: the record's link targets %q, want its row in the record table", tb.location(), squash(row))
	}

	tb.open("search/index.html?q=Reproducibility&kind=mapping")
	tb.wait(renderWait, "record results for Reproducibility", firstResult, "#search-results")
	if bad := mustEval[string](tb, `[...document.querySelectorAll('#search-results li')].map(li => li.textContent).filter(t => !t.includes('Mapping record')).join(' | ')`); bad != "" {
		t.Errorf("%s: the records filter shows %q", tb.location(), squash(bad))
	}
	if txt := mustEval[string](tb, `document.querySelector('#search-results li .search-excerpt').textContent`); !strings.Contains(txt, "Reproducibility") {
		t.Errorf("%s: a record found by its words shows %q, want its as-published text", tb.location(), txt)
	}

	tb.open("search/index.html?q=risk&fw=NIST AI RMF&level=subcategory")
	tb.wait(renderWait, "filtered results for risk", firstResult, "#search-results")
	if lvl := mustEval[string](tb, `document.querySelector('#search-level').value`); lvl != "subcategory" {
		t.Errorf("%s: the level filter is %q after opening the address", tb.location(), lvl)
	}
	if bad := mustEval[string](tb, `[...document.querySelectorAll('#search-results li')].map(li => li.textContent).filter(t => !(t.startsWith('NIST AI RMF') && t.includes('subcategory ·')) && !t.includes('Mapping record')).join(' | ')`); bad != "" {
		t.Errorf("%s: the framework and level filters let through %q", tb.location(), bad)
	}
	// Changing a filter searches again and keeps it in the address.
	mustEval[bool](tb, `(() => { const s = document.querySelector('#search-fw'); s.value = 'AI Verify'; s.dispatchEvent(new Event('change', {bubbles: true})); return true })()`)
	if q := mustEval[string](tb, `location.search`); !strings.Contains(q, "fw=AI+Verify") || strings.Contains(q, "level=") {
		t.Errorf("%s: after choosing AI Verify the address is %q, want its framework and no NIST level", tb.location(), q)
	}
	if bad := mustEval[string](tb, `[...document.querySelectorAll('#search-results li')].map(li => li.textContent).filter(t => !t.startsWith('AI Verify') && !t.includes('Mapping record')).join(' | ')`); bad != "" {
		t.Errorf("%s: the AI Verify filter lets through %q", tb.location(), bad)
	}
	tb.w.report(t, tb.location())
}

// searchSlashAndFocus: "/" on any page moves the focus to the search box;
// the search page has one search box (the header's is left out), with the
// query in it, and arriving with a query puts the focus on the results,
// outlined as the theme outlines what has the focus.
func searchSlashAndFocus(t *testing.T, m mode) {
	tb := newTab(t, m)
	tb.open("frameworks/ai-verify/fairness/index.html")
	ctx, cancel := tb.step(domWait)
	if err := chromedp.Do(ctx, chromedp.KeyEvent("/")); err != nil {
		t.Fatal(err)
	}
	cancel()
	if id := mustEval[string](tb, `document.activeElement.id`); id != "site-search-q" {
		t.Errorf("%s: after \"/\" the focus is on #%s, want the header's search box", tb.location(), id)
	}
	tb.open("search/index.html?q=fairness")
	tb.wait(renderWait, "search results for fairness", firstResult, "#search-results")
	if n := mustEval[int](tb, `document.querySelectorAll('[role=search], input[type=search]').length`); n != 2 { // one form with role=search, one input
		t.Errorf("%s: %d search landmarks and boxes, want one of each", tb.location(), n)
	}
	if q := mustEval[string](tb, `document.querySelector('#search-q').value`); q != "fairness" {
		t.Errorf("%s: the search box holds %q, want the query", tb.location(), q)
	}
	if id := mustEval[string](tb, `document.activeElement.id`); id != "search-results" {
		t.Errorf("%s: arriving with a query, the focus is on #%s, want the results", tb.location(), id)
	}
	// The focused results show the theme's focus ring, as links and
	// buttons do. The browser's own ("auto") ring round a list thousands
	// of pixels tall took Chromium 5 s to paint, where this takes 0.5 s.
	if o := mustEval[string](tb, `(s => s.outlineStyle + ' ' + s.outlineWidth)(getComputedStyle(document.querySelector('#search-results')))`); o != "solid 3px" {
		t.Errorf("%s: the focused results are outlined %q, want the theme's focus ring (solid 3px)", tb.location(), o)
	}
	tb.w.report(t, tb.location())
}

// searchKeyboard checks that ArrowDown in the search box moves the focus to
// the first result.
func searchKeyboard(t *testing.T, m mode) {
	tb := newTab(t, m)
	tb.open("search/index.html?q=fairness")
	tb.wait(renderWait, "search results for fairness ("+resultSel+")", firstResult, "#search-q", "#search-results", resultSel)
	ctx, cancel := tb.step(domWait)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Focus(chromedp.CSS("#search-q")), chromedp.KeyEvent(kb.ArrowDown)); err != nil {
		t.Fatalf("%s: focusing #search-q and pressing ArrowDown: %v", tb.location(), err)
	}
	if err := tb.tryWait(domWait, `document.activeElement === `+firstResult); err != nil {
		active, _ := evalJS[string](tb, describeJS("document.activeElement"))
		t.Fatalf("%s: after ArrowDown in #search-q, the focus is on %s, want the first %s", tb.location(), active, resultSel)
	}
	tb.w.report(t, tb.location())
}

// sendKeys types keys into the element sel (a CSS selector), ending the
// test on error.
func sendKeys(tb *tab, sel, keys string) {
	tb.t.Helper()
	ctx, cancel := tb.step(domWait)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS(sel), keys)); err != nil {
		tb.t.Fatalf("%s: typing %q into %s: %v", tb.location(), keys, sel, err)
	}
}

// results lists the first search results, for failure messages.
func results(tb *tab) string {
	s, err := evalJS[string](tb, `[...document.querySelectorAll('#search-results a.search-result')].slice(0, 5)
		.map(a => JSON.stringify(a.textContent.trim().replace(/\s+/g, ' ').slice(0, 80)) + ' → ' + a.getAttribute('href')).join('; ') || '(none)'`)
	if err != nil {
		return "(unknown: " + err.Error() + ")"
	}
	return s
}

// describeJS is a JavaScript expression describing the element expr, such
// as `a.search-result "MEASURE 2.11 …"`.
func describeJS(expr string) string {
	return `(e => e ? e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + [...e.classList].map(c => '.' + c).join('') +
		' ' + JSON.stringify((e.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 60)) : '(nothing)')(` + expr + `)`
}

func squash(s string) string { return strings.Join(strings.Fields(s), " ") }
