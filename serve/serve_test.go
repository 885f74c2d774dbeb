package serve

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/crosswalk-ssg/crosswalk"
	"github.com/crosswalk-ssg/crosswalk/internal/build"
	"github.com/crosswalk-ssg/crosswalk/internal/sitetest"
	"github.com/fsnotify/fsnotify"
	"github.com/spf13/afero"
)

// testContext is the context of every wait for something asynchronous (a
// file event, a build, a response, a shutdown). The tests assert what
// happens, never how long it takes, so it has no deadline of its own: it
// ends a little before the test binary's (go test -timeout), so that a
// wait that never ends fails saying what it waited for.
func testContext(t *testing.T) context.Context {
	t.Helper()
	ctx := t.Context()
	if d, ok := t.Deadline(); ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadline(ctx, d.Add(-time.Until(d)/20))
		t.Cleanup(cancel)
	}
	return ctx
}

// secret is in a file beside content/, outside the built site: no
// response may ever contain it.
const secret = "SECRET-OUTSIDE-THE-SITE"

func home(title string) string {
	return "---\ntitle: " + title + "\n---\nWelcome to [[alpha:A1]].\n"
}

// writeSite writes a tiny site (a home page, one framework with one
// element) into a temporary folder and returns the folder.
func writeSite(t *testing.T, extra map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"content/_index.md": home("Serve fixture one"),
		"content/frameworks/alpha/_index.md": `---
framework:
  id: alpha
  title: Alpha Framework
  version: "1"
  publisher: Alpha Org
  url: https://alpha.example/
  license: CC0
levels:
  - name: principle
    page: true
---
`,
		"content/frameworks/alpha/a1.md": `---
id: A1
title: Openness
statement: Be open.
---
`,
		"go.mod":     secret + "\n",
		"secret.txt": secret + "\n",
	}
	for name, text := range extra {
		files[name] = text
	}
	sitetest.WriteDir(t, dir, files)
	return dir
}

func writeFile(t *testing.T, dir, name, text string) {
	t.Helper()
	sitetest.WriteDir(t, dir, map[string]string{name: text})
}

// lockedBuffer is a log that the test reads while the server writes.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func config(dir, prefix string, log io.Writer) Config {
	return Config{
		Build: build.Config{
			Source:   afero.NewReadOnlyFs(afero.NewBasePathFs(afero.NewOsFs(), dir)),
			Defaults: crosswalk.Defaults,
		},
		SiteDir: dir,
		Addr:    "127.0.0.1:0",
		Prefix:  prefix,
		Log:     log,
	}
}

var client = &http.Client{
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
}

// get fetches url and returns the status, the body and the response.
func get(t *testing.T, url string) (int, string, *http.Response) {
	t.Helper()
	req, err := http.NewRequestWithContext(testContext(t), http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(body), resp
}

// sse is an open event stream, read line by line in a goroutine.
type sse struct {
	lines  chan string
	cancel context.CancelFunc
	wait   context.Context // bounds the waits for lines
}

func openEvents(t *testing.T, url string) *sse {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req) // no timeout: the stream stays open
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "text/event-stream" {
		cancel()
		resp.Body.Close()
		t.Fatalf("GET %s: %s, Content-Type %q", url, resp.Status, resp.Header.Get("Content-Type"))
	}
	s := &sse{lines: make(chan string, 100), cancel: cancel, wait: testContext(t)}
	go func() {
		defer resp.Body.Close()
		defer close(s.lines)
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			s.lines <- sc.Text()
		}
	}()
	t.Cleanup(cancel)
	return s
}

// next waits for the event called name and returns its data.
func (s *sse) next(t *testing.T, name string) string {
	t.Helper()
	var seen []string
	for {
		select {
		case line, ok := <-s.lines:
			if !ok {
				t.Fatalf("the event stream ended before event %q; it sent %q", name, seen)
			}
			seen = append(seen, line)
			if line != "event: "+name {
				continue
			}
			select {
			case data := <-s.lines:
				return strings.TrimPrefix(data, "data: ")
			case <-s.wait.Done():
			}
		case <-s.wait.Done():
		}
		t.Fatalf("no event %q before the test's deadline; the stream sent %q", name, seen)
	}
}

// line waits for the next line of the stream; ok is false if the stream
// ended.
func (s *sse) line(t *testing.T, what string) (line string, ok bool) {
	t.Helper()
	select {
	case line, ok = <-s.lines:
		return line, ok
	case <-s.wait.Done():
		t.Fatalf("%s: nothing before the test's deadline", what)
		return "", false
	}
}

// A recorder keeps, in order, what the server's hooks report: every file
// event the watcher took and what it made of it, and every build.
type recorder struct {
	mu      sync.Mutex
	log     []record
	changed chan struct{} // closed at the next record
	syncs   int
}

// A record is one hook call: watched, built (build > 0), or checked
// (build -n).
type record struct {
	watched watchEvent
	build   int
	err     error
}

func (r record) String() string {
	if r.build > 0 {
		return fmt.Sprintf("build %d (error: %v)", r.build, r.err)
	}
	if r.build < 0 {
		return fmt.Sprintf("check of build %d (error: %v)", -r.build, r.err)
	}
	return fmt.Sprintf("%s (relevant %v, wait %s, pending %v)", r.watched.Event, r.watched.relevant, r.watched.wait, r.watched.pending)
}

