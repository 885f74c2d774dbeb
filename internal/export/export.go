package export

import (
	"strconv"
	"strings"

	"github.com/crosswalk-ssg/crosswalk/internal/model"
)

// Columns is the header of the crosswalk CSV, in order. Import reads the
// same names (in any order).
var Columns = []string{
	"source_framework", "source_id", "source_title", "relationship", "relationship_stated",
	"target_framework", "target_id", "target_title",
	"rationale", "evidence", "basis", "status", "references",
	"as_published", "note", "no_counterpart",
}

// Record is one row of a crosswalk as the data formats carry it: a
// mapping record, or a record that an element has no counterpart (then
// NoCounterpart holds the reason and the other side's id is empty).
type Record struct {
	SourceFramework string `json:"source_framework"`
	SourceID        string `json:"source_id"`
	SourceTitle     string `json:"source_title"`
	// Relationship is the term as the crosswalk declares it, "" when the
	// record states none; RelationshipStated says which.
	Relationship       string   `json:"relationship"`
	RelationshipStated bool     `json:"relationship_stated"`
	TargetFramework    string   `json:"target_framework"`
	TargetID           string   `json:"target_id"`
	TargetTitle        string   `json:"target_title"`
	Rationale          string   `json:"rationale"`
	Evidence           string   `json:"evidence"`
	Basis              string   `json:"basis"`
	Status             string   `json:"status"`
	References         []string `json:"references"`
	AsPublished        string   `json:"as_published"`
	Note               string   `json:"note"`
	NoCounterpart      string   `json:"no_counterpart"`
}

// Records returns a linked crosswalk's records: its mapping records in
// file order, then its no-counterpart records in file order.
func Records(cw *model.Crosswalk) []Record {
	out := make([]Record, 0, len(cw.Mappings)+len(cw.NoCounterparts))
	for _, m := range cw.Mappings {
		r := Record{
			SourceFramework:    cw.SourceID,
			SourceID:           m.SourceID,
			Relationship:       m.Relationship,
			RelationshipStated: m.Stated(),
			TargetFramework:    cw.TargetID,
			TargetID:           m.TargetID,
			Rationale:          m.Rationale,
			Evidence:           m.Evidence,
			Basis:              m.Basis,
			Status:             string(m.Status),
			References:         append([]string{}, m.References...),
			AsPublished:        m.AsPublished,
			Note:               m.Note,
		}
		if m.Source != nil {
			r.SourceTitle = ElementTitle(m.Source)
		}
		if m.Target != nil {
			r.TargetTitle = ElementTitle(m.Target)
		}
		out = append(out, r)
	}
	for _, nc := range cw.NoCounterparts {
		r := Record{
			SourceFramework: cw.SourceID,
			TargetFramework: cw.TargetID,
			Status:          string(cw.Status),
			References:      append([]string{}, nc.References...),
			AsPublished:     nc.AsPublished,
			NoCounterpart:   nc.Reason,
		}
		title := ""
		if nc.Element != nil {
			title = ElementTitle(nc.Element)
		}
		if nc.Side == "target" {
			r.TargetID, r.TargetTitle = nc.ElementID, title
		} else {
			r.SourceID, r.SourceTitle = nc.ElementID, title
		}
		out = append(out, r)
	}
	return out
}

// Stated is how the CSV writes RelationshipStated: "yes" or "no".
func Stated(stated bool) string {
	if stated {
		return "yes"
	}
	return "no"
}

// Row returns the record as CSV cells, in Columns order. References are
// joined with newlines (a quoted cell keeps them). relationship_stated
// is empty on a no-counterpart record, which relates nothing.
func (r Record) Row() []string {
	stated := Stated(r.RelationshipStated)
	if r.NoCounterpart != "" {
		stated = ""
	}
	return []string{
		r.SourceFramework, r.SourceID, r.SourceTitle, r.Relationship, stated,
		r.TargetFramework, r.TargetID, r.TargetTitle,
		r.Rationale, r.Evidence, r.Basis, r.Status, strings.Join(r.References, "\n"),
		r.AsPublished, r.Note, r.NoCounterpart,
	}
}

// ElementTitle is what names an element in a table: its title, or its
// statement when it has none (a NIST subcategory).
func ElementTitle(e *model.Element) string {
	if t := e.DisplayTitle(); t != "" {
		return t
	}
	return e.Statement
}

// Download is one file a build publishes for download.
type Download struct {
	Path        string // output path, under layout.DownloadDir
	Format      string // what a reader calls it: "CSV", "Excel", "OSCAL catalog (JSON)"
	MediaType   string
	Description string
	Data        []byte
	// Withheld, when set, says why the file is not published: pages name
	// the format and the reason instead of a link, and nothing is written.
	Withheld string
}

// Name returns the file name of the download.
func (d Download) Name() string { return d.Path[strings.LastIndexByte(d.Path, '/')+1:] }

// Size returns the file size for people: "12.3 kB".
func (d Download) Size() string {
	n := float64(len(d.Data))
	switch {
	case n < 1000:
		return strconv.Itoa(len(d.Data)) + " bytes"
	case n < 1e6:
		return strconv.FormatFloat(n/1e3, 'f', 1, 64) + " kB"
	}
	return strconv.FormatFloat(n/1e6, 'f', 1, 64) + " MB"
}
