package serve

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"mime"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"

	"github.com/crosswalk-ssg/crosswalk/internal/build"
)

// internalDir is the folder, under the prefix, of the server's own
// endpoints. No page can be published there: its name is not a slug.
const internalDir = "__crosswalk/"

//go:embed reload.js
var reloadJS []byte

// Handler serves the last good build under the prefix, the live-reload
// endpoints under <prefix>__crosswalk/, and 404 elsewhere.
func (s *Server) Handler() http.Handler {
	return http.HandlerFunc(s.serveHTTP)
}

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")

	if s.hostCheck && !loopbackHost(r.Host) {
		http.Error(w, "403 forbidden: this preview server answers only requests for localhost or 127.0.0.1 (Host "+r.Host+")", http.StatusForbidden)
		return
	}
	if !safePath(r.URL) {
		http.Error(w, "400 bad request: the path is not a clean path", http.StatusBadRequest)
		return
	}
	p := r.URL.Path
	if s.prefix != "/" && p == strings.TrimSuffix(s.prefix, "/") {
		redirect(w, r, s.prefix)
		return
	}
	rel, ok := strings.CutPrefix(p, s.prefix)
	if !ok {
		http.Error(w, "404 page not found: the site is served under "+s.prefix, http.StatusNotFound)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		http.Error(w, "405 method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if name, ok := strings.CutPrefix(rel, internalDir); ok {
		s.serveInternal(w, r, name)
		return
	}
	s.serveSite(w, r, rel)
}

// safePath reports whether u's path is clean and plain: no encoded slash or
// backslash, no backslash, no NUL, no "." or ".." segment (written out or
// percent-encoded), no empty segment. Such paths are refused outright
// rather than cleaned, so that no request can name a file outside the site
// or the same file by two names.
func safePath(u *url.URL) bool {
	raw := u.EscapedPath()
	lower := strings.ToLower(raw)
	for _, bad := range []string{"%2f", "%5c", "%00", "\\", "\x00"} {
		if strings.Contains(lower, bad) {
			return false
		}
	}
	for seg := range strings.SplitSeq(raw, "/") {
		if seg == "." || seg == ".." {
			return false
		}
	}
	p := u.Path
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") {
		return false
	}
	clean := path.Clean(p)
	if strings.HasSuffix(p, "/") && clean != "/" {
		clean += "/"
	}
	return clean == p
}

// redirect answers 301 to target (an absolute path), keeping the query.
func redirect(w http.ResponseWriter, r *http.Request, target string) {
	if r.URL.RawQuery != "" {
		target += "?" + r.URL.RawQuery
	}
	w.Header().Set("Location", target)
	w.WriteHeader(http.StatusMovedPermanently)
}

// serveSite serves rel, a clean path relative to the site root, as GitHub
// Pages does: "a/" is a/index.html, "a" (a folder) redirects to "a/".
func (s *Server) serveSite(w http.ResponseWriter, r *http.Request, rel string) {
	site, errs := s.current()
	name := rel
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	if site == nil {
		s.serveNoSite(w, r, name, errs)
		return
	}
	if path.Base(name) == build.Marker {
		s.notFound(w, r, site)
		return
	}
	if rel != "" && !strings.HasSuffix(rel, "/") && site.IsDir(rel) {
		// The escaped path keeps the request's own spelling.
		redirect(w, r, r.URL.EscapedPath()+"/")
		return
	}
	data, err := site.File(r.Context(), name)
	switch {
	case errors.Is(err, build.ErrNotFound):
		s.notFound(w, r, site)
		return
	case build.IsSiteError(err):
		s.servePageError(w, r, name, errorLines(err))
		return
	case err != nil:
		http.Error(w, "503 "+name+" is not ready: "+err.Error(), http.StatusServiceUnavailable)
		return
	}
	ctype := contentType(name)
	if isHTML(ctype) {
		data = s.inject(data)
	}
	w.Header().Set("Content-Type", ctype)
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(data))
}

// notFound answers 404 with the site's 404.html if it has one.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request, site *build.Live) {
	data, err := site.File(r.Context(), "404.html")
	if err != nil {
		http.Error(w, "404 page not found", http.StatusNotFound)
		return
	}
	s.writeHTML(w, r, http.StatusNotFound, s.inject(data))
}

// serveNoSite answers while no build has succeeded: pages get the errors
// (and the script, which reloads once the site builds); other files 503.
func (s *Server) serveNoSite(w http.ResponseWriter, r *http.Request, name string, errs []string) {
	if ext := path.Ext(name); ext != ".html" && ext != "" {
		http.Error(w, "503 the site has not built yet; see the errors in the terminal", http.StatusServiceUnavailable)
		return
	}
	s.writeHTML(w, r, http.StatusInternalServerError, s.inject(problemsPage("Build failed", "The site does not build", "the site builds", errs)))
}

// servePageError answers a page that does not render with its problems
// (the site's check reports them too, and serves the last good site).
func (s *Server) servePageError(w http.ResponseWriter, r *http.Request, name string, errs []string) {
	s.writeHTML(w, r, http.StatusInternalServerError, s.inject(problemsPage("Page failed", name+" does not render", "it renders", errs)))
}

