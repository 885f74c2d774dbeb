package linkcheck

import (
	"bytes"
	"cmp"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"path"
	"slices"
	"strings"

	"golang.org/x/net/html"
)

// Options configures Check.
type Options struct {
	// AbsoluteOK reports whether page (a slash path in the checked file
	// system) may use root-relative "/..." URLs, for example a 404.html
	// that the server returns at any depth. Root-relative URLs on such a
	// page are accepted without being resolved. A nil AbsoluteOK allows
	// root-relative URLs on no page.
	AbsoluteOK func(page string) bool
	// BaseURL is the site's own absolute URL ("https://you.github.io/repo/").
	// URLs that start with it are resolved from the site root, as a web
	// server would: a folder URL ("…/about/") names its index.html. Such
	// URLs appear in canonical links and in a 404.html served at any depth.
	BaseURL string
}

// Problem describes one broken or non-portable URL found in a page.
type Problem struct {
	// Page is the slash path of the HTML file within the checked file system.
	Page string
	// Line is the 1-based line of the element's start tag in the HTML source.
	Line int
	// URL is the URL as written in the attribute (with character references
	// decoded); for srcset and meta refresh it is the single URL extracted
	// from the attribute.
	URL string
	// Reason explains the problem, e.g. "missing file a/b/index.html" or
	// "missing fragment #x in a/b/index.html".
	Reason string
}

// String formats the problem as "page:line: url: reason".
func (p Problem) String() string {
	return fmt.Sprintf("%s:%d: %s: %s", p.Page, p.Line, p.URL, p.Reason)
}

// Reasons reported by Check (besides the "missing file" and "missing
// fragment" reasons, which name the target).
const (
	reasonEmpty        = "empty URL"
	reasonJavaScript   = "javascript: URL"
	reasonFileScheme   = "file: URL depends on the local disk layout"
	reasonExternal     = "external asset"
	reasonRootRelative = "root-relative URL breaks file:// and path prefixes"
	reasonClimb        = "URL climbs above the site root"
	reasonDirectory    = "directory URL (needs index.html for file://)"
	reasonBadEscape    = "invalid percent-encoding in path"
)

// Check reads every .html file in fsys and reports every link problem,
// sorted by page then line (and by position within a line). It returns an
// error only when fsys cannot be walked or a file cannot be read.
func Check(fsys fs.FS, opts Options) ([]Problem, error) {
	c := &checker{
		opts:  opts,
		files: make(map[string]bool),
		dirs:  make(map[string]bool),
		pages: make(map[string]*page),
	}
	var order []string
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			c.dirs[name] = true
			return nil
		}
		c.files[name] = true
		if strings.HasSuffix(name, ".html") {
			order = append(order, name)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("linkcheck: %w", err)
	}
	for _, name := range order {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("linkcheck: %w", err)
		}
		pg, err := parse(data)
		if err != nil {
			return nil, fmt.Errorf("linkcheck: %s: %w", name, err)
		}
		c.pages[name] = pg
	}

	var problems []Problem
	for _, name := range order {
		absOK := opts.AbsoluteOK != nil && opts.AbsoluteOK(name)
		for _, r := range c.pages[name].refs {
			if reason := c.check(name, absOK, r); reason != "" {
				problems = append(problems, Problem{Page: name, Line: r.line, URL: r.url, Reason: reason})
			}
		}
	}
	// Pages are already in lexical order and refs in document order; the
	// stable sort only makes the documented order independent of that.
	slices.SortStableFunc(problems, func(a, b Problem) int {
		return cmp.Or(strings.Compare(a.Page, b.Page), cmp.Compare(a.Line, b.Line))
	})
	return problems, nil
}

// usage says how a URL is used: followed by the user or loaded as part of
// the page.
type usage int

const (
	navigation usage = iota // a, area, form, meta refresh, other link rels
	asset                   // script, stylesheet, icon, image, media, frame, ...
)

// ref is one URL occurrence in a page.
type ref struct {
	line  int
	url   string
	usage usage
}

// page is what one parse of an HTML file yields.
type page struct {
	anchors map[string]bool // id and <a name> values
	refs    []ref           // in document order
}

type checker struct {
	opts  Options
	files map[string]bool // every non-directory in fsys
	dirs  map[string]bool // every directory in fsys, including "."
	pages map[string]*page
}

// checkServed checks a path from the site root as a web server serves it.
func (c *checker) checkServed(rel string) string {
	p, _, _ := strings.Cut(rel, "#")
	p, _, _ = strings.Cut(p, "?")
	dec, err := url.PathUnescape(p)
	if err != nil {
		return reasonBadEscape
	}
	target := path.Clean("/" + dec)[1:]
	if dec == "" || strings.HasSuffix(dec, "/") || c.dirs[target] {
		target = path.Join(target, "index.html")
	}
	if !c.files[target] {
		return "missing file " + target
	}
	return ""
}

