package export

import (
	"bufio"
	"context"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/crosswalk-ssg/crosswalk/internal/model"
	"github.com/crosswalk-ssg/crosswalk/internal/vocab"
	"github.com/xuri/excelize/v2"
)

// The sheets of the Excel workbook, besides one per framework.
const (
	mappingsSheet = "Mappings"
	readmeSheet   = "README"
)

// frameworkHeaderRows is the number of rows above the first element on a
// framework's sheet: one row per frameworkFacts entry, a blank row, and
// the column headings.
var frameworkHeaderRows = len(frameworkFacts) + 2

// frameworkFacts labels the rows at the top of a framework's sheet.
var frameworkFacts = []string{"Framework", "Framework ID", "Version", "Publisher", "Document", "Published", "URL", "Licence", "Licence note"}

// frameworkColumns are the headings of the element table on a framework's
// sheet, before a column per field label (frameworkFieldLabels).
var frameworkColumns = []string{"ID", "Level", "Title", "Statement", "Parent ID", "Label"}

// heading returns a CSV column name as a heading for people:
// "source_framework" → "Source framework", "target_id" → "Target ID".
func heading(column string) string {
	words := strings.Split(column, "_")
	for i, w := range words {
		switch {
		case w == "id" || w == "url":
			words[i] = strings.ToUpper(w)
		case i == 0 && w != "":
			words[i] = strings.ToUpper(w[:1]) + w[1:]
		}
	}
	return strings.Join(words, " ")
}

// documentDate is the creation and modification date written into the
// workbook's document properties: the later of the two frameworks'
// published dates (a crosswalk cannot be older than what it maps), or
// 2000-01-01T00:00:00Z when neither has one. It comes from the content,
// not the clock, so that two builds of the same content give the same
// bytes.
func documentDate(cw *model.Crosswalk) string {
	var latest time.Time
	for _, fw := range []*model.Framework{cw.Source, cw.Target} {
		if fw == nil {
			continue
		}
		if t, ok := parseDate(fw.Published); ok && t.After(latest) {
			latest = t
		}
	}
	if latest.IsZero() {
		latest = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return latest.UTC().Format(time.RFC3339)
}

// parseDate reads a date of the content: "2023-01-26", or a date and time
// (RFC 3339, or without a zone as UTC), between the years 1900 and 2999,
// as the OSCAL export does, so that both give a crosswalk the same date.
func parseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.DateOnly, time.RFC3339, "2006-01-02T15:04:05", time.DateTime} {
		if t, err := time.Parse(layout, s); err == nil {
			if y := t.UTC().Year(); y < 1900 || y > 2999 {
				return time.Time{}, false
			}
			return t, true
		}
	}
	return time.Time{}, false
}

// columnWidths are the widths, in characters, of the Mappings columns;
// any other column is defaultWidth wide.
var columnWidths = map[string]float64{
	"source_framework": 14, "source_id": 12, "source_title": 45, "relationship": 16,
	"target_framework": 14, "target_id": 14, "target_title": 45,
	"relationship_stated": 12, "rationale": 60, "evidence": 16, "basis": 18, "status": 10, "references": 50,
	"as_published": 40, "note": 50, "no_counterpart": 40,
	"source_label": 30, "source_statement": 60, "source_level": 14, "source_id_assigned_by": 12,
	"target_label": 30, "target_statement": 60, "target_level": 14, "target_id_assigned_by": 12,
}

// fieldWidth is the width of a column of labelled field texts.
const fieldWidth = 50

const defaultWidth = 20

// wrapped are the Mappings columns whose long texts wrap.
// The field columns wrap too.
var wrapped = map[string]bool{"source_title": true, "target_title": true, "rationale": true, "references": true, "as_published": true, "note": true, "no_counterpart": true,
	"source_label": true, "source_statement": true, "target_label": true, "target_statement": true}

// ownTexts are the Mappings columns whose texts are each record's own:
// written inline, as no other cell repeats them, rather than into the
// shared string table with the texts of elements and vocabularies.
var ownTexts = map[string]bool{"rationale": true, "evidence": true, "references": true, "as_published": true, "note": true, "no_counterpart": true}

// bodyColumn says how the cells of a table sheet's body column are
// written: their style id, and whether their texts are inline.
type bodyColumn struct {
	style  int
	inline bool
}

// fieldHeading returns the heading of a field column of the crosswalk
// CSV for people: "source: Discussion" → "Source: Discussion".
func fieldHeading(column string) (string, bool) {
	for _, p := range []string{SourceFieldPrefix, TargetFieldPrefix} {
		if label, ok := strings.CutPrefix(column, p); ok {
			return strings.ToUpper(p[:1]) + p[1:] + label, true
		}
	}
	return "", false
}

