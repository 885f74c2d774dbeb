package render

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"html"
	"html/template"
	"net/url"
	"path"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/crosswalk-ssg/crosswalk/internal/diag"
	"github.com/crosswalk-ssg/crosswalk/internal/layout"
	"github.com/crosswalk-ssg/crosswalk/internal/link"
	"github.com/crosswalk-ssg/crosswalk/internal/markdown"
	"github.com/crosswalk-ssg/crosswalk/internal/model"
	"github.com/crosswalk-ssg/crosswalk/internal/theme"
)

const (
	baseTemplate = "baseof.html"
	partialsDir  = "_partials/"
)

// Renderer renders the pages of one build.
type Renderer struct {
	ix        *link.Index
	md        *markdown.Converter
	site      *Site
	templates map[string]*template.Template // by name relative to templates/
	pagers    map[*model.Element]Pager      // previous and next of every element page
	// crosswalks are the crosswalks' views, each made once, when a page
	// first shows it (crosswalkView): a crosswalk's part pages show parts
	// of its view, and there may be thousands of them, while a server
	// rendering one element's page after an edit needs none.
	crosswalks map[*model.Crosswalk]func() *CrosswalkView
	excerpts   sync.Map // *model.Element → its card's excerpt (cardExcerpt)

	// Fragments authors linked to, and the ids each rendered page has,
	// checked against each other once all pages are rendered.
	// Progress, when set, is called after each page is rendered.
	Progress func(done, total int)

	downloads map[*model.Doc][]Download // what each page offers for download

	// checkLinks is set by RenderAll, which checks the links to
	// #fragments once every page is rendered; a page rendered on its own
	// (RenderPage) cannot be checked.
	checkLinks bool
	mu         sync.Mutex
	fragments  []linkedFragment
	ids        map[string]string // output path → the ids on that page (pageIDs)
}

// linkedFragment is a link with a #fragment written in page from's Markdown.
type linkedFragment struct {
	pos     diag.Position
	from    string
	written string
	href    string
}

// Templates are a theme's templates, parsed: each page kind's template
// cloned over the base frame and the partials.
type Templates struct {
	byName map[string]*template.Template // by name relative to templates/
}

// ParseTemplates parses the theme's templates. It needs nothing of the
// site but its theme, so a build parses them while loading, and a
// template's syntax error is reported with the site's other problems.
// Syntax errors are added to errs with their positions; the error is for
// files that cannot be read.
func ParseTemplates(th *theme.Theme, errs *diag.List) (*Templates, error) {
	tpl := &Templates{byName: map[string]*template.Template{}}
	names, err := th.Files(theme.TemplatesDir, errs)
	if err != nil {
		return nil, err
	}
	sources := map[string]string{}
	for _, name := range names {
		if path.Ext(name) != ".html" {
			continue
		}
		b, err := th.ReadFile(theme.TemplatesDir + "/" + name)
		if err != nil {
			return nil, err
		}
		sources[name] = string(b)
	}
	base := template.New(templateName(baseTemplate)).Funcs(funcs)
	if src, ok := sources[baseTemplate]; ok {
		parse(base, src, errs)
	} else {
		// Without a frame, each kind template is the whole page.
		parse(base, `{{ template "main" . }}`, errs)
	}
	for _, name := range names {
		if strings.HasPrefix(name, partialsDir) && sources[name] != "" {
			parse(base.New(templateName(name)), sources[name], errs)
		}
	}
	for _, name := range names {
		if name == baseTemplate || strings.HasPrefix(name, partialsDir) || sources[name] == "" {
			continue
		}
		t, err := base.Clone()
		if err != nil {
			return nil, err
		}
		if parse(t.New(templateName(name)), sources[name], errs) {
			tpl.byName[name] = t
		}
	}
	return tpl, nil
}

// New returns the renderer of a linked site's pages, with the theme's
// parsed templates and the build's one Markdown converter.
func New(ix *link.Index, tpl *Templates, md *markdown.Converter) *Renderer {
	r := &Renderer{ix: ix, md: md, site: newSite(ix.Site), pagers: pagers(ix.Site), templates: tpl.byName, ids: map[string]string{},
		crosswalks: map[*model.Crosswalk]func() *CrosswalkView{}}
	for _, cw := range ix.Site.Crosswalks {
		r.crosswalks[cw] = sync.OnceValue(func() *CrosswalkView { return newCrosswalkView(cw) })
	}
	return r
}

// crosswalkView returns cw's view.
func (r *Renderer) crosswalkView(cw *model.Crosswalk) *CrosswalkView { return r.crosswalks[cw]() }

