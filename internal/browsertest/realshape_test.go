package browsertest

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/crosswalk-ssg/crosswalk"
	"github.com/crosswalk-ssg/crosswalk/internal/build"
	"github.com/crosswalk-ssg/crosswalk/internal/sitetest"
	"github.com/crosswalk-ssg/crosswalk/internal/testenv"
)

var realShape struct {
	once sync.Once
	mode mode
	err  error
}

// realShapeSite builds, once per test binary, a generated site of 5,000
// records between frameworks of real shape (3 levels; 144 and 672
// elements, as SP 800-53 ↔ ATT&CK), and returns its file:// mode.
func realShapeSite(t *testing.T) mode {
	t.Helper()
	realShape.once.Do(func() {
		dest := filepath.Join(tmpDir, "real-shape")
		out, err := build.NewDir(dest, "")
		if err != nil {
			realShape.err = err
			return
		}
		src := sitetest.Source(sitetest.RealShape(5000, [2][]int{{4, 5, 6}, {12, 5, 10}}))
		if _, err := build.Build(build.Config{Source: src, Defaults: crosswalk.Defaults, Output: out}); err != nil {
			realShape.err = err
			return
		}
		realShape.mode = mode{"file", (&url.URL{Scheme: "file", Path: filepath.ToSlash(dest) + "/"}).String()}
	})
	if realShape.err != nil {
		t.Fatal(realShape.err)
	}
	return realShape.mode
}

// heavyElement is a source leaf that the generator gives hundreds of records.
const heavyElement = "frameworks/src/src-0-0-0/index.html"

