package export

import (
	"strconv"
	"strings"

	"github.com/crosswalk-ssg/crosswalk/generator/model"
)

// Dir is the output folder of downloads.
const Dir = "downloads"

// Columns is the header of the crosswalk CSV, in order. Import reads the
// same names (in any order).
var Columns = []string{
	"source_framework", "source_id", "source_title", "relationship",
	"target_framework", "target_id", "target_title",
	"rationale", "evidence", "basis", "status", "references",
}

// Record is one mapping record as the data formats carry it.
type Record struct {
	SourceFramework string   `json:"source_framework"`
	SourceID        string   `json:"source_id"`
	SourceTitle     string   `json:"source_title"`
	Relationship    string   `json:"relationship"`
	TargetFramework string   `json:"target_framework"`
	TargetID        string   `json:"target_id"`
	TargetTitle     string   `json:"target_title"`
	Rationale       string   `json:"rationale"`
	Evidence        string   `json:"evidence"`
	Basis           string   `json:"basis"`
	Status          string   `json:"status"`
	References      []string `json:"references"`
}

// Records returns a linked crosswalk's records, in file order.
func Records(cw *model.Crosswalk) []Record {
	out := make([]Record, 0, len(cw.Mappings))
	for _, m := range cw.Mappings {
		r := Record{
			SourceFramework: cw.SourceID,
			SourceID:        m.SourceID,
			Relationship:    string(m.Relationship),
			TargetFramework: cw.TargetID,
			TargetID:        m.TargetID,
			Rationale:       m.Rationale,
			Evidence:        m.Evidence,
			Basis:           m.Basis,
			Status:          string(m.Status),
			References:      append([]string{}, m.References...),
		}
		if m.Source != nil {
			r.SourceTitle = ElementTitle(m.Source)
		}
		if m.Target != nil {
			r.TargetTitle = ElementTitle(m.Target)
		}
		out = append(out, r)
	}
	return out
}

// Row returns the record as CSV cells, in Columns order. References are
// joined with newlines (a quoted cell keeps them).
func (r Record) Row() []string {
	return []string{
		r.SourceFramework, r.SourceID, r.SourceTitle, r.Relationship,
		r.TargetFramework, r.TargetID, r.TargetTitle,
		r.Rationale, r.Evidence, r.Basis, r.Status, strings.Join(r.References, "\n"),
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
	Path        string // output path, under Dir
	Format      string // what a reader calls it: "CSV", "Excel", "OSCAL catalog (JSON)"
	MediaType   string
	Description string
	Data        []byte
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
