package markdown

import (
	"bytes"
	stdhtml "html"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// linkRewriterPriority orders the link rewriter among AST transformers;
// it is independent of the cross-reference resolver.
const linkRewriterPriority = 110

// linkRewriter replaces the destination of every link and image with the
// page-relative URL the Resolver gives for it.
type linkRewriter struct{}

func (linkRewriter) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	r := resolverOf(pc)
	var dangerous []*ast.AutoLink // replaced after the walk, which removing a node would cut short
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var dest *[]byte
		switch n := n.(type) {
		case *ast.Link:
			dest = &n.Destination
		case *ast.Image:
			dest = &n.Destination
		case *ast.AutoLink:
			// Autolinks are shown as written, never rewritten; goldmark
			// keeps a dangerous one's href when raw HTML is allowed.
			if dangerousURL(n.URL(reader.Source())) {
				dangerous = append(dangerous, n)
			}
			return ast.WalkSkipChildren, nil
		default:
			return ast.WalkContinue, nil
		}
		written := string(*dest)
		if dangerousURL(*dest) {
			*dest = nil
			return ast.WalkContinue, nil
		}
		if r == nil {
			return ast.WalkContinue, nil
		}
		href, err := r.Link(written)
		if err != nil {
			addProblem(pc, n.Pos(), err)
			return ast.WalkContinue, nil
		}
		*dest = []byte(href)
		if fr, ok := r.(FragmentRecorder); ok && strings.Contains(href, "#") {
			fr.LinkedFragment(positionOf(pc, n.Pos()), written, href)
		}
		return ast.WalkContinue, nil
	})
	for _, n := range dangerous {
		emptyAutoLink(n, reader.Source())
	}
}

// dangerousURL reports whether a link, image or autolink URL would run or
// load something in the reader's browser: javascript:, vbscript:, file:
// and non-image data: URLs, in any case (goldmark's html.IsDangerousURL),
// as written, as goldmark writes it into the page (entities resolved,
// then escaped), and as a browser reads it (entities resolved, leading
// white space and control characters dropped, tabs and line breaks
// removed anywhere). It is the one check for links, images and
// autolinks; what it reports is emptied in every mode, also when the site
// lets raw HTML through.
func dangerousURL(u []byte) bool {
	if bytes.IndexByte(u, ':') < 0 && bytes.IndexByte(u, '&') < 0 {
		// No scheme as written, nor once entities are resolved (a colon
		// is written ":" or as an entity): a relative URL, as a
		// site's links to its own pages are, checked at no cost.
		return false
	}
	if html.IsDangerousURL(u) || html.IsDangerousURL(util.URLEscape(u, true)) {
		return true
	}
	s := stdhtml.UnescapeString(string(u))
	s = strings.TrimLeftFunc(s, func(r rune) bool { return r <= ' ' })
	s = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, s)
	return html.IsDangerousURL([]byte(s))
}

// emptyAutoLink replaces an autolink with a link to nowhere showing the
// same text, as goldmark renders a dangerous autolink in safe mode.
func emptyAutoLink(n *ast.AutoLink, source []byte) {
	l := ast.NewLink()
	label := ast.NewString(n.Label(source))
	label.SetRaw(true)
	l.AppendChild(l, label)
	n.Parent().ReplaceChild(n.Parent(), n, l)
}

type links struct{}

// Links is the goldmark extension that rewrites link destinations.
var Links goldmark.Extender = links{}

func (links) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(linkRewriter{}, linkRewriterPriority)))
}
