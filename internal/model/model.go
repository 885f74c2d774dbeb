package model

import (
	"strconv"
	"strings"

	"github.com/crosswalk-ssg/crosswalk/internal/diag"
	"github.com/crosswalk-ssg/crosswalk/internal/vocab"
)

// Site is everything a build publishes.
type Site struct {
	Config     SiteConfig
	Home       *Page
	Pages      []*Page // ordinary pages, in file order (Home excluded)
	Frameworks []*Framework
	Crosswalks []*Crosswalk
	Docs       []*Doc // every output page, sorted by Path; filled by the link stage
	Search     *Doc   // the built-in search page
}

// SiteConfig is the site block of the home page's front matter.
type SiteConfig struct {
	Title        string // default: the home page's title
	BaseURL      string // absolute, ending in "/"; "" when not known
	BaseURLAt    diag.Position
	Language     string // default "en"
	CustomDomain string // written to CNAME
	Footer       string
	UnsafeHTML   bool // pass raw HTML in Markdown through (off: shown escaped)
}

// Alias is an old URL of a page, published as a redirect to it.
type Alias struct {
	Path string // as written: a site-root path such as "/old/page/"
	At   diag.Position
}

// Markdown is a piece of Markdown prose and where it came from, so that
// problems found while rendering it can be reported at file positions.
type Markdown struct {
	File   string
	Source []byte
	Line   int // file line of Source's first byte
}

// Empty reports whether there is no prose to render.
func (m Markdown) Empty() bool {
	for _, c := range m.Source {
		if c != ' ' && c != '\n' && c != '\r' && c != '\t' {
			return false
		}
	}
	return true
}

// Page is an ordinary Markdown page with Jekyll-style front matter.
type Page struct {
	File        string
	Pos         diag.Position
	Title       string
	Description string
	Date        string
	Permalink   string
	PermalinkAt diag.Position
	Layout      string
	LayoutAt    diag.Position
	Menu        string // "main": listed in the site header
	Aliases     []Alias
	Weight      int // order in the menu, lower first
	Body        Markdown
	Doc         *Doc
	// EntryPoints are what the home page lists (home page only): by
	// default every framework's top level.
	EntryPoints []EntryPoint
}

// EntryPoint is a framework the home page lists, down to Levels levels
// (1: its top-level elements), each element with its number of records.
type EntryPoint struct {
	FrameworkID string
	At          diag.Position
	Levels      int
	Framework   *Framework // set by the link stage
}

// Framework is a published framework with its hierarchy of elements.
type Framework struct {
	File        string
	Pos         diag.Position
	ID          string
	Title       string
	ShortTitle  string
	Version     string
	Publisher   string
	Document    string
	Published   string
	URL         string
	License     string
	LicenseNote string
	// IDAliases are short forms of id prefixes that search takes for
	// them ("GV" for "GOVERN"): the site's aids, not the framework's text.
	IDAliases []IDAlias
	// SiteIDs says that the element ids are this site's own (ids: site):
	// the publisher numbers nothing, so pages and exports must not
	// present the ids as the publisher's.
	SiteIDs bool
	Aliases []Alias
	Levels  []Level
	Body    Markdown
	Doc     *Doc

	Roots    []*Element          // top-level elements, in order
	Elements []*Element          // every element, depth first in order
	ByID     map[string]*Element // every element by id
}

// Name returns the short title when there is one, else the title.
func (f *Framework) Name() string {
	if f.ShortTitle != "" {
		return f.ShortTitle
	}
	return f.Title
}

// IDAlias is a short form of an id prefix: "GV-1.1" searched as
// "GOVERN 1.1".
type IDAlias struct {
	Short, For string
}

// Level is one level of a framework's hierarchy.
type Level struct {
	Name   string // singular, e.g. "subcategory"
	Plural string
	Page   bool // elements at this level get their own page
}

// Field is an extra labelled text of an element, such as expected evidence.
type Field struct {
	Label string
	Text  string
}

// Item is one lettered or numbered item of a statement ("a." and its
// text), with its own items.
type Item struct {
	Label string
	Text  string
	Items []Item
}

