package render

import (
	"html/template"
	"strconv"
	"strings"

	"github.com/crosswalk-ssg/crosswalk/internal/model"
)

// TreeNode is one entry of a framework's side tree: an element that has a
// page of its own, with its children that have pages too. Only the branch
// of the current page is expanded (Children is empty elsewhere), as in
// MkDocs: no disclosure widgets, so no links nested in controls.
//
// A node with no Element stands for siblings the window leaves out
// (TreeWindow): More of them, listed in full at URL.
type TreeNode struct {
	Element  *model.Element
	URL      string // relative to the page the tree is on
	Current  bool   // this page
	Open     bool   // this page or one of its ancestors: the branch is shown open
	Children []TreeNode
	More     int // for a gap: how many siblings it stands for
}

// TreeWindow bounds the side tree: at each level of the open branch it
// shows the open entry and up to TreeWindow siblings on each side (more on
// one side where the other has fewer), and up to 2×TreeWindow+1 of the
// current page's children. The rest are a "… N more" link to the list
// that holds them all: the parent's page, or the framework's for the top
// level, or this page's own list of its children. So a page's navigation
// depends on its depth, not on how wide its framework is.
const TreeWindow = 5

// SideTree returns the side tree of the framework an element page
// belongs to, or nil on other pages (a framework page lists its contents
// in full in its body).
func (p *Page) SideTree() []TreeNode {
	if !p.sideTreeMade {
		p.sideTree, p.sideTreeMade = p.makeSideTree(), true
	}
	return p.sideTree
}

// makeSideTree makes the side tree SideTree returns.
func (p *Page) makeSideTree() []TreeNode {
	if p.Element == nil {
		return nil
	}
	fw, current := p.Element.Framework, p.Element.Element
	var nodes func(list []*model.Element, all string) []TreeNode
	nodes = func(list []*model.Element, all string) []TreeNode {
		pages := make([]*model.Element, 0, len(list))
		open := -1
		for _, e := range list {
			if !e.OwnPage() {
				continue
			}
			if current.Within(e) {
				open = len(pages)
			}
			pages = append(pages, e)
		}
		from, to := window(len(pages), open)
		var out []TreeNode
		if from > 0 {
			out = append(out, TreeNode{URL: all, More: from})
		}
		for _, e := range pages[from:to] {
			n := TreeNode{Element: e, URL: p.ElementURL(e), Current: e == current, Open: current.Within(e)}
			if n.Open {
				n.Children = nodes(e.Children, p.ElementURL(e)+"#children")
			}
			out = append(out, n)
		}
		if to < len(pages) {
			out = append(out, TreeNode{URL: all, More: len(pages) - to})
		}
		return out
	}
	return nodes(fw.Roots, p.DocURL(fw.Doc)+"#contents")
}

// window returns the part [from, to) of n siblings that the side tree
// shows around the open one (open < 0: none is open, the current page's
// children, shown from the first).
func window(n, open int) (from, to int) {
	size := 2*TreeWindow + 1
	if n <= size {
		return 0, n
	}
	if open < 0 {
		return 0, size
	}
	from = min(max(open-TreeWindow, 0), n-size)
	return from, from + size
}

// Pager links a page to the pages before and after it in its framework.
type Pager struct {
	Prev, Next *model.Element
}

// Pager returns the previous and next element pages of an element page,
// in framework order, from the table the renderer made once (pagers).
func (p *Page) Pager() Pager {
	if p.Element == nil {
		return Pager{}
	}
	return p.renderer.pagers[p.Element.Element]
}

// pagers walks each framework's elements once and gives every element
// with a page of its own its previous and next such element, so that no
// page walks its framework to find them.
func pagers(site *model.Site) map[*model.Element]Pager {
	out := map[*model.Element]Pager{}
	for _, fw := range site.Frameworks {
		var prev *model.Element
		for _, e := range fw.Elements {
			if !e.OwnPage() {
				continue
			}
			if prev != nil {
				pp := out[prev]
				pp.Next = e
				out[prev] = pp
			}
			out[e] = Pager{Prev: prev}
			prev = e
		}
	}
	return out
}

// TOCEntry is one line of a page's table of contents.
type TOCEntry struct {
	ID    string
	Title string
	Level int // 2 or 3
}

