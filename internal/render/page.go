package render

import (
	"html/template"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/crosswalk-ssg/crosswalk/internal/layout"
	"github.com/crosswalk-ssg/crosswalk/internal/markdown"
	"github.com/crosswalk-ssg/crosswalk/internal/model"
	"github.com/crosswalk-ssg/crosswalk/internal/vocab"
)

// Site is what every page can show about the whole site.
type Site struct {
	Title      string
	Language   string
	Footer     string
	BaseURL    string // absolute, ending in "/"; "" when not known
	Home       *model.Doc
	Frameworks []*model.Framework
	Crosswalks []*model.Crosswalk
	Menu       []*model.Page // pages with "menu: main", by weight
	Search     *model.Doc    // the search page
}

// Page is the data a template executes with.
type Page struct {
	Site    *Site
	Doc     *model.Doc
	Title   string
	Content template.HTML // the page's rendered Markdown prose

	// Set according to Doc.Kind.
	Page      *model.Page
	Framework *FrameworkView
	Element   *ElementView
	Crosswalk *CrosswalkView
	Part      *PartView

	Breadcrumbs []NavLink

	renderer *Renderer
	// markdown is what converting the page's prose gave: its headings
	// for the table of contents (TOC), its ids for the fragment check.
	markdown markdown.Result
	// sideTree is SideTree's result, made once: the header and the
	// frame both ask for it.
	sideTree     []TreeNode
	sideTreeMade bool
}

// NavLink is a link of the site's navigation (SiteNav) or a step of a
// breadcrumb trail (Breadcrumbs), as the page shows it.
type NavLink struct {
	Title   string
	Doc     *model.Doc
	URL     string // Doc's, from the page
	Current bool   // the page is Doc (in SiteNav, for a framework: or within it)
}

// SiteNav is the site's navigation as the page shows it: each framework
// (current on its pages), each crosswalk ("Crosswalk" when there is one)
// and each menu page. Made in Go, like Breadcrumbs, because every page
// shows it: a template that works it out calls DocURL, InSection and
// IsCurrent for every link of every page.
func (p *Page) SiteNav() []NavLink {
	s := p.Site
	out := make([]NavLink, 0, len(s.Frameworks)+len(s.Crosswalks)+len(s.Menu))
	for _, fw := range s.Frameworks {
		out = append(out, NavLink{Title: fw.Name(), Doc: fw.Doc, URL: p.DocURL(fw.Doc), Current: p.InSection(fw.Doc)})
	}
	for _, cw := range s.Crosswalks {
		title := cw.Title
		if len(s.Crosswalks) == 1 {
			title = "Crosswalk"
		}
		out = append(out, NavLink{Title: title, Doc: cw.Doc, URL: p.DocURL(cw.Doc), Current: p.IsCurrent(cw.Doc)})
	}
	for _, m := range s.Menu {
		out = append(out, NavLink{Title: m.Title, Doc: m.Doc, URL: p.DocURL(m.Doc), Current: p.IsCurrent(m.Doc)})
	}
	return out
}

// absolute reports whether this page's links are absolute: the 404 page
// is served at whatever URL was missing, so relative links would break.
func (p *Page) absolute() bool { return p.Doc.Kind == model.KindNotFound && p.Site.BaseURL != "" }

// URL returns the URL of an output file (a slash path from the site
// root, such as "style.css") relative to this page.
func (p *Page) URL(outputPath string) string {
	if p.absolute() {
		return p.Site.BaseURL + outputPath
	}
	return layout.Rel(p.Doc.Path, outputPath)
}

// SearchURL returns the URL of the site's search page from this page, or
// "" when the site has none or this is it: where the header offers the
// search box.
func (p *Page) SearchURL() string {
	if s := p.Site.Search; s != nil && s != p.Doc {
		return p.DocURL(s)
	}
	return ""
}

// SearchIndexURL returns the URL of the search index script.
func (p *Page) SearchIndexURL() string { return p.URL(layout.SearchIndex) }

// DocURL returns the URL of another page relative to this one.
func (p *Page) DocURL(d *model.Doc) string { return p.URL(d.Path) }

// ElementURL returns the URL of an element (its page, or its anchor on
// its ancestor's page) relative to this page.
func (p *Page) ElementURL(e *model.Element) string {
	if p.absolute() {
		return p.URL(e.Doc.Path) + anchor(e.Anchor)
	}
	return layout.AnchorRel(p.Doc.Path, e.Doc.Path, e.Anchor)
}

func anchor(a string) string {
	if a == "" {
		return ""
	}
	return "#" + a
}

// Downloads returns the data files this page offers.
func (p *Page) Downloads() []Download { return p.renderer.downloads[p.Doc] }

// Canonical returns the page's absolute URL, for <link rel="canonical">,
// or "" when the base URL is not known. Folder URLs end in "/", as GitHub
// Pages serves them.
func (p *Page) Canonical() string {
	if p.Site.BaseURL == "" || p.Doc.Kind == model.KindNotFound {
		return ""
	}
	return p.Site.BaseURL + layout.Canonical(p.Doc.Path)
}