// Element is one item of a framework: a function, a principle, a control.
type Element struct {
	Framework *Framework
	File      string
	Pos       diag.Position // of the "id" key
	ID        string
	Title     string
	Statement string
	Items     []Item // the statement's items, in order
	Number    string // the publisher's number or displayed id ("7", "AC-2(1)")
	LevelName string // names the element's kind where it differs from its level's name
	Withdrawn bool   // the publisher has withdrawn the element
	Fields    []Field
	// References are the documents the element cites, as the publisher
	// lists them.
	References []Reference
	// SourceURL is where the publisher's text of the element is, when
	// that is more precise than the framework's url: the element in a
	// pinned source file. Its descendants inherit it (Source).
	SourceURL string
	Weight    int
	Aliases   []Alias
	PageSet   bool // Page was given explicitly
	Page      bool // page: as written; OwnPage says whether it has a page
	Body      Markdown
	ParentID  string
	ParentAt  diag.Position

	// Set by the link stage.
	Parent   *Element
	Children []*Element
	Depth    int
	Order    int // its place in Framework.Elements: framework order
	Slug     string
	Doc      *Doc   // the page the element is published on (its own or an ancestor's)
	Anchor   string // fragment on Doc, "" when the element has its own page
	Outgoing []*Mapping
	Incoming []*Mapping
	// NoCounterparts are the records that the element has no counterpart.
	NoCounterparts []*NoCounterpart
	// label and fullLabel are Label and FullLabel, fixed by the link
	// stage (FixLabels) once the element and its framework are final: a
	// large site's pages ask for them a million times, and each asking
	// made a string.
	label, fullLabel string
}

// Level returns the element's level in its framework, or the zero Level
// when the framework declares too few levels (an error reported by the
// link stage).
func (e *Element) Level() Level {
	if e.Depth < len(e.Framework.Levels) {
		return e.Framework.Levels[e.Depth]
	}
	return Level{}
}

// Kind returns what the element is called on its page: its level_name
// when it has one, else its level's name.
func (e *Element) Kind() string {
	if e.LevelName != "" {
		return e.LevelName
	}
	return e.Level().Name
}

// OwnPage reports whether the element has a page of its own.
func (e *Element) OwnPage() bool { return e.Anchor == "" }

// Label returns the text that names the element in lists: its id, with the
// title when it has one (unless the title only repeats the id, as NIST's
// "MAP" / "Map"), or the number and title for numbered elements.
//
// An element of a framework whose ids are the site's own (SiteIDs) is
// named by its title alone when it has one, so that no list presents the
// site's id as the publisher's.
func (e *Element) Label() string {
	if e.label != "" {
		return e.label
	}
	return e.makeLabel()
}

// FixLabels works out Label and FullLabel once, for every later asking;
// the link stage calls it when the element is final.
func (e *Element) FixLabels() {
	e.label, e.fullLabel = e.makeLabel(), "" // FullLabel reads label and works fullLabel out anew
	e.fullLabel = e.FullLabel()
}

func (e *Element) makeLabel() string {
	switch t := e.DisplayTitle(); {
	case e.Number != "" && t != "":
		return e.Number + " " + t
	case t != "" && e.SiteID():
		return t
	case t != "":
		return e.ID + " " + t
	}
	return e.ID
}

// Source returns where the publisher's text of the element is: its own
// SourceURL, else its nearest ancestor's, else its framework's url.
func (e *Element) Source() string {
	for a := e; a != nil; a = a.Parent {
		if a.SourceURL != "" {
			return a.SourceURL
		}
	}
	if e.Framework == nil {
		return ""
	}
	return e.Framework.URL
}

// DeepSource returns Source when it is more precise than the framework's
// url, else "".
func (e *Element) DeepSource() string {
	if s := e.Source(); e.Framework == nil || s != e.Framework.URL {
		return s
	}
	return ""
}

