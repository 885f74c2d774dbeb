package export

import (
	"bytes"
	"io"
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
	"source_label", "source_statement", "source_level", "source_id_assigned_by",
	"target_label", "target_statement", "target_level", "target_id_assigned_by",
}

// FieldPrefixes name the columns of the elements' labelled fields in the
// crosswalk CSV and the Mappings sheet, after Columns: "source: " or
// "target: " and the field's label ("source: Discussion"). Import ignores
// these columns, as it ignores the titles.
const (
	SourceFieldPrefix = "source: "
	TargetFieldPrefix = "target: "
)

// Field is one labelled text of an element, as the data formats carry it.
type Field struct {
	Label string `json:"label"`
	Text  string `json:"text"`
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
	// The elements' displayed label (model.Element.Label), statement,
	// level (model.Element.Kind) and labelled fields, in their order;
	// empty when the record has no element on that side. Like the titles,
	// they come from the frameworks, and import fills them from there.
	// The statement is StatementText: the prose and its items, one per
	// line. *IDAssignedBy is "publisher", or "site" for a framework whose
	// ids are the site's own (model.Framework.SiteIDs).
	SourceLabel        string  `json:"source_label"`
	SourceStatement    string  `json:"source_statement"`
	SourceLevel        string  `json:"source_level"`
	SourceIDAssignedBy string  `json:"source_id_assigned_by"`
	TargetLabel        string  `json:"target_label"`
	TargetStatement    string  `json:"target_statement"`
	TargetLevel        string  `json:"target_level"`
	TargetIDAssignedBy string  `json:"target_id_assigned_by"`
	SourceFields       []Field `json:"source_fields"`
	TargetFields       []Field `json:"target_fields"`
}

// SetSource fills the record's source element data from e: its title
// (ElementTitle), label, statement, level and fields. The ids are left
// as they are.
func (r *Record) SetSource(e *model.Element) {
	r.SourceTitle, r.SourceLabel, r.SourceStatement, r.SourceLevel, r.SourceFields = elementData(e)
	r.SourceIDAssignedBy = idAssignedBy(e)
}

// SetTarget fills the record's target element data from e, as SetSource
// does for the source.
func (r *Record) SetTarget(e *model.Element) {
	r.TargetTitle, r.TargetLabel, r.TargetStatement, r.TargetLevel, r.TargetFields = elementData(e)
	r.TargetIDAssignedBy = idAssignedBy(e)
}

func elementData(e *model.Element) (title, label, statement, level string, fields []Field) {
	if e == nil {
		return "", "", "", "", []Field{}
	}
	return ElementTitle(e), e.FullLabel(), e.StatementText(), kind(e), Fields(e)
}

// idAssignedBy says whose e's id is: "site" for a framework whose ids
// are the site's own, "publisher" otherwise, "" without an element.
func idAssignedBy(e *model.Element) string {
	switch {
	case e == nil:
		return ""
	case e.Framework != nil && e.Framework.SiteIDs:
		return "site"
	}
	return "publisher"
}

// kind is e.Kind(), or its level_name alone for an element that is not
// in a framework.
func kind(e *model.Element) string {
	if e.Framework == nil {
		return e.LevelName
	}
	return e.Kind()
}

// Fields returns an element's labelled fields in their order, never nil.
func Fields(e *model.Element) []Field {
	out := make([]Field, 0, len(e.Fields))
	for _, f := range e.Fields {
		out = append(out, Field{Label: f.Label, Text: f.Text})
	}
	return out
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
		r.SetSource(m.Source)
		r.SetTarget(m.Target)
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
		r.SetSource(nil)
		r.SetTarget(nil)
		if nc.Side == "target" {
			r.TargetID = nc.ElementID
			r.SetTarget(nc.Element)
		} else {
			r.SourceID = nc.ElementID
			r.SetSource(nc.Element)
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

// Row returns the record as CSV cells, in Columns order (without the
// field columns; see Header and Cells). References are joined with
// newlines (a quoted cell keeps them). relationship_stated is empty on a
// no-counterpart record, which relates nothing.
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
		r.SourceLabel, r.SourceStatement, r.SourceLevel, r.SourceIDAssignedBy,
		r.TargetLabel, r.TargetStatement, r.TargetLevel, r.TargetIDAssignedBy,
	}
}