// problemsPage is a page of problems, for when there is no page to show.
func problemsPage(title, heading, until string, errs []string) []byte {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n" +
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n" +
		"<title>" + html.EscapeString(title) + " · crosswalk serve</title>\n</head>\n<body>\n" +
		"<h1>" + html.EscapeString(heading) + "</h1>\n<p>Fix these problems; the page reloads when " + until + ".</p>\n<pre>")
	for _, e := range errs {
		b.WriteString(html.EscapeString(e) + "\n")
	}
	b.WriteString("</pre>\n</body>\n</html>\n")
	return []byte(b.String())
}

func (s *Server) writeHTML(w http.ResponseWriter, r *http.Request, code int, data []byte) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Length", fmt.Sprint(len(data)))
	w.WriteHeader(code)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
}

// scriptTag is what inject adds to every page.
func (s *Server) scriptTag() string {
	return `<script src="` + s.prefix + internalDir + `reload.js"></script>`
}

// inject adds the live-reload script before the last "</body>", or at the
// end of a page without one. It works on a copy: the build is unchanged.
func (s *Server) inject(page []byte) []byte {
	tag := s.scriptTag()
	i := bytes.LastIndex(bytes.ToLower(page), []byte("</body>"))
	if i < 0 {
		i = len(page)
	}
	out := make([]byte, 0, len(page)+len(tag)+1)
	out = append(out, page[:i]...)
	out = append(out, tag...)
	if i < len(page) {
		out = append(out, '\n')
	}
	return append(out, page[i:]...)
}

// contentTypes fixes the types of the files a site has, whatever the
// system's MIME tables say.
var contentTypes = map[string]string{
	".html":  "text/html; charset=utf-8",
	".htm":   "text/html; charset=utf-8",
	".css":   "text/css; charset=utf-8",
	".js":    "text/javascript; charset=utf-8",
	".mjs":   "text/javascript; charset=utf-8",
	".json":  "application/json",
	".svg":   "image/svg+xml",
	".txt":   "text/plain; charset=utf-8",
	".xml":   "application/xml",
	".png":   "image/png",
	".jpg":   "image/jpeg",
	".jpeg":  "image/jpeg",
	".gif":   "image/gif",
	".webp":  "image/webp",
	".ico":   "image/x-icon",
	".pdf":   "application/pdf",
	".woff":  "font/woff",
	".woff2": "font/woff2",
}

func contentType(name string) string {
	ext := strings.ToLower(path.Ext(name))
	if t, ok := contentTypes[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}

func isHTML(ctype string) bool {
	return strings.HasPrefix(ctype, "text/html")
}

// serveInternal serves the endpoints under <prefix>__crosswalk/.
func (s *Server) serveInternal(w http.ResponseWriter, r *http.Request, name string) {
	switch name {
	case "reload.js":
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(reloadJS))
	case "status":
		data, err := json.Marshal(s.status())
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(data))
	case "events":
		s.serveEvents(w, r)
	default:
		http.Error(w, "404 page not found", http.StatusNotFound)
	}
}

// An event is one Server-Sent Event; data is a single line.
type event struct {
	name, data string
}

func errorsJSON(errs []string) string {
	data, _ := json.Marshal(struct {
		Errors []string `json:"errors"`
	}{errs})
	return string(data) // one line: json.Marshal escapes newlines
}

// subscribe returns a channel that receives the events broadcast from now
// on. It holds one event: a slow client skips to the latest.
func (s *Server) subscribe() chan event {
	ch := make(chan event, 1)
	s.subMu.Lock()
	s.subs[ch] = struct{}{}
	s.subMu.Unlock()
	return ch
}

func (s *Server) unsubscribe(ch chan event) {
	s.subMu.Lock()
	delete(s.subs, ch)
	s.subMu.Unlock()
}

// broadcast sends ev to every subscriber without blocking: an event not
// yet taken is replaced, as only the latest state matters.
func (s *Server) broadcast(ev event) {
	s.subMu.Lock()
	defer s.subMu.Unlock()
	for ch := range s.subs {
		select {
		case ch <- ev:
			continue
		default:
		}
		select {
		case <-ch:
		default:
		}
		select {
		case ch <- ev:
		default:
		}
	}
}

// serveEvents streams Server-Sent Events until the client goes or the
// server closes: "reload" after a good build, "error" after a failed one,
// and a comment line every keepAlive.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("X-Accel-Buffering", "no")
	if r.Method == http.MethodHead {
		w.WriteHeader(http.StatusOK)
		return
	}
	rc := http.NewResponseController(w)
	ch := s.subscribe()
	defer s.unsubscribe(ch)
	// Subscribed before the headers go out: a client that has the
	// response sees every later build.
	w.WriteHeader(http.StatusOK)
	if _, err := fmt.Fprint(w, "retry: 1000\n\n"); err != nil {
		return
	}
	if err := rc.Flush(); err != nil {
		return
	}
	ticks, stop := s.keepAliveTicks()
	defer stop()
	for {
		var err error
		select {
		case <-r.Context().Done():
			return
		case <-s.done:
			return
		case ev := <-ch:
			_, err = fmt.Fprintf(w, "event: %s\ndata: %s\n\n", ev.name, ev.data)
		case <-ticks:
			_, err = fmt.Fprint(w, ": keep-alive\n\n")
		}
		if err == nil {
			err = rc.Flush()
		}
		if err != nil {
			return // the client went
		}
	}
}
