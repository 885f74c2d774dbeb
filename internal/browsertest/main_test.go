package browsertest

import (
	"context"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/crosswalk-ssg/crosswalk"
	"github.com/crosswalk-ssg/crosswalk/internal/build"
	"github.com/crosswalk-ssg/crosswalk/internal/testenv"
)

// The prefix under which the HTTP mode serves the site, as GitHub Pages
// serves a project site at https://OWNER.github.io/REPO/.
const sitePrefix = "/crosswalk-site/"

// Time limits. Every test runs within testTimeout; each step within one of
// the others, so that a missing element fails in seconds, not at the end
// of the test's budget.
const (
	testTimeout  = 60 * time.Second
	startTimeout = 30 * time.Second // starting Chromium
	loadWait     = 20 * time.Second // a navigation, until the load event
	domWait      = 5 * time.Second  // an element of the page's HTML, once the page has loaded
	renderWait   = 10 * time.Second // something a script renders (search results)
	pollEvery    = 50 * time.Millisecond
)

// Set by TestMain.
var (
	siteDir  string // the built default site
	fileBase string // file:// URL of siteDir, ending in "/"
	httpBase string // the HTTP server's URL of the site, ending in sitePrefix
	tmpDir   string // removed when the tests end
)

func TestMain(m *testing.M) { os.Exit(runTests(m)) }

func runTests(m *testing.M) int {
	flag.Parse() // for testing.Verbose
	dir, err := os.MkdirTemp("", "crosswalk-browsertest-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "browsertest:", err)
		return 1
	}
	defer os.RemoveAll(dir)
	// Chromium reports the real path in file:// URLs; /tmp may be a link.
	if tmpDir, err = filepath.EvalSymlinks(dir); err != nil {
		fmt.Fprintln(os.Stderr, "browsertest:", err)
		return 1
	}
	siteDir = filepath.Join(tmpDir, "site")

	// The server reads the folder on each request, so it can start before
	// the build, which then knows its base URL (for 404.html, canonical
	// links and the sitemap), as on GitHub Pages.
	srv := httptest.NewServer(pagesHandler(siteDir)) // listens on 127.0.0.1
	defer srv.Close()
	httpBase = srv.URL + sitePrefix

	// Build the default site (the repository root) once for all tests.
	// It is built as the command builds it: through build's front door.
	cfg, err := build.OpenSite("../..", crosswalk.Defaults, httpBase)
	if err == nil {
		cfg.Output, err = build.NewDir(siteDir, cfg.Dir)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "browsertest: %v\n", err)
		return 1
	}
	res, err := build.Build(cfg)
	if err != nil {
		fmt.Fprintf(os.Stderr, "browsertest: building the default site: %v\n", err)
		return 1
	}
	if testing.Verbose() {
		fmt.Printf("browsertest: built the default site into %s: %s\n", siteDir, res)
	}
	fileBase = (&url.URL{Scheme: "file", Path: filepath.ToSlash(siteDir) + "/"}).String()

	// A skipped test says why only with -v; say it once here too.
	if !testenv.CI() {
		if _, err := os.Stat(chromiumPath()); err != nil {
			fmt.Fprintf(os.Stderr, "browsertest: NOTICE: no Chromium at %s; the browser tests are skipped (install Debian's chromium, or set CHROMIUM)\n", chromiumPath())
		}
	}

	code := m.Run()
	stopBrowser()
	return code
}

// pagesHandler serves dir under sitePrefix as GitHub Pages serves a project
// site: "x/" is x/index.html, "x" (a folder) redirects to "x/", a missing
// file and anything outside the prefix is 404. http.FileServer is not used
// because it redirects every request for ".../index.html" to ".../", which
// Pages does not do and which would change the locations the flows assert.
func pagesHandler(dir string) http.Handler {
	fsys := os.DirFS(dir)
	serve := func(w http.ResponseWriter, r *http.Request) {
		name := r.URL.Path // without the prefix
		if name == "" || strings.HasSuffix(name, "/") {
			name += "index.html"
		}
		if !fs.ValidPath(name) {
			http.NotFound(w, r)
			return
		}
		f, err := fsys.Open(name)
		if err != nil {
			// As Pages does: the site's 404.html, whatever the depth.
			if page, err := fs.ReadFile(fsys, "404.html"); err == nil {
				w.Header().Set("Content-Type", "text/html; charset=utf-8")
				w.WriteHeader(http.StatusNotFound)
				_, _ = w.Write(page)
				return
			}
			http.NotFound(w, r)
			return
		}
		defer f.Close()
		st, err := f.Stat()
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		if st.IsDir() {
			// A relative Location, resolved by the browser against the
			// request's URL (http.Redirect would resolve it against the
			// path without the prefix).
			w.Header().Set("Location", path.Base(name)+"/")
			w.WriteHeader(http.StatusMovedPermanently)
			return
		}
		rs, ok := f.(io.ReadSeeker)
		if !ok {
			http.Error(w, "not seekable", http.StatusInternalServerError)
			return
		}
		http.ServeContent(w, r, name, st.ModTime(), rs)
	}
	return http.StripPrefix(sitePrefix, http.HandlerFunc(serve))
}

