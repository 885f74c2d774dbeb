package browsertest

import (
	"bytes"
	"encoding/json"
	"image"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// screenshotsVar names a folder to keep the screenshots and the printed PDF
// in, for people to look at; without it they go to the test's temporary
// folder and are removed with it. Nothing is ever written into the
// repository.
const screenshotsVar = "CROSSWALK_SCREENSHOTS"

// screenshotDir is the folder for the test's images: $CROSSWALK_SCREENSHOTS
// (made if missing), else t.TempDir().
func screenshotDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv(screenshotsVar)
	if dir == "" {
		return t.TempDir()
	}
	dir, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// A shot is a full-page screenshot with the layout it was taken of and
// what the areas of the elements checked look like.
type shot struct {
	v      viewport
	png    []byte // the whole page
	size   image.Point
	layout shotLayout
	// ink is the share of drawn pixels (see ink) in each element's area,
	// by selector.
	ink map[string]float64
}

// shotLayout is the page's geometry in CSS pixels, measured right before
// the screenshot; element boxes are in page coordinates (scroll added).
type shotLayout struct {
	ClientWidth  float64       `json:"clientWidth"`
	InnerHeight  float64       `json:"innerHeight"`
	ScrollWidth  float64       `json:"scrollWidth"`
	ScrollHeight float64       `json:"scrollHeight"`
	DPR          float64       `json:"dpr"`
	Elements     []shotElement `json:"elements"`
}

type shotElement struct {
	Sel     string  `json:"sel"`
	Found   bool    `json:"found"`
	Visible bool    `json:"visible"`
	X       float64 `json:"x"`
	Y       float64 `json:"y"`
	W       float64 `json:"w"`
	H       float64 `json:"h"`
}

// layoutJS measures the page and the first element of each selector in
// the JSON array it is applied to.
const layoutJS = `(sels => {
	const de = document.documentElement;
	return {
		clientWidth: de.clientWidth, innerHeight: innerHeight, scrollWidth: de.scrollWidth, scrollHeight: de.scrollHeight, dpr: devicePixelRatio,
		elements: sels.map(sel => {
			const e = document.querySelector(sel);
			if (!e) return {sel, found: false};
			const r = e.getBoundingClientRect(), cs = getComputedStyle(e);
			return {sel, found: true, visible: e.getClientRects().length > 0 && r.width > 0 && r.height > 0 && cs.visibility !== 'hidden' && cs.opacity !== '0',
				x: r.left + scrollX, y: r.top + scrollY, w: r.width, h: r.height};
		}),
	};
})`

// Bounds of screenshot.
const (
	// shotWait bounds one capture: the longest key pages are over
	// 30,000 px tall at phone width, a few megabytes of PNG.
	shotWait = 30 * time.Second
	// clipHeight is the most of an element's height whose pixels are
	// looked at: enough to show it is drawn, and small images decode fast
	// (the whole page takes seconds under -race).
	clipHeight = 300
)

// screenshot measures the page and the elements sels, then takes a
// full-page screenshot (the whole document, beyond the viewport), and
// captures the area of each visible element (its top clipHeight pixels)
// as the full page shows it, to look at its pixels. It ends the test on
// error.
func (tb *tab) screenshot(v viewport, sels []string) shot {
	tb.t.Helper()
	arg, err := json.Marshal(sels)
	if err != nil {
		tb.t.Fatal(err)
	}
	s := shot{v: v, layout: mustEval[shotLayout](tb, layoutJS+"("+string(arg)+")"), ink: map[string]float64{}}
	ctx, cancel := tb.step(shotWait)
	defer cancel()
	if s.png, err = chromedp.Run(ctx, chromedp.FullScreenshot(100)); err != nil {
		tb.t.Fatalf("%s: screenshot: %v", tb.location(), err)
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(s.png))
	if err != nil {
		tb.t.Fatalf("%s: the screenshot is not a PNG: %v", tb.location(), err)
	}
	s.size = image.Pt(cfg.Width, cfg.Height)
	for _, e := range s.layout.Elements {
		if !e.Found || !e.Visible {
			continue
		}
		x, y := math.Floor(e.X), math.Floor(e.Y)
		clip := page.Viewport{X: x, Y: y, Width: math.Ceil(e.X + e.W - x), Height: math.Min(math.Ceil(e.Y+e.H-y), clipHeight), Scale: 1}
		res, err := chromedp.Call(ctx, page.CaptureScreenshot, page.CaptureScreenshotParams{
			Format: page.CaptureScreenshotFormatPng, Clip: &clip, CaptureBeyondViewport: ptr(true), FromSurface: ptr(true),
		})
		if err != nil {
			tb.t.Fatalf("%s: capturing %s at %+v: %v", tb.location(), e.Sel, clip, err)
		}
		img, err := png.Decode(bytes.NewReader(res.Data))
		if err != nil {
			tb.t.Fatalf("%s: the capture of %s is not a PNG: %v", tb.location(), e.Sel, err)
		}
		s.ink[e.Sel] = ink(img, img.Bounds())
	}
	return s
}

func ptr[T any](v T) *T { return &v }

// Thresholds of check.
const (
	// minInk is the share of an area's pixels that must differ clearly
	// from its most common colour for the area to count as drawn: a line
	// of text covers far more, an empty box none.
	minInk = 0.005
	// inkDistance is how far (the sum of the R, G, B differences, 0-765) a
	// pixel must be from the most common colour to count as ink, so that
	// a gradient or anti-aliased edges of a blank area do not.
	inkDistance = 60
)

// check asserts what the screenshot shows; where names the page.
func (s shot) check(t *testing.T, where string) {
	t.Helper()
	l := s.layout
	if l.DPR != 1 {
		t.Fatalf("%s: devicePixelRatio %v; the checks compare CSS and image pixels 1:1", where, l.DPR)
	}
	// The image is the whole document: as wide as the viewport (nothing
	// sticks out sideways at this width) and as tall as the page.
	if s.size.X != int(s.v.width) || l.ScrollWidth > l.ClientWidth+1 {
		t.Errorf("%s: at %d px wide the screenshot is %d px wide and the document %v px (viewport %v px): the page scrolls sideways", where, s.v.width, s.size.X, l.ScrollWidth, l.ClientWidth)
	}
	if d := float64(s.size.Y) - l.ScrollHeight; d < -1 || d > 1 || s.size.Y < int(s.v.height) {
		t.Errorf("%s: the screenshot is %d px tall, the page %v px (viewport %d px): not the whole page", where, s.size.Y, l.ScrollHeight, s.v.height)
	}
	// Each element is there, visible, inside the viewport's width, and
	// drawn: its area is not blank. The header and the heading are on
	// the first screen, without scrolling.
	for _, e := range l.Elements {
		switch {
		case !e.Found:
			t.Errorf("%s: no %s on the page", where, e.Sel)
			continue
		case !e.Visible:
			t.Errorf("%s: %s is not visible (no box, or hidden)", where, e.Sel)
			continue
		}
		if e.X < -1 || e.X+e.W > l.ClientWidth+1 {
			t.Errorf("%s: %s spans x %.0f to %.0f, outside the %v px viewport", where, e.Sel, e.X, e.X+e.W, l.ClientWidth)
		}
		if f := s.ink[e.Sel]; f < minInk {
			t.Errorf("%s: %s (x %.0f, y %.0f, %.0f×%.0f) is blank in the screenshot: %.2f%% of its pixels differ from its background", where, e.Sel, e.X, e.Y, e.W, e.H, 100*f)
		}
		if e.Sel == ".site-header" && e.Y+e.H > l.InnerHeight || e.Sel == "main h1" && e.Y >= l.InnerHeight {
			t.Errorf("%s: %s (y %.0f to %.0f) is not on the first screen (%v px tall)", where, e.Sel, e.Y, e.Y+e.H, l.InnerHeight)
		}
	}
}

// ink is the share of the pixels of area r of img that differ clearly
// (inkDistance) from the most common colour there: 0 for a blank area. A
// large area is sampled on a grid of at most about 250,000 pixels.
func ink(img image.Image, r image.Rectangle) float64 {
	r = r.Intersect(img.Bounds())
	if r.Empty() {
		return 0
	}
	step := 1
	for r.Dx()/step*(r.Dy()/step) > 250_000 {
		step++
	}
	rgb := func(x, y int) (int, int, int) {
		cr, cg, cb, _ := img.At(x, y).RGBA()
		return int(cr >> 8), int(cg >> 8), int(cb >> 8)
	}
	// The most common colour, to 4 bits a channel.
	var hist [4096]int
	for y := r.Min.Y; y < r.Max.Y; y += step {
		for x := r.Min.X; x < r.Max.X; x += step {
			cr, cg, cb := rgb(x, y)
			hist[cr>>4<<8|cg>>4<<4|cb>>4]++
		}
	}
	bin := 0
	for i, n := range hist {
		if n > hist[bin] {
			bin = i
		}
	}
	br, bg, bb := bin>>8<<4|8, bin>>4&15<<4|8, bin&15<<4|8
	abs := func(n int) int { return max(n, -n) }
	inked, all := 0, 0
	for y := r.Min.Y; y < r.Max.Y; y += step {
		for x := r.Min.X; x < r.Max.X; x += step {
			cr, cg, cb := rgb(x, y)
			if abs(cr-br)+abs(cg-bg)+abs(cb-bb) > inkDistance {
				inked++
			}
			all++
		}
	}
	return float64(inked) / float64(all)
}