// hook returns the recorder's hooks, for Config.hooks.
func (rec *recorder) hooks() *hooks {
	rec.changed = make(chan struct{})
	add := func(r record) {
		rec.mu.Lock()
		defer rec.mu.Unlock()
		rec.log = append(rec.log, r)
		close(rec.changed)
		rec.changed = make(chan struct{})
	}
	return &hooks{
		watched: func(e watchEvent) { add(record{watched: e}) },
		built:   func(n int, err error) { add(record{build: n, err: err}) },
		checked: func(n int, err error) { add(record{build: -n, err: err}) },
	}
}

// len is the number of records so far.
func (rec *recorder) len() int {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return len(rec.log)
}

// slice returns the records from..to (exclusive).
func (rec *recorder) slice(from, to int) []record {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return append([]record(nil), rec.log[from:to]...)
}

// await waits for the first record at index from or later that match
// accepts, and returns its index.
func (rec *recorder) await(t *testing.T, ctx context.Context, what string, from int, match func(record) bool) int {
	t.Helper()
	for {
		rec.mu.Lock()
		for i := from; i < len(rec.log); i++ {
			if match(rec.log[i]) {
				rec.mu.Unlock()
				return i
			}
		}
		from = len(rec.log)
		changed := rec.changed
		rec.mu.Unlock()
		select {
		case <-changed:
		case <-ctx.Done():
			t.Fatalf("%s: not reported before the test's deadline; the hooks reported:\n%s", what, rec.dump())
		}
	}
}

func (rec *recorder) dump() string {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	var b strings.Builder
	for i, r := range rec.log {
		fmt.Fprintf(&b, "\t%d: %s\n", i, r)
	}
	return b.String()
}

