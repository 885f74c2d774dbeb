package markdown

import (
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

func (linkRewriter) Transform(doc *ast.Document, _ text.Reader, pc parser.Context) {
	r := resolverOf(pc)
	if r == nil {
		return
	}
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
		default:
			return ast.WalkContinue, nil
		}
		written := string(*dest)
		if html.IsDangerousURL(*dest) {
			// javascript:, vbscript:, file: and non-image data: URLs run
			// or load something in the reader's browser: empty them, also
			// when the site lets raw HTML through.
			*dest = nil
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
}

type links struct{}

// Links is the goldmark extension that rewrites link destinations.
var Links goldmark.Extender = links{}

func (links) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(linkRewriter{}, linkRewriterPriority)))
}