// AliasURL returns where an alias page redirects, relative to it.
func (p *Page) AliasURL() string {
	a := p.Doc.Alias
	return layout.Rel(p.Doc.Path, a.Doc.Path) + anchor(a.Anchor)
}

// AliasCanonical returns the canonical URL of an alias page's target:
// absolute when the base URL is known, else relative.
func (p *Page) AliasCanonical() string {
	a := p.Doc.Alias
	if p.Site.BaseURL != "" {
		return p.Site.BaseURL + layout.Canonical(a.Doc.Path)
	}
	return layout.Rel(p.Doc.Path, a.Doc.Path)
}

// IsCurrent reports whether d is this page.
func (p *Page) IsCurrent(d *model.Doc) bool { return d == p.Doc }

// InSection reports whether this page is d or lies below d's folder, for
// marking the current entry of the site menu.
func (p *Page) InSection(d *model.Doc) bool {
	if d == p.Doc {
		return true
	}
	dir := path.Dir(d.Path)
	return dir != "." && strings.HasPrefix(p.Doc.Path, dir+"/")
}

func breadcrumbs(site *Site, d *model.Doc) []NavLink {
	if d.Kind == model.KindHome {
		return nil
	}
	crumbs := []NavLink{{Title: "Home", Doc: site.Home}}
	switch {
	case d.Element != nil:
		e := d.Element
		crumbs = append(crumbs, NavLink{Title: e.Framework.Name(), Doc: e.Framework.Doc})
		for _, a := range e.Ancestors() {
			if a.OwnPage() {
				crumbs = append(crumbs, NavLink{Title: a.Label(), Doc: a.Doc})
			}
		}
		crumbs = append(crumbs, NavLink{Title: e.Label(), Doc: d})
	case d.Part != nil:
		cw := d.Part.Crosswalk
		crumbs = append(crumbs, NavLink{Title: cw.Title, Doc: cw.Doc})
		for _, up := range partTrail(d.Part) {
			crumbs = append(crumbs, NavLink{Title: up.Title, Doc: up})
		}
		crumbs = append(crumbs, NavLink{Title: d.Title, Doc: d})
	default:
		crumbs = append(crumbs, NavLink{Title: d.Title, Doc: d})
	}
	return crumbs
}

// partTrail is the drill-downs a part page lies below, outermost first:
// those of a drill-down's element's ancestors, and for a cell page of a
// drill-down, that drill-down and its own.
func partTrail(pt *model.CrosswalkPart) []*model.Doc {
	cw := pt.Crosswalk
	var e *model.Element
	drills := cw.Parts.Rows
	var out []*model.Doc
	switch pt.Kind {
	case model.PartRow, model.PartColumn:
		e = pt.Element.Parent
		if pt.Kind == model.PartColumn {
			drills = cw.Parts.Columns
		}
	case model.PartCell:
		up := matrixDocOf(pt)
		if up == cw.Doc {
			return nil
		}
		out = append(out, up)
		e = up.Part.Element.Parent
		if up.Part.Kind == model.PartColumn {
			drills = cw.Parts.Columns
		}
	}
	for ; e != nil; e = e.Parent {
		if d := drills[e]; d != nil {
			out = append([]*model.Doc{d}, out...)
		}
	}
	return out
}

// UpDoc is where a drill-down's "up" link goes: the drill-down of its
// element's nearest ancestor that has one, else the crosswalk page.
func (p *Page) UpDoc() *model.Doc {
	if t := partTrail(p.Part.CrosswalkPart); len(t) > 0 {
		return t[len(t)-1]
	}
	return p.Part.Crosswalk.Doc
}

// MatrixDoc returns the page of the matrix a cell page comes from, where
// "back to the matrix" goes: the drill-down whose cell it is (a head
// below the top level, or an element alone), else the crosswalk page.
func (p *Page) MatrixDoc() *model.Doc { return matrixDocOf(p.Part.CrosswalkPart) }

func matrixDocOf(pt *model.CrosswalkPart) *model.Doc {
	cw := pt.Crosswalk
	up := func(h model.Head) *model.Element {
		if h.Self {
			return h.Element
		}
		return h.Element.Parent
	}
	if e := up(pt.Row); pt.Kind == model.PartCell && e != nil && cw.Parts.Rows[e] != nil {
		return cw.Parts.Rows[e]
	}
	if e := up(pt.Col); pt.Kind == model.PartCell && e != nil && cw.Parts.Columns[e] != nil {
		return cw.Parts.Columns[e]
	}
	return cw.Doc
}

// CounterpartTable is the argument of the counterparts partial.
type CounterpartTable struct {
	Page *Page
	List []Counterpart
	Via  bool // show which element of this page each row belongs to
}

// Filterable reports whether the table gets filters (FilterableRows).
func (t CounterpartTable) Filterable() bool { return filterable(len(t.List)) }