// XLSX returns a linked crosswalk and its records as an Excel workbook:
//
//   - "Mappings": a heading row (heading of each column of Header, the
//     field columns as "Source: Discussion"), then one row per record, as
//     in the CSV; an autofilter over the table, the heading row frozen,
//     titles, statements, fields, rationale and references wrapped;
//   - one sheet per framework, named by its id (at most 31 characters):
//     rows of frameworkFacts (title, id, version, publisher, document,
//     published date, URL, licence, licence note), a blank row, then a
//     table of every element (frameworkColumns: id, level, title,
//     statement, parent id, label, then one column per field label) in
//     framework order, with an autofilter and frozen headings;
//   - "README": provenance: the crosswalk, its status, method, direction
//     and sources, both frameworks, the number of records, and that the
//     framework texts are quoted verbatim from their publishers.
//
// Every sheet declares its used range (<dimension ref="A1:AB273">).
//
// The bytes depend only on the content: document properties carry
// documentDate rather than the time of the build, and the zip entries
// carry no time stamps and come in name order (orderedZip).
//
// The Mappings and framework sheets are written through excelize's stream
// writer (tableSheet), their strings inline, but for their table's body,
// which goes row by row straight into the archive, its texts in the
// shared string table (sharedStrings): a crosswalk of 50,000 records is
// never held whole, in memory or in a temporary file.
func XLSX(cw *model.Crosswalk, records []Record) ([]byte, error) {
	return xlsx(context.Background(), cw, recordSlice(records))
}

// xlsx is XLSX, stopping with ctx's error once ctx is done: between rows
// of a sheet, and between pieces of the archive.
func xlsx(ctx context.Context, cw *model.Crosswalk, records recordList) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	x := &xlsxWriter{ctx: ctx, f: f, bodies: map[string]func(io.Writer) error{}, sst: newSharedStrings()}
	f.SetZipWriter(func(w io.Writer) excelize.ZipWriter {
		return &orderedZip{ctx: ctx, out: w, bodies: x.bodies, sst: x.sst}
	})
	x.styles()
	if x.err == nil {
		x.err = f.SetSheetName("Sheet1", mappingsSheet)
	}
	x.names = map[string]bool{strings.ToLower(mappingsSheet): true, strings.ToLower(readmeSheet): true}
	x.mappings(records)
	seen := map[*model.Framework]bool{}
	for _, fw := range []*model.Framework{cw.Source, cw.Target} {
		if fw != nil && !seen[fw] {
			seen[fw] = true
			x.framework(fw)
		}
	}
	x.readme(cw, records.Len())
	if x.err == nil {
		x.err = f.SetDocProps(&excelize.DocProperties{
			Title:          cw.Title,
			Subject:        "Crosswalk " + frameworkName(cw.Source, cw.SourceID) + " to " + frameworkName(cw.Target, cw.TargetID),
			Creator:        "crosswalk",
			LastModifiedBy: "crosswalk",
			Identifier:     cw.ID,
			ContentStatus:  string(cw.Status),
			Description:    "Mapping records with a sheet per framework and provenance (README sheet).",
			Created:        documentDate(cw),
			Modified:       documentDate(cw),
		})
	}
	// The Mappings sheet is the new file's first, which is active and
	// selected already; SetActiveSheet would read every streamed sheet
	// back into memory to mark the others unselected.
	if x.err != nil {
		return nil, x.err
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func frameworkName(fw *model.Framework, id string) string {
	if fw == nil {
		return id
	}
	return fw.Name()
}

// xlsxWriter writes a workbook, keeping the first error.
type xlsxWriter struct {
	ctx                    context.Context
	f                      *excelize.File
	bodies                 map[string]func(io.Writer) error // a table sheet's body rows, by the marker that stands for them
	sst                    *sharedStrings                   // the texts of the body rows
	err                    error
	names                  map[string]bool // sheet names taken, lower case
	heading, wrap, top, em int             // style ids
}

func (x *xlsxWriter) styles() {
	top := excelize.Alignment{Vertical: "top"}
	wrap := excelize.Alignment{Vertical: "top", WrapText: true}
	x.heading = x.style(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}},
		Border:    []excelize.Border{{Type: "bottom", Color: "8EA9DB", Style: 1}},
		Alignment: &wrap,
	})
	x.wrap = x.style(&excelize.Style{Alignment: &wrap})
	x.top = x.style(&excelize.Style{Alignment: &top})
	x.em = x.style(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &top})
}

