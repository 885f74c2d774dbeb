package browsertest

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/crosswalk-ssg/crosswalk/internal/testenv"
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

// TestScreenshots takes a full-page screenshot of each key page at desktop
// and phone widths and checks what it shows: the image is exactly as wide
// as the viewport (the page does not scroll sideways) and as tall as the
// page; the site header, the page's h1, the site footer and the page's own
// key elements are on it, visible, inside the viewport's width and drawn
// (their areas are not blank); the header and the h1 are on the first
// screen. The images go to a temporary folder, or to $CROSSWALK_SCREENSHOTS
// for people to look at (see screenshotDir).
//
// The pixels of each element are looked at in a capture of its area (its
// top 300 px) taken right after the full page's: decoding a whole page of
// 30,000 px takes seconds under -race.
func TestScreenshots(t *testing.T) {
	testenv.Slow(t)
	dir := screenshotDir(t)
	for _, v := range []viewport{desktop, phone} {
		t.Run(fmt.Sprint(v.width), func(t *testing.T) {
			tb := newTab(t, fileMode())
			tb.emulate(v)
			tb.subtests(func(tb *tab, p keyPage) {
				t := tb.t
				tb.openKeyPage(p, renderWait)
				shot := tb.screenshot(v, p.shows())
				file := filepath.Join(dir, fmt.Sprintf("%s-%d.png", p.name, v.width))
				if err := os.WriteFile(file, shot.png, 0o644); err != nil {
					t.Fatal(err)
				}
				t.Logf("wrote %s (%dx%d, %d bytes)", file, shot.size.X, shot.size.Y, len(shot.png))
				shot.check(t, tb.location())
				tb.w.report(t, tb.location())
			})
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

// TestMobileHeaderOneRow: at 390 px the header is one row (the menu
// scrolls sideways, the search box gives way to a link), and an element
// page offers an "Outline" jump to its framework tree, which lies below
// the content there.
func TestMobileHeaderOneRow(t *testing.T) {
	tb := newTab(t, fileMode())
	tb.emulate(phone)
	tb.open("frameworks/nist-ai-rmf/measure-2-11/index.html")
	if h := mustEval[float64](tb, `document.querySelector('.site-header').getBoundingClientRect().height`); h > 56 {
		t.Errorf("%s: at %d px the header is %.0f px tall, more than one row", tb.location(), phone.width, h)
	}
	tb.click(`the "Outline" jump`, `[...document.querySelectorAll('.header-jumps a')].find(a => a.textContent === 'Outline')`, ".header-jumps a")
	tb.wait(domWait, "the framework tree in view", `location.hash === '#outline' && document.querySelector('#outline').getBoundingClientRect().top < innerHeight`)
	tb.w.report(t, tb.location())
}