// FieldLabels returns the labels of the records' source fields and of
// their target fields, each in order of first appearance (by record, then
// by field), each label once.
func FieldLabels(records []Record) (source, target []string) {
	seenS, seenT := map[string]bool{}, map[string]bool{}
	for _, r := range records {
		source = appendLabels(source, seenS, r.SourceFields)
		target = appendLabels(target, seenT, r.TargetFields)
	}
	return source, target
}

func appendLabels(labels []string, seen map[string]bool, fields []Field) []string {
	for _, f := range fields {
		if !seen[f.Label] {
			seen[f.Label] = true
			labels = append(labels, f.Label)
		}
	}
	return labels
}

// Header returns the header of the crosswalk CSV of records: Columns,
// then SourceFieldPrefix and each source field label, then
// TargetFieldPrefix and each target field label (FieldLabels).
func Header(records []Record) []string {
	src, tgt := FieldLabels(records)
	out := append([]string{}, Columns...)
	for _, l := range src {
		out = append(out, SourceFieldPrefix+l)
	}
	for _, l := range tgt {
		out = append(out, TargetFieldPrefix+l)
	}
	return out
}

// Cells returns the record's cells under Header: Row, then the text of
// each of the source labels and target labels (as FieldLabels gives them)
// in the record's fields, "" where its element has no such field. An
// element with several fields of one label has their texts joined by a
// blank line.
func (r Record) Cells(source, target []string) []string {
	out := r.Row()
	out = append(out, fieldCells(r.SourceFields, source)...)
	return append(out, fieldCells(r.TargetFields, target)...)
}

func fieldCells(fields []Field, labels []string) []string {
	out := make([]string, len(labels))
	for i, l := range labels {
		for _, f := range fields {
			if f.Label == l {
				if out[i] != "" {
					out[i] += "\n\n"
				}
				out[i] += f.Text
			}
		}
	}
	return out
}

// ElementTitle is what names an element in a table: its title, or its
// statement when it has none (a NIST subcategory).
func ElementTitle(e *model.Element) string {
	if t := e.DisplayTitle(); t != "" {
		return t
	}
	return e.StatementText()
}

// Download is one file a build publishes for download.
type Download struct {
	Path        string // output path, under layout.DownloadDir
	Format      string // what a reader calls it: "CSV", "Excel", "OSCAL catalog (JSON)"
	MediaType   string
	Description string
	// Data is the file; nil, in what Each hands out, for a file made as it
	// is written (a crosswalk's CSV and JSON, which at 50,000 records are
	// most of a build's memory when held whole): WriteTo makes it.
	Data []byte
	make func(io.Writer) error
	// Bytes is the file's size, once it is made or written.
	Bytes int64
	// Withheld, when set, says why the file is not published: pages name
	// the format and the reason instead of a link, and nothing is written.
	Withheld string
}

// WriteTo writes the file to w, making it there when it is made as it is
// written, and sets Bytes.
func (d *Download) WriteTo(w io.Writer) (int64, error) {
	c := &counter{w: w}
	var err error
	if d.make != nil {
		err = d.make(c)
	} else {
		_, err = c.Write(d.Data)
	}
	d.Bytes = c.n
	return c.n, err
}

// hold makes a file made as it is written into Data, for callers that
// want the bytes (All, CrosswalkDownloads).
func (d *Download) hold() error {
	if d.make == nil {
		return nil
	}
	var b bytes.Buffer
	_, err := d.WriteTo(&b)
	d.Data, d.make = b.Bytes(), nil
	return err
}

// counter counts what it passes on.
type counter struct {
	w io.Writer
	n int64
}

func (c *counter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// Name returns the file name of the download.
func (d Download) Name() string { return d.Path[strings.LastIndexByte(d.Path, '/')+1:] }

// Size returns the file size for people: "12.3 kB".
func (d Download) Size() string {
	size := d.Bytes
	if d.Data != nil {
		size = int64(len(d.Data))
	}
	n := float64(size)
	switch {
	case n < 1000:
		return strconv.FormatInt(size, 10) + " bytes"
	case n < 1e6:
		return strconv.FormatFloat(n/1e3, 'f', 1, 64) + " kB"
	}
	return strconv.FormatFloat(n/1e6, 'f', 1, 64) + " MB"
}