func (x *xlsxWriter) style(s *excelize.Style) int {
	if x.err != nil {
		return 0
	}
	id, err := x.f.NewStyle(s)
	x.err = err
	return id
}

func (x *xlsxWriter) do(err error) {
	if x.err == nil {
		x.err = err
	}
}

// row writes cells into row n (1-based) from column A.
func (x *xlsxWriter) row(sheet string, n int, cells []string) {
	if x.err != nil {
		return
	}
	vals := make([]any, len(cells))
	for i, c := range cells {
		vals[i] = c
	}
	x.do(x.f.SetSheetRow(sheet, cell(1, n), &vals))
}

// cell returns the name of a cell: cell(2, 3) = "B3".
func cell(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}

func colName(col int) string {
	name, _ := excelize.ColumnNumberToName(col)
	return name
}

// tableSheet writes a sheet of facts and a table: first the facts (label
// and value, the label in bold), then the table's heading row at row
// first and its n body rows (row(i) gives the cells of body row i), with
// each column's width and body style, the heading style, an autofilter
// over the table and the rows down to the heading frozen. The autofilter
// and the used range are set on the empty sheet, where the stream writer
// finds them; the body rows are written by bodyRows, as the archive is.
func (x *xlsxWriter) tableSheet(sheet string, facts [][2]string, first int, headings []string, n int, row func(i int) []string, widths []float64, body []bodyColumn) {
	if x.err != nil {
		return
	}
	cols, last := len(widths), first+n
	x.do(x.f.AutoFilter(sheet, cell(1, first)+":"+cell(cols, last), nil))
	x.do(x.f.SetSheetDimension(sheet, "A1:"+cell(max(cols, 1), max(last, 1))))
	if x.err != nil {
		return
	}
	sw, err := x.f.NewStreamWriter(sheet)
	if err != nil {
		x.do(err)
		return
	}
	for i, w := range widths {
		x.do(sw.SetColWidth(i+1, i+1, w))
	}
	x.do(sw.SetPanes(&excelize.Panes{
		Freeze:      true,
		YSplit:      first,
		TopLeftCell: cell(1, first+1),
		ActivePane:  "bottomLeft",
		Selection:   []excelize.Selection{{SQRef: cell(1, first+1), ActiveCell: cell(1, first+1), Pane: "bottomLeft"}},
	}))
	for i, f := range facts {
		x.do(sw.SetRow(cell(1, i+1), []any{excelize.Cell{StyleID: x.em, Value: f[0]}, excelize.Cell{Value: f[1]}}))
	}
	styled := func(cells []string, style func(int) int) []any {
		out := make([]any, len(cells))
		for i, c := range cells {
			out[i] = excelize.Cell{StyleID: style(i), Value: c}
		}
		return out
	}
	x.do(sw.SetRow(cell(1, first), styled(headings, func(int) int { return x.heading })))
	// The body rows do not go through the stream writer, which holds a
	// sheet whole, in memory or past 16 MB in a temporary file outside
	// the output: a row of one marker cell stands for them, and the
	// archive (orderedZip) writes them in its place, row by row, as it
	// compresses the sheet.
	if n > 0 {
		marker := "crosswalk-body-rows-" + strconv.Itoa(len(x.bodies))
		x.bodies[marker] = func(w io.Writer) error { return x.bodyRows(w, first, n, row, body) }
		x.do(sw.SetRow(cell(1, first+1), []any{marker}))
	}
	x.do(sw.Flush())
}

// bodyRows writes rows first+1 … first+n of a table sheet to w, each
// cell with its column's body style and its text in the shared string
// table (writeCell), and stops once x.ctx is done.
func (x *xlsxWriter) bodyRows(w io.Writer, first, n int, row func(i int) []string, body []bodyColumn) error {
	b := bufio.NewWriterSize(w, 64<<10)
	var cols []string // the columns' names ("A", "B", …), each made once
	for i := range n {
		if i%256 == 0 {
			if err := x.ctx.Err(); err != nil {
				return err
			}
		}
		r := strconv.Itoa(first + 1 + i)
		b.WriteString(`<row r="`)
		b.WriteString(r)
		b.WriteString(`">`)
		for c, v := range row(i) {
			var col bodyColumn
			if c < len(body) {
				col = body[c]
			}
			sst := x.sst
			if col.inline {
				sst = nil
			}
			for len(cols) <= c {
				cols = append(cols, colName(len(cols)+1))
			}
			writeCell(b, cols[c], r, col.style, v, sst)
		}
		b.WriteString(`</row>`)
	}
	return b.Flush()
}

