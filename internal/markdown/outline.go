package markdown

import (
	"bytes"
	stdhtml "html"
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	xhtml "golang.org/x/net/html"
)

// outlinePriority runs the outline collector after every transformer
// that adds, moves or numbers nodes: the heading anchors (200) and the
// footnote transformer (999), which numbers footnotes and their
// references and moves the definitions to the end of the document. What
// it sees is then the tree the renderer writes.
const outlinePriority = 1000

// outlineKey holds the *outline of the conversion in its parser.Context.
var outlineKey = parser.NewContextKey()

// Heading is a heading of converted Markdown.
type Heading struct {
	Level int    // 1 to 6
	ID    string // its id attribute, as the page has it
	// Title is its text as a reader sees it: markup, images and the "#"
	// self-link left out, escapes and entities resolved, spaces trimmed.
	Title string
}

// outline is what the collector found in one document.
type outline struct {
	headings []Heading
	ids      []string
}

// Outline is the goldmark extension that collects, while a document is
// converted, its headings and every id attribute its HTML will have, for
// Convert's Result. RawHTML says that raw HTML reaches the page
// (html.WithUnsafe): the ids in it are then the page's too, and its
// markup is not part of a heading's title.
type Outline struct{ RawHTML bool }

// Extend implements goldmark.Extender.
func (o Outline) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(outlineCollector{rawHTML: o.RawHTML}, outlinePriority)))
}

// outlineCollector reads the finished tree; it changes nothing in it.
type outlineCollector struct{ rawHTML bool }

func (c outlineCollector) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	o := &outline{}
	src := reader.Source()
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		// goldmark's renderers write the id attribute of any node that
		// has one (html.GlobalAttributeFilter). Only headings have one
		// here (parser.WithAutoHeadingID); asking every node keeps an id
		// that an extension sets elsewhere from being missed.
		if id, ok := idAttribute(n); ok {
			o.ids = append(o.ids, id)
			if h, ok := n.(*ast.Heading); ok {
				o.headings = append(o.headings, Heading{Level: h.Level, ID: id, Title: c.title(h, src)})
			}
		}
		// The ids extension.Footnote writes (with no IDPrefix, as New
		// sets it up): "fnref:1" on a reference, "fnref1:1" on the
		// second reference to the same footnote, "fn:1" on the footnote.
		switch n := n.(type) {
		case *east.FootnoteLink:
			ref := ""
			if n.RefIndex > 0 {
				ref = strconv.Itoa(n.RefIndex)
			}
			o.ids = append(o.ids, "fnref"+ref+":"+strconv.Itoa(n.Index))
		case *east.Footnote:
			o.ids = append(o.ids, "fn:"+strconv.Itoa(n.Index))
		case *ast.RawHTML:
			if c.rawHTML {
				o.ids = append(o.ids, htmlIDs(segmentsValue(n.Segments, src))...)
			}
			return ast.WalkSkipChildren, nil
		case *ast.HTMLBlock:
			if c.rawHTML {
				b := segmentsValue(n.Lines(), src)
				if n.HasClosure() {
					b = append(b, n.ClosureLine.Value(src)...)
				}
				o.ids = append(o.ids, htmlIDs(b)...)
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	pc.Set(outlineKey, o)
}

// outlineOf returns what the collector found in the conversion of pc.
func outlineOf(pc parser.Context) *outline {
	o, _ := pc.Get(outlineKey).(*outline)
	if o == nil {
		return &outline{}
	}
	return o
}

func idAttribute(n ast.Node) (string, bool) {
	v, ok := n.AttributeString("id")
	if !ok {
		return "", false
	}
	var id string
	switch v := v.(type) {
	case []byte:
		id = string(v)
	case string:
		id = v
	}
	return id, id != ""
}

func segmentsValue(segs *text.Segments, src []byte) []byte {
	var b []byte
	for i := range segs.Len() {
		s := segs.At(i)
		b = append(b, s.Value(src)...)
	}
	return b
}

// htmlIDs returns the id attributes of the tags in a piece of raw HTML,
// read as a browser reads them (any quoting, entities resolved; nothing
// in comments or in the text of a script).
func htmlIDs(b []byte) []string {
	var ids []string
	z := xhtml.NewTokenizer(bytes.NewReader(b))
	for {
		switch z.Next() {
		case xhtml.ErrorToken:
			return ids
		case xhtml.StartTagToken, xhtml.SelfClosingTagToken:
			for _, a := range z.Token().Attr {
				if a.Namespace == "" && a.Key == "id" && a.Val != "" {
					ids = append(ids, a.Val)
				}
			}
		}
	}
}

// title returns the text of heading h as the page shows it. Each inline
// node contributes what goldmark's HTML renderer writes for it as text
// (not in tags or attributes). Text goes through goldmark's own Writer,
// which resolves backslash escapes and entity references exactly as it
// does for the page; its output is escaped text, which UnescapeString
// turns back into what a reader sees.
func (c outlineCollector) title(h *ast.Heading, src []byte) string {
	w := new(htmlBuilder) // goldmark's writer wants a buffered writer
	var walk func(n ast.Node)
	walk = func(n ast.Node) {
		for n := n.FirstChild(); n != nil; n = n.NextSibling() {
			switch n := n.(type) {
			case *ast.Text:
				if n.IsRaw() {
					html.DefaultWriter.RawWrite(w, n.Value(src))
				} else {
					html.DefaultWriter.Write(w, n.Value(src))
				}
				// A hard line break is "<br>\n": the tag is no text.
				if n.SoftLineBreak() || n.HardLineBreak() {
					_ = w.WriteByte('\n')
				}
			case *ast.String:
				switch {
				case n.IsCode():
					// Already HTML: goldmark writes it as it is.
					_, _ = w.Write(n.Value)
				case n.IsRaw():
					html.DefaultWriter.RawWrite(w, n.Value)
				default:
					html.DefaultWriter.Write(w, n.Value)
				}
			case *ast.CodeSpan:
				for t := n.FirstChild(); t != nil; t = t.NextSibling() {
					if t, ok := t.(*ast.Text); ok {
						// A line end in code is a space.
						v := t.Value(src)
						if bytes.HasSuffix(v, []byte("\n")) {
							html.DefaultWriter.RawWrite(w, v[:len(v)-1])
							_ = w.WriteByte(' ')
						} else {
							html.DefaultWriter.RawWrite(w, v)
						}
					}
				}
			case *ast.AutoLink:
				html.DefaultWriter.RawWrite(w, n.Label(src))
			case *ast.RawHTML:
				// Shown as text when escaped (escapedRawHTML); markup
				// otherwise.
				if !c.rawHTML {
					html.DefaultWriter.RawWrite(w, segmentsValue(n.Segments, src))
				}
			case *CrossRefNode:
				if len(n.Dest) == 0 {
					_, _ = w.WriteString("[[")
					html.DefaultWriter.RawWrite(w, n.Target)
					_, _ = w.WriteString("]]")
				} else {
					walk(n)
				}
			case *east.FootnoteLink:
				_, _ = w.WriteString(strconv.Itoa(n.Index))
			case *ast.Image, *HeadingAnchorNode, *east.TaskCheckBox:
				// An image's text is its alt attribute; the self-link
				// is not part of the title.
			default:
				walk(n)
			}
		}
	}
	walk(h)
	return strings.TrimSpace(stdhtml.UnescapeString(w.String()))
}