// Columns says which optional columns a table of counterparts needs: a
// column that would be empty on every row is left out, and a status that
// every record shares with its crosswalk is said once by the page.
type Columns struct {
	Relationship, AsPublished, Rationale, Basis, Status bool
}

// Columns returns the optional columns the table needs.
func (t CounterpartTable) Columns() Columns {
	var c Columns
	for _, cp := range t.List {
		m := cp.Mapping
		c.Relationship = c.Relationship || m.Stated()
		c.AsPublished = c.AsPublished || m.AsPublished != ""
		c.Rationale = c.Rationale || m.Rationale != ""
		c.Basis = c.Basis || m.Basis != "" || m.Evidence != ""
		c.Status = c.Status || cp.StatusShown()
	}
	return c
}

// Table wraps a list of counterparts for the counterparts partial.
func (p *Page) Table(list []Counterpart, via bool) CounterpartTable {
	return CounterpartTable{Page: p, List: list, Via: via}
}

// Levels are the table's level filters: the counterparts' side, named
// "target" as filters.js has it.
func (t CounterpartTable) Levels() TableLevels {
	others := make([]*model.Element, len(t.List))
	for i, c := range t.List {
		others[i] = c.Other
	}
	return TableLevels{Target: levelFilters(others)}
}

// ElementTree is the argument of the tree partial.
type ElementTree struct {
	Page  *Page
	List  []*model.Element
	Depth int // list children of elements shallower than this
}

// Tree wraps elements for the tree partial, which lists their children
// down to depth.
func (p *Page) Tree(list []*model.Element, depth int) ElementTree {
	return ElementTree{Page: p, List: list, Depth: depth}
}

// ContentsLimit bounds a framework page's contents: it lists its
// elements as many levels deep as keeps the list within this many
// entries (the top level always), and each element's page lists its
// children.
const ContentsLimit = 500

// ContentsDepth is how deep the framework page's contents go: the
// deepest level at which the elements down to it are at most
// ContentsLimit.
func (p *Page) ContentsDepth() int {
	fw := p.Framework
	if fw == nil {
		return 0
	}
	var perDepth []int
	for _, e := range fw.Elements {
		for len(perDepth) <= e.Depth {
			perDepth = append(perDepth, 0)
		}
		perDepth[e.Depth]++
	}
	depth, n := 0, 0
	for d, k := range perDepth {
		if n += k; n > ContentsLimit && d > 0 {
			break
		}
		depth = d
	}
	return depth
}

// EntryLimit bounds the home page's entry points: each framework lists at
// most this many of its top-level elements there, then links to its page
// for the rest.
const EntryLimit = 40

// Entries returns the first EntryLimit elements of list, for the home
// page's entry points.
func (p *Page) Entries(list []*model.Element) []*model.Element {
	return list[:min(len(list), EntryLimit)]
}

// MappingCount returns how many mapping records name e.
func (p *Page) MappingCount(e *model.Element) int { return e.Records() }

// One makes a list of one crosswalk, for the draft-notice partial.
func (p *Page) One(cw *model.Crosswalk) []*model.Crosswalk { return []*model.Crosswalk{cw} }

// SubtreeCount returns how many mapping records name e or an element
// inside it, across every crosswalk: a count for entry points and trees.
func (p *Page) SubtreeCount(e *model.Element) int { return e.RecordsWithin() }

// CrosswalkList is the argument of partials that say something once
// about the crosswalks whose records a page shows.
type CrosswalkList struct {
	Page *Page
	List []*model.Crosswalk
}

// Crosswalked wraps crosswalks for the record-source partial.
func (p *Page) Crosswalked(list []*model.Crosswalk) CrosswalkList {
	return CrosswalkList{Page: p, List: list}
}

// UnstatedExplanation says what a record that states no relationship
// type means.
func (p *Page) UnstatedExplanation() string { return vocab.UnstatedExplanation }

// HoldsSummary says what a counterpart holds: "7.2 holds 1 process check",
// "GOVERN holds 6 categories and 19 subcategories".
func (p *Page) HoldsSummary(e *model.Element, held []*model.Element) string {
	counts := map[int]int{}
	for _, d := range held {
		counts[d.Depth]++
	}
	var parts []string
	for depth := e.Depth + 1; depth < len(e.Framework.Levels); depth++ {
		n := counts[depth]
		if n == 0 {
			continue
		}
		l := e.Framework.Levels[depth]
		name := l.Plural
		if n == 1 {
			name = l.Name
		}
		parts = append(parts, strconv.Itoa(n)+" "+name)
	}
	list := strings.Join(parts, ", ")
	if i := strings.LastIndex(list, ", "); i >= 0 {
		list = list[:i] + " and " + list[i+2:]
	}
	return e.ID + " holds " + list
}

// Date writes a content date (2023-10-12) for readers: "12 October 2023";
// anything else is returned as written.
func (p *Page) Date(s string) string {
	t, err := time.Parse("2006-01-02", strings.TrimSpace(s))
	if err != nil {
		return s
	}
	return t.Format("2 January 2006")
}