// check returns the reason why r, found on page name, is a problem, or "".
func (c *checker) check(name string, absOK bool, r ref) string {
	v := strings.Trim(r.url, asciiSpace)
	if v == "" {
		return reasonEmpty
	}
	if base := c.opts.BaseURL; base != "" && strings.HasPrefix(v, base) {
		return c.checkServed(strings.TrimPrefix(v, base))
	}
	if isSlash(v[0]) {
		if len(v) > 1 && isSlash(v[1]) { // protocol-relative: another host
			if !absOK {
				return reasonRootRelative
			}
			if r.usage == asset {
				return reasonExternal
			}
			return ""
		}
		if absOK {
			return ""
		}
		return reasonRootRelative
	}
	if scheme, ok := urlScheme(v); ok {
		switch strings.ToLower(scheme) {
		case "javascript":
			return reasonJavaScript
		case "data", "about":
			return "" // inline content or about:blank: nothing to fetch
		case "file":
			return reasonFileScheme
		}
		if r.usage == asset {
			return reasonExternal
		}
		return "" // external link: not checked
	}

	rest, frag, hasFrag := strings.Cut(v, "#")
	p, _, _ := strings.Cut(rest, "?")
	target := name
	if p != "" {
		dec, err := url.PathUnescape(p)
		if err != nil {
			return reasonBadEscape
		}
		target = path.Join(path.Dir(name), dec)
		if target == ".." || strings.HasPrefix(target, "../") {
			return reasonClimb
		}
		if strings.HasSuffix(dec, "/") || c.dirs[target] {
			return reasonDirectory
		}
		if !c.files[target] {
			return "missing file " + target
		}
	}
	if !hasFrag || frag == "" {
		return ""
	}
	pg := c.pages[target]
	if pg == nil {
		return "" // not an HTML page: fragment semantics unknown
	}
	if dec, err := url.PathUnescape(frag); err == nil && pg.anchors[dec] {
		return ""
	}
	if pg.anchors[frag] {
		return ""
	}
	return "missing fragment #" + frag + " in " + target
}

// parse tokenizes one HTML document, collecting anchors and URL references.
func parse(data []byte) (*page, error) {
	pg := &page{anchors: make(map[string]bool)}
	z := html.NewTokenizer(bytes.NewReader(data))
	var lc lineCounter
	var attrs []html.Attribute
	for {
		tt := z.Next()
		line := lc.line()
		// Count before reading attributes: TagAttr decodes in place.
		lc.feed(z.Raw())
		switch tt {
		case html.ErrorToken:
			if err := z.Err(); err != io.EOF {
				return nil, err
			}
			return pg, nil
		case html.StartTagToken, html.SelfClosingTagToken:
			name, more := z.TagName()
			tag := string(name)
			attrs = attrs[:0]
			for more {
				var k, v []byte
				k, v, more = z.TagAttr()
				attrs = append(attrs, html.Attribute{Key: string(k), Val: string(v)})
			}
			pg.element(tag, attrs, line)
		}
	}
}

// element records the anchors and URLs of one start tag.
func (pg *page) element(tag string, attrs []html.Attribute, line int) {
	if id, ok := attr(attrs, "id"); ok && id != "" {
		pg.anchors[id] = true
	}
	add := func(key string, u usage) {
		if v, ok := attr(attrs, key); ok {
			pg.refs = append(pg.refs, ref{line: line, url: v, usage: u})
		}
	}
	addSrcset := func() {
		if v, ok := attr(attrs, "srcset"); ok {
			for _, u := range srcsetURLs(v) {
				pg.refs = append(pg.refs, ref{line: line, url: u, usage: asset})
			}
		}
	}
	switch tag {
	case "a":
		if n, ok := attr(attrs, "name"); ok && n != "" {
			pg.anchors[n] = true
		}
		add("href", navigation)
	case "area":
		add("href", navigation)
	case "link":
		rel, _ := attr(attrs, "rel")
		add("href", linkUsage(rel))
	case "script", "embed", "iframe", "audio", "track":
		add("src", asset)
	case "img", "source":
		add("src", asset)
		addSrcset()
	case "video":
		add("src", asset)
		add("poster", asset)
	case "object":
		add("data", asset)
	case "form":
		add("action", navigation)
	case "use":
		add("href", asset)
		add("xlink:href", asset)
	case "meta":
		if he, _ := attr(attrs, "http-equiv"); strings.EqualFold(strings.Trim(he, asciiSpace), "refresh") {
			content, _ := attr(attrs, "content")
			if u, ok := refreshURL(content); ok {
				pg.refs = append(pg.refs, ref{line: line, url: u, usage: navigation})
			}
		}
	}
}

