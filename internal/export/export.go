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
func (r *Record) SetSource(e *model.Element) { r.setSource(elementDataOf(e)) }

// SetTarget fills the record's target element data from e, as SetSource
// does for the source.
func (r *Record) SetTarget(e *model.Element) { r.setTarget(elementDataOf(e)) }

func (r *Record) setSource(d *elementData) {
	r.SourceTitle, r.SourceLabel, r.SourceStatement, r.SourceLevel, r.SourceFields = d.title, d.label, d.statement, d.level, d.fields
	r.SourceIDAssignedBy = d.idAssignedBy
}

func (r *Record) setTarget(d *elementData) {
	r.TargetTitle, r.TargetLabel, r.TargetStatement, r.TargetLevel, r.TargetFields = d.title, d.label, d.statement, d.level, d.fields
	r.TargetIDAssignedBy = d.idAssignedBy
}

// elementData is what a record carries of one of its elements.
type elementData struct {
	title, label, statement, level, idAssignedBy string
	fields                                       []Field
}

func elementDataOf(e *model.Element) *elementData {
	if e == nil {
		return &elementData{fields: []Field{}}
	}
	return &elementData{title: ElementTitle(e), label: e.FullLabel(), statement: e.StatementText(), level: kind(e), idAssignedBy: idAssignedBy(e), fields: Fields(e)}
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
// file order, then its no-counterpart records in file order. Records of
// one element share its Fields slices.
func Records(cw *model.Crosswalk) []Record {
	list := newCrosswalkRecords(cw)
	out := make([]Record, list.Len())
	for i := range out {
		out[i] = list.At(i)
	}
	return out
}

// recordList is records as the writers read them, one at a time by
// index: a slice (recordSlice), or a crosswalk's records made as they are
// read (crosswalkRecords), so that a build never holds all of a large
// crosswalk's records at once (at 50,000 records they were a quarter of
// the export's live heap).
type recordList interface {
	Len() int
	At(i int) Record
}

type recordSlice []Record

func (s recordSlice) Len() int        { return len(s) }
func (s recordSlice) At(i int) Record { return s[i] }

// crosswalkRecords makes a crosswalk's records, in Records' order, on
// demand. What a record carries of its elements is made once per
// element: an element named by many records shares its label, statement
// and fields among them.
type crosswalkRecords struct {
	cw       *model.Crosswalk
	elements map[*model.Element]*elementData
}

func newCrosswalkRecords(cw *model.Crosswalk) *crosswalkRecords {
	return &crosswalkRecords{cw: cw, elements: map[*model.Element]*elementData{}}
}

func (c *crosswalkRecords) Len() int { return len(c.cw.Mappings) + len(c.cw.NoCounterparts) }

func (c *crosswalkRecords) element(e *model.Element) *elementData {
	d, ok := c.elements[e]
	if !ok {
		d = elementDataOf(e)
		c.elements[e] = d
	}
	return d
}

// At makes the i-th record: a mapping record, or after the mappings a
// no-counterpart record.
func (c *crosswalkRecords) At(i int) Record {
	cw := c.cw
	if i < len(cw.Mappings) {
		m := cw.Mappings[i]
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
		r.setSource(c.element(m.Source))
		r.setTarget(c.element(m.Target))
		return r
	}
	nc := cw.NoCounterparts[i-len(cw.Mappings)]
	r := Record{
		SourceFramework: cw.SourceID,
		TargetFramework: cw.TargetID,
		Status:          string(cw.Status),
		References:      append([]string{}, nc.References...),
		AsPublished:     nc.AsPublished,
		NoCounterpart:   nc.Reason,
	}
	r.setSource(c.element(nil))
	r.setTarget(c.element(nil))
	if nc.Side == "target" {
		r.TargetID = nc.ElementID
		r.setTarget(c.element(nc.Element))
	} else {
		r.SourceID = nc.ElementID
		r.setSource(c.element(nc.Element))
	}
	return r
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
	return fieldLabels(recordSlice(records))
}

func fieldLabels(records recordList) (source, target []string) {
	seenS, seenT := map[string]bool{}, map[string]bool{}
	for i := range records.Len() {
		r := records.At(i)
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
func Header(records []Record) []string { return header(FieldLabels(records)) }

// header is Header for the field labels src and tgt.
func header(src, tgt []string) []string {
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