// FullLabel is the one name of the element wherever it stands alone, in
// pages and exports: its framework's short name, then its Label ("AI
// Verify 7 Fairness", "NIST AI RMF GOVERN 1"). Where the framework is
// already named around it (its own tree and breadcrumbs, a table column
// or matrix axis headed by the framework), pages show Label alone.
func (e *Element) FullLabel() string {
	switch {
	case e.fullLabel != "":
		return e.fullLabel
	case e.Framework == nil: // an element not yet placed in a framework
		return e.Label()
	}
	return e.Framework.Name() + " " + e.Label()
}

// DisplayID returns what is shown as the element's id: the publisher's
// number or label when it has one, else the id.
func (e *Element) DisplayID() string {
	if e.Number != "" {
		return e.Number
	}
	return e.ID
}

// SiteID reports whether the id shown for the element (DisplayID) was
// assigned by this site, not by the framework's publisher.
func (e *Element) SiteID() bool {
	return e.Number == "" && e.Framework != nil && e.Framework.SiteIDs
}

// StatementText returns the statement with its items, one per line, each
// led by its label and indented by its depth: the plain-text form that
// CSV and spreadsheet cells and search carry.
func (e *Element) StatementText() string {
	if len(e.Items) == 0 {
		return e.Statement
	}
	var b strings.Builder
	b.WriteString(e.Statement)
	var walk func(items []Item, depth int)
	walk = func(items []Item, depth int) {
		for _, it := range items {
			if b.Len() > 0 {
				b.WriteByte('\n')
			}
			b.WriteString(strings.Repeat("  ", depth))
			if it.Label != "" {
				b.WriteString(it.Label + " ")
			}
			b.WriteString(it.Text)
			walk(it.Items, depth+1)
		}
	}
	walk(e.Items, 0)
	return b.String()
}

// DisplayTitle returns the title, or "" when it only repeats the id of an
// unnumbered element (NIST's "MAP" / "Map").
func (e *Element) DisplayTitle() string {
	if e.Number == "" && strings.EqualFold(e.Title, e.ID) {
		return ""
	}
	return e.Title
}

// Records counts the mapping records that name the element, across the
// site's crosswalks (set by the link stage).
func (e *Element) Records() int { return len(e.Outgoing) + len(e.Incoming) }

// RecordsWithin counts the records that name the element or an element
// it holds.
func (e *Element) RecordsWithin() int {
	n := e.Records()
	for _, d := range e.Descendants() {
		n += d.Records()
	}
	return n
}

// RecordsAbove counts the records that name an element the element lies
// within: those it inherits.
func (e *Element) RecordsAbove() int {
	n := 0
	for p := e.Parent; p != nil; p = p.Parent {
		n += p.Records()
	}
	return n
}

// Ancestors returns the element's ancestors, top-level first.
func (e *Element) Ancestors() []*Element {
	var out []*Element
	for p := e.Parent; p != nil; p = p.Parent {
		out = append([]*Element{p}, out...)
	}
	return out
}

// Root returns the element's top-level ancestor (or itself).
func (e *Element) Root() *Element {
	for e.Parent != nil {
		e = e.Parent
	}
	return e
}

// Within reports whether e is anc or one of its descendants.
func (e *Element) Within(anc *Element) bool {
	for ; e != nil; e = e.Parent {
		if e == anc {
			return true
		}
	}
	return false
}

// Descendants returns the element's descendants, depth first in order.
func (e *Element) Descendants() []*Element {
	var out []*Element
	for _, c := range e.Children {
		out = append(out, c)
		out = append(out, c.Descendants()...)
	}
	return out
}

// Crosswalk is a set of mapping records from one framework to another.
type Crosswalk struct {
	File            string
	Pos             diag.Position
	ID              string
	Title           string
	SourceID        string
	SourceAt        diag.Position
	TargetID        string
	TargetAt        diag.Position
	Status          Status
	StatusStatement string
	Publisher       string // who published the crosswalk itself
	Published       string // when, as written (2023-10-12)
	URL             string // the published document
	Method          string // how the records were made, in prose
	Direction       string // how to read a row
	Granularity     string // at which levels the records are made, in prose
	// MappingMethod and MatchingRationale are the OSCAL provenance values
	// the crosswalk states (vocab.MappingMethods, vocab.MatchingRationales),
	// "" when it states none; ProvenanceNote says on whose word they rest.
	MappingMethod     string
	MatchingRationale string
	ProvenanceNote    string
	Vocabulary        *vocab.Vocabulary // never nil after decoding
	Transcription     *Transcription    // nil when the records were not transcribed from a document
	Aliases           []Alias
	Sources           []Reference
	Mappings          []*Mapping
	NoCounterparts    []*NoCounterpart
	Body              Markdown
	Doc               *Doc

	// Set by the link stage.
	Source *Framework
	Target *Framework
	Parts  Parts
}

