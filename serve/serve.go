package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/crosswalk-ssg/crosswalk/internal/build"
	"github.com/crosswalk-ssg/crosswalk/internal/diag"
)

// Config says what to serve and where.
type Config struct {
	// Build is the site to build. Its Output is not used: pages are
	// rendered when asked for (build.Open), and nothing is written. Its
	// Cache and Workers are the server's own.
	Build build.Config
	// SiteDir is the site folder on disk; Run watches its content/,
	// templates/ and static/ folders (those that exist, and those made
	// later) and rebuilds on every change.
	SiteDir string
	// Addr is the address to listen on (default "127.0.0.1:1313"). A
	// host that is not a loopback address makes Run print a warning.
	Addr string
	// Prefix is the URL path the site is served under, as a GitHub Pages
	// project site is: "/" (the default) or "/repo/". Its segments may
	// hold letters, digits and "-", "_", ".", "~".
	Prefix string
	// Log receives the progress lines and build errors (default: none).
	Log io.Writer
	// Ready, if set, is called once Run is listening, with the address
	// it listens on (useful with port 0).
	Ready func(addr string)

	// hooks, set by this package's tests only, are told what the watcher
	// and the builds do, so that the tests wait for events instead of
	// sleeping.
	hooks *hooks
}

// hooks observe a server from the inside. Each is optional and is called
// on the goroutine doing the work, so it must return quickly.
type hooks struct {
	// watched is called for every file event the watcher takes, once it
	// has acted on it.
	watched func(watchEvent)
	// built is called after every build is opened (the first, the
	// watcher's, and calls of Rebuild), with its number and its error.
	built func(n int, err error)
	// checked is called when a build's check ends, unless a newer site
	// is served by then.
	checked func(n int, err error)
}

// Server reads a site, serves it, and serves its last good build.
type Server struct {
	cfg    Config
	prefix string
	log    *syncWriter
	// hostCheck is set when listening on a loopback address: requests
	// must then name a loopback host (DNS rebinding defence).
	hostCheck bool
	// keepAliveTicks starts the ticks of one event stream's keep-alive
	// comments and returns a function that stops them; tests replace it.
	keepAliveTicks func() (ticks <-chan time.Time, stop func())

	buildMu      sync.Mutex // one build at a time
	cache        *build.Cache
	stopChecking context.CancelFunc // stops the check under way; under buildMu
	checks       sync.WaitGroup     // the checks running

	mu        sync.RWMutex
	site      *build.Live // the site served; nil before one opens
	siteBuild int         // the build that opened site
	good      *build.Live // the last site that passed its check
	builtAt   time.Time   // when site was opened
	build     int         // builds run so far, successful or not
	errs      []string    // the last build's errors; nil when it succeeded

	subMu sync.Mutex
	subs  map[chan event]struct{}

	done      chan struct{} // closed by Close: ends the event streams
	closeOnce sync.Once
}

const (
	// DefaultAddr is the address Run listens on when Config.Addr is empty.
	DefaultAddr = "127.0.0.1:1313"
	// keepAlive is how often an idle event stream gets a comment line.
	keepAlive = 15 * time.Second
	// shutdownWait bounds the graceful shutdown.
	shutdownWait = 5 * time.Second
)

// New checks cfg and runs the first build. A build that fails is not an
// error: the server then answers every page with the errors until a
// build succeeds. The error is for a configuration that cannot work.
func New(cfg Config) (*Server, error) {
	if cfg.Build.Source == nil {
		return nil, errors.New("serve: Config.Build.Source is not set")
	}
	if cfg.Addr == "" {
		cfg.Addr = DefaultAddr
	}
	prefix, err := cleanPrefix(cfg.Prefix)
	if err != nil {
		return nil, err
	}
	cfg.Prefix = prefix
	var w io.Writer = io.Discard
	if cfg.Log != nil {
		w = cfg.Log
	}
	s := &Server{
		cfg:       cfg,
		prefix:    prefix,
		log:       &syncWriter{w: w},
		hostCheck: isLoopback(cfg.Addr),
		keepAliveTicks: func() (<-chan time.Time, func()) {
			t := time.NewTicker(keepAlive)
			return t.C, t.Stop
		},
		subs:  map[chan event]struct{}{},
		done:  make(chan struct{}),
		cache: build.NewCache(),
	}
	s.update(0) // reported to the log and to the pages
	return s, nil
}

// cleanPrefix turns "", "repo", "/repo" or "/repo/" into "/" or "/repo/",
// and refuses anything that is not a plain path.
func cleanPrefix(p string) (string, error) {
	if strings.Contains(p, "//") {
		// "//host/" is a URL of another host to a browser, and an empty
		// segment is no path GitHub Pages serves.
		return "", fmt.Errorf("serve: prefix %q has an empty segment (//); give a plain URL path like /repo/", p)
	}
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	if p == "/" {
		return p, nil
	}
	for seg := range strings.SplitSeq(strings.Trim(p, "/"), "/") {
		ok := seg != "" && seg != "." && seg != ".."
		for _, c := range seg {
			if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.ContainsRune("-_.~", c)) {
				ok = false
			}
		}
		if !ok {
			return "", fmt.Errorf("serve: prefix %q is not a plain URL path like /repo/ (letters, digits, \"-_.~\" between slashes)", p)
		}
	}
	return p, nil
}