// maxCellChars is the most UTF-16 units a cell holds.
const maxCellChars = 32767

// truncateUTF16 cuts s to at most n UTF-16 units, at a rune.
func truncateUTF16(s string, n int) string {
	units := 0
	for i, r := range s {
		if units += utf16.RuneLen(r); units > n {
			return s[:i]
		}
	}
	return s
}

// escapeXString escapes each "_xHHHH_" of s, which a reader would take
// for the character HHHH, as "_x005F_xHHHH_" ("_x005F_" is "_"), those
// that share an underscore too ("_x005F_x0042_").
func escapeXString(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var b strings.Builder
	last := 0
	for i := 0; i+7 <= len(s); i++ {
		if s[i] == '_' && s[i+1] == 'x' && s[i+6] == '_' && isHex4(s[i+2:i+6]) {
			b.WriteString(s[last:i])
			b.WriteString("_x005F")
			last = i
		}
	}
	b.WriteString(s[last:])
	return b.String()
}

func isHex4(s string) bool {
	for i := range 4 {
		if c := s[i] | 0x20; !('0' <= s[i] && s[i] <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

func (x *xlsxWriter) mappings(records recordList) {
	src, tgt := fieldLabels(records)
	columns := header(src, tgt)
	headings := make([]string, len(columns))
	widths := make([]float64, len(columns))
	body := make([]bodyColumn, len(columns))
	for i, c := range columns {
		headings[i] = heading(c)
		widths[i] = defaultWidth
		if w, ok := columnWidths[c]; ok {
			widths[i] = w
		}
		body[i] = bodyColumn{style: x.top, inline: ownTexts[c]}
		if wrapped[c] {
			body[i].style = x.wrap
		}
		if h, ok := fieldHeading(c); ok && i >= len(Columns) {
			headings[i], widths[i], body[i] = h, fieldWidth, bodyColumn{style: x.wrap}
		}
	}
	x.tableSheet(mappingsSheet, nil, 1, headings, records.Len(), func(i int) []string { return records.At(i).Cells(src, tgt) }, widths, body)
}

// frameworkFieldLabels returns the labels of a framework's fields, in
// order of first appearance (by element, then by field), each once.
func frameworkFieldLabels(fw *model.Framework) []string {
	var labels []string
	seen := map[string]bool{}
	for _, e := range fw.Elements {
		labels = appendLabels(labels, seen, Fields(e))
	}
	return labels
}

// sheetName returns the sheet name of a framework id: at most 31
// characters, as Excel allows.
func sheetName(id string) string {
	if utf8.RuneCountInString(id) <= 31 {
		return id
	}
	return string([]rune(id)[:31])
}

// uniqueName returns sheetName(id), changed if needed so that no two
// sheets have the same name (Excel compares them ignoring case).
func (x *xlsxWriter) uniqueName(id string) string {
	name := sheetName(id)
	for n := 2; x.names[strings.ToLower(name)]; n++ {
		suffix := "-" + strconv.Itoa(n)
		name = string([]rune(sheetName(id))[:min(utf8.RuneCountInString(sheetName(id)), 31-len(suffix))]) + suffix
	}
	x.names[strings.ToLower(name)] = true
	return name
}

// parentID returns the id of an element's parent, "" for a top-level
// element.
func parentID(e *model.Element) string {
	if e.Parent != nil {
		return e.Parent.ID
	}
	return e.ParentID
}

func (x *xlsxWriter) framework(fw *model.Framework) {
	if x.err != nil {
		return
	}
	sheet := x.uniqueName(fw.ID)
	_, err := x.f.NewSheet(sheet)
	x.do(err)
	values := []string{fw.Title, fw.ID, fw.Version, fw.Publisher, fw.Document, fw.Published, fw.URL, fw.License, fw.LicenseNote}
	facts := make([][2]string, len(frameworkFacts))
	for i, label := range frameworkFacts {
		facts[i] = [2]string{label, values[i]}
	}
	labels := frameworkFieldLabels(fw)
	widths := []float64{16, 16, 36, 90, 16, 30}
	body := []bodyColumn{{style: x.top}, {style: x.top}, {style: x.wrap}, {style: x.wrap}, {style: x.top}, {style: x.wrap}}
	for range labels {
		widths, body = append(widths, fieldWidth), append(body, bodyColumn{style: x.wrap})
	}
	x.tableSheet(sheet, facts, frameworkHeaderRows, append(append([]string{}, frameworkColumns...), labels...), len(fw.Elements), func(i int) []string {
		e := fw.Elements[i]
		return append([]string{e.ID, kind(e), e.Title, e.StatementText(), parentID(e), e.FullLabel()}, fieldCells(Fields(e), labels)...)
	}, widths, body)
}

func (x *xlsxWriter) readme(cw *model.Crosswalk, n int) {
	if x.err != nil {
		return
	}
	_, err := x.f.NewSheet(readmeSheet)
	x.do(err)
	rows := [][]string{
		{"Crosswalk", cw.Title},
		{"Crosswalk ID", cw.ID},
		{"Status", string(cw.Status)},
		{"Status statement", cw.StatusStatement},
		{"Publisher", cw.Publisher},
		{"Published", cw.Published},
		{"Document", cw.URL},
		{"Method", cw.Method},
		{"Direction", cw.Direction},
		{"Granularity", cw.Granularity},
	}
	if t := cw.Transcription; t != nil {
		rows = append(rows, []string{"Transcribed from", t.From}, []string{"Transcription", t.How})
		for _, n := range t.Notes {
			rows = append(rows, []string{"Transcription note", n})
		}
	}
	for i, s := range cw.Sources {
		label := "Source"
		if len(cw.Sources) > 1 {
			label += " " + strconv.Itoa(i+1)
		}
		text := s.Title
		if s.URL != "" {
			text += "\n" + s.URL
		}
		rows = append(rows, []string{label, text})
	}
	rows = append(rows, []string{"Records", strconv.Itoa(n)})
	for _, side := range []struct {
		name string
		fw   *model.Framework
		id   string
	}{{"Source framework", cw.Source, cw.SourceID}, {"Target framework", cw.Target, cw.TargetID}} {
		fw := side.fw
		if fw == nil {
			fw = &model.Framework{ID: side.id}
		}
		rows = append(rows,
			[]string{side.name, fw.Title},
			[]string{side.name + " ID", fw.ID},
			[]string{side.name + " version", fw.Version},
			[]string{side.name + " publisher", fw.Publisher},
			[]string{side.name + " document", fw.Document},
			[]string{side.name + " published", fw.Published},
			[]string{side.name + " URL", fw.URL},
			[]string{side.name + " licence", fw.License},
			[]string{side.name + " licence note", fw.LicenseNote},
		)
	}
	rows = append(rows,
		[]string{"Framework texts", "Element titles and statements (in the Mappings sheet and the framework sheets) are quoted verbatim from the frameworks' publishers, under the licences above."},
		[]string{"Reading a record", ReadingRecords(cw.Vocabulary)},
		[]string{"Sheets", mappingsSheet + ": one row per record, in the crosswalk's order. One sheet per framework, named by its id: the framework, then every element. " + readmeSheet + ": this provenance."},
	)
	for i, r := range rows {
		x.row(readmeSheet, i+1, r)
		if r[0] == "Records" && x.err == nil {
			x.do(x.f.SetCellInt(readmeSheet, cell(2, i+1), int64(n))) // a number, not text
		}
	}
	x.do(x.f.SetColWidth(readmeSheet, "A", "A", 28))
	x.do(x.f.SetColWidth(readmeSheet, "B", "B", 100))
	x.do(x.f.SetCellStyle(readmeSheet, "A1", cell(1, len(rows)), x.em))
	x.do(x.f.SetCellStyle(readmeSheet, "B1", cell(2, len(rows)), x.wrap))
	x.do(x.f.SetSheetDimension(readmeSheet, "A1:"+cell(2, max(len(rows), 1))))
}

// ReadingRecords says in words how a record of a crosswalk with
// vocabulary v reads, and what each of its relationship values means.
func ReadingRecords(v *vocab.Vocabulary) string {
	noCounterpart := " A row with a no_counterpart reason records that its one element has no counterpart in the other framework."
	if !v.Stated {
		s := "Each row of Mappings pairs a source element with a target element. " + vocab.UnstatedExplanation + " relationship is therefore empty and relationship_stated is no on every row."
		if n := strings.TrimSpace(v.Note); n != "" {
			s += " The crosswalk says: " + n
		}
		return s + noCounterpart
	}
	terms := make([]string, len(v.Terms))
	for i, t := range v.Terms {
		terms[i] = t.ID + " (" + t.Definition + ")"
	}
	what := "The relationships are the OSCAL 1.2 / NIST IR 8477 set-theory values"
	if v.Name == vocab.DeclaredName {
		what = "The relationships are the terms this crosswalk declares"
	}
	return "Each row of Mappings reads: source RELATIONSHIP target. " + what + ": " + strings.Join(terms, "; ") +
		". A row whose relationship is empty (relationship_stated no) states no relationship type." + noCounterpart
}