// templateName is the name a template file is parsed under: its path
// relative to templates/, as templates refer to each other.
func templateName(name string) string { return name }

// parse parses src into t and reports whether it succeeded.
func parse(t *template.Template, src string, errs *diag.List) bool {
	if _, err := t.Parse(src); err != nil {
		errs.Append(templateError(err, t.Name()))
		return false
	}
	return true
}

// html/template writes both "html/template: page.html:2:14: …" and,
// for some errors (no such template), "html/template:page.html:2:14: …".
var templateErrorPos = regexp.MustCompile(`^(?:html/)?template: ?([^:\s]+):(\d+)(?::(\d+))?: (.*)$`)

// templateError turns an html/template error into a positioned one.
func templateError(err error, fallback string) error {
	msg := err.Error()
	if m := templateErrorPos.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[2])
		col, _ := strconv.Atoi(m[3])
		return diag.Errorf(diag.Position{File: theme.TemplatesDir + "/" + m[1], Line: line, Col: col}, "%s", m[4])
	}
	return diag.Errorf(diag.Position{File: theme.TemplatesDir + "/" + fallback}, "%s", strings.TrimPrefix(msg, "template: "))
}

func newSite(s *model.Site) *Site {
	site := &Site{Frameworks: s.Frameworks, Crosswalks: s.Crosswalks, Search: s.Search,
		Title: s.Config.Title, Language: s.Config.Language, Footer: s.Config.Footer, BaseURL: s.Config.BaseURL}
	if s.Home != nil {
		if site.Title == "" {
			site.Title = s.Home.Title
		}
		site.Home = s.Home.Doc
	}
	for _, p := range s.Pages {
		if p.Menu == "main" && p.Doc != nil {
			site.Menu = append(site.Menu, p)
		}
	}
	slices.SortStableFunc(site.Menu, func(a, b *model.Page) int { return cmp.Compare(a.Weight, b.Weight) })
	return site
}

// lookup returns the template for d: its layout, then
// <section>/<kind>.html, then <kind>.html.
func (r *Renderer) lookup(d *model.Doc, errs *diag.List) *template.Template {
	kind := string(d.Kind)
	var section string
	switch {
	case d.Page != nil && d.Page.Layout != "":
		name := d.Page.Layout + ".html"
		if t := r.templates[name]; t != nil {
			return t
		}
		errs.Add(d.Page.LayoutAt, "unknown layout %q: there is no templates/%s", d.Page.Layout, name)
		return nil
	case d.Element != nil:
		section = d.Element.Framework.ID
	case d.Framework != nil:
		section = d.Framework.ID
	case d.Page != nil:
		section = strings.Split(strings.TrimPrefix(d.Page.File, model.ContentDir+"/"), "/")[0]
	}
	if t := r.templates[section+"/"+kind+".html"]; t != nil && section != "" {
		return t
	}
	if t := r.templates[kind+".html"]; t != nil {
		return t
	}
	errs.Add(d.Claim, "no template for this %s page: add templates/%s.html", kind, kind)
	return nil
}

// page builds the template data for d.
func (r *Renderer) page(d *model.Doc, errs *diag.List) *Page {
	p := &Page{Site: r.site, Doc: d, Title: d.Title, renderer: r}
	res := resolver{r: r, doc: d, file: d.Body().File}
	p.markdown = r.md.Convert(d.Body(), res, errs)
	p.Content = p.markdown.HTML
	switch {
	case d.Page != nil:
		p.Page = d.Page
	case d.Framework != nil:
		fv := &FrameworkView{Framework: d.Framework}
		for _, cw := range r.site.Crosswalks {
			if cw.Source == d.Framework || cw.Target == d.Framework {
				fv.Crosswalks = append(fv.Crosswalks, cw)
			}
		}
		p.Framework = fv
	case d.Element != nil:
		p.Element = newElementView(d.Element)
	case d.Crosswalk != nil:
		p.Crosswalk = r.crosswalkView(d.Crosswalk)
	case d.Part != nil:
		p.Part = &PartView{CrosswalkPart: d.Part, View: r.crosswalkView(d.Part.Crosswalk)}
	}
	p.Breadcrumbs = breadcrumbs(r.site, d)
	for i, c := range p.Breadcrumbs {
		p.Breadcrumbs[i].URL, p.Breadcrumbs[i].Current = p.DocURL(c.Doc), p.IsCurrent(c.Doc)
	}
	return p
}