// Rebuild reads the site again and serves it, as the watcher does after
// a change, and waits for its check: it returns what Open or Check found.
func (s *Server) Rebuild() error { return <-s.update(0) }

// update reads the site again (build.Open: only the files that changed,
// or that the watcher named to the cache, are parsed again) and, if it opens, serves
// it at once and tells open pages to reload; its pages are rendered when
// asked for. It then stops the check of the site before, if it is still
// under way, and checks the new one in the background (Live.Check),
// after delay: an author saving again and again waits for no check.
// When that check finds problems, the last site that passed its check is
// served again, and open pages show the problems; if Open fails, the
// site being served stays, and so does its check. The channel receives
// Open's problems, or the check's.
func (s *Server) update(delay time.Duration) <-chan error {
	s.buildMu.Lock()
	defer s.buildMu.Unlock()

	cfg := s.cfg.Build
	cfg.Cache = s.cache
	// The check renders every page in the background: one core, so that
	// the pages the author asks for are not kept waiting.
	cfg.Workers = 1
	// The check under way, of the site served, stops first: on two
	// cores it would take one from Open, a third of an edit's time at
	// 10,000 elements. If the change does not open, that site stays, and
	// its check starts again.
	s.stopCheck()
	start := time.Now()
	live, err := build.Open(cfg)

	s.mu.Lock()
	s.build++
	n := s.build
	first := n == 1
	hadSite := s.site != nil
	if err != nil {
		s.errs = errorLines(err)
	} else {
		s.site, s.siteBuild, s.builtAt, s.errs = live, n, time.Now(), nil
	}
	errs := s.errs
	served, servedBuild, unchecked := s.site, s.siteBuild, s.site != nil && s.site != s.good
	s.mu.Unlock()
	if h := s.cfg.hooks; h != nil && h.built != nil {
		defer h.built(n, err)
	}

	done := make(chan error, 1)
	if err != nil {
		s.failed("build", "kept the last good site", hadSite, errs)
		if unchecked {
			s.startCheck(delay, servedBuild, served, make(chan error, 1))
		}
		done <- err
		return done
	}
	verb := "rebuilt"
	if first {
		verb = "built"
	}
	s.logf("%s in %s (%d pages)\n", verb, time.Since(start).Round(time.Millisecond), live.Pages())
	s.broadcast(event{name: "reload", data: fmt.Sprint(n)})

	s.startCheck(delay, n, live, done)
	return done
}

// startCheck checks live, build n, in the background after delay, and
// sends the result to done. Called with buildMu held.
func (s *Server) startCheck(delay time.Duration, n int, live *build.Live, done chan<- error) {
	ctx, cancel := context.WithCancel(context.Background())
	s.stopChecking = cancel
	s.checks.Go(func() {
		select {
		case <-time.After(delay):
			done <- s.check(ctx, n, live)
		case <-ctx.Done():
			done <- ctx.Err()
		}
	})
}

// stopCheck stops the check under way, if any. It does not wait: the
// check stops at its next page, or within the data file it is making,
// and then changes nothing (check). Called with buildMu held.
func (s *Server) stopCheck() {
	if s.stopChecking != nil {
		s.stopChecking()
		s.stopChecking = nil
	}
}

// check checks live, build n, and acts on what it finds: a site without
// problems becomes the last good one; one with problems is replaced by
// the last good one, and its problems are shown.
func (s *Server) check(ctx context.Context, n int, live *build.Live) error {
	start := time.Now()
	err := live.Check(ctx)
	s.mu.Lock()
	if ctx.Err() != nil || s.site != live {
		s.mu.Unlock()
		return err // a newer site is served
	}
	if h := s.cfg.hooks; h != nil && h.checked != nil {
		defer h.checked(n, err)
	}
	// A newer build that did not open keeps its problems on show.
	newer := s.build != n
	if err == nil {
		s.good = live
	} else {
		s.site = s.good
		if !newer {
			s.errs = errorLines(err)
		}
	}
	hadSite := s.site != nil
	s.mu.Unlock()
	if err != nil {
		if newer {
			s.logf("check of build %d failed (serving the last good site again):\n%s\n", n, strings.Join(errorLines(err), "\n"))
		} else {
			s.failed("check", "serving the last good site again", hadSite, errorLines(err))
		}
		return err
	}
	s.logf("checked build %d in %s\n", n, time.Since(start).Round(time.Millisecond))
	return nil
}

// failed logs what a failed build or check found and shows it on the
// open pages; kept says what is served now, when there is a site.
func (s *Server) failed(what, kept string, hadSite bool, errs []string) {
	if !hadSite {
		kept = "nothing to serve until the site builds"
	}
	s.logf("%s failed (%s):\n%s\n", what, kept, strings.Join(errs, "\n"))
	s.broadcast(event{name: "error", data: errorsJSON(errs)})
}

