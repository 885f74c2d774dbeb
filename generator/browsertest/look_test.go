package browsertest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

const crosswalkPage = "crosswalks/aiverify-2023-nist-ai-rmf-1-0/index.html"

// visibleRows counts the rows of the crosswalk page's filterable table that
// a reader sees, and how many carry each relationship.
const visibleRows = `(() => {
  const rows = [...document.querySelectorAll('table[data-filterable] tbody tr')].filter(r => r.closest('#mappings') && r.getClientRects().length > 0);
  return rows.length + ' ' + [...new Set(rows.map(r => r.dataset.relationship))].sort().join(',');
})()`

// TestFilters filters the crosswalk page's table of all records by
// relationship and resets it; with scripts off, the page shows the whole
// table and no filter controls (progressive enhancement).
func TestFilters(t *testing.T) {
	tb := newTab(t, fileMode())
	tb.open(crosswalkPage)
	tb.wait(domWait, "the filter controls", `document.querySelector('#mappings .table-filters select[data-filter="relationship"]') !== null`, "#mappings .table-filters")
	if got := mustEval[string](tb, visibleRows); got != "77 equal-to,intersects-with,subset-of,superset-of" {
		t.Errorf("before filtering: %s", got)
	}
	mustEval[bool](tb, `(() => { const s = document.querySelector('#mappings select[data-filter="relationship"]'); s.value = 'equal-to'; s.dispatchEvent(new Event('change', {bubbles: true})); return true })()`)
	if got := mustEval[string](tb, visibleRows); got != "4 equal-to" {
		t.Errorf("filtered on equal-to: %s", got)
	}
	if got := mustEval[string](tb, `document.querySelector('#mappings .filter-count').textContent`); got != "Showing 4 of 77 mappings" {
		t.Errorf("count after filtering: %q", got)
	}
	tb.click("the Reset button", `[...document.querySelectorAll('#mappings .table-filters button')].find(b => b.textContent.trim() === 'Reset')`)
	if got := mustEval[string](tb, visibleRows); !strings.HasPrefix(got, "77 ") {
		t.Errorf("after reset: %s", got)
	}
	tb.w.report(t, crosswalkPage)

	noJS := newTab(t, fileMode())
	ctx, cancel := noJS.step(domWait)
	defer cancel()
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	noJS.open(crosswalkPage)
	if got := mustEval[string](noJS, visibleRows); !strings.HasPrefix(got, "77 ") {
		t.Errorf("without scripts: %s rows shown, want all 77", got)
	}
	if n := mustEval[int](noJS, `document.querySelectorAll('.table-filters').length`); n != 0 {
		t.Errorf("without scripts: %d filter bars", n)
	}
}

// TestPrint checks an element page as printed: navigation, search and the
// framework tree are hidden, the statement and every counterpart are
// shown; the PDF goes to artifacts/print/ for people to look at.
func TestPrint(t *testing.T) {
	tb := newTab(t, fileMode())
	tb.open("frameworks/ai-verify/fairness/index.html")
	ctx, cancel := tb.step(renderWait)
	defer cancel()
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	hidden := mustEval[string](tb, `['.site-header', '.side-tree', '.breadcrumbs', '.toc', '.pager'].filter(s => { const e = document.querySelector(s); return e && getComputedStyle(e).display !== 'none' }).join(' ')`)
	if hidden != "" {
		t.Errorf("shown in print: %s", hidden)
	}
	shown := mustEval[string](tb, `['blockquote.statement', '#counterparts', '.counterpart', '.notice-draft'].filter(s => { const e = document.querySelector(s); return !e || getComputedStyle(e).display === 'none' }).join(' ')`)
	if shown != "" {
		t.Errorf("missing in print: %s", shown)
	}
	pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4)))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(pdf), "%PDF") {
		t.Fatalf("not a PDF: %q", pdf[:min(len(pdf), 8)])
	}
	dir := filepath.Join(artifactsDir(), "print")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "ai-verify-fairness.pdf")
	if err := os.WriteFile(file, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s (%d bytes)", file, len(pdf))
}

// TestDarkTheme opens pages with prefers-color-scheme: dark, checks that
// the theme follows it, runs axe-core there too (contrast differs) and
// writes screenshots.
func TestDarkTheme(t *testing.T) {
	src := axeSource(t)
	tb := newTab(t, fileMode())
	ctx, cancel := tb.step(domWait)
	defer cancel()
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}},
	}); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(artifactsDir(), "screenshots")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"frameworks/ai-verify/fairness/index.html", crosswalkPage} {
		tb.open(p)
		if bg := mustEval[string](tb, `getComputedStyle(document.documentElement).backgroundColor`); bg != "rgb(13, 17, 23)" {
			t.Errorf("%s: background %s in dark mode", p, bg)
		}
		if _, err := evalJS[chromedp.Void](tb, src+"\n;undefined"); err != nil {
			t.Fatalf("injecting axe-core: %v", err)
		}
		actx, acancel := tb.step(renderWait)
		vs, err := chromedp.Run(actx, chromedp.Evaluate[[]axeViolation](axeRun, chromedp.EvalAwaitPromise))
		acancel()
		if err != nil {
			t.Fatalf("running axe-core: %v", err)
		}
		for _, v := range vs {
			if v.Impact == "serious" || v.Impact == "critical" {
				t.Errorf("%s (dark): axe-core: %s", p, axeMessage(v))
			}
		}
		sctx, scancel := tb.step(renderWait)
		png, err := chromedp.Run(sctx, chromedp.FullScreenshot(100))
		scancel()
		if err != nil {
			t.Fatal(err)
		}
		name := strings.ReplaceAll(strings.TrimSuffix(p, "/index.html"), "/", "-") + "-dark.png"
		if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
			t.Fatal(err)
		}
		tb.w.report(t, p)
	}
}