// RenderPage renders one page on its own, as RenderAll renders it: what
// a server that renders pages on request uses. Problems are added to
// errs, a panic among them; the result is nil when the page cannot be
// rendered. Links to #fragments are not checked: that needs every page.
// Safe for concurrent use.
func (r *Renderer) RenderPage(d *model.Doc, errs *diag.List) []byte {
	out, _ := r.renderSafely(d, new(bytes.Buffer), errs)
	return out
}

// render renders one page into buf (emptied first) and returns it, from
// buf's bytes, with its converted Markdown. Problems are added to errs;
// the page is nil when it cannot be rendered.
func (r *Renderer) render(d *model.Doc, buf *bytes.Buffer, errs *diag.List) ([]byte, markdown.Result) {
	t := r.lookup(d, errs)
	p := r.page(d, errs)
	if t == nil {
		return nil, p.markdown
	}
	// An alias page is a complete document of its own, without the frame.
	name := templateName(baseTemplate)
	if d.Kind == model.KindAlias {
		name = templateName("alias.html")
	}
	buf.Reset()
	if err := t.ExecuteTemplate(buf, name, p); err != nil {
		errs.Append(templateError(err, name))
		return nil, p.markdown
	}
	return buf.Bytes(), p.markdown
}

// Download is a data file a page offers, as the page shows it.
type Download struct {
	Path        string // output path, from the site root
	Name        string // file name
	Format      string // what a reader calls it: "CSV", "OSCAL catalog (JSON)"
	Size        string // for people: "12.3 kB"
	Description string
	Withheld    string // when set: why the file is not published (no link)
}

// SetDownloads tells the renderer which data files each page offers; the
// orchestrator decides that, as it decides what is published.
func (r *Renderer) SetDownloads(byPage map[*model.Doc][]Download) { r.downloads = byPage }

// RenderAll renders every page of the site with workers goroutines
// (GOMAXPROCS when workers < 1), hands each to emit (from any goroutine,
// one page at a time per goroutine; emit may not keep data once it
// returns, as io.Writer's Write) and returns how many pages emit took.
// A page whose template panics is reported at the page's claim, as any
// other problem with it, and the other pages go on. Once ctx is done no
// more pages are begun, and the error is ctx's; the count is then of a
// part of the site, and links to #fragments are not checked.
func (r *Renderer) RenderAll(ctx context.Context, emit func(path string, data []byte) error, workers int, errs *diag.List) (int, error) {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	r.checkLinks = true
	docs := r.ix.Site.Docs
	jobs := make(chan *model.Doc)
	var wg sync.WaitGroup
	var mu sync.Mutex
	written := 0
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// One buffer a worker, for page after page: emit keeps no
			// page (write.Output), and a buffer grown anew for each
			// page was a quarter of what a large build allocated.
			var buf bytes.Buffer
			for d := range jobs {
				out, md := r.renderSafely(d, &buf, errs)
				if out == nil {
					continue
				}
				r.recordIDs(d, md, out)
				if err := emit(d.Path, out); err != nil {
					errs.Add(d.Claim, "cannot write %s: %v", d.Path, err)
					continue
				}
				mu.Lock()
				written++
				if r.Progress != nil {
					r.Progress(written, len(docs))
				}
				mu.Unlock()
			}
		}()
	}
	for _, d := range docs {
		if ctx.Err() != nil {
			break
		}
		jobs <- d
	}
	close(jobs)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return written, err
	}
	r.checkFragments(errs)
	return written, nil
}

// renderSafely renders d, turning a panic in its templates or data into
// a positioned error for that page, so that no page can stop a build
// with a crash.
func (r *Renderer) renderSafely(d *model.Doc, buf *bytes.Buffer, errs *diag.List) (out []byte, md markdown.Result) {
	defer func() {
		if v := recover(); v != nil {
			errs.Add(d.Claim, "cannot render %s: %v", d.Path, v)
			out = nil
		}
	}()
	return r.render(d, buf, errs)
}

// CheckMarkdown converts the prose of every page, without templates, to
// report the problems in it. A build whose linking failed uses it, so
// that one run still reports every broken reference.
func (r *Renderer) CheckMarkdown(errs *diag.List) {
	for _, d := range r.ix.Site.Docs {
		r.md.Convert(d.Body(), resolver{r: r, doc: d, file: d.Body().File}, errs)
	}
}