// sync writes a file that the watcher ignores (hidden, beside the input
// folders) and waits until the watcher has taken its event. The watcher
// takes events in the order they happened, so every earlier event has
// then been taken too. It returns the index of the sync file's record.
func (rec *recorder) sync(t *testing.T, ctx context.Context, dir string) int {
	t.Helper()
	rec.mu.Lock()
	rec.syncs++
	name := filepath.Join(dir, fmt.Sprintf(".sync-%d", rec.syncs))
	rec.mu.Unlock()
	from := rec.len()
	if err := os.WriteFile(name, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	return rec.await(t, ctx, "the watcher taking "+name, from, func(r record) bool {
		return r.build == 0 && r.watched.Name == name
	})
}

// settle waits until the watcher has taken every event so far and has no
// rebuild pending, and returns the index of the record that shows it.
func (rec *recorder) settle(t *testing.T, ctx context.Context, dir string) int {
	t.Helper()
	for {
		i := rec.sync(t, ctx, dir)
		if !rec.slice(i, i+1)[0].watched.pending {
			return i
		}
		rec.await(t, ctx, "the pending rebuild", i, func(r record) bool { return r.build > 0 })
	}
}

func getStatus(t *testing.T, url string) status {
	t.Helper()
	code, body, resp := get(t, url)
	if code != http.StatusOK || resp.Header.Get("Content-Type") != "application/json" {
		t.Fatalf("GET %s: %d %q", url, code, resp.Header.Get("Content-Type"))
	}
	var st status
	if err := json.Unmarshal([]byte(body), &st); err != nil {
		t.Fatalf("GET %s: %v in %s", url, err, body)
	}
	return st
}

const scriptTag = `<script src="/repo/__crosswalk/reload.js"></script>`

// TestRunLiveReload runs the whole server on a free port: the page under a
// prefix with the script, a change → "reload" and the new page, a broken
// file → "error", the last good page and a failing status, a fix →
// "reload", and a prompt, clean shutdown with an event stream still open.
func TestRunLiveReload(t *testing.T) {
	dir := writeSite(t, nil)
	log := &lockedBuffer{}
	rec := &recorder{}
	cfg := config(dir, "/repo/", log)
	cfg.hooks = rec.hooks()
	ready := make(chan string, 1)
	cfg.Ready = func(addr string) { ready <- addr }
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- Run(ctx, cfg) }()
	waitCtx := testContext(t)

	var base string
	select {
	case addr := <-ready:
		base = "http://" + addr + "/repo/"
	case err := <-done:
		t.Fatalf("Run returned before listening: %v", err)
	case <-waitCtx.Done():
		t.Fatal("Run did not call Ready")
	}

	code, body, resp := get(t, base)
	if code != http.StatusOK || !strings.Contains(body, "Serve fixture one") || !strings.Contains(body, scriptTag+"\n</body>") {
		t.Fatalf("GET %s: %d, want 200 with the title and the script before </body>:\n%s", base, code, body)
	}
	if cc := resp.Header.Get("Cache-Control"); cc != "no-store" {
		t.Errorf("Cache-Control %q, want no-store", cc)
	}
	if code, js, resp := get(t, base+"__crosswalk/reload.js"); code != http.StatusOK ||
		resp.Header.Get("Content-Type") != "text/javascript; charset=utf-8" || !strings.Contains(js, "EventSource") {
		t.Errorf("reload.js: %d %q", code, resp.Header.Get("Content-Type"))
	}
	if st := getStatus(t, base+"__crosswalk/status"); !st.OK || st.Build != 1 || len(st.Errors) != 0 || st.Built == "" {
		t.Errorf("status after the first build: %+v", st)
	}

	events := openEvents(t, base+"__crosswalk/events")

	// A change: reload, and the page has the new title.
	writeFile(t, dir, "content/_index.md", home("Serve fixture two"))
	if data := events.next(t, "reload"); data == "" {
		t.Error("reload event without a build number")
	}
	if _, body, _ := get(t, base); !strings.Contains(body, "Serve fixture two") {
		t.Errorf("after the reload event the page lacks the new title:\n%s", body)
	}

	// Editors' temporary files change nothing: the watcher takes each of
	// their events and schedules no rebuild. From an idle watcher (nothing
	// pending) to a sync file written after the temporary files, every
	// event must be irrelevant and no build may run. (The non-hidden ones
	// would break the build.)
	idle := rec.settle(t, waitCtx, dir)
	before := getStatus(t, base+"__crosswalk/status").Build
	junk := []string{"content/.#_index.md", "content/._index.md.swp", "content/_index.md~", "content/4913", "content/frameworks/x.tmp"}
	for _, name := range junk {
		writeFile(t, dir, name, "junk")
		if !strings.HasPrefix(filepath.Base(name), ".") {
			os.Remove(filepath.Join(dir, name))
		}
	}
	end := rec.sync(t, waitCtx, dir)
	taken := map[string]bool{}
	for _, r := range rec.slice(idle+1, end+1) {
		switch {
		case r.build > 0:
			t.Errorf("a build ran while only editor temporary files changed: %s", r)
		case r.watched.relevant || r.watched.pending:
			t.Errorf("the watcher scheduled a rebuild for %s", r)
		default:
			rel, _ := filepath.Rel(dir, r.watched.Name)
			taken[filepath.ToSlash(rel)] = true
		}
	}
	for _, name := range junk {
		if !taken[name] {
			t.Errorf("the watcher took no event for %s (so its decision was not tested); it took %v", name, taken)
		}
	}
	if after := getStatus(t, base+"__crosswalk/status").Build; after != before {
		t.Errorf("editor temporary files caused %d build(s)", after-before)
	}

	// A broken file: an error event naming it, the last good page.
	writeFile(t, dir, "content/_index.md", "---\ntitle: [unclosed\n---\n")
	data := events.next(t, "error")
	var payload struct{ Errors []string }
	if err := json.Unmarshal([]byte(data), &payload); err != nil {
		t.Fatalf("error event data %q: %v", data, err)
	}
	lineCol := regexp.MustCompile(`^content/_index\.md:\d+(:\d+)?: `)
	if len(payload.Errors) == 0 || !lineCol.MatchString(payload.Errors[0]) {
		t.Fatalf("error event %q does not name content/_index.md:LINE", data)
	}
	st := getStatus(t, base+"__crosswalk/status")
	if st.OK || len(st.Errors) == 0 || st.Errors[0] != payload.Errors[0] {
		t.Errorf("status after a failed build: %+v, want ok:false with %q", st, payload.Errors[0])
	}
	code, body, _ = get(t, base)
	if code != http.StatusOK || !strings.Contains(body, "Serve fixture two") || !strings.Contains(body, scriptTag) {
		t.Errorf("after a failed build: %d, want the last good page with the script:\n%s", code, body)
	}

	// Fixed: reload again.
	writeFile(t, dir, "content/_index.md", home("Serve fixture three"))
	events.next(t, "reload")
	if _, body, _ := get(t, base); !strings.Contains(body, "Serve fixture three") {
		t.Errorf("after the fix the page lacks the new title:\n%s", body)
	}
	if st := getStatus(t, base+"__crosswalk/status"); !st.OK || len(st.Errors) != 0 {
		t.Errorf("status after the fix: %+v", st)
	}

	// A folder made after the start is watched too.
	writeFile(t, dir, "content/news/_index.md", "---\ntitle: News\n---\n")
	events.next(t, "reload")
	writeFile(t, dir, "content/news/first.md", "---\ntitle: First news\n---\n")
	events.next(t, "reload")
	if code, body, _ := get(t, base+"news/first/"); code != http.StatusOK || !strings.Contains(body, "First news") {
		t.Errorf("a page in a new folder: %d", code)
	}

	// Shutdown with the event stream open: Run returns nil, and the
	// graceful shutdown did not have to wait for the stream (it would
	// then log "shutdown: context deadline exceeded" after shutdownWait).
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run returned %v, want nil", err)
		}
	case <-waitCtx.Done():
		t.Fatal("Run did not return after ctx was cancelled")
	}
	for range events.lines { // the stream ends with the server
	}

	out := log.String()
	for _, want := range []string{
		"built in ",
		"serving " + dir + " at " + base + " (Ctrl-C to stop)\n",
		"rebuilt in ",
		" pages)\n",
		"build failed (kept the last good site):\ncontent/_index.md:",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the log lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "warning") {
		t.Errorf("the log warns on a loopback address:\n%s", out)
	}
	if strings.Contains(out, "shutdown:") {
		t.Errorf("the shutdown waited for the open event stream:\n%s", out)
	}
	// Every good build after the first is logged as a rebuild: at least
	// the four above (an editor's save may come as two bursts).
	good := 0
	for _, r := range rec.slice(0, rec.len()) {
		if r.build > 1 && r.err == nil {
			good++
		}
	}
	if n := strings.Count(out, "rebuilt in "); n != good || n < 4 {
		t.Errorf("%d good rebuilds logged, %d reported by the hook, want the same, at least 4:\n%s", n, good, out)
	}
}

