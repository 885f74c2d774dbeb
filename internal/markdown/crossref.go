package markdown

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Priorities of the cross-reference extension's parts.
const (
	// crossRefParserPriority is below goldmark's LinkParser (200): both
	// trigger on '[', and the lower number is asked first.
	crossRefParserPriority = 199
	// crossRefResolverPriority runs the resolving transformer after
	// parsing; no other transformer touches CrossRef nodes.
	crossRefResolverPriority = 100
	// crossRefRendererPriority is below the HTML renderer (1000), as for
	// goldmark's own extensions.
	crossRefRendererPriority = 500
)

// KindCrossRef is the node kind of a [[…]] cross-reference.
var KindCrossRef = ast.NewNodeKind("CrossRef")

// CrossRefNode is a [[target]] or [[target|text]] cross-reference. Its
// children are the link text; Dest is set when the reference resolves.
type CrossRefNode struct {
	ast.BaseInline
	Target      []byte
	Dest        []byte
	Description []byte
	// InLink is set for a reference inside the text of another link: it
	// renders as its text only, as an anchor may not contain an anchor.
	InLink bool
}

// Kind implements ast.Node.
func (n *CrossRefNode) Kind() ast.NodeKind { return KindCrossRef }

// Dump implements ast.Node.
func (n *CrossRefNode) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Target": string(n.Target), "Dest": string(n.Dest)}, nil)
}

type crossRefParser struct{}

var _ parser.InlineParser = crossRefParser{}

func (crossRefParser) Trigger() []byte { return []byte{'['} }

func (crossRefParser) Parse(_ ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if !bytes.HasPrefix(line, []byte("[[")) {
		return nil
	}
	// line starts with "[", so it has no padding: it is
	// src[seg.Start:seg.Stop] (and maybe a forced "\n").
	src := block.Source()
	start := seg.Start + 2
	// The target runs to the first "|", "[" or "]"; it may hold no
	// brackets. Only this much is scanned for each "[[", so that runs of
	// "[[" cost linear time, however long the line.
	t := bytes.IndexAny(src[start:seg.Stop], "|[]")
	if t < 0 || src[start+t] == '[' {
		return nil
	}
	target, label := src[start:start+t], []byte(nil)
	labelStart := 0
	end := start + t // the closing "]]"
	if src[end] == ']' {
		if end+1 >= seg.Stop || src[end+1] != ']' {
			return nil
		}
	} else {
		labelStart = end + 1
		end = closersOf(pc, src).next(labelStart)
		if end < 0 || end+2 > seg.Stop {
			return nil
		}
		label = src[labelStart:end]
		// In a GFM table cell the separator has to be written "\|".
		target = bytes.TrimSuffix(target, []byte{'\\'})
	}
	target = bytes.TrimSpace(target)
	if len(target) == 0 {
		return nil
	}
	n := &CrossRefNode{Target: target}
	if len(bytes.TrimSpace(label)) > 0 {
		n.AppendChild(n, ast.NewTextSegment(text.NewSegment(labelStart, end)))
	}
	block.Advance(end + 2 - seg.Start)
	return n
}

// closers finds the first "]]" at or after an offset of one source. The
// inline parsers read a document front to back, so the last answer
// usually still holds: the search for a label's end is linear over the
// document, not over each line for each "[[" ("[[a|" 100,000 times on a
// line would search the rest of the line each time).
type closers struct {
	src      []byte
	from, at int // at is the first "]]" at or after from, or -1
}

func closersOf(pc parser.Context, src []byte) *closers {
	c, _ := pc.Get(closersKey).(*closers)
	if c == nil {
		c = &closers{src: src, from: len(src) + 1}
		pc.Set(closersKey, c)
	}
	return c
}

// next returns the offset of the first "]]" at or after offset, or -1.
func (c *closers) next(offset int) int {
	if offset < c.from || (c.at >= 0 && c.at < offset) {
		c.from, c.at = offset, bytes.Index(c.src[offset:], []byte("]]"))
		if c.at >= 0 {
			c.at += offset
		}
	}
	return c.at
}

// crossRefResolver fills in each CrossRefNode with the page's Resolver.
type crossRefResolver struct{}

func (crossRefResolver) Transform(doc *ast.Document, _ text.Reader, pc parser.Context) {
	r := resolverOf(pc)
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		ref, ok := n.(*CrossRefNode)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		if r == nil {
			return ast.WalkSkipChildren, nil
		}
		href, label, desc, err := r.CrossRef(string(ref.Target))
		if err != nil {
			addProblem(pc, ref.Pos(), err)
			return ast.WalkSkipChildren, nil
		}
		ref.Dest, ref.Description = []byte(href), []byte(desc)
		if !ref.HasChildren() {
			// Raw: the label is plain text from front matter, to be
			// HTML-escaped but not Markdown-unescaped.
			s := ast.NewString([]byte(label))
			s.SetRaw(true)
			ref.AppendChild(ref, s)
		}
		for p := ref.Parent(); p != nil; p = p.Parent() {
			if p.Kind() == ast.KindLink {
				ref.InLink = true
				break
			}
		}
		return ast.WalkSkipChildren, nil
	})
}

type crossRefRenderer struct{}

func (crossRefRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindCrossRef, func(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		ref := n.(*CrossRefNode)
		if len(ref.Dest) == 0 {
			// Unresolved: the build fails; show the reference as written.
			if entering {
				_, _ = w.WriteString(`<span class="xref xref-broken">[[`)
				_, _ = w.Write(util.EscapeHTML(ref.Target))
				_, _ = w.WriteString(`]]</span>`)
			}
			return ast.WalkSkipChildren, nil
		}
		if ref.InLink {
			return ast.WalkContinue, nil
		}
		if entering {
			_, _ = w.WriteString(`<a class="xref" href="`)
			_, _ = w.Write(util.EscapeHTML(util.URLEscape(ref.Dest, true)))
			_, _ = w.WriteString(`"`)
			if len(ref.Description) > 0 {
				_, _ = w.WriteString(` title="`)
				_, _ = w.Write(util.EscapeHTML(ref.Description))
				_, _ = w.WriteString(`"`)
			}
			_, _ = w.WriteString(`>`)
		} else {
			_, _ = w.WriteString(`</a>`)
		}
		return ast.WalkContinue, nil
	})
}

type crossRef struct{}

// CrossRef is the goldmark extension for [[…]] cross-references.
var CrossRef goldmark.Extender = crossRef{}

func (crossRef) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithInlineParsers(util.Prioritized(crossRefParser{}, crossRefParserPriority)),
		parser.WithASTTransformers(util.Prioritized(crossRefResolver{}, crossRefResolverPriority)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(crossRefRenderer{}, crossRefRendererPriority)))
}
