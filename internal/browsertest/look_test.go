package browsertest

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/crosswalk-ssg/crosswalk/internal/testenv"
)

const crosswalkPage = "crosswalks/nist-ai-rmf-1-0-ai-verify-2023/index.html"

// visibleRows counts the rows of the crosswalk page's filterable table that
// a reader sees, and the AI Verify principles they lead to.
const visibleRows = `(() => {
  const rows = [...document.querySelectorAll('table[data-filterable] tbody tr')].filter(r => r.closest('#mappings') && r.getClientRects().length > 0);
  const levels = JSON.parse(document.querySelector('#mappings script.table-levels').textContent);
  const slug = new Map(levels.target[0].options.map(o => [String(o.o), o.s]));
  const roots = [...new Set(rows.map(r => slug.get(r.dataset.targetPath.split(' ')[0])))];
  return rows.length + ' ' + (roots.length === 1 ? roots[0] : roots.length + ' principles');
})()`

// TestFilters filters the crosswalk page's table of all records by AI
// Verify principle, then by one of its outcomes (the outcome filter then
// offers only that principle's), and resets it; with scripts off, the page shows the whole
// table and no filter controls (progressive enhancement). NIST's table
// states no relationship type, so there is no relationship filter.
// The counts are those of ../shared/data's official CSV: 272 pairs, 47 of
// them with a Fairness item.
func TestFilters(t *testing.T) {
	tb := newTab(t, fileMode())
	tb.open(crosswalkPage)
	tb.wait(domWait, "the filter controls", `document.querySelector('#mappings .table-filters select[data-filter="target-1"]') !== null`, "#mappings .table-filters")
	if got := mustEval[string](tb, visibleRows); got != "272 12 principles" {
		t.Errorf("before filtering: %s", got)
	}
	if n := mustEval[int](tb, `document.querySelectorAll('#mappings select[data-filter="relationship"]').length`); n != 0 {
		t.Errorf("%d relationship filters on a table whose source states no relationship", n)
	}
	if l := mustEval[string](tb, `document.querySelector('label[for="' + document.querySelector('#mappings select[data-filter="target-1"]').id + '"]').textContent`); l != "AI Verify principle" {
		t.Errorf("the principle filter is labelled %q", l)
	}
	mustEval[bool](tb, `(() => { const s = document.querySelector('#mappings select[data-filter="target-1"]'); s.value = 'fairness'; s.dispatchEvent(new Event('change', {bubbles: true})); return true })()`)
	if got := mustEval[string](tb, visibleRows); got != "47 fairness" {
		t.Errorf("filtered on Fairness: %s", got)
	}
	if got := mustEval[string](tb, `document.querySelector('#mappings .filter-count').textContent`); got != "Showing 47 of 272 mappings" {
		t.Errorf("count after filtering: %q", got)
	}
	// The outcome filter now offers Fairness's outcomes only, in framework
	// order; choosing one shows the rows at or within it.
	outcomes := mustEval[[]string](tb, `[...document.querySelector('#mappings select[data-filter="target-2"]').options].slice(1).map(o => o.textContent)`)
	if len(outcomes) < 2 {
		t.Fatalf("within Fairness the outcome filter offers %q", outcomes)
	}
	for _, o := range outcomes {
		if !strings.HasPrefix(o, "7.") {
			t.Errorf("within Fairness the outcome filter offers %q", o)
		}
	}
	if ordered := mustEval[bool](tb, `(() => {
  const levels = JSON.parse(document.querySelector('#mappings script.table-levels').textContent);
  const order = new Map(levels.target[1].options.map(o => [o.s, o.o]));
  const got = [...document.querySelector('#mappings select[data-filter="target-2"]').options].slice(1).map(o => order.get(o.value));
  return got.every((o, i) => i === 0 || got[i-1] < o);
})()`); !ordered {
		t.Errorf("the outcomes are not in framework order: %q", outcomes)
	}
	got := mustEval[string](tb, `(() => {
  const s = document.querySelector('#mappings select[data-filter="target-2"]');
  s.selectedIndex = 1; s.dispatchEvent(new Event('change', {bubbles: true}));
  const levels = JSON.parse(document.querySelector('#mappings script.table-levels').textContent);
  const order = levels.target[1].options.find(o => o.s === s.value).o;
  const shown = [...document.querySelectorAll('#mappings tbody tr')].filter(r => !r.hidden);
  const within = shown.filter(r => r.dataset.targetPath.split(' ')[1] === String(order));
  return shown.length + ' ' + within.length + ' ' + location.hash;
})()`)
	var shown, within int
	var hash string
	if _, err := fmt.Sscan(got, &shown, &within, &hash); err != nil || shown == 0 || shown >= 47 || within != shown || !strings.Contains(hash, "target-2=") {
		t.Errorf("filtered on an outcome: %d rows shown, %d of them within it, address %q", shown, within, hash)
	}
	tb.click("the Reset button", `[...document.querySelectorAll('#mappings .table-filters button')].find(b => b.textContent.trim() === 'Reset')`)
	if got := mustEval[string](tb, visibleRows); !strings.HasPrefix(got, "272 ") {
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
	if got := mustEval[string](noJS, visibleRows); !strings.HasPrefix(got, "272 ") {
		t.Errorf("without scripts: %s rows shown, want all 272", got)
	}
	if n := mustEval[int](noJS, `document.querySelectorAll('.table-filters').length`); n != 0 {
		t.Errorf("without scripts: %d filter bars", n)
	}
}

// TestPrint checks an element page as printed: navigation, search and the
// framework tree are hidden, the statement and every counterpart are
// shown; the PDF goes to a temporary folder, or to $CROSSWALK_SCREENSHOTS
// for people to look at.
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
	shown := mustEval[string](tb, `['blockquote.statement', '#counterparts', '.counterpart', '.record-source'].filter(s => { const e = document.querySelector(s); return !e || getComputedStyle(e).display === 'none' }).join(' ')`)
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
	file := filepath.Join(screenshotDir(t), "ai-verify-fairness-print.pdf")
	if err := os.WriteFile(file, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s (%d bytes)", file, len(pdf))
}

// TestDarkTheme opens pages with prefers-color-scheme: dark, checks that
// the theme follows it, runs axe-core there too (contrast differs), and
// checks its screenshots as TestScreenshots does (written where that
// test's are).
func TestDarkTheme(t *testing.T) {
	testenv.Slow(t)
	src := axeSource(t)
	dir := screenshotDir(t)
	for _, p := range keyPages {
		// A tab a page, each within its own time limit: axe-core and a
		// full-page screenshot of eight pages outlast one tab's.
		t.Run(p.name, func(t *testing.T) {
			tb := newTab(t, fileMode())
			ctx, cancel := tb.step(domWait)
			defer cancel()
			if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
				Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}},
			}); err != nil {
				t.Fatal(err)
			}
			tb.emulate(desktop)
			tb.openKeyPage(p, renderWait)
			if bg := mustEval[string](tb, `getComputedStyle(document.documentElement).backgroundColor`); bg != "rgb(13, 17, 23)" {
				t.Errorf("%s: background %s in dark mode", p.path, bg)
			}
			tb.axe(src, "dark")
			shot := tb.screenshot(desktop, p.shows())
			file := filepath.Join(dir, p.name+"-dark.png")
			if err := os.WriteFile(file, shot.png, 0o644); err != nil {
				t.Fatal(err)
			}
			t.Logf("wrote %s", file)
			shot.check(t, tb.location()+" (dark)")
			tb.w.report(t, p.path)
		})
	}
}