// recordIDs notes the ids of d's rendered page out, for checkFragments:
// those of its Markdown, known from the conversion (markdown.Result.IDs),
// and those its templates wrote, which only out can tell. A site may
// replace any template (its templates/ over the defaults, per section,
// per layout), and the default ones write many ids only on some pages
// ("children", "transcription", a matrix cell's id when the cell has
// records), so a list of template ids kept in Go would reject links to
// ids a page has, or accept links to ids it lacks; the check stays "an
// id on the page", as documented. The Markdown HTML, which the templates
// copy as it is, is skipped. The rest is html/template output, whose
// attributes are always double-quoted, so a scan for ` id="` finds them
// (a regexp took a quarter of the build).
func (r *Renderer) recordIDs(d *model.Doc, md markdown.Result, out []byte) {
	var ids pageIDs
	for _, id := range md.IDs {
		ids.add(id)
	}
	if md.HTML != "" {
		if i := bytes.Index(out, []byte(md.HTML)); i >= 0 {
			scanIDs(out[:i], &ids)
			out = out[i+len(md.HTML):]
		}
	}
	scanIDs(out, &ids)
	r.mu.Lock()
	r.ids[d.Path] = ids.String()
	r.mu.Unlock()
}

// pageIDs are the ids of one page, each after a NUL and the last before
// one (no id holds a NUL: html.UnescapeString makes &#0; U+FFFD): one
// string a page, where a set of strings took a large site's build tens
// of megabytes (a record's id is on every page that lists it).
type pageIDs struct{ b strings.Builder }

func (p *pageIDs) add(id string) {
	if p.b.Len() == 0 {
		p.b.WriteByte(0)
	}
	p.b.WriteString(id)
	p.b.WriteByte(0)
}

// addBytes adds the id id spells, as add.
func (p *pageIDs) addBytes(id []byte) {
	if p.b.Len() == 0 {
		p.b.WriteByte(0)
	}
	p.b.Write(id)
	p.b.WriteByte(0)
}

// String returns the ids, without the builder's spare capacity.
func (p *pageIDs) String() string { return strings.Clone(p.b.String()) }

// hasID reports whether ids, as pageIDs wrote them, hold id.
func hasID(ids, id string) bool {
	return !strings.ContainsRune(id, 0) && strings.Contains(ids, "\x00"+id+"\x00")
}

// scanIDs adds the ` id="…"` attributes of html/template output to ids.
// It looks for each "=" (SIMD-fast, and one an attribute) and then at
// what is around it, where looking for ` id="` itself read a page at half
// the speed: it stopped at every space. html/template writes every
// attribute value in double quotes, after a space.
func scanIDs(out []byte, ids *pageIDs) {
	for i := 0; ; i++ {
		j := bytes.IndexByte(out[i:], '=')
		if j < 0 {
			return
		}
		i += j
		if i < 3 || i+1 >= len(out) || out[i+1] != '"' || out[i-1] != 'd' || out[i-2] != 'i' || out[i-3] != ' ' {
			continue
		}
		rest := out[i+2:]
		end := bytes.IndexByte(rest, '"')
		if end < 0 {
			return
		}
		if id := rest[:end]; bytes.IndexByte(id, '&') < 0 {
			ids.addBytes(id) // no reference to unescape: no string to make
		} else {
			ids.add(html.UnescapeString(string(id)))
		}
		i += 2 + end
	}
}

// checkFragments reports links to #fragments that are no id on the
// rendered page they lead to (recordIDs).
func (r *Renderer) checkFragments(errs *diag.List) {
	for _, f := range r.fragments {
		u, frag, _ := strings.Cut(f.href, "#")
		target := f.from
		if u != "" {
			target = path.Join(path.Dir(f.from), u)
			if p, err := url.PathUnescape(target); err == nil {
				target = p
			}
		}
		ids, rendered := r.ids[target]
		if frag == "" || !rendered {
			continue // not a page (a static file), or one that failed already
		}
		if p, err := url.PathUnescape(frag); err == nil {
			frag = p
		}
		if !hasID(ids, frag) {
			errs.Add(f.pos, "link %q: %s has no #%s", f.written, target, frag)
		}
	}
}

// resolver resolves links and cross-references for one page.
type resolver struct {
	r    *Renderer
	doc  *model.Doc
	file string
}

func (r resolver) Link(dest string) (string, error) { return r.r.ix.Resolve(r.file, r.doc.Path, dest) }

func (r resolver) LinkedFragment(pos diag.Position, written, href string) {
	if !r.r.checkLinks {
		return
	}
	r.r.mu.Lock()
	r.r.fragments = append(r.r.fragments, linkedFragment{pos: pos, from: r.doc.Path, written: written, href: href})
	r.r.mu.Unlock()
}