// errorLines splits a build error into its "path:line:col: message" lines.
func errorLines(err error) []string {
	var es diag.Errors
	if errors.As(err, &es) {
		lines := make([]string, len(es))
		for i, e := range es {
			lines[i] = e.Error()
		}
		return lines
	}
	return strings.Split(err.Error(), "\n")
}

// status is the state of the last build, as /__crosswalk/status reports it.
type status struct {
	OK     bool     `json:"ok"`
	Errors []string `json:"errors"`
	Build  int      `json:"build"`
	// Built is when the site being served was built (RFC 3339), if any.
	Built string `json:"built,omitempty"`
}

func (s *Server) status() status {
	s.mu.RLock()
	defer s.mu.RUnlock()
	st := status{OK: s.errs == nil, Errors: s.errs, Build: s.build}
	if st.Errors == nil {
		st.Errors = []string{}
	}
	if s.site != nil {
		st.Built = s.builtAt.Format(time.RFC3339)
	}
	return st
}

// current returns the site being served (nil before a good build) and
// the last build's errors.
func (s *Server) current() (*build.Live, []string) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.site, s.errs
}

// Close ends every open event stream and makes new ones end at once; the
// HTTP server can then shut down without waiting for them. Run calls it.
func (s *Server) Close() {
	s.closeOnce.Do(func() { close(s.done) })
	s.buildMu.Lock()
	s.stopCheck()
	s.buildMu.Unlock()
	s.checks.Wait()
}

// Run serves the site until ctx is cancelled, rebuilding it whenever a
// file under cfg.SiteDir's content/, templates/ or static/ changes. It
// then shuts the HTTP server down (waiting at most 5 s for requests in
// flight) and returns nil. An error means it could not start.
func Run(ctx context.Context, cfg Config) error {
	if cfg.SiteDir == "" {
		return errors.New("serve: Config.SiteDir is not set")
	}
	if cfg.Addr == "" {
		cfg.Addr = DefaultAddr
	}
	out := cfg.Log
	if out == nil {
		out = io.Discard
	}
	if !isLoopback(cfg.Addr) {
		fmt.Fprintf(out, "warning: listening on %s, reachable from other machines; the default is 127.0.0.1\n", cfg.Addr)
	}
	// Listen first, so that a port in use is reported before building.
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	defer ln.Close()

	// Watch before the first build, so that no change is missed.
	w, werr := newWatcher(cfg.SiteDir)
	s, err := New(cfg)
	if err != nil {
		if w != nil {
			w.close()
		}
		return err
	}
	defer s.Close()
	if werr != nil {
		s.logf("warning: cannot watch %s, so the site will not rebuild on changes: %v\n", cfg.SiteDir, werr)
	}
	for _, e := range w.problems() {
		s.logf("warning: %v\n", e)
	}

	srv := s.httpServer()

	watchCtx, stopWatch := context.WithCancel(ctx)
	var wg sync.WaitGroup
	if w != nil {
		wg.Go(func() { s.watch(watchCtx, w) })
	}
	stop := func() {
		stopWatch()
		wg.Wait()
	}

	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(ln) }()
	addr := ln.Addr().String()
	s.logf("serving %s at %s (Ctrl-C to stop)\n", cfg.SiteDir, siteURL(addr, s.prefix))
	if cfg.Ready != nil {
		cfg.Ready(addr)
	}

	select {
	case err := <-serveErr:
		stop()
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	s.Close()
	sctx, cancel := context.WithTimeout(context.Background(), shutdownWait)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		s.logf("shutdown: %v; closing the remaining connections\n", err)
		srv.Close()
	}
	stop()
	return nil
}

// httpServer is the server Run uses, with its timeouts. ReadTimeout does
// not end the event streams: net/http clears the read deadline once a
// request without a body has been read.
func (s *Server) httpServer() *http.Server {
	srv := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		IdleTimeout:       60 * time.Second,
		// No WriteTimeout: it would cut the event streams. Files come
		// from memory, so writing them is fast.
		MaxHeaderBytes: 64 << 10,
		ErrorLog:       log.New(s.log, "crosswalk serve: ", 0),
	}
	srv.RegisterOnShutdown(s.Close)
	return srv
}

// siteURL is the URL to open for a server listening on addr: an
// unspecified host (all interfaces) is shown as 127.0.0.1.
func siteURL(addr, prefix string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "http://" + addr + prefix
	}
	if ip := net.ParseIP(host); host == "" || ip != nil && ip.IsUnspecified() {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, port) + prefix
}

// isLoopback reports whether addr ("host:port") listens only on this
// machine: its host is "localhost" or a loopback IP address. An empty host
// (all interfaces) or another name is not.
func isLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// loopbackHost reports whether a request's Host header names this machine:
// localhost (or a name under .localhost) or a loopback IP address.
func loopbackHost(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.Trim(host, "[]"), ".")
	if strings.EqualFold(host, "localhost") || strings.HasSuffix(strings.ToLower(host), ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func (s *Server) logf(format string, args ...any) {
	fmt.Fprintf(s.log, format, args...)
}

// syncWriter serialises writes from the watcher, the handlers and the
// HTTP server's error log.
type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (w *syncWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.w.Write(p)
}