// newTestServer builds dir with New, applies set, and serves the Handler.
func newTestServer(t *testing.T, dir string, log io.Writer, set ...func(*Server)) (*Server, string) {
	t.Helper()
	s, err := New(config(dir, "/repo/", log))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range set {
		f(s)
	}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(func() {
		s.Close()
		ts.Close()
	})
	return s, ts.URL
}

// rawGet sends a request line as is (Go's client would clean the path)
// and returns the status and the body.
func rawGet(t *testing.T, serverURL, method, target, host string) (int, string, http.Header) {
	t.Helper()
	addr := strings.TrimPrefix(serverURL, "http://")
	ctx := testContext(t)
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if dl, ok := ctx.Deadline(); ok {
		conn.SetDeadline(dl)
	}
	if host == "" {
		host = addr
	}
	fmt.Fprintf(conn, "%s %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", method, target, host)
	resp, err := http.ReadResponse(bufio.NewReader(conn), &http.Request{Method: method})
	if err != nil {
		t.Fatalf("%s %s: %v", method, target, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body), resp.Header
}

// TestHandlerPaths checks the GitHub Pages rules, the refusal of odd
// paths and methods, and that nothing outside the site is ever served.
func TestHandlerPaths(t *testing.T) {
	dir := writeSite(t, nil)
	_, url := newTestServer(t, dir, nil)
	tests := []struct {
		target   string
		status   int
		location string
		ctype    string
	}{
		{"/repo/", 200, "", "text/html; charset=utf-8"},
		{"/repo/index.html", 200, "", "text/html; charset=utf-8"},
		{"/repo/frameworks/alpha/a1/", 200, "", "text/html; charset=utf-8"},
		{"/repo/frameworks/alpha/a1", 301, "/repo/frameworks/alpha/a1/", ""},
		{"/repo/frameworks/alpha/a1?x=1", 301, "/repo/frameworks/alpha/a1/?x=1", ""},
		{"/repo", 301, "/repo/", ""},
		{"/repo/style.css", 200, "", "text/css; charset=utf-8"},
		{"/repo/favicon.svg", 200, "", "image/svg+xml"},
		{"/repo/search.js", 200, "", "text/javascript; charset=utf-8"},
		{"/repo/search-index.js", 200, "", "text/javascript; charset=utf-8"},
		{"/repo/no-such-page.html", 404, "", ""},
		{"/repo/no-such-folder/", 404, "", ""},
		{"/repo/style.css/", 404, "", ""},
		{"/repo/.crosswalk-build", 404, "", ""},
		{"/repo/__crosswalk/nothing", 404, "", ""},
		{"/repo/__crosswalk/reload.js", 200, "", "text/javascript; charset=utf-8"},
		// outside the prefix
		{"/", 404, "", ""},
		{"/other/", 404, "", ""},
		{"/index.html", 404, "", ""},
		{"/etc/passwd", 404, "", ""},
		{"/repository/", 404, "", ""},
		{"/go.mod", 404, "", ""},
		// traversal and odd paths: refused, not cleaned
		{"/repo/../go.mod", 400, "", ""},
		{"/repo/../secret.txt", 400, "", ""},
		{"/repo/%2e%2e/go.mod", 400, "", ""},
		{"/repo/%2E%2E/go.mod", 400, "", ""},
		{"/repo/..%2fgo.mod", 400, "", ""},
		{"/repo/%2e%2e%2fgo.mod", 400, "", ""},
		{"/repo/.%2e/go.mod", 400, "", ""},
		{"/repo/a%5c..%5cgo.mod", 400, "", ""},
		{"/repo/..%5cgo.mod", 400, "", ""},
		{`/repo/..\go.mod`, 400, "", ""},
		{"/repo/%00", 400, "", ""},
		{"/repo/index.html%00.css", 400, "", ""},
		{"/repo/index.html/..", 400, "", ""},
		{"/repo/./index.html", 400, "", ""},
		{"/repo//index.html", 400, "", ""},
		{"/repo/frameworks%2falpha/", 400, "", ""},
		{"/../go.mod", 400, "", ""},
		{"/repo/../../../../etc/passwd", 400, "", ""},
	}
	for _, tt := range tests {
		code, body, h := rawGet(t, url, "GET", tt.target, "")
		if code != tt.status {
			t.Errorf("GET %s: %d, want %d", tt.target, code, tt.status)
		}
		if got := h.Get("Location"); got != tt.location {
			t.Errorf("GET %s: Location %q, want %q", tt.target, got, tt.location)
		}
		if tt.ctype != "" && h.Get("Content-Type") != tt.ctype {
			t.Errorf("GET %s: Content-Type %q, want %q", tt.target, h.Get("Content-Type"), tt.ctype)
		}
		if code < 500 && code != 400 && h.Get("Cache-Control") != "no-store" {
			t.Errorf("GET %s: Cache-Control %q, want no-store", tt.target, h.Get("Cache-Control"))
		}
		if strings.Contains(body, secret) {
			t.Errorf("GET %s served a file outside the site", tt.target)
		}
	}

	// Methods.
	for _, m := range []string{"POST", "PUT", "DELETE", "OPTIONS"} {
		code, _, h := rawGet(t, url, m, "/repo/", "")
		if code != http.StatusMethodNotAllowed || h.Get("Allow") != "GET, HEAD" {
			t.Errorf("%s /repo/: %d, Allow %q; want 405, GET, HEAD", m, code, h.Get("Allow"))
		}
	}
	if code, body, h := rawGet(t, url, "HEAD", "/repo/", ""); code != 200 || body != "" || h.Get("Content-Length") == "" {
		t.Errorf("HEAD /repo/: %d, %d bytes of body, Content-Length %q", code, len(body), h.Get("Content-Length"))
	}

	// Only loopback names, while listening on loopback (DNS rebinding).
	for host, want := range map[string]int{
		"evil.example":       403,
		"evil.example:1313":  403,
		"localhost:1313":     200,
		"app.localhost:1313": 200,
		"[::1]:1313":         200,
		"127.0.0.1":          200,
	} {
		if code, _, _ := rawGet(t, url, "GET", "/repo/", host); code != want {
			t.Errorf("GET /repo/ with Host %s: %d, want %d", host, code, want)
		}
	}
}

// TestInjectionOnlyWhenServed checks that the script reaches pages only:
// not the build, not other files.
func TestInjectionOnlyWhenServed(t *testing.T) {
	dir := writeSite(t, nil)
	s, url := newTestServer(t, dir, nil)
	site, _ := s.current()
	built, err := site.File(context.Background(), "index.html")
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(built, []byte("__crosswalk")) {
		t.Error("the built index.html contains the reload script")
	}
	_, body, _ := get(t, url+"/repo/index.html")
	if body != strings.Replace(string(built), "</body>", scriptTag+"\n</body>", 1) {
		t.Errorf("the served page is not the built page with the script before </body>:\n%s", body)
	}
	if _, css, _ := get(t, url+"/repo/style.css"); strings.Contains(css, "__crosswalk") {
		t.Error("the script was injected into a CSS file")
	}

	for _, tt := range []struct{ in, want string }{
		{"<p>x</p></body></html>", "<p>x</p>" + scriptTag + "\n</body></html>"},
		{"<p>x</p></BODY></html>", "<p>x</p>" + scriptTag + "\n</BODY></html>"},
		{"<pre></body></pre></body>", "<pre></body></pre>" + scriptTag + "\n</body>"},
		{"<p>no body end", "<p>no body end" + scriptTag},
	} {
		if got := string(s.inject([]byte(tt.in))); got != tt.want {
			t.Errorf("inject(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestFirstBuildFails starts on a broken site: pages show the errors (with
// the script), the status says so, and a fix serves the site.
func TestFirstBuildFails(t *testing.T) {
	dir := writeSite(t, map[string]string{"content/_index.md": "---\ntitle: [unclosed\n---\n"})
	log := &lockedBuffer{}
	s, url := newTestServer(t, dir, log)
	code, body, _ := get(t, url+"/repo/")
	if code != http.StatusInternalServerError || !strings.Contains(body, "content/_index.md:") || !strings.Contains(body, scriptTag) {
		t.Errorf("GET /repo/ before a good build: %d, want 500 with the error and the script:\n%s", code, body)
	}
	if code, _, _ := get(t, url+"/repo/style.css"); code != http.StatusServiceUnavailable {
		t.Errorf("GET /repo/style.css before a good build: %d, want 503", code)
	}
	if st := getStatus(t, url+"/repo/__crosswalk/status"); st.OK || len(st.Errors) == 0 || st.Built != "" {
		t.Errorf("status: %+v", st)
	}
	if !strings.Contains(log.String(), "build failed (nothing to serve until the site builds):\ncontent/_index.md:") {
		t.Errorf("log:\n%s", log)
	}

	events := openEvents(t, url+"/repo/__crosswalk/events")
	writeFile(t, dir, "content/_index.md", home("Serve fixture fixed"))
	if err := s.Rebuild(); err != nil {
		t.Fatal(err)
	}
	if data := events.next(t, "reload"); data != "2" {
		t.Errorf("reload event data %q, want build number 2", data)
	}
	if code, body, _ := get(t, url+"/repo/"); code != 200 || !strings.Contains(body, "Serve fixture fixed") {
		t.Errorf("after the fix: %d", code)
	}
}

// TestNotFoundPage serves the site's own 404.html, with status 404.
func TestNotFoundPage(t *testing.T) {
	dir := writeSite(t, map[string]string{"static/404.html": "<!DOCTYPE html><title>Lost</title><body><p>Custom not found</p></body>\n"})
	_, url := newTestServer(t, dir, nil)
	code, body, resp := get(t, url+"/repo/missing/")
	if code != http.StatusNotFound || !strings.Contains(body, "Custom not found") || !strings.Contains(body, scriptTag) ||
		resp.Header.Get("Content-Type") != "text/html; charset=utf-8" {
		t.Errorf("GET a missing page: %d %q:\n%s", code, resp.Header.Get("Content-Type"), body)
	}
	if code, body, _ := get(t, url+"/outside"); code != 404 || strings.Contains(body, "Custom not found") {
		t.Errorf("outside the prefix: %d, want a plain 404", code)
	}
}

// TestKeepAliveAndClose checks that each tick of the keep-alive ticker
// sends a comment, that the ticker stops with the stream, and that Close
// ends an open stream.
func TestKeepAliveAndClose(t *testing.T) {
	dir := writeSite(t, nil)
	ticks := make(chan time.Time)
	stopped := make(chan struct{})
	s, url := newTestServer(t, dir, nil, func(s *Server) {
		s.keepAliveTicks = func() (<-chan time.Time, func()) { return ticks, func() { close(stopped) } }
	})
	events := openEvents(t, url+"/repo/__crosswalk/events")
	if line, _ := events.line(t, "the stream's first line"); line != "retry: 1000" {
		t.Fatalf("the stream starts with %q, want retry: 1000", line)
	}
	events.line(t, "the blank line after retry")
	ctx := testContext(t)
	for i := range 2 {
		select {
		case ticks <- time.Time{}: // taken by the stream's loop
		case <-ctx.Done():
			t.Fatalf("tick %d: the stream did not take it", i+1)
		}
		if line, ok := events.line(t, "a keep-alive comment"); !ok || line != ": keep-alive" {
			t.Fatalf("after tick %d the stream sent %q (open: %v), want \": keep-alive\"", i+1, line, ok)
		}
		if line, _ := events.line(t, "the blank line after the comment"); line != "" {
			t.Fatalf("after the comment: %q, want a blank line", line)
		}
	}
	s.Close()
	for {
		if _, ok := events.line(t, "the end of the stream after Close"); !ok {
			break
		}
	}
	select {
	case <-stopped:
	case <-ctx.Done():
		t.Fatal("the keep-alive ticker was not stopped when the stream ended")
	}
}

// TestHTTPServer checks Run's server settings, and that an event stream
// outlives ReadTimeout.
func TestHTTPServer(t *testing.T) {
	dir := writeSite(t, nil)
	s, err := New(config(dir, "/repo/", nil))
	if err != nil {
		t.Fatal(err)
	}
	srv := s.httpServer()
	if srv.ReadHeaderTimeout != 5*time.Second || srv.ReadTimeout != 10*time.Second || srv.IdleTimeout != 60*time.Second ||
		srv.WriteTimeout != 0 || srv.MaxHeaderBytes != 64<<10 {
		t.Errorf("server settings: %+v", srv)
	}
	// Short timeouts, and a witness instead of a sleep: a connection
	// opened after the stream's request, which never finishes its own. The
	// server drops it once its read timeout has passed; the stream's,
	// which started earlier, has passed too, and the stream must still
	// deliver.
	srv.ReadHeaderTimeout = 50 * time.Millisecond
	srv.ReadTimeout = 50 * time.Millisecond
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	defer srv.Close()
	events := openEvents(t, "http://"+ln.Addr().String()+"/repo/__crosswalk/events")
	ctx := testContext(t)
	var d net.Dialer
	witness, err := d.DialContext(ctx, "tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer witness.Close()
	if dl, ok := ctx.Deadline(); ok {
		witness.SetDeadline(dl)
	}
	if _, err := fmt.Fprintf(witness, "GET /repo/ HTTP/1.1\r\nHost: %s\r\n", ln.Addr()); err != nil {
		t.Fatal(err)
	}
	if n, err := io.Copy(io.Discard, witness); err != nil || n != 0 {
		t.Fatalf("the server did not drop a request still unfinished after its read timeout: %d bytes, %v", n, err)
	}
	if err := s.Rebuild(); err != nil {
		t.Fatal(err)
	}
	events.next(t, "reload")
}

// TestRunWarnsOffLoopback listens on all interfaces: the log must warn.
func TestRunWarnsOffLoopback(t *testing.T) {
	dir := writeSite(t, nil)
	log := &lockedBuffer{}
	cfg := config(dir, "/", log)
	cfg.Addr = "0.0.0.0:0"
	ctx, cancel := context.WithCancel(context.Background())
	cfg.Ready = func(string) { cancel() }
	if err := Run(ctx, cfg); err != nil {
		t.Fatal(err)
	}
	out := log.String()
	if !strings.Contains(out, "warning: listening on 0.0.0.0:0, reachable from other machines; the default is 127.0.0.1\n") {
		t.Errorf("no warning in the log:\n%s", out)
	}
	if !regexp.MustCompile(`serving .* at http://127\.0\.0\.1:\d+/ \(Ctrl-C to stop\)`).MatchString(out) {
		t.Errorf("the serving line does not give a URL to open:\n%s", out)
	}
}

func TestRunErrors(t *testing.T) {
	dir := writeSite(t, nil)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	cfg := config(dir, "/", nil)
	cfg.Addr = ln.Addr().String()
	if err := Run(context.Background(), cfg); err == nil {
		t.Error("Run on a port in use returned nil")
	}
	cfg = config(dir, "/a b/", nil)
	if err := Run(context.Background(), cfg); err == nil {
		t.Error("Run with a bad prefix returned nil")
	}
	cfg = config(dir, "/", nil)
	cfg.SiteDir = ""
	if err := Run(context.Background(), cfg); err == nil {
		t.Error("Run without SiteDir returned nil")
	}
}

func TestIsLoopback(t *testing.T) {
	for addr, want := range map[string]bool{
		"127.0.0.1:1313": true,
		"127.0.0.2:80":   true,
		"[::1]:1313":     true,
		"localhost:1313": true,
		"LocalHost:0":    true,
		"0.0.0.0:1313":   false,
		":1313":          false,
		"[::]:1313":      false,
		"192.168.1.5:80": false,
		"example.com:80": false,
		"127.0.0.1":      false, // no port: not an address net.Listen takes
	} {
		if got := isLoopback(addr); got != want {
			t.Errorf("isLoopback(%q) = %v, want %v", addr, got, want)
		}
	}
}

func TestCleanPrefix(t *testing.T) {
	for in, want := range map[string]string{
		"":              "/",
		"/":             "/",
		"repo":          "/repo/",
		"/repo":         "/repo/",
		"/repo/":        "/repo/",
		"/a/b.c-d_e~/":  "/a/b.c-d_e~/",
		"/a b/":         "",
		"/../":          "",
		"/a//b/":        "",
		"/a/%2e/":       "",
		"/a\\b/":        "",
		"/a?b/":         "",
		"/caf\u00e9/":   "",
		"/./":           "",
		"/repo/../etc/": "",
		"//evil/":       "", // a URL of another host to a browser
		"//":            "",
	} {
		got, err := cleanPrefix(in)
		if want == "" {
			if err == nil {
				t.Errorf("cleanPrefix(%q) = %q, want an error", in, got)
			}
			continue
		}
		if err != nil || got != want {
			t.Errorf("cleanPrefix(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}

func TestRelevantEvents(t *testing.T) {
	w := &watcher{siteDir: filepath.FromSlash("/site")}
	for name, want := range map[string]bool{
		"content/_index.md":           true,
		"content/news":                true,
		"templates/home.html":         true,
		"static/style.css":            true,
		"content":                     true,
		"public/index.html":           false,
		"README.md":                   false,
		".public.crosswalk-new":       false,
		"content/.#_index.md":         false,
		"content/_index.md~":          false,
		"content/.index.md.swp":       false,
		"content/index.md.swp":        false,
		"content/x.tmp":               false,
		"content/4913":                false,
		"content/.git/HEAD":           false,
		"static/.DS_Store":            false,
		"templates/.home.html.swx":    false,
		"contentious/file.md":         false,
		"content/frameworks/a/x.md":   true,
		"content/frameworks/.a/x.md":  false,
		"static/vendor/lib/index.js":  true,
		"static/vendor/lib/index.js~": false,
	} {
		ev := fsnotify.Event{Name: filepath.Join(w.siteDir, filepath.FromSlash(name)), Op: fsnotify.Write}
		if got := w.relevant(ev); got != want {
			t.Errorf("relevant(%s) = %v, want %v", name, got, want)
		}
	}
	if w.relevant(fsnotify.Event{Name: filepath.Join(w.siteDir, "content", "_index.md"), Op: fsnotify.Chmod}) {
		t.Error("a chmod event is relevant")
	}
}

// TestDebounce drives the watcher's debounce with a clock of its own: a
// rebuild waits for quiet after the last change, but never more than
// maxDelay after the first change of a burst, and a rebuild ends the burst.
func TestDebounce(t *testing.T) {
	const quiet, maxDelay = 100 * time.Millisecond, time.Second
	d := debounce{quiet: quiet, maxDelay: maxDelay}
	t0 := time.Date(2024, 1, 2, 10, 0, 0, 0, time.UTC)
	at := func(ms int) time.Time { return t0.Add(time.Duration(ms) * time.Millisecond) }
	for _, step := range []struct {
		ms   int // time of the change, from t0
		want time.Duration
	}{
		{0, quiet},                   // the first change: wait for quiet
		{60, quiet},                  // another before the rebuild: quiet again, from now
		{950, 50 * time.Millisecond}, // changes never stop: maxDelay after the first is near
		{1000, 0},                    // maxDelay after the first: at once
		{1200, 0},                    // past it: at once, not a negative wait
	} {
		if got := d.change(at(step.ms)); got != step.want {
			t.Errorf("change at +%d ms: wait %s, want %s", step.ms, got, step.want)
		}
	}
	if !d.waiting {
		t.Error("no rebuild pending after changes")
	}
	d.built()
	if d.waiting {
		t.Error("a rebuild still pending after built")
	}
	if got := d.change(at(1300)); got != quiet {
		t.Errorf("the first change after a rebuild: wait %s, want %s (a new burst)", got, quiet)
	}
	if got := d.change(at(2250)); got != 50*time.Millisecond {
		t.Errorf("950 ms into the new burst: wait %s, want 50ms", got)
	}
}

// TestCheckFailureServesLastGoodSite: an edit that opens (its pages can be
// linked) but fails the check a build makes (a link to a #fragment no page
// has) is served at once, then replaced by the last good site, with an
// error event and a failing status, as a build error is; the fix serves
// the new site. The data files and the search index are served once the
// check has made them.
func TestCheckFailureServesLastGoodSite(t *testing.T) {
	dir := writeSite(t, nil)
	log := &lockedBuffer{}
	rec := &recorder{}
	cfg := config(dir, "/repo/", log)
	cfg.hooks = rec.hooks()
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(func() {
		s.Close()
		ts.Close()
	})
	ctx := testContext(t)
	rec.await(t, ctx, "the first check", 0, func(r record) bool { return r.build == -1 && r.err == nil })
	base := ts.URL + "/repo/"
	if code, body, _ := get(t, base+"search-index.js"); code != http.StatusOK || !strings.Contains(body, "Openness") {
		t.Errorf("search index: %d", code)
	}
	if code, body, _ := get(t, base+"downloads/alpha.oscal-catalog.json"); code != http.StatusOK || !strings.Contains(body, `"catalog"`) {
		t.Errorf("catalog download: %d %.80s", code, body)
	}

	events := openEvents(t, base+"__crosswalk/events")
	writeFile(t, dir, "content/_index.md", "---\ntitle: Broken fragment\n---\nSee [the element](frameworks/alpha/a1/#no-such-id).\n")
	if err := s.Rebuild(); err == nil || !strings.Contains(err.Error(), "has no #no-such-id") {
		t.Fatalf("Rebuild: %v, want the fragment problem\n%s", err, log)
	}
	events.next(t, "reload") // the edit was served while it was checked
	data := events.next(t, "error")
	if !strings.Contains(data, "content/_index.md:4:") || !strings.Contains(data, "#no-such-id") {
		t.Errorf("error event %q does not name the broken link", data)
	}
	if _, body, _ := get(t, base); !strings.Contains(body, "Serve fixture one") {
		t.Errorf("after the failed check the page is not the last good one:\n%s", body)
	}
	if st := getStatus(t, base+"__crosswalk/status"); st.OK || len(st.Errors) != 1 {
		t.Errorf("status after the failed check: %+v", st)
	}
	if !strings.Contains(log.String(), "check failed (serving the last good site again):\ncontent/_index.md:4:") {
		t.Errorf("log:\n%s", log)
	}

	writeFile(t, dir, "content/_index.md", home("Serve fixture fixed"))
	if err := s.Rebuild(); err != nil {
		t.Fatal(err)
	}
	if _, body, _ := get(t, base); !strings.Contains(body, "Serve fixture fixed") {
		t.Errorf("after the fix:\n%s", body)
	}
	if st := getStatus(t, base+"__crosswalk/status"); !st.OK {
		t.Errorf("status after the fix: %+v", st)
	}
}

// TestCheckAfterAFailedOpen: a change that does not open leaves the site
// before it served, whose check, stopped while the change opened, starts
// again and counts when it ends: a failed check serves the last good site
// again, but the problems shown stay those of the newest change.
func TestCheckAfterAFailedOpen(t *testing.T) {
	dir := writeSite(t, nil)
	rec := &recorder{}
	cfg := config(dir, "/repo/", nil)
	cfg.hooks = rec.hooks()
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	ctx := testContext(t)
	rec.await(t, ctx, "the first check", 0, func(r record) bool { return r.build == -1 })

	// Build 2 opens (its pages link) but will fail its check; its check
	// waits, and build 3 does not open meanwhile.
	writeFile(t, dir, "content/_index.md", "---\ntitle: Broken fragment\n---\nSee [it](frameworks/alpha/a1/#no-such-id).\n")
	checked := s.update(200 * time.Millisecond)
	writeFile(t, dir, "content/_index.md", "---\ntitle: [unclosed\n---\n")
	if err := <-s.update(0); err == nil {
		t.Fatal("build 3 opened")
	}
	if err := <-checked; !errors.Is(err, context.Canceled) {
		t.Errorf("build 2's first check: %v, want it stopped for build 3", err)
	}
	i := rec.await(t, ctx, "build 2's check again", 0, func(r record) bool { return r.build == -2 })
	rec.mu.Lock()
	err = rec.log[i].err
	rec.mu.Unlock()
	if err == nil || !strings.Contains(err.Error(), "#no-such-id") {
		t.Fatalf("the check of build 2: %v, want the fragment problem", err)
	}
	site, errs := s.current()
	if site == nil {
		t.Fatal("nothing served after build 2's check failed; want the first build's site")
	}
	home, err := site.File(ctx, "index.html")
	if err != nil || !strings.Contains(string(home), "Serve fixture one") {
		t.Errorf("served after build 2's check failed: %v %.200s; want the first build's site", err, home)
	}
	if len(errs) != 1 || !strings.Contains(errs[0], "invalid YAML front matter") {
		t.Errorf("problems shown: %q; want build 3's (invalid YAML front matter)", errs)
	}
}
