package render

import (
	"html/template"
	"path"
	"strings"

	"github.com/crosswalk-ssg/crosswalk/generator/export"
	"github.com/crosswalk-ssg/crosswalk/generator/link"
	"github.com/crosswalk-ssg/crosswalk/generator/model"
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

	Breadcrumbs []Crumb

	renderer *Renderer
}

// Crumb is one step of a breadcrumb trail.
type Crumb struct {
	Title string
	Doc   *model.Doc
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
	return link.Rel(p.Doc.Path, outputPath)
}

// DocURL returns the URL of another page relative to this one.
func (p *Page) DocURL(d *model.Doc) string { return p.URL(d.Path) }

// ElementURL returns the URL of an element (its page, or its anchor on
// its ancestor's page) relative to this page.
func (p *Page) ElementURL(e *model.Element) string {
	if p.absolute() {
		return p.URL(e.Doc.Path) + anchor(e.Anchor)
	}
	return link.ElementURL(p.Doc.Path, e)
}

func anchor(a string) string {
	if a == "" {
		return ""
	}
	return "#" + a
}

// Downloads returns the data files this page offers.
func (p *Page) Downloads() []export.Download { return p.renderer.downloads[p.Doc] }

// Canonical returns the page's absolute URL, for <link rel="canonical">,
// or "" when the base URL is not known. Folder URLs end in "/", as GitHub
// Pages serves them.
func (p *Page) Canonical() string {
	if p.Site.BaseURL == "" || p.Doc.Kind == model.KindNotFound {
		return ""
	}
	return p.Site.BaseURL + CanonicalPath(p.Doc.Path)
}

// CanonicalPath turns an output path into the path a server shows for it:
// "a/index.html" → "a/", "index.html" → "".
func CanonicalPath(outputPath string) string {
	if outputPath == "index.html" {
		return ""
	}
	return strings.TrimSuffix(outputPath, "index.html")
}

// AliasURL returns where an alias page redirects, relative to it.
func (p *Page) AliasURL() string {
	a := p.Doc.Alias
	return link.Rel(p.Doc.Path, a.Doc.Path) + anchor(a.Anchor)
}

// AliasCanonical returns the canonical URL of an alias page's target:
// absolute when the base URL is known, else relative.
func (p *Page) AliasCanonical() string {
	a := p.Doc.Alias
	if p.Site.BaseURL != "" {
		return p.Site.BaseURL + CanonicalPath(a.Doc.Path)
	}
	return link.Rel(p.Doc.Path, a.Doc.Path)
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

func breadcrumbs(site *Site, d *model.Doc) []Crumb {
	if d.Kind == model.KindHome {
		return nil
	}
	crumbs := []Crumb{{Title: "Home", Doc: site.Home}}
	switch {
	case d.Element != nil:
		e := d.Element
		crumbs = append(crumbs, Crumb{Title: e.Framework.Name(), Doc: e.Framework.Doc})
		for _, a := range e.Ancestors() {
			if a.OwnPage() {
				crumbs = append(crumbs, Crumb{Title: a.Label(), Doc: a.Doc})
			}
		}
		crumbs = append(crumbs, Crumb{Title: e.Label(), Doc: d})
	default:
		crumbs = append(crumbs, Crumb{Title: d.Title, Doc: d})
	}
	return crumbs
}

// CounterpartTable is the argument of the counterparts partial.
type CounterpartTable struct {
	Page *Page
	List []Counterpart
	Via  bool // show which element of this page each row belongs to
}

// Table wraps a list of counterparts for the counterparts partial.
func (p *Page) Table(list []Counterpart, via bool) CounterpartTable {
	return CounterpartTable{Page: p, List: list, Via: via}
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

// MappingCount returns how many mapping records name e.
func (p *Page) MappingCount(e *model.Element) int { return len(e.Outgoing) + len(e.Incoming) }

// One makes a list of one crosswalk, for the draft-notice partial.
func (p *Page) One(cw *model.Crosswalk) []*model.Crosswalk { return []*model.Crosswalk{cw} }

// Coverages returns a crosswalk page's coverage tables: the source's,
// then the target's.
func (p *Page) Coverages() [][]Coverage {
	if p.Crosswalk == nil || len(p.Crosswalk.SourceCoverage) == 0 {
		return nil
	}
	return [][]Coverage{p.Crosswalk.SourceCoverage, p.Crosswalk.TargetCoverage}
}

// Sides returns a crosswalk page's gaps: the source's, then the target's.
func (p *Page) Sides() [][]Gap {
	if p.Crosswalk == nil || len(p.Crosswalk.SourceGaps) == 0 {
		return nil
	}
	return [][]Gap{p.Crosswalk.SourceGaps, p.Crosswalk.TargetGaps}
}
