package catalog

import "github.com/crosswalk-ssg/crosswalk/internal/diag"

// Kind says what an element is in the catalog.
type Kind string

// The kinds of element a catalog holds.
const (
	KindGroup       Kind = "group"       // an OSCAL group, such as an 800-53 family
	KindControl     Kind = "control"     // a control directly in a group or the catalog
	KindEnhancement Kind = "enhancement" // a control nested in a control
)

// Framework is a framework read into plain data, from an OSCAL catalog or
// a table: its metadata and its tree of elements. Every string is as the
// source states it; a field the source does not state is empty.
type Framework struct {
	ID           string // the site's id for the framework (its folder name); the importer sets it
	Title        string
	Version      string
	Publisher    string // names of the parties with role "publisher"; "" when none has it
	Creator      string // names of the parties with role "creator"
	Published    string // date (YYYY-MM-DD) of metadata.published; "" when not stated
	LastModified string // date (YYYY-MM-DD) of metadata.last-modified
	License      string // only when the catalog states one
	SourceURL    string // only when the catalog links to an absolute address for itself
	OSCALVersion string
	// IDs is whose the element ids are: "site" (ids: site, the publisher
	// numbers nothing), "publisher" (the default), or "" to keep what the
	// framework file says.
	IDs      string
	Elements []*Element
}

// Element is one element of a framework: an OSCAL group, control or
// control enhancement, or a row of a table.
type Element struct {
	ID    string // the id, e.g. the OSCAL id "ac-2.1"
	Label string // the displayed id the publisher gives, e.g. "AC-2(1)"; empty when it has none
	Kind  Kind   // what the element is in an OSCAL catalog; "" for a table's
	Class string // the OSCAL class, e.g. "family" or "SP800-53"
	// Level is what the element is called ("family", "control
	// enhancement", "subcategory"); "" when the source does not say.
	Level string
	// Section says the element is shown as a section of its parent's
	// page rather than on a page of its own, as NIST shows 800-53's
	// control enhancements on their control's page.
	Section bool
	Title   string

	// Statement is the prose of the statement part itself, and
	// StatementItems its lettered items, parameters in reading form.
	Statement      string
	StatementItems []Item

	// Fields are the other parts, in the catalog's order: "Guidance"
	// for the guidance part, others under their title or name.
	Fields []Field

	Withdrawn bool   // status prop "withdrawn"
	Links     []Link // back-matter resources the element links to
	Children  []*Element

	Pos diag.Position // where the element's object starts in the catalog
}

// DisplayID is the label when the catalog gives one, else the id.
func (e *Element) DisplayID() string {
	if e.Label != "" {
		return e.Label
	}
	return e.ID
}

// Item is one item of a statement: "a." and its text, with its own items.
type Item struct {
	Label string
	Text  string
	Items []Item
}

// Field is a labelled text, such as an 800-53 control's discussion.
type Field struct {
	Label string
	Text  string
}

// Link is a back-matter resource: its title and address.
type Link struct {
	Title string
	Href  string
}

// Walk calls fn for every element of the framework, parents before their
// children, in the catalog's order.
func (f *Framework) Walk(fn func(e *Element)) {
	var walk func([]*Element)
	walk = func(es []*Element) {
		for _, e := range es {
			fn(e)
			walk(e.Children)
		}
	}
	walk(f.Elements)
}
