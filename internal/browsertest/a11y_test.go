package browsertest

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/crosswalk-ssg/crosswalk/internal/testenv"
)

// axeRun runs axe-core on the page and returns its violations, trimmed to
// what a failure message needs.
//
// From file:// pages axe must not preload the stylesheets (its CSSOM, for
// rules such as css-orientation-lock): it fetches them with XMLHttpRequest,
// which Chromium refuses for file:// URLs, and the watcher would report the
// failed request and axe's warning as the page's own problems.
const axeRun = `axe.run(document, {resultTypes: ['violations'], preload: location.protocol !== 'file:'}).then(r => r.violations.map(v => ({
	id: v.id,
	impact: v.impact || '',
	help: v.help,
	helpUrl: v.helpUrl,
	nodes: v.nodes.length,
	targets: v.nodes.slice(0, 3).map(n => [].concat(n.target).flat(Infinity).join(' >>> ')),
})))`

type axeViolation struct {
	ID      string   `json:"id"`
	Impact  string   `json:"impact"`
	Help    string   `json:"help"`
	HelpURL string   `json:"helpUrl"`
	Nodes   int      `json:"nodes"`
	Targets []string `json:"targets"`
}

var (
	axeOnce sync.Once
	axeJS   string
	axeErr  error
	axePath string
)

// axeSource returns axe.min.js: $AXE_CORE_JS, else node_modules/axe-core
// at the repository root (make e2e-deps). Without it the test skips, or
// fails in CI.
func axeSource(t *testing.T) string {
	t.Helper()
	axeOnce.Do(func() {
		axePath = os.Getenv("AXE_CORE_JS")
		if axePath == "" {
			axePath = filepath.Join("..", "..", "node_modules", "axe-core", "axe.min.js")
		}
		var b []byte
		b, axeErr = os.ReadFile(axePath)
		axeJS = string(b)
	})
	if axeErr != nil {
		requireOrSkip(t, "no axe-core (%v); run make e2e-deps, or set AXE_CORE_JS", axeErr)
	}
	return axeJS
}

// TestAccessibility runs axe-core on the key pages, in both modes, and fails
// on every violation, whatever its impact.
func TestAccessibility(t *testing.T) {
	testenv.Slow(t)
	src := axeSource(t)
	for _, m := range modes() {
		t.Run(m.name, func(t *testing.T) {
			tb := newTab(t, m)
			tb.subtests(func(tb *tab, p keyPage) {
				tb.openKeyPage(p, renderWait)
				tb.axe(src, "")
				tb.w.report(tb.t, tb.location())
			})
		})
	}
}

// axe runs axe-core (its source src) on the open page and fails the test
// on every violation, whatever its impact; note says in which conditions
// ("dark") for the message.
func (tb *tab) axe(src, note string) {
	t := tb.t
	t.Helper()
	url := tb.location()
	if note != "" {
		url += " (" + note + ")"
	}
	// Runtime.evaluate is not subject to the page's CSP.
	if _, err := evalJS[chromedp.Void](tb, src+"\n;undefined"); err != nil {
		t.Fatalf("%s: injecting axe-core from %s: %v", url, axePath, err)
	}
	ctx, cancel := tb.step(renderWait)
	defer cancel()
	vs, err := chromedp.Run(ctx, chromedp.Evaluate[[]axeViolation](axeRun, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%s: running axe-core: %v", url, err)
	}
	for _, v := range vs {
		t.Errorf("%s: axe-core: %s", url, axeMessage(v))
	}
}

func axeMessage(v axeViolation) string {
	var b strings.Builder
	b.WriteString(v.ID + " [" + v.Impact + "] " + v.Help + " (" + v.HelpURL + ")")
	for _, tg := range v.Targets {
		b.WriteString("\n\t\t" + tg)
	}
	if more := v.Nodes - len(v.Targets); more > 0 {
		b.WriteString("\n\t\t… and " + strconv.Itoa(more) + " more")
	}
	return b.String()
}