// TOC returns the table of contents of a long page: the sections the
// template writes and the headings of the page's prose. It is empty for
// pages with fewer than three entries.
func (p *Page) TOC() []TOCEntry {
	var toc []TOCEntry
	switch {
	case p.Element != nil:
		toc = append(toc, TOCEntry{ID: "counterparts", Title: "Counterparts", Level: 2})
		toc = append(toc, p.headings()...)
		if len(p.Element.ChildPages) > 0 {
			toc = append(toc, TOCEntry{ID: "children", Title: p.Element.ChildPages[0].Level().Plural, Level: 2})
		}
		if len(p.Element.Sections) > 0 {
			toc = append(toc, TOCEntry{ID: "sections", Title: "Contents of " + p.Element.Label(), Level: 2})
			for _, s := range p.Element.Sections {
				if s.Level == 2 {
					toc = append(toc, TOCEntry{ID: s.Element.Anchor, Title: s.Element.Kind() + " " + s.Element.Label(), Level: 3})
				}
			}
		}
	case p.Crosswalk != nil:
		// The answer first (matrix, coverage, gaps, records), then how
		// the crosswalk was made.
		toc = append(toc,
			TOCEntry{ID: "matrix", Title: "Matrix", Level: 2},
			TOCEntry{ID: "coverage", Title: "Coverage", Level: 2},
			TOCEntry{ID: "gaps", Title: "Gaps", Level: 2},
			TOCEntry{ID: "mappings", Title: "All mapping records", Level: 2},
			TOCEntry{ID: "about", Title: "About this crosswalk", Level: 2},
			TOCEntry{ID: "relationships", Title: "Relationships", Level: 2},
		)
		if p.Crosswalk.Transcription != nil {
			toc = append(toc, TOCEntry{ID: "transcription", Title: "Transcription", Level: 2})
		}
		if len(p.Downloads()) > 0 {
			toc = append(toc, TOCEntry{ID: "downloads", Title: "Downloads", Level: 2})
		}
		toc = append(toc, p.headings()...)
	case p.Part != nil:
		return nil
	default:
		toc = p.headings()
	}
	if len(toc) < 3 {
		return nil
	}
	return toc
}

// SideTreeHTML writes a side tree (the side-tree partial): a list of its
// nodes, the open branch nested. Every page of a framework has one, of up
// to a few dozen entries, and a template spent a tenth of an element
// page's time on it in reflection; the frame around it is the theme's.
func SideTreeHTML(nodes []TreeNode) template.HTML {
	var b strings.Builder
	b.Grow(treeBytes * treeNodes(nodes))
	writeTree(&b, nodes)
	return template.HTML(b.String())
}

// treeBytes is about what writeTree writes for one node: enough to size
// its buffer once, where growing it was a third of what the renderer's
// Go-written fragments allocated.
const treeBytes = 100

// treeNodes counts the nodes of a tree.
func treeNodes(nodes []TreeNode) int {
	n := len(nodes)
	for _, node := range nodes {
		n += treeNodes(node.Children)
	}
	return n
}

func writeTree(b *strings.Builder, nodes []TreeNode) {
	b.WriteString("<ul>")
	for _, n := range nodes {
		if n.Element == nil {
			b.WriteString("\n<li class=\"tree-more\"><a href=\"")
			b.WriteString(escapeHTML(n.URL))
			b.WriteString("\">… ")
			b.WriteString(strconv.Itoa(n.More))
			b.WriteString(" more</a></li>")
			continue
		}
		b.WriteString("\n<li")
		if n.Open {
			b.WriteString(` class="open"`)
		}
		b.WriteString(`><a href="`)
		b.WriteString(escapeHTML(n.URL))
		b.WriteString(`"`)
		if n.Current {
			b.WriteString(` aria-current="page"`)
		}
		b.WriteString(">")
		writeElementID(b, n.Element)
		if t := n.Element.DisplayTitle(); t != "" {
			b.WriteString(" ")
			b.WriteString(escapeHTML(t))
		}
		if n.Element.Withdrawn {
			b.WriteString(` <span class="withdrawn-tag">(withdrawn)</span>`)
		}
		b.WriteString("</a>")
		if len(n.Children) > 0 {
			b.WriteString("\n")
			writeTree(b, n.Children)
		}
		b.WriteString("\n</li>")
	}
	b.WriteString("\n</ul>\n")
}

// ElementID is the id an element is shown by (the id partial): the
// publisher's; a site's own id (ids: site) only where the element has no
// title, and then marked as the site's.
func ElementID(e *model.Element) template.HTML {
	var b strings.Builder
	writeElementID(&b, e)
	return template.HTML(b.String())
}

