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

	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
)

// A watcher collects what goes wrong in a tab: console errors and warnings,
// uncaught exceptions, errors in the browser's log (a blocked resource, a
// Content-Security-Policy violation), failed requests, HTTP error statuses,
// and every request for a URL outside the site. Its listen method runs in
// chromedp's event loop, so it only records; report turns the records into
// test failures.
type watcher struct {
	mode mode

	mu       sync.Mutex
	urls     map[network.RequestID]string
	leaving  map[network.RequestID]bool // requests reported as leaving the site
	problems []string
	requests int
	stopped  bool
}

func newWatcher(m mode) *watcher {
	return &watcher{mode: m, urls: map[network.RequestID]string{}, leaving: map[network.RequestID]bool{}}
}

// listen is the tab's event listener (chromedp.WithListener). It must
// return fast and run no browser command.
func (w *watcher) listen(ev any) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.stopped {
		return
	}
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		switch ev.Type {
		case runtime.ConsoleAPICalledTypeError, runtime.ConsoleAPICalledTypeWarning, runtime.ConsoleAPICalledTypeAssert:
			w.add("console.%s: %s%s", ev.Type, argsText(ev.Args), stackPlace(ev.StackTrace))
		}
	case *runtime.EventExceptionThrown:
		w.add("uncaught exception: %s", exceptionText(ev.ExceptionDetails))
	case *cdplog.EventEntryAdded:
		// Entries from the network ("Failed to load resource") repeat what
		// the network events below report more precisely.
		if e := ev.Entry; e != nil && e.Level == cdplog.EntryLevelError && e.Source != cdplog.EntrySourceNetwork {
			w.add("browser log (%s): %s%s", e.Source, e.Text, ifSet(" at ", e.URL))
		}
	case *network.EventRequestWillBeSent:
		if ev.Request == nil {
			return
		}
		w.requests++
		u := ev.Request.URL
		w.urls[ev.RequestID] = u
		if !w.mode.inside(u) {
			w.leaving[ev.RequestID] = true
			hint := ""
			if strings.HasSuffix(u, "/favicon.ico") {
				hint = "; browsers ask for /favicon.ico at the server's root when a page declares no <link rel=\"icon\">"
			}
			w.add("request leaving the site: %s %s (from %s; the site is %s%s)", ev.Request.Method, u, ev.DocumentURL, w.mode.base, hint)
		}
	case *network.EventLoadingFailed:
		if w.leaving[ev.RequestID] {
			return // reported as leaving the site
		}
		// No exception for aborted navigations (net::ERR_ABORTED): the flows
		// wait for each navigation to finish before the next action, so an
		// aborted request here is a real problem (a script cancelling a
		// load, a navigation racing another).
		reason := ev.ErrorText
		if ev.BlockedReason != "" {
			reason += " (blocked: " + string(ev.BlockedReason) + ")"
		}
		if ev.Canceled {
			reason += " (canceled)"
		}
		w.add("request failed: %s %s: %s", ev.Type, w.urlOf(ev.RequestID), reason)
	case *network.EventResponseReceived:
		if r := ev.Response; r != nil && r.Status >= 400 && !w.leaving[ev.RequestID] {
			w.add("HTTP %d for %s %s", r.Status, ev.Type, r.URL)
		}
	}
}

func (w *watcher) add(format string, args ...any) {
	w.problems = append(w.problems, fmt.Sprintf(format, args...))
}

func (w *watcher) urlOf(id network.RequestID) string {
	if u, ok := w.urls[id]; ok {
		return u
	}
	return "request " + string(id)
}

// seen is the number of requests the watcher has checked.
func (w *watcher) seen() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.requests
}

// take returns the problems recorded since the last take and forgets them.
func (w *watcher) take() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	p := w.problems
	w.problems = nil
	return p
}

// stop makes the watcher ignore everything from now on (for a test that
// provokes problems on purpose).
func (w *watcher) stop() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.stopped = true
	w.problems = nil
}

// report fails the test once for every problem recorded since the last
// report; where says on which page (or when) they were seen.
func (w *watcher) report(t *testing.T, where string) {
	t.Helper()
	for _, p := range w.take() {
		t.Errorf("%s: %s", where, p)
	}
}

// argsText renders console arguments roughly as DevTools does.
func argsText(args []*runtime.RemoteObject) string {
	var parts []string
	for _, a := range args {
		parts = append(parts, remoteText(a))
	}
	return strings.Join(parts, " ")
}

func remoteText(o *runtime.RemoteObject) string {
	switch {
	case o == nil:
		return ""
	case o.Type == runtime.RemoteObjectTypeString && len(o.Value) > 0:
		s := string(o.Value)
		if len(s) >= 2 && s[0] == '"' {
			return strings.Trim(s, `"`)
		}
		return s
	case len(o.Value) > 0:
		return string(o.Value)
	case o.UnserializableValue != "":
		return string(o.UnserializableValue)
	default:
		return o.Description
	}
}

func exceptionText(d *runtime.ExceptionDetails) string {
	if d == nil {
		return "(no details)"
	}
	s := d.Text
	if d.Exception != nil && d.Exception.Description != "" {
		s += " " + d.Exception.Description
	}
	return fmt.Sprintf("%s (%s:%d:%d)", s, d.URL, d.LineNumber+1, d.ColumnNumber+1)
}

func stackPlace(st *runtime.StackTrace) string {
	if st == nil || len(st.CallFrames) == 0 {
		return ""
	}
	f := st.CallFrames[0]
	return fmt.Sprintf(" (%s:%d:%d)", f.URL, f.LineNumber+1, f.ColumnNumber+1)
}

func ifSet(prefix, s string) string {
	if s == "" {
		return ""
	}
	return prefix + s
}

// TestWatcherSeesProblems makes sure the watcher is not blind: a page outside
// the site that logs an error and a warning, throws, loads a missing image and
// requests a URL off the site yields one problem of each kind.
func TestWatcherSeesProblems(t *testing.T) {
	dir := t.TempDir()
	const page = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>bad page</title></head>
<body>
<img src="missing.png" alt="">
<img src="http://127.0.0.1:9/off-site.png" alt="">
<script>
console.error("an error");
console.warn("a warning");
setTimeout(function () { throw new Error("thrown"); }, 0);
</script>
</body></html>
`
	if err := os.WriteFile(filepath.Join(dir, "bad.html"), []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	m := mode{"file", (&url.URL{Scheme: "file", Path: filepath.ToSlash(dir) + "/"}).String()}
	tb := newTab(t, m)
	if err := tb.tryOpen("bad.html"); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"console.error":    "console.error: an error",
		"console.warn":     "console.warning: a warning",
		"exception":        "uncaught exception: ",
		"missing file":     "request failed: Image " + m.url("missing.png"),
		"leaving the site": "request leaving the site: GET http://127.0.0.1:9/off-site.png",
	}
	var seen []string
	missing := func() []string {
		var out []string
		for name, prefix := range want {
			found := false
			for _, p := range seen {
				if strings.HasPrefix(p, prefix) {
					found = true
					break
				}
			}
			if !found {
				out = append(out, name)
			}
		}
		return out
	}
	// Bounded polling of Go-side state: the events arrive asynchronously.
	deadline := time.Now().Add(domWait)
	for len(missing()) > 0 && time.Now().Before(deadline) {
		time.Sleep(pollEvery)
		seen = append(seen, tb.w.take()...)
	}
	tb.w.stop()
	if m := missing(); len(m) > 0 {
		t.Errorf("the watcher missed %s; it saw:\n%s", strings.Join(m, ", "), strings.Join(seen, "\n"))
	}
}
