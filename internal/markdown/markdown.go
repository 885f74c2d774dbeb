package markdown

import (
	"html/template"
	"strings"

	"github.com/crosswalk-ssg/crosswalk/internal/diag"
	"github.com/crosswalk-ssg/crosswalk/internal/model"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Resolver answers, for the page being converted, what a link or a
// cross-reference points to.
type Resolver interface {
	// Link returns the page-relative URL for a link destination as the
	// author wrote it. External URLs and same-page fragments come back
	// unchanged; a site path that leads nowhere is an error.
	Link(dest string) (string, error)
	// CrossRef resolves the target of [[target]] to a page-relative URL,
	// the default link text and a longer description for a tooltip.
	CrossRef(target string) (href, label, description string, err error)
}

// FragmentRecorder is implemented by a Resolver that wants to check,
// once every page is rendered, that the #fragments authors wrote exist:
// heading ids are only known after rendering.
type FragmentRecorder interface {
	// LinkedFragment is called for each rewritten link whose URL has a
	// fragment, with the link's position, the URL as written and as
	// rewritten (page-relative).
	LinkedFragment(pos diag.Position, written, href string)
}

var (
	resolverKey = parser.NewContextKey()
	problemsKey = parser.NewContextKey()
	sourceKey   = parser.NewContextKey() // the model.Markdown being converted
	indexKey    = parser.NewContextKey() // its *lineIndex, built on first use
	closersKey  = parser.NewContextKey() // its *closers, for the cross-reference parser
)

// problem is an unresolved link at a byte offset of the source.
type problem struct {
	offset int
	err    error
}

func addProblem(pc parser.Context, offset int, err error) {
	ps, _ := pc.Get(problemsKey).(*[]problem)
	if ps == nil {
		ps = &[]problem{}
		pc.Set(problemsKey, ps)
	}
	*ps = append(*ps, problem{offset, err})
}

func resolverOf(pc parser.Context) Resolver {
	r, _ := pc.Get(resolverKey).(Resolver)
	return r
}

// Converter turns Markdown into HTML. It is safe for concurrent use.
type Converter struct {
	md goldmark.Markdown
}

// Options are a site's Markdown settings.
type Options struct {
	// UnsafeHTML passes raw HTML in Markdown through to pages. Off, it
	// is shown escaped, as text.
	UnsafeHTML bool
}

// New returns a Converter with the site's Markdown features: GitHub
// Flavored Markdown, footnotes, definition lists, heading ids with "#"
// self-links, cross-references, link rewriting and the outline (headings
// and ids) of each conversion. Raw HTML in Markdown is
// escaped unless opts.UnsafeHTML; links, images and autolinks with
// javascript: and similar URLs are emptied either way (see dangerousURL).
func New(opts Options) *Converter {
	rendererOpts := []renderer.Option{renderer.WithNodeRenderers(util.Prioritized(escapedRawHTML{}, rawHTMLRendererPriority))}
	if opts.UnsafeHTML {
		rendererOpts = []renderer.Option{html.WithUnsafe()}
	}
	return &Converter{md: goldmark.New(
		goldmark.WithExtensions(
			extension.GFM,
			extension.Footnote,
			extension.DefinitionList,
			CrossRef,
			Links,
			HeadingAnchors,
			Outline{RawHTML: opts.UnsafeHTML},
		),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
		goldmark.WithRendererOptions(rendererOpts...),
	)}
}

// Result is one conversion: the HTML, and what the page around it needs
// to know about it, taken from the syntax tree rather than read back from
// the HTML.
type Result struct {
	HTML template.HTML
	// Headings are the headings that have an id (all of them: see the
	// package documentation), in document order.
	Headings []Heading
	// IDs are the id attributes of HTML, in document order: the
	// headings', the footnotes' and, with Options.UnsafeHTML, those in
	// raw HTML.
	IDs []string
}

// Convert renders m for the page that r resolves for. Unresolved links
// and references are added to errs at their file positions. Markdown
// beyond one of the limits (MaxIndent, MaxNesting, MaxBrackets,
// MaxLinkDefs) is reported, once for each limit, and not parsed.
func (c *Converter) Convert(m model.Markdown, r Resolver, errs *diag.List) Result {
	if m.Empty() {
		return Result{}
	}
	if over := checkLimits(m.Source); over != nil {
		ix := newLineIndex(m)
		for _, e := range over {
			errs.Add(ix.position(e.offset), e.format, e.args...)
		}
		return Result{}
	}
	pc := parser.NewContext()
	pc.Set(resolverKey, r)
	pc.Set(sourceKey, m)
	doc := c.md.Parser().Parse(text.NewReader(m.Source), parser.WithContext(pc))
	if ps, _ := pc.Get(problemsKey).(*[]problem); ps != nil {
		for _, p := range *ps {
			errs.Append(diag.Errorf(positionOf(pc, p.offset), "%v", p.err))
		}
	}
	var buf htmlBuilder
	buf.Grow(len(m.Source) + len(m.Source)/4) // HTML is a little longer than its Markdown
	if err := c.md.Renderer().Render(&buf, m.Source, doc); err != nil {
		errs.Add(diag.Position{File: m.File, Line: m.Line}, "cannot render Markdown: %v", err)
	}
	o := outlineOf(pc)
	return Result{HTML: template.HTML(buf.String()), Headings: o.headings, IDs: o.ids}
}

// htmlBuilder is what goldmark renders into: a strings.Builder that is
// goldmark's buffered writer (util.BufWriter), all of it buffered and
// nothing to flush. goldmark wraps any other writer in a 4 KB
// bufio.Writer of its own, one a page, and a bytes.Buffer's bytes would
// be copied once more into the page's string.
type htmlBuilder struct{ strings.Builder }

var _ util.BufWriter = (*htmlBuilder)(nil)

func (b *htmlBuilder) Available() int { return b.Cap() - b.Len() }
func (b *htmlBuilder) Buffered() int  { return b.Len() }
func (b *htmlBuilder) Flush() error   { return nil }