// Transcription says how a crosswalk's records were copied from the
// document that publishes them.
type Transcription struct {
	From  string   // the copy that was read
	How   string   // how cells became records
	Notes []string // what a reader of the records should know
}

// Reference is a titled source of information, with an optional URL.
type Reference struct {
	Title string
	URL   string
}

// Mapping is one record of a crosswalk: "Source TERM Target".
type Mapping struct {
	Crosswalk    *Crosswalk
	Pos          diag.Position // of the record
	SourceID     string
	SourceAt     diag.Position
	TargetID     string
	TargetAt     diag.Position
	Relationship string      // the term as written; "" when the record states none
	Term         *vocab.Term // Relationship in the crosswalk's vocabulary; nil when unstated
	Rationale    string
	Evidence     string
	Basis        string
	Status       Status
	References   []string
	AsPublished  string // the source's own words for this cell ("Fairness 7.1 - 7.9")
	Note         string

	// Set by the link stage.
	Source *Element
	Target *Element
	N      int // the record's place in its crosswalk's Mappings, from 1
}

// Stated reports whether the record states a relationship type.
func (m *Mapping) Stated() bool { return m.Term != nil }

// Anchor is the fragment that names the record's row in the crosswalk's
// record table ("record-12"), on the page RecordDoc gives.
func (m *Mapping) Anchor() string { return "record-" + strconv.Itoa(m.N) }

// RecordDoc is the page of the crosswalk's record table that lists m:
// the crosswalk page, or the page of 500 records it falls on.
func (m *Mapping) RecordDoc() *Doc {
	pages := m.Crosswalk.Parts.Records
	if len(pages) == 0 {
		return m.Crosswalk.Doc
	}
	return pages[(m.N-1)/RecordsPerPage]
}

// NoCounterpart records that an element of one of a crosswalk's two
// frameworks has no counterpart in the other, and why. It differs from
// an element no record names, which is simply not mapped (yet).
type NoCounterpart struct {
	Crosswalk   *Crosswalk
	Pos         diag.Position
	Side        string // "source" or "target": which framework the element is in
	ElementID   string
	At          diag.Position
	Reason      string
	AsPublished string
	References  []string

	// Set by the link stage.
	Element *Element
}

// Doc is one page of output, whatever it shows.
type Doc struct {
	Kind  Kind
	Path  string // output file path, e.g. "frameworks/nist-ai-rmf/govern-1-1/index.html"
	Title string
	Claim diag.Position // the file (and key) that asked for this path

	// Exactly one of these is set, according to Kind.
	Page      *Page // KindHome and KindPage
	Framework *Framework
	Element   *Element
	Crosswalk *Crosswalk
	Part      *CrosswalkPart // KindCrosswalkPart
	Alias     *AliasTarget   // KindAlias
}

// AliasTarget is where an alias page redirects: a page, and the anchor
// of an element shown as a section of it.
type AliasTarget struct {
	Doc    *Doc
	Anchor string
}

// Body returns the Markdown prose the page shows.
func (d *Doc) Body() Markdown {
	switch {
	case d.Page != nil:
		return d.Page.Body
	case d.Framework != nil:
		return d.Framework.Body
	case d.Element != nil:
		return d.Element.Body
	case d.Crosswalk != nil:
		return d.Crosswalk.Body
	}
	return Markdown{}
}

// OtherFramework returns the framework in which the element has no
// counterpart: the crosswalk's other side (nil before linking).
func (nc *NoCounterpart) OtherFramework() *Framework {
	if nc.Side == "target" {
		return nc.Crosswalk.Source
	}
	return nc.Crosswalk.Target
}