// TestRealShape works the 5,000-record site as an analyst does: the matrix
// drill-down to a record and back, and from a large drill-down to the
// block one level down that lists a cell's records; the record table's text filter, sort
// and the view kept in the address; no sideways scroll at 390 px on the
// crosswalk page and on an element with hundreds of counterparts; and
// screenshots of both at 1280 and 390 px.
func TestRealShape(t *testing.T) {
	testenv.Slow(t)
	m := realShapeSite(t)
	tb := newTab(t, m)

	tb.open("crosswalks/st/index.html")
	tb.click("a cell of the matrix", `document.querySelector('table.matrix td a')`, "table.matrix td a")
	tb.wait(loadWait, "a cell's page", `location.pathname.includes('/crosswalks/st/cells/') && document.readyState === 'complete'`)
	if n := mustEval[int](tb, `document.querySelectorAll('table.mappings tbody tr').length`); n == 0 {
		t.Errorf("%s: the cell's page lists no record", tb.location())
	}
	tb.click("a record's target", `document.querySelector('table.mappings tbody td:nth-child(3) a')`, "table.mappings")
	tb.wait(loadWait, "the record's element", `location.pathname.includes('/frameworks/tgt/') && document.readyState === 'complete'`)

	// A drill-down with more records than it lists links a cell to the
	// block of the drill-down one level down that lists them, shown as
	// the target.
	tb.open("crosswalks/st/rows/src-0/index.html")
	tb.click("a cell of a large drill-down", `document.querySelector('table.matrix td a[href*="#within-"]')`, "table.matrix td a")
	tb.wait(loadWait, "the block one level down", `location.hash.startsWith('#within-') && document.readyState === 'complete'`)
	if n := mustEval[int](tb, `document.querySelector(location.hash).querySelectorAll('table.mappings tbody tr').length`); n == 0 {
		t.Errorf("%s: the block lists no record", tb.location())
	}
	if o := mustEval[string](tb, `getComputedStyle(document.querySelector(location.hash)).outlineStyle`); o != "solid" {
		t.Errorf("%s: the block is not highlighted as the target (outline %q)", tb.location(), o)
	}

	// The record table, on its first page: filter, sort, and the view in the address.
	tb.open("crosswalks/st/records/1/index.html")
	total := mustEval[int](tb, `document.querySelectorAll('table.mappings tbody tr').length`)
	sendKeys(tb, "#mapping-filter-0-text", "SRC-0.0.0")
	tb.wait(domWait, "the text filter applied", `location.hash.startsWith('#t0:')`)
	shown := mustEval[int](tb, `[...document.querySelectorAll('table.mappings tbody tr')].filter(r => !r.hidden).length`)
	if shown == 0 || shown >= total {
		t.Errorf("%s: the text filter shows %d of %d rows", tb.location(), shown, total)
	}
	if cap := mustEval[string](tb, `document.querySelector('table.mappings caption').textContent`); !strings.Contains(cap, fmt.Sprintf("showing %d of %d", shown, total)) {
		t.Errorf("%s: the caption %q does not count the rows shown", tb.location(), cap)
	}
	tb.click("the third column's heading", `document.querySelectorAll('table.mappings thead th button.sort')[2]`, "table.mappings thead th")
	if s := mustEval[string](tb, `document.querySelectorAll('table.mappings thead th')[2].getAttribute('aria-sort') || ''`); s != "ascending" {
		t.Errorf("%s: after a click the column sorts %q", tb.location(), s)
	}
	first := mustEval[string](tb, `[...document.querySelectorAll('table.mappings tbody tr')].find(r => !r.hidden).cells[2].textContent`)
	state := mustEval[string](tb, `location.href`)
	if !strings.Contains(state, "sort=3") {
		t.Errorf("the address %s does not keep the sort", state)
	}
	// The address restores the view.
	u, _ := url.Parse(state)
	tb.open("crosswalks/st/records/1/index.html#" + u.Fragment)
	if q := mustEval[string](tb, `document.querySelector('#mapping-filter-0-text').value`); q != "SRC-0.0.0" {
		t.Errorf("%s: the text filter is %q after opening the address", tb.location(), q)
	}
	if again := mustEval[string](tb, `[...document.querySelectorAll('table.mappings tbody tr')].find(r => !r.hidden).cells[2].textContent`); again != first {
		t.Errorf("%s: after opening the address the first row is %q, want %q", tb.location(), again, first)
	}

	// Level filters: a family, then one of its controls; the control
	// filter offers only that family's, and the rows shown lie within it.
	tb.open("crosswalks/st/records/1/index.html")
	got := mustEval[string](tb, `(() => {
  const pick = (attr, i) => { const s = document.querySelector('select[data-filter="' + attr + '"]'); s.selectedIndex = i; s.dispatchEvent(new Event('change', {bubbles: true})); return s; };
  const levels = JSON.parse(document.querySelector('script.table-levels').textContent);
  const order = (depth, slug) => String(levels.source[depth].options.find(o => o.s === slug).o);
  const family = order(0, pick('source-1', 1).value);
  const offered = [...document.querySelector('select[data-filter="source-2"]').options].slice(1).length;
  const control = order(1, pick('source-2', 1).value);
  const shown = [...document.querySelectorAll('table.mappings tbody tr')].filter(r => !r.hidden);
  const wrong = shown.filter(r => { const p = r.dataset.sourcePath.split(' '); return p[0] !== family || p[1] !== control; });
  return [offered, levels.source[1].options.length, shown.length, wrong.length].join(' ');
})()`)
	var offered, all, shownInControl, wrong int
	if _, err := fmt.Sscan(got, &offered, &all, &shownInControl, &wrong); err != nil || offered == 0 || offered >= all || shownInControl == 0 || wrong != 0 {
		t.Errorf("%s: level filters: the control filter offers %d of %d controls within the family; %d rows shown, %d of them outside the control", tb.location(), offered, all, shownInControl, wrong)
	}
	if h := mustEval[string](tb, `location.hash`); !strings.Contains(h, "source-1=") || !strings.Contains(h, "source-2=") {
		t.Errorf("the address %q does not keep the level filters", h)
	}

	dir := screenshotDir(t)
	for _, v := range []viewport{desktop, phone} {
		tb.emulate(v)
		for name, page := range map[string]string{"real-shape-crosswalk": "crosswalks/st/index.html", "real-shape-heavy-element": heavyElement} {
			tb.open(page)
			if v == phone {
				if sw := mustEval[int64](tb, `document.documentElement.scrollWidth`); sw > phone.width+1 {
					wide, _ := evalJS[string](tb, overflowingJS)
					t.Errorf("%s: at %d px the page scrolls sideways (%d px); sticking out: %s", tb.location(), phone.width, sw, wide)
				}
			}
			shot := tb.screenshot(v, []string{".site-header", "main h1"})
			file := filepath.Join(dir, fmt.Sprintf("%s-%d.png", name, v.width))
			if err := os.WriteFile(file, shot.png, 0o644); err != nil {
				t.Fatal(err)
			}
			t.Logf("wrote %s (%dx%d)", file, shot.size.X, shot.size.Y)
			shot.check(t, tb.location())
		}
	}
	tb.w.report(t, tb.location())
}

