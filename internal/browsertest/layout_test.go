package browsertest

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

// A viewport is a window size the pages are laid out at.
type viewport struct {
	width, height int64
	mobile        bool
}

var (
	desktop = viewport{1280, 900, false}
	phone   = viewport{390, 844, true}
)

// emulate sets the tab's viewport (and mobile emulation: the meta viewport
// applies, scrollbars overlay).
func (tb *tab) emulate(v viewport) {
	tb.t.Helper()
	opts := []chromedp.EmulateViewportOption{chromedp.EmulatePortrait}
	if v.mobile {
		opts = append(opts, chromedp.EmulateMobile)
	} else {
		opts = []chromedp.EmulateViewportOption{chromedp.EmulateLandscape}
	}
	ctx, cancel := tb.step(domWait)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(v.width, v.height, opts...)); err != nil {
		tb.t.Fatalf("emulating a %dx%d viewport: %v", v.width, v.height, err)
	}
}

// artifactsDir is where screenshots go: $ARTIFACTS_DIR, else artifacts/ at
// the repository root.
func artifactsDir() string {
	if d := os.Getenv("ARTIFACTS_DIR"); d != "" {
		return d
	}
	return filepath.Join("..", "..", "artifacts")
}

// TestScreenshots writes full-page PNGs of the key pages at desktop and
// mobile widths to artifacts/screenshots/<page>-<width>.png, for people to
// look at. It checks nothing about the content: it fails only when a
// screenshot cannot be taken (or the page cannot be opened).
func TestScreenshots(t *testing.T) {
	dir, err := filepath.Abs(filepath.Join(artifactsDir(), "screenshots"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, v := range []viewport{desktop, phone} {
		t.Run(fmt.Sprint(v.width), func(t *testing.T) {
			tb := newTab(t, fileMode())
			tb.emulate(v)
			tb.subtests(func(tb *tab, p keyPage) {
				t := tb.t
				if err := tb.tryOpen(p.path); err != nil {
					t.Fatal(err)
				}
				if p.ready != "" {
					if err := tb.tryWait(renderWait, p.ready); err != nil {
						t.Logf("%s: not rendered within %s; taking the screenshot anyway", p.name, renderWait)
					}
				}
				tb.w.take() // content problems are other tests' business
				ctx, cancel := tb.step(renderWait)
				defer cancel()
				png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
				if err != nil {
					t.Fatalf("%s: screenshot: %v", tb.location(), err)
				}
				file := filepath.Join(dir, fmt.Sprintf("%s-%d.png", p.name, v.width))
				if err := os.WriteFile(file, png, 0o644); err != nil {
					t.Fatal(err)
				}
				t.Logf("wrote %s (%d bytes)", file, len(png))
			})
			tb.w.stop()
		})
	}
}

// TestMobileLayout opens the key pages 390 px wide and checks that the page
// itself does not scroll sideways: what is wider (a table) must scroll
// inside its own container. On failure it names the elements that stick
// out.
func TestMobileLayout(t *testing.T) {
	tb := newTab(t, fileMode())
	tb.emulate(phone)
	tb.subtests(func(tb *tab, p keyPage) {
		t := tb.t
		tb.openKeyPage(p, renderWait)
		sw := mustEval[int64](tb, `document.documentElement.scrollWidth`)
		if sw > phone.width+1 {
			wide, _ := evalJS[string](tb, overflowingJS)
			t.Errorf("%s: at %d px wide the page scrolls sideways: document.documentElement.scrollWidth is %d; widest elements sticking out: %s",
				tb.location(), phone.width, sw, wide)
		}
		tb.w.report(t, tb.location())
	})
}

// overflowingJS lists the outermost elements whose right edge is past the
// viewport and that are not inside a container that scrolls sideways.
const overflowingJS = `(() => {
	const vw = document.documentElement.clientWidth;
	const scrolls = e => { for (let p = e.parentElement; p; p = p.parentElement) { const o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll' || o === 'hidden' || o === 'clip') return p !== document.documentElement && p !== document.body; } return false; };
	const out = [];
	for (const e of document.body.querySelectorAll('*')) {
		const r = e.getBoundingClientRect();
		if (r.right <= vw + 1 || scrolls(e)) continue;
		if (out.some(o => o.el.contains(e))) continue;
		out.push({el: e, right: Math.round(r.right + scrollX)});
	}
	out.sort((a, b) => b.right - a.right);
	return out.slice(0, 5).map(o => o.el.tagName.toLowerCase() + (o.el.id ? '#' + o.el.id : '') + [...o.el.classList].map(c => '.' + c).join('') + ' "' + (o.el.textContent || '').trim().slice(0, 40) + '"' + ' in ' + (o.el.parentElement ? o.el.parentElement.tagName.toLowerCase() + [...o.el.parentElement.classList].map(c => '.' + c).join('') : '') + ' (right edge ' + o.right + ' px)').join(', ') || '(none found)';
})()`