// A mode is a way of opening the built site.
type mode struct {
	name string
	base string // the site root's URL, ending in "/"
}

// modes are the two ways every flow runs: from disk and over HTTP.
func modes() []mode {
	return []mode{{"file", fileBase}, {"http", httpBase}}
}

func fileMode() mode { return mode{"file", fileBase} }

// url is the URL of rel, a slash path relative to the site root.
func (m mode) url(rel string) string { return m.base + rel }

// inside reports whether the browser may request u: a file of the site, or
// a data: or blob: URL (made by the page itself; nothing leaves the site).
func (m mode) inside(u string) bool {
	return strings.HasPrefix(u, m.base) || strings.HasPrefix(u, "data:") || strings.HasPrefix(u, "blob:")
}

// requireOrSkip fails the test in CI (testenv.CI), where a missing browser
// or a missing axe-core is a failure, and skips it elsewhere.
func requireOrSkip(t *testing.T, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if testenv.CI() {
		t.Fatalf("%s; browser tests are required in CI (.ci/run installs chromium and runs make e2e-deps)", msg)
	}
	t.Skipf("SKIPPED browser test: %s", msg)
}

// chromiumPath is the browser to drive: $CHROMIUM, else Debian's chromium.
func chromiumPath() string {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	return "/usr/bin/chromium"
}

// One browser for the whole test binary; each test opens its own tab.
var (
	browserOnce sync.Once
	browserCtx  context.Context
	browserErr  error
	stopBrowser = func() {}
)

// browser returns the context of the shared browser, starting it on first
// use, or skips (fails in CI) when there is no browser.
func browser(t *testing.T) context.Context {
	t.Helper()
	exe := chromiumPath()
	if st, err := os.Stat(exe); err != nil || st.IsDir() || st.Mode()&0o111 == 0 {
		requireOrSkip(t, "no Chromium at %s (install Debian's chromium, or set CHROMIUM)", exe)
	}
	browserOnce.Do(func() {
		opts := append(chromedp.DefaultExecAllocatorOptions[:], // headless, no-first-run, disable-background-networking, disable-sync, ...
			chromedp.ExecPath(exe),
			chromedp.NoSandbox, // tests run as root in a sandbox, where Chromium's own sandbox cannot start
			chromedp.DisableGPU,
			chromedp.Flag("disable-quic", true),
			chromedp.Flag("disable-component-update", true),
			chromedp.Flag("disable-background-networking", true),
			chromedp.Flag("disable-sync", true),
			chromedp.UserDataDir(filepath.Join(tmpDir, "chromium-profile")), // fresh for every run
			chromedp.WindowSize(1280, 900),
		)
		allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
		ctx, cancelCtx := chromedp.NewContext(allocCtx)
		stopBrowser = func() { cancelCtx(); cancelAlloc() }
		// The first Do starts the browser and ties its life to ctx, so ctx
		// has no deadline; the start itself is bounded here.
		done := make(chan error, 1)
		go func() { done <- chromedp.Do(ctx) }()
		select {
		case browserErr = <-done:
		case <-time.After(startTimeout):
			cancelCtx()
			<-done
			browserErr = fmt.Errorf("no answer within %s", startTimeout)
		}
		browserCtx = ctx
	})
	if browserErr != nil {
		t.Fatalf("starting Chromium %s: %v", exe, browserErr)
	}
	return browserCtx
}

// A tab is one browser tab of one test, with its watcher.
type tab struct {
	t    *testing.T
	ctx  context.Context // bounded by testTimeout
	mode mode
	w    *watcher
}

// newTab opens a tab in the shared browser, with a watcher attached before
// anything is loaded. The tab closes when the test ends; problems the watcher
// saw after the last check are reported then.
func newTab(t *testing.T, m mode) *tab {
	t.Helper()
	bctx := browser(t)
	ctx, cancelTimeout := context.WithTimeout(bctx, testTimeout)
	w := newWatcher(m)
	tctx, cancelTab := chromedp.NewContext(ctx, chromedp.WithListener(w.listen))
	tb := &tab{t: t, ctx: tctx, mode: m, w: w}
	t.Cleanup(func() {
		cancelTab()
		cancelTimeout()
		tb.w.report(t, "at the end of the test")
		t.Logf("the watcher checked %d requests", tb.w.seen())
	})
	if err := chromedp.Do(tctx); err != nil {
		t.Fatalf("opening a browser tab: %v", err)
	}
	return tb
}

// on returns the tab for use in subtest t.
func (tb *tab) on(t *testing.T) *tab {
	c := *tb
	c.t = t
	return &c
}

// step is a context for one step: d from now, within the test's deadline.
func (tb *tab) step(d time.Duration) (context.Context, context.CancelFunc) {
	return context.WithTimeout(tb.ctx, d)
}