// assetRels are the link types whose href the browser loads as part of the page.
var assetRels = map[string]bool{
	"stylesheet":                   true,
	"icon":                         true,
	"apple-touch-icon":             true,
	"apple-touch-icon-precomposed": true,
	"mask-icon":                    true,
	"preload":                      true,
	"modulepreload":                true,
	"manifest":                     true,
}

// linkUsage classifies a <link> by its rel attribute.
func linkUsage(rel string) usage {
	for _, t := range strings.Fields(rel) {
		if assetRels[strings.ToLower(t)] {
			return asset
		}
	}
	return navigation
}

// attr returns the value of the first attribute named key, as browsers do
// with duplicated attributes.
func attr(attrs []html.Attribute, key string) (string, bool) {
	for _, a := range attrs {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

const asciiSpace = " \t\n\f\r"

func isSpace(c byte) bool { return strings.IndexByte(asciiSpace, c) >= 0 }

// isSlash reports whether c starts a path from the root; browsers treat a
// backslash like a slash in http(s) and file URLs.
func isSlash(c byte) bool { return c == '/' || c == '\\' }

// urlScheme returns the scheme of an absolute URL such as "https:..." or
// "mailto:...", and false for a relative reference.
func urlScheme(v string) (string, bool) {
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
		case '0' <= c && c <= '9', c == '+', c == '-', c == '.':
			if i == 0 {
				return "", false
			}
		case c == ':':
			return v[:i], i > 0
		default:
			return "", false
		}
	}
	return "", false
}

// srcsetURLs extracts the candidate URLs of a srcset attribute, following
// the HTML "parse a srcset attribute" algorithm closely enough that data:
// URLs (which contain commas) and descriptors with parentheses are handled.
func srcsetURLs(s string) []string {
	var urls []string
	i := 0
	for {
		for i < len(s) && (isSpace(s[i]) || s[i] == ',') {
			i++
		}
		if i >= len(s) {
			return urls
		}
		start := i
		for i < len(s) && !isSpace(s[i]) {
			i++
		}
		u := s[start:i]
		if trimmed := strings.TrimRight(u, ","); trimmed != u {
			u = trimmed // a trailing comma ends the candidate: no descriptors
		} else {
			inParens := false
			for i < len(s) {
				c := s[i]
				i++
				if c == '(' {
					inParens = true
				} else if c == ')' {
					inParens = false
				} else if c == ',' && !inParens {
					break
				}
			}
		}
		urls = append(urls, u)
	}
}

// refreshURL extracts the URL from a meta refresh content attribute such as
// `0; url=next.html` or `5;URL='next.html'`, following the HTML "shared
// declarative refresh steps". It returns false when there is no URL (a plain
// reload).
func refreshURL(content string) (string, bool) {
	s := strings.TrimLeft(content, asciiSpace)
	i := 0
	for i < len(s) && ('0' <= s[i] && s[i] <= '9' || s[i] == '.') {
		i++
	}
	s = strings.TrimLeft(s[i:], asciiSpace)
	if s != "" && (s[0] == ';' || s[0] == ',') {
		s = s[1:]
	}
	s = strings.TrimLeft(s, asciiSpace)
	if len(s) >= 3 && strings.EqualFold(s[:3], "url") {
		if t := strings.TrimLeft(s[3:], asciiSpace); strings.HasPrefix(t, "=") {
			s = strings.TrimLeft(t[1:], asciiSpace)
		}
	}
	if s != "" && (s[0] == '"' || s[0] == '\'') {
		q := s[0]
		s = s[1:]
		if j := strings.IndexByte(s, q); j >= 0 {
			s = s[:j]
		}
	}
	s = strings.TrimRight(s, asciiSpace)
	return s, s != ""
}

// lineCounter tracks the current line across consecutive raw tokens,
// treating "\n", "\r\n" and a lone "\r" as one line break each, even when a
// "\r\n" pair is split between two tokens.
type lineCounter struct {
	n      int  // completed line breaks
	lastCR bool // the previous byte was '\r'
}

func (lc *lineCounter) line() int { return lc.n + 1 }

func (lc *lineCounter) feed(b []byte) {
	if len(b) == 0 {
		return
	}
	if bytes.IndexByte(b, '\r') < 0 { // fast path: Unix line endings
		lc.n += bytes.Count(b, []byte{'\n'})
		if lc.lastCR && b[0] == '\n' {
			lc.n-- // second half of a split "\r\n"
		}
		lc.lastCR = false
		return
	}
	for _, c := range b {
		switch c {
		case '\n':
			if !lc.lastCR {
				lc.n++
			}
			lc.lastCR = false
		case '\r':
			lc.n++
			lc.lastCR = true
		default:
			lc.lastCR = false
		}
	}
}