// TestRealShapeSearch searches the 5,000-record site's index, which holds
// every record: the last record's two ids give that record first, and
// its link opens its row on the last page of the record table. It logs
// how long the search page takes to show results, index loading
// included.
func TestRealShapeSearch(t *testing.T) {
	testenv.Slow(t)
	tb := newTab(t, realShapeSite(t))
	tb.open("crosswalks/st/records/10/index.html")
	pair := mustEval[string](tb, `(() => { const r = [...document.querySelectorAll('table.mappings tbody tr')].pop(); return r.id + ' ' + r.cells[0].textContent.split(' ')[0] + ' ' + r.cells[2].textContent.split(' ')[0] })()`)
	f := strings.Fields(pair)
	if len(f) != 3 || f[0] != "record-5000" {
		t.Fatalf("the last row of the record table is %q, want record-5000 and its two ids", pair)
	}
	start := time.Now()
	tb.open("search/index.html?q=" + url.QueryEscape(f[1]+" "+f[2]))
	tb.wait(renderWait, "search results for "+f[1]+" "+f[2], firstResult, "#search-results")
	t.Logf("the search page showed results for a pair of ids in %v, loading an index of 5,000 records", time.Since(start).Round(time.Millisecond))
	if href := mustEval[string](tb, firstResult+`.href`); !strings.HasSuffix(href, "/crosswalks/st/records/10/index.html#record-5000") {
		t.Errorf("%s: the first result for %s %s links to %s, want record 5000's row; results: %s", tb.location(), f[1], f[2], href, results(tb))
	}
}

// TestRealShapeAccessibility runs axe-core, light and dark, on the pages
// of the 5,000-record site that only size makes: the crosswalk page, a
// page of the record table, a cell's page, a drill-down, an element with
// hundreds of counterparts and a target element. Every violation fails.
func TestRealShapeAccessibility(t *testing.T) {
	testenv.Slow(t)
	src := axeSource(t)
	m := realShapeSite(t)
	for _, scheme := range []string{"light", "dark"} {
		for _, page := range []string{
			"crosswalks/st/index.html",
			"crosswalks/st/records/1/index.html",
			"crosswalks/st/rows/src-0/index.html",
			heavyElement,
			"frameworks/tgt/tgt-0-0-0/index.html",
		} {
			t.Run(scheme+"/"+page, func(t *testing.T) {
				tb := newTab(t, m)
				prefersScheme(t, tb, scheme)
				tb.open(page)
				if h1 := mustEval[string](tb, `(document.querySelector('main h1') || {}).textContent || ''`); h1 == "" {
					t.Fatalf("%s: no page (no heading)", tb.location())
				}
				if bg := mustEval[string](tb, `getComputedStyle(document.documentElement).backgroundColor`); (bg == "rgb(13, 17, 23)") != (scheme == "dark") {
					t.Fatalf("%s: background %s with prefers-color-scheme: %s", tb.location(), bg, scheme)
				}
				tb.axe(src, scheme)
			})
		}
		t.Run(scheme+"/a cell's page", func(t *testing.T) {
			tb := newTab(t, m)
			prefersScheme(t, tb, scheme)
			tb.open("crosswalks/st/index.html")
			tb.click("a cell of the matrix", `document.querySelector('table.matrix td a')`, "table.matrix td a")
			tb.wait(loadWait, "a cell's page", `location.pathname.includes('/cells/') && document.readyState === 'complete'`)
			tb.axe(src, scheme)
		})
	}
}

// prefersScheme makes the tab's pages see prefers-color-scheme: scheme.
func prefersScheme(t *testing.T, tb *tab, scheme string) {
	t.Helper()
	ctx, cancel := tb.step(domWait)
	defer cancel()
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
	}); err != nil {
		t.Fatal(err)
	}
}