func (r resolver) CrossRef(target string) (string, string, string, error) {
	e, err := r.r.ix.Element(target)
	if err != nil {
		return "", "", "", err
	}
	if e.Doc == nil {
		return "", "", "", fmt.Errorf("element %q is not published (see the error at %s)", target, e.Pos)
	}
	desc := e.StatementText()
	if desc == "" {
		desc = e.Title
	}
	return layout.AnchorRel(r.doc.Path, e.Doc.Path, e.Anchor), e.FullLabel(), excerpt(desc, 200), nil
}

// excerpt shortens s to at most n characters at a word boundary.
func excerpt(s string, n int) string {
	// An excerpt is made for every counterpart on every page, and most
	// statements are ASCII words one space apart: their excerpt is their
	// own beginning, copied only to add the ellipsis.
	if cut, over, ok := plainPrefix(s, n); ok {
		if !over {
			return cut
		}
		return ellipsis(cut, n)
	}
	// The text's words, one space between them, as far as n runes: a
	// long statement is read only as far as its excerpt goes. A run of
	// ASCII letters is copied at once.
	var b strings.Builder
	b.Grow(min(len(s), 4*n) + len("…"))
	runes, space, over := 0, false, false
	for i := 0; i < len(s) && !over; {
		var word string
		if c := s[i]; c < utf8.RuneSelf {
			if asciiSpace(c) {
				space, i = b.Len() > 0, i+1
				continue
			}
			j := i + 1
			for j < len(s) && s[j] < utf8.RuneSelf && !asciiSpace(s[j]) {
				j++
			}
			word, i = s[i:j], j
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) {
				space, i = b.Len() > 0, i+size
				continue
			}
			word, i = s[i:i+size], i+size
			if r == utf8.RuneError && size == 1 {
				word = "\uFFFD" // an invalid byte, as ranging over s gives
			}
		}
		if space {
			if runes == n {
				over = true
				break
			}
			b.WriteByte(' ')
			runes++
			space = false
		}
		count := utf8.RuneCountInString(word)
		if left := n - runes; count > left {
			b.WriteString(string([]rune(word)[:left]))
			over = true
			break
		}
		b.WriteString(word)
		runes += count
	}
	if !over {
		return b.String()
	}
	return ellipsis(b.String(), n)
}

// plainPrefix is excerpt's cut of s, and whether more followed it, when
// s begins with (or is) ASCII words one space apart, n runes of them: the
// cut is then s's own beginning. ok is false for any other text.
func plainPrefix(s string, n int) (cut string, over, ok bool) {
	i := 0
	for ; i < len(s) && i < n; i++ {
		c := s[i]
		if c >= utf8.RuneSelf || asciiSpace(c) && (c != ' ' || i == 0 || s[i-1] == ' ' || i+1 == len(s)) {
			return "", false, false
		}
	}
	if i == len(s) {
		return s, false, true
	}
	if c := s[i]; c >= utf8.RuneSelf || asciiSpace(c) {
		return "", false, false // whether more follows depends on what comes after the spaces
	}
	return s[:i], true, true
}

// ellipsis ends the cut of a longer text, after n runes, at its last space
// past the middle, with an ellipsis.
func ellipsis(cut string, n int) string {
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:") + "…"
}

// asciiSpace reports whether the ASCII byte c is a space to unicode.IsSpace.
func asciiSpace(c byte) bool { return c == ' ' || '\t' <= c && c <= '\r' }

// recordCount counts records for people: "1 record", "12 records".
func recordCount(n int) string {
	if n == 1 {
		return "1 record"
	}
	return strconv.Itoa(n) + " records"
}

var funcs = template.FuncMap{
	"excerpt":   excerpt,
	"bar":       Bar,
	"add":       func(a, b int) int { return a + b },
	"sub":       func(a, b int) int { return a - b },
	"mul":       func(a, b int) int { return a * b },
	"headLabel": HeadLabel,
	"records":   recordCount,
	"headID":    HeadID,
	// sideTree, elementID and the navigation's lists write what every
	// page has many of in Go (nav.go): the partials call them.
	"sideTree": SideTreeHTML,
	"navItems": NavItemsHTML,
	"crumbs":   CrumbsHTML,
	"tocItems": TOCItemsHTML,
	"elementID": func(v any) (template.HTML, error) {
		switch e := v.(type) {
		case *model.Element:
			return ElementID(e), nil
		case *ElementView:
			return ElementID(e.Element), nil
		}
		return "", fmt.Errorf("elementID: %T is not an element", v)
	},
	"percent": func(part, whole int) int {
		if whole == 0 {
			return 0
		}
		return part * 100 / whole
	},
}