// contrastJS returns, for each selector of the JSON array it is applied
// to, the WCAG contrast ratio of its first element's text against the
// nearest opaque background, as computed styles give them.
const contrastJS = `(sels => sels.map(sel => {
	const e = document.querySelector(sel);
	if (!e) return 0;
	const rgb = s => s.match(/[\d.]+/g).map(Number);
	const lum = ([r, g, b]) => { const f = c => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4 }; return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b) };
	let bg = null;
	for (let n = e; n && !bg; n = n.parentElement) {
		const c = rgb(getComputedStyle(n).backgroundColor);
		if (c.length < 4 || c[3] > 0) bg = c;
	}
	bg = bg || [255, 255, 255];
	const a = lum(rgb(getComputedStyle(e).color)), b = lum(bg);
	return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}))`

// TestPrintFromDarkMode prints an element page from a system in dark
// mode: the theme's light colours come back for paper, so the statement
// and the counterparts print dark on white, at a contrast of at least
// 4.5:1 (WCAG AA), where dark-mode colours printed at 1.18:1.
func TestPrintFromDarkMode(t *testing.T) {
	tb := newTab(t, fileMode())
	tb.open("frameworks/ai-verify/fairness/index.html")
	ctx, cancel := tb.step(domWait)
	defer cancel()
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Media: "print", Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}},
	}); err != nil {
		t.Fatal(err)
	}
	sels := []string{"blockquote.statement p", "blockquote.statement footer", "#counterparts .counterpart-link", "#counterparts .excerpt", ".record-source"}
	arg, _ := json.Marshal(sels)
	ratios := mustEval[[]float64](tb, contrastJS+"("+string(arg)+")")
	for i, r := range ratios {
		if r < 4.5 {
			t.Errorf("printed from dark mode, %s has contrast %.2f:1, want at least 4.5:1", sels[i], r)
		}
	}
	t.Logf("print contrast from dark mode: %v", ratios)
}
