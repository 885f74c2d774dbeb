package markdown

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

const (
	// headingAnchorPriority runs after the parser has given headings
	// their ids; it only appends nodes, so its order among the other
	// transformers does not matter.
	headingAnchorPriority = 200
	// headingAnchorRendererPriority is below the HTML renderer (1000).
	headingAnchorRendererPriority = 500
)

// KindHeadingAnchor is the node kind of a heading's self-link.
var KindHeadingAnchor = ast.NewNodeKind("HeadingAnchor")

// HeadingAnchorNode is the "#" link a heading gets to itself, so that a
// reader can copy a link to any section.
type HeadingAnchorNode struct {
	ast.BaseInline
	ID []byte
}

// Kind implements ast.Node.
func (n *HeadingAnchorNode) Kind() ast.NodeKind { return KindHeadingAnchor }

// Dump implements ast.Node.
func (n *HeadingAnchorNode) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"ID": string(n.ID)}, nil)
}

type headingAnchorAdder struct{}

func (headingAnchorAdder) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		h, ok := n.(*ast.Heading)
		if !ok {
			continue
		}
		if id, ok := h.AttributeString("id"); ok {
			if b, ok := id.([]byte); ok && len(b) > 0 {
				h.AppendChild(h, &HeadingAnchorNode{ID: b})
			}
		}
	}
}

type headingAnchorRenderer struct{}

func (headingAnchorRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindHeadingAnchor, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(` <a class="anchor" href="#`)
			_, _ = w.Write(util.EscapeHTML(n.(*HeadingAnchorNode).ID))
			_, _ = w.WriteString(`" aria-label="Link to this section">#</a>`)
		}
		return ast.WalkSkipChildren, nil
	})
}

type headingAnchors struct{}

// HeadingAnchors is the goldmark extension that gives every top-level
// heading with an id a "#" link to itself.
var HeadingAnchors goldmark.Extender = headingAnchors{}

func (headingAnchors) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(headingAnchorAdder{}, headingAnchorPriority)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(headingAnchorRenderer{}, headingAnchorRendererPriority)))
}