// location is the page's URL, or a note on why it is not known.
func (tb *tab) location() string {
	ctx, cancel := tb.step(2 * time.Second)
	defer cancel()
	u, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.href`))
	if err != nil {
		return fmt.Sprintf("(location unknown: %v)", err)
	}
	return u
}

// tryOpen navigates to rel (a path relative to the site root, with an
// optional query) and waits for the load event.
func (tb *tab) tryOpen(rel string) error {
	ctx, cancel := tb.step(loadWait)
	defer cancel()
	u := tb.mode.url(rel)
	resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(u))
	if err != nil {
		return fmt.Errorf("opening %s: %w", u, err)
	}
	if resp != nil && resp.Status >= 400 {
		return fmt.Errorf("opening %s: HTTP %d %s", u, resp.Status, resp.StatusText)
	}
	return nil
}

// open is tryOpen that ends the test on failure, then checks the watcher.
func (tb *tab) open(rel string) {
	tb.t.Helper()
	if err := tb.tryOpen(rel); err != nil {
		tb.t.Fatal(err)
	}
	tb.w.report(tb.t, tb.mode.url(rel))
}

// waitFor polls the JavaScript predicate every 50 ms until it is true or
// ctx ends. Evaluation errors (a navigation replacing the page, say) are
// retried; the last one is returned with the timeout.
func waitFor(ctx context.Context, predicate string) error {
	expr := "!!(" + predicate + ")"
	tick := time.NewTicker(pollEvery)
	defer tick.Stop()
	var last error
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr))
		if err == nil && ok {
			return nil
		}
		if err != nil && ctx.Err() == nil {
			last = err
		}
		select {
		case <-ctx.Done():
			if last != nil {
				return fmt.Errorf("%w (last evaluation error: %v)", ctx.Err(), last)
			}
			return ctx.Err()
		case <-tick.C:
		}
	}
}

// tryWait is waitFor within d.
func (tb *tab) tryWait(d time.Duration, predicate string) error {
	ctx, cancel := tb.step(d)
	defer cancel()
	return waitFor(ctx, predicate)
}

// wait waits up to d for the predicate, and ends the test if it stays
// false, saying what was awaited, where, and the counts of diag selectors.
func (tb *tab) wait(d time.Duration, what, predicate string, diag ...string) {
	tb.t.Helper()
	if err := tb.tryWait(d, predicate); err != nil {
		tb.t.Fatalf("%s: not within %s on %s%s (%v)", what, d, tb.location(), tb.counts(diag...), err)
	}
}

// counts describes how many elements each selector matches, for failure
// messages: "; found: header nav ×1, #site-search-q ×0".
func (tb *tab) counts(selectors ...string) string {
	if len(selectors) == 0 {
		return ""
	}
	var parts []string
	for _, s := range selectors {
		n, err := evalJS[int](tb, `document.querySelectorAll(`+jsString(s)+`).length`)
		if err != nil {
			parts = append(parts, fmt.Sprintf("%s ×? (%v)", s, err))
			continue
		}
		parts = append(parts, fmt.Sprintf("%s ×%d", s, n))
	}
	return "; found: " + strings.Join(parts, ", ")
}

// waitPage waits until the page at pathSuffix has loaded, then checks the
// watcher for that page.
func (tb *tab) waitPage(pathSuffix string) {
	tb.t.Helper()
	tb.wait(loadWait, "arriving at …/"+pathSuffix,
		`location.pathname.endsWith(`+jsString("/"+pathSuffix)+`) && document.readyState === 'complete'`)
	tb.w.report(tb.t, tb.location())
}

// click waits for the element that the JavaScript expression elem gives
// (an Element, or null/undefined while there is none), then clicks it with
// real mouse events once it is visible. diag selectors are counted in the
// failure message.
func (tb *tab) click(what, elem string, diag ...string) {
	tb.t.Helper()
	tb.wait(domWait, "finding "+what, "("+elem+") != null", diag...)
	ctx, cancel := tb.step(domWait)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.JSPath(elem), chromedp.NodeVisible)); err != nil {
		tb.t.Fatalf("clicking %s on %s: %v (is it visible?)", what, tb.location(), err)
	}
}

// evalJS evaluates expr in the tab's page, within domWait.
func evalJS[T any](tb *tab, expr string, opts ...chromedp.EvaluateOption) (T, error) {
	ctx, cancel := tb.step(domWait)
	defer cancel()
	return chromedp.Run(ctx, chromedp.Evaluate[T](expr, opts...))
}

// mustEval is evalJS that ends the test on error.
func mustEval[T any](tb *tab, expr string) T {
	tb.t.Helper()
	v, err := evalJS[T](tb, expr)
	if err != nil {
		tb.t.Fatalf("evaluating %s on %s: %v", expr, tb.location(), err)
	}
	return v
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x2028 || r == 0x2029 || r == '<' || r == '>':
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