// writeElementID writes ElementID's HTML to b: the side tree writes one
// for each of its nodes.
func writeElementID(b *strings.Builder, e *model.Element) {
	if e.SiteID() {
		if e.DisplayTitle() == "" {
			b.WriteString(`<span class="id site-id" title="an id assigned by this site, not by the publisher">`)
			b.WriteString(escapeHTML(e.ID))
			b.WriteString(" (site id)</span>")
		}
		return
	}
	b.WriteString(`<span class="id">`)
	b.WriteString(escapeHTML(e.DisplayID()))
	b.WriteString("</span>")
}

// The navigation every page has (the site menu, the breadcrumbs, the
// table of contents, the pager) is written here in Go, as the side tree
// is: in a template each link was a dozen calls through reflection (the
// value, then html/template's escapers), and these lists were about a
// sixth of rendering an element page. Their partials keep the markup
// around the lists, and a theme's own partial can range over the same
// data (Page.SiteNav, Breadcrumbs, TOC, Pager).

// NavItemsHTML writes the site menu's entries (Page.SiteNav) as the
// header partial lists them: a line for each, the current one marked.
func NavItemsHTML(links []NavLink) template.HTML {
	return navList(links, func(b *strings.Builder, l NavLink) { writeLink(b, l.URL, l.Title, l.Current) })
}

// CrumbsHTML writes the steps of the breadcrumbs (Page.Breadcrumbs): a
// link for each, the current page named without one.
func CrumbsHTML(links []NavLink) template.HTML {
	return navList(links, func(b *strings.Builder, l NavLink) {
		if !l.Current {
			writeLink(b, l.URL, l.Title, false)
			return
		}
		b.WriteString(`<span aria-current="page">`)
		b.WriteString(escapeHTML(l.Title))
		b.WriteString(`</span>`)
	})
}

// navList writes a line for each link, an <li> holding what item writes.
func navList(links []NavLink, item func(*strings.Builder, NavLink)) template.HTML {
	var b strings.Builder
	b.Grow(len(links) * 80)
	for _, l := range links {
		b.WriteString("\n<li>")
		item(&b, l)
		b.WriteString("</li>")
	}
	return template.HTML(b.String())
}

// writeLink writes a link to url reading title, marked as the current
// page's when current is set.
func writeLink(b *strings.Builder, url, title string, current bool) {
	b.WriteString(`<a href="`)
	b.WriteString(escapeHref(url))
	b.WriteString(`"`)
	if current {
		b.WriteString(` aria-current="page"`)
	}
	b.WriteString(`>`)
	b.WriteString(escapeHTML(title))
	b.WriteString(`</a>`)
}

// TOCItemsHTML writes the entries of the table of contents (Page.TOC),
// each a link to its section, classed by its level.
func TOCItemsHTML(entries []TOCEntry) template.HTML {
	var b strings.Builder
	b.Grow(len(entries) * 80)
	for _, e := range entries {
		b.WriteString(`
<li class="toc-`)
		b.WriteString(strconv.Itoa(e.Level))
		b.WriteString(`"><a href="#`)
		b.WriteString(escapeFragment(e.ID))
		b.WriteString(`">`)
		b.WriteString(escapeHTML(e.Title))
		b.WriteString(`</a></li>`)
	}
	return template.HTML(b.String())
}

// PagerLinks writes the links of an element page's pager (Page.Pager) to
// the previous and the next element page, those there are.
func (p *Page) PagerLinks() template.HTML {
	pg := p.Pager()
	var b strings.Builder
	b.Grow(256)
	for _, l := range []struct {
		e               *model.Element
		class, rel, dir string
	}{{pg.Prev, "pager-prev", "prev", "Previous"}, {pg.Next, "pager-next", "next", "Next"}} {
		if l.e == nil {
			continue
		}
		b.WriteString(`<a class="`)
		b.WriteString(l.class)
		b.WriteString(`" rel="`)
		b.WriteString(l.rel)
		b.WriteString(`" href="`)
		b.WriteString(escapeHref(p.ElementURL(l.e)))
		b.WriteString(`"><span class="pager-dir">`)
		b.WriteString(l.dir)
		b.WriteString(`</span> `)
		b.WriteString(escapeHTML(l.e.Label()))
		b.WriteString(`</a>`)
	}
	return template.HTML(b.String())
}
