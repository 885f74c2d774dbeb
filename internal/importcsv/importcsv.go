package importcsv

import (
	"bytes"
	"cmp"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"maps"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/crosswalk-ssg/crosswalk/internal/diag"
	"github.com/crosswalk-ssg/crosswalk/internal/export"
	"github.com/crosswalk-ssg/crosswalk/internal/frontmatter"
	"github.com/crosswalk-ssg/crosswalk/internal/layout"
	"github.com/crosswalk-ssg/crosswalk/internal/model"
	"github.com/crosswalk-ssg/crosswalk/internal/source"
	"github.com/crosswalk-ssg/crosswalk/internal/vocab"
	"gopkg.in/yaml.v3"
)

// Options says what a table maps and, for tables with other headings,
// which of its columns hold what.
type Options struct {
	Source, Target string // framework ids (required)
	// Columns maps a column name of export.Columns to the heading of the
	// column that holds it in the file ("target_id" → "NIST
	// subcategory"). A name given here is read only under that heading.
	// Names and headings are matched as headings are: case-insensitively,
	// with spaces, hyphens and underscores alike ("Target ID" names
	// target_id); an empty heading leaves the column's default.
	Columns map[string]string
	// Vocabulary is the relationship vocabulary of the crosswalk the
	// table goes into (vocab.SetTheory when nil); Read checks every
	// relationship against it.
	Vocabulary *vocab.Vocabulary
}

// vocabulary returns the vocabulary relationships are checked against.
func (o Options) vocabulary() *vocab.Vocabulary {
	if o.Vocabulary == nil {
		return vocab.SetTheory
	}
	return o.Vocabulary
}

// ExistingFile is the file name of positions in the errors Write reports
// about the front matter of the existing file, whose path Write is not
// given; a caller that knows the path may put it in their place.
const ExistingFile = "existing crosswalk"

// The columns of export.Columns by role.
const (
	colSourceFramework = "source_framework"
	colSourceID        = "source_id"
	colSourceTitle     = "source_title"
	colRelationship    = "relationship"
	colStated          = "relationship_stated"
	colTargetFramework = "target_framework"
	colTargetID        = "target_id"
	colTargetTitle     = "target_title"
	colRationale       = "rationale"
	colEvidence        = "evidence"
	colBasis           = "basis"
	colStatus          = "status"
	colReferences      = "references"
	colAsPublished     = "as_published"
	colNote            = "note"
	colNoCounterpart   = "no_counterpart"
)

// required are the columns a table must have. A table without a
// relationship column states no relationship type for any record.
var required = []string{colSourceID, colTargetID}

var utf8BOM = []byte("\ufeff")

// Read parses and validates a mapping table. name is the file name used
// in errors. frameworks are linked frameworks by id (their ByID filled).
//
// The table is CSV (RFC 4180: quoted fields may hold commas, quotes and
// line breaks), UTF-8 with or without a byte order mark, with CRLF or LF
// line ends. Its first non-blank row is the header; rows whose cells are
// all blank are skipped, wherever they are. The columns, in any order,
// are those of export.Columns:
//
//   - source_id, target_id: required, trimmed of surrounding spaces; one
//     of them is empty on a no-counterpart row;
//   - relationship: optional, trimmed; a term of Options.Vocabulary, or
//     empty (or no such column) for a record that states none;
//   - relationship_stated: optional; yes, no or empty, and when given it
//     must agree with relationship;
//   - as_published, note: optional text, kept as written;
//   - no_counterpart: optional; a reason makes the row a record that its
//     one element (source_id or target_id, the other left empty) has no
//     counterpart;
//   - source_framework, target_framework: optional; a non-empty cell must
//     be Options.Source or Options.Target;
//   - rationale, evidence, basis: optional text, kept as written;
//   - status: optional, draft or official; an empty cell (or no such
//     column) leaves the record the crosswalk's status;
//   - references: optional, one reference a line; blank lines are dropped;
//   - source_title, target_title, source_label, source_statement,
//     source_level, target_label, target_statement, target_level and the
//     field columns ("source: Discussion"): ignored; a record's element
//     data are those of its elements in frameworks, as export.Records
//     gives them (export.Record.SetSource, SetTarget).
//
// Any other column is ignored. Headings are matched case-insensitively,
// with spaces, hyphens and underscores alike ("Source ID", "source-id" and
// "SOURCE_ID" all name source_id). Extra empty cells at the end of a row
// are allowed.
//
// Every cell is read through export.UnescapeFormula, which undoes what the
// CSV export does to keep spreadsheets from running a cell as a formula: a
// cell that is one or more single quotes followed by =, +, -, @, a tab or
// a carriage return loses its first quote; every other cell is read as
// written, so that export → import → export gives the same bytes:
//
//	'=1   reads as  =1
//	''=1  reads as  '=1
//	'-1   reads as  -1
//	-1    reads as  -1
//	'tis  reads as  'tis
//
// Spreadsheets write CSV in other shapes too, and Read takes them:
//
//   - Delimiter: a first line "sep=;" or "sep=," (as Excel writes it to
//     name the delimiter) sets the delimiter and is not part of the table;
//     a sep= line naming another character is a problem at 1:5. Without
//     one, the delimiter is ";" when the header row has semicolons and no
//     comma outside quoted fields (as spreadsheets write CSV in locales
//     whose decimal separator is a comma), and "," otherwise.
//   - Line ends: when the line ends outside quoted fields are all lone CRs
//     (Excel's "CSV (Macintosh)"), they are read as line breaks, and a
//     notice says so; a CR inside a quoted field is kept. Line numbers in
//     messages count those line ends. A table with both LF and lone CR
//     line ends outside quoted fields is read with LF line ends, its lone
//     CRs being text of its cells.
//
// Limits: a table may have at most MaxRecords rows of records (counted
// before duplicates are dropped); the first row beyond is a problem,
// "the table has more than 200000 records: import reads at most 200000",
// and nothing after it is read. Read takes time linear in the size of the
// table and holds the table (once, twice when its line ends are converted),
// the records and an index of their ids; Write checks that the file it
// writes stays within source.MaxFileSize.
//
// Every problem is reported, as a diag.Errors sorted by position
// (Position{File: name, Line: the line on which the record starts, Col:
// the 1-based number of the field}), and then no record (and no notice) is
// returned. A CSV syntax error is reported in the same way, with the line
// of the error added to the message when it is not the record's first.
// Problems with opts (an unknown framework, an unknown column name) are
// plain errors.
//
// Duplicates: a row that repeats an earlier row's source_id and target_id
// (or, on a no-counterpart row, its one element) with every imported cell
// the same, once read (ids and status trimmed, references split; ignored
// columns and titles do not count), is an identical duplicate: the first
// row is kept, the duplicate is dropped, and Read says so in its notices.
// A repeated pair that differs in any imported cell is a problem:
// "duplicate mapping A → B (first at row N)", or for a no-counterpart row
// "A is recorded as having no counterpart twice (first at row N)", N being
// the line of the earlier record.
//
// The notices are complete lines for the user, without a program name.
// When the line ends were lone CRs, the first notice says so:
//
//	t.csv: the line ends are lone CRs (as Excel's "CSV (Macintosh)" writes them); they are read as line breaks
//
// When there are at most MaxDuplicateNotices identical duplicates there is
// one notice for each, at its own row and naming the row kept:
//
//	t.csv:5: duplicate mapping 12.1 → GOVERN 1.6, identical to row 2: row 2 is kept, this row is dropped
//	t.csv:9: duplicate no-counterpart record for 1.1.1, identical to row 3: row 3 is kept, this row is dropped
//
// and when there are more, one notice lists them all, each duplicate's row
// followed by the row kept:
//
//	t.csv: 12 identical duplicate rows dropped, each kept once at its first row: rows 5 (= 2), 9 (= 2), 14 (= 3), …
func Read(r io.Reader, name string, frameworks map[string]*model.Framework, opts Options) ([]export.Record, []string, error) {
	src, tgt, err := opts.frameworks(frameworks)
	if err != nil {
		return nil, nil, err
	}
	headings, renamed, err := opts.headings()
	if err != nil {
		return nil, nil, err
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, nil, err
	}
	t := &table{
		scan:     scan{name: name, renamed: renamed},
		headings: headings, src: src, tgt: tgt,
		srcSlugs: slugs(src), tgtSlugs: slugs(tgt), vocab: opts.vocabulary(),
		col: map[string]int{},
	}
	t.rows(data, func(n int) {
		// Room for the records is made once rather than grown row by row.
		n = min(n, MaxRecords)
		t.records, t.lines, t.seen = make([]export.Record, 0, n), make([]int, 0, n), make(map[recordKey]int, n)
	}, t.header, t.row)
	if t.headerMissing {
		t.errs.Add(t.pos(1, 1), "the table is empty: it needs a header row naming its columns (%s, …)", strings.Join(required, ", "))
	}
	if err := t.errs.Err(); err != nil {
		return nil, nil, err
	}
	return slices.Clip(t.records), t.notices(), nil
}

// scan reads a table with the tolerance Read documents (a byte order
// mark, a sep= line, ";" as the delimiter, lone CR line ends, syntax
// errors at their field), for the mapping and the framework readers.
type scan struct {
	name          string
	renamed       map[string]string // column name → heading, as the caller renames it
	width         int               // fields in the header
	crLineEnds    bool              // lone CR line ends were read as LF
	headerMissing bool              // the table has no header row (and no syntax error in one)
	errs          diag.List
}

func (t *scan) pos(line, col int) diag.Position {
	return diag.Position{File: t.name, Line: line, Col: col}
}

// fits reports whether a row is as wide as the header, extra empty cells
// at its end allowed (spreadsheets write them); if not, it says so.
func (t *scan) fits(rec []string, line int) bool {
	if len(rec) < t.width {
		t.errs.Add(t.pos(line, len(rec)+1), "row has %d fields, the header has %d", len(rec), t.width)
		return false
	}
	for i := t.width; i < len(rec); i++ {
		if strings.TrimSpace(rec[i]) != "" {
			t.errs.Add(t.pos(line, i+1), "row has %d fields, the header has %d", len(rec), t.width)
			return false
		}
	}
	return true
}

// rows reads data: it calls size with an upper bound of the number of
// rows, then header with the first non-blank row and row with every other
// non-blank one, each with the line it starts on, up to MaxRecords rows
// (the first beyond is a problem, and ends the reading). Syntax errors are
// added to t.errs; rows of a table whose header is broken are not read.
func (t *scan) rows(data []byte, size func(n int), header, row func(rec []string, line int)) {
	data = bytes.TrimPrefix(data, utf8BOM)
	data, comma := t.delimiter(data)
	data = t.lineEnds(data, comma)
	size(rowsIn(data, comma))
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = rune(comma)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true // row copies what it keeps
	first, headerBroken := true, false
	lastLine, rows := 0, 0
	var lines *diag.LineIndex // made for the first syntax error
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			if lines == nil {
				lines = diag.NewLineIndex(data)
			}
			t.errs.Add(t.pos(pe.StartLine, fieldAt(data, lines, pe, comma)), "%s", syntaxMessage(pe))
			if first {
				headerBroken = true
			}
			if pe.Line <= lastLine {
				break // no progress; cannot happen with encoding/csv, but never loop
			}
			lastLine = pe.Line
			continue
		}
		if err != nil {
			t.errs.Add(t.pos(lastLine+1, 1), "%v", err)
			break
		}
		line, _ := cr.FieldPos(0)
		lastLine = line
		switch {
		case blank(rec):
			continue
		case headerBroken:
			continue
		case first:
			first = false
			header(rec, line)
			continue
		}
		if rows++; rows > MaxRecords {
			t.errs.Add(t.pos(line, 1), "the table has more than %d records: import reads at most %d", MaxRecords, MaxRecords)
			break
		}
		row(rec, line)
	}
	t.headerMissing = first && !headerBroken
}

// MaxRecords is the number of rows of records a table may have. It bounds
// the time and memory an import takes: Read holds about 300 bytes a record
// besides the table, Write (which checks the file against
// source.MaxFileSize) about 5 KB a record while it works. A record takes
// 28 bytes of the file at the least and 100 to 300 in a real crosswalk, so
// a content file of 10 MB holds fewer records than this.
const MaxRecords = 200_000

// crNotice is the notice of a table whose line ends were lone CRs.
const crNotice = `the line ends are lone CRs (as Excel's "CSV (Macintosh)" writes them); they are read as line breaks`

// delimiter reads an Excel "sep=" first line, or else guesses the
// delimiter from the header row, as Read documents. It returns the table
// without the sep= line's text (its line end is kept, so that lines keep
// their numbers) and the delimiter.
func (t *scan) delimiter(data []byte) ([]byte, byte) {
	first := data
	if i := bytes.IndexAny(data, "\r\n"); i >= 0 {
		first = data[:i]
	}
	if len(first) == len("sep=;") && bytes.EqualFold(first[:4], []byte("sep=")) {
		c := first[4]
		if c != ',' && c != ';' {
			t.errs.Add(t.pos(1, 5), "sep=%c: import reads tables whose cells are separated by , or ;", c)
			c = ','
		}
		return data[len(first):], c
	}
	// The header is the first row with more than separators and spaces.
	comma, semicolon, text := false, false, false
	eachUnquoted(data, func(c byte) bool { return c == ',' || c == ';' }, func(i int) bool {
		switch data[i] {
		case '\n', '\r':
			if text {
				return false
			}
			comma, semicolon = false, false
		case ',':
			comma = true
		case ';':
			semicolon = true
		case ' ', '\t':
		default:
			text = true
		}
		return true
	})
	if semicolon && !comma {
		return data, ';'
	}
	return data, ','
}

// lineEnds converts lone CR line ends, as Read documents: when there is a
// lone CR outside quoted fields and no LF, it returns a copy of data with
// those CRs made LFs (and records the notice); otherwise data itself.
func (t *scan) lineEnds(data []byte, comma byte) []byte {
	isSep := func(c byte) bool { return c == comma }
	loneCR, lf := false, false
	eachUnquoted(data, isSep, func(i int) bool {
		switch data[i] {
		case '\n':
			lf = true
			return false
		case '\r':
			loneCR = loneCR || i+1 == len(data) || data[i+1] != '\n'
		}
		return true
	})
	if !loneCR || lf {
		return data
	}
	out := slices.Clone(data)
	eachUnquoted(out, isSep, func(i int) bool {
		if out[i] == '\r' {
			out[i] = '\n'
		}
		return true
	})
	t.crLineEnds = true
	return out
}

// rowsIn counts the lines of data that start a row that is not blank:
// lines with a byte other than a space, a tab or comma outside quoted
// fields, or that open one. It is the number of records and the header,
// or more when rows are broken.
func rowsIn(data []byte, comma byte) int {
	n, text := 0, false
	eachUnquoted(data, func(c byte) bool { return c == comma }, func(i int) bool {
		switch data[i] {
		case '\n':
			if text {
				n++
			}
			text = false
		case ' ', '\t', '\r', comma:
		default:
			text = true
		}
		return true
	})
	if text {
		n++
	}
	return n
}

// eachUnquoted calls fn with the offset of each byte of data that is not
// inside a quoted field, in order, until fn returns false. As in RFC 4180
// (and encoding/csv), a field is quoted when its first byte, right after
// the start of data, a separator (isSep) or a line end (CR or LF), is a
// double quote; inside it, "" stands for a quote and the next lone " ends
// it. The opening and closing quotes themselves are passed to fn.
func eachUnquoted(data []byte, isSep func(byte) bool, fn func(i int) bool) {
	quoted, fieldStart := false, true
	for i := 0; i < len(data); i++ {
		c := data[i]
		switch {
		case quoted && c != '"':
			continue
		case quoted && i+1 < len(data) && data[i+1] == '"':
			i++
			continue
		case quoted:
			quoted = false
		case c == '"' && fieldStart:
			quoted = true
		}
		if !fn(i) {
			return
		}
		fieldStart = !quoted && (isSep(c) || c == '\n' || c == '\r')
	}
}

// MaxDuplicateNotices is the number of identical duplicate rows up to
// which Read gives one notice per duplicate; beyond it, one notice lists
// them all.
const MaxDuplicateNotices = 10

// recordKey identifies a record for duplicates: a mapping by its pair of
// ids (side ""), a no-counterpart record by its side and element.
type recordKey struct{ side, a, b string }

// duplicate is an identical duplicate row, dropped.
type duplicate struct {
	line, first int
	key         recordKey
}

// notices words the identical duplicates, as Read documents.
func (t *table) notices() []string {
	var out []string
	if t.crLineEnds {
		out = append(out, t.name+": "+crNotice)
	}
	if len(t.dups) == 0 {
		return out
	}
	if len(t.dups) > MaxDuplicateNotices {
		rows := make([]string, len(t.dups))
		for i, d := range t.dups {
			rows[i] = fmt.Sprintf("%d (= %d)", d.line, d.first)
		}
		return append(out, fmt.Sprintf("%s: %d identical duplicate rows dropped, each kept once at its first row: rows %s",
			t.name, len(t.dups), strings.Join(rows, ", ")))
	}
	for _, d := range t.dups {
		what := fmt.Sprintf("duplicate mapping %s → %s", d.key.a, d.key.b)
		if d.key.side != "" {
			what = "duplicate no-counterpart record for " + d.key.a
		}
		out = append(out, fmt.Sprintf("%s: %s, identical to row %d: row %d is kept, this row is dropped", t.pos(d.line, 0), what, d.first, d.first))
	}
	return out
}

// table is the state of one Read.
type table struct {
	scan
	headings map[string]string // normalized heading → column name
	src, tgt *model.Framework
	srcSlugs map[string]string // vocab.Fold → id, for suggestions
	tgtSlugs map[string]string
	vocab    *vocab.Vocabulary
	col      map[string]int    // column name → field index
	seen     map[recordKey]int // index in records of the key's first row
	dups     []duplicate
	// records are the rows read, one each but for identical duplicates;
	// rows with problems too, since then none is returned.
	records []export.Record
	lines   []int // the line of each record
}

// heading returns how a column is named in the file, for messages.
func (t *scan) heading(c string) string { return cmp.Or(t.renamed[c], c) }

func (t *table) header(rec []string, line int) {
	t.width = len(rec)
	for i, h := range rec {
		c, ok := t.headings[normalize(h)]
		if !ok {
			continue // a column import does not read
		}
		if prev, dup := t.col[c]; dup {
			t.errs.Add(t.pos(line, i+1), "duplicate column %q: column %d is %s too", h, prev+1, c)
			continue
		}
		t.col[c] = i
	}
	for _, c := range required {
		if _, ok := t.col[c]; ok {
			continue
		}
		if h := t.heading(c); h != c {
			t.errs.Add(t.pos(line, 1), "missing column %q (%s)", h, c)
		} else {
			t.errs.Add(t.pos(line, 1), "missing column %q", c)
		}
	}
}

func (t *table) row(rec []string, line int) {
	if !t.fits(rec, line) {
		return
	}
	// cell returns a column's value and field number, and whether the
	// row has it as valid UTF-8.
	cell := func(c string) (string, int, bool) {
		i, ok := t.col[c]
		if !ok {
			return "", 0, false
		}
		if !utf8.ValidString(rec[i]) {
			t.errs.Add(t.pos(line, i+1), "%s is not UTF-8 text: save the table as UTF-8", c)
			return "", i + 1, false
		}
		return export.UnescapeFormula(rec[i]), i + 1, true
	}
	r := export.Record{SourceFramework: t.src.ID, TargetFramework: t.tgt.ID, References: []string{}, SourceFields: []export.Field{}, TargetFields: []export.Field{}}
	for _, fc := range []struct {
		col  string
		want string
		side string
	}{{colSourceFramework, t.src.ID, "source"}, {colTargetFramework, t.tgt.ID, "target"}} {
		if v, at, ok := cell(fc.col); ok {
			if v = strings.TrimSpace(v); v != "" && v != fc.want {
				t.errs.Add(t.pos(line, at), fc.col+" %q does not match the "+fc.side+" framework %q", v, fc.want)
			}
		}
	}
	r.NoCounterpart, _, _ = cell(colNoCounterpart)
	r.NoCounterpart = strings.TrimSpace(r.NoCounterpart)
	var key recordKey
	var keyAt int
	var keyOK bool
	if r.NoCounterpart != "" {
		key.side, keyAt, keyOK = t.noCounterpartRow(cell, line, &r)
		key.a = r.SourceID + r.TargetID // one of them is empty
	} else {
		var tgtOK bool
		r.SourceID, keyAt, keyOK = t.element(cell, colSourceID, "source", t.src, t.srcSlugs, line, r.SetSource)
		r.TargetID, _, tgtOK = t.element(cell, colTargetID, "target", t.tgt, t.tgtSlugs, line, r.SetTarget)
		key.a, key.b, keyOK = r.SourceID, r.TargetID, keyOK && tgtOK
	}
	if v, at, ok := cell(colRelationship); ok {
		r.Relationship = strings.TrimSpace(v)
		if r.Relationship != "" && r.NoCounterpart != "" {
			t.errs.Add(t.pos(line, at), "a no-counterpart row relates nothing: leave "+colRelationship+" empty")
		} else if msg := t.vocab.Check(r.Relationship); msg != "" {
			t.errs.Add(t.pos(line, at), "%s", msg)
		}
	}
	r.RelationshipStated = r.Relationship != ""
	if v, at, ok := cell(colStated); ok {
		switch v = strings.ToLower(strings.TrimSpace(v)); {
		case v == "":
		case v != "yes" && v != "no":
			t.errs.Add(t.pos(line, at), colStated+" %q: use yes, no or leave it empty", v)
		case r.NoCounterpart != "" && v == "yes":
			t.errs.Add(t.pos(line, at), colStated+" is yes on a no-counterpart row, which relates nothing")
		case r.NoCounterpart == "" && (v == "yes") != r.RelationshipStated:
			t.errs.Add(t.pos(line, at), colStated+" is %s but relationship is %q", v, r.Relationship)
		}
	}
	r.AsPublished, _, _ = cell(colAsPublished)
	r.Note, _, _ = cell(colNote)
	r.Rationale, _, _ = cell(colRationale)
	r.Evidence, _, _ = cell(colEvidence)
	r.Basis, _, _ = cell(colBasis)
	if v, at, ok := cell(colStatus); ok { // empty: the crosswalk's status
		if v = strings.TrimSpace(v); v != "" {
			r.Status = v
			if msg := vocab.CheckStatus(v); msg != "" {
				t.errs.Add(t.pos(line, at), "%s", msg)
			}
		}
	}
	if v, _, ok := cell(colReferences); ok {
		for _, ref := range strings.Split(v, "\n") {
			if ref = strings.TrimSuffix(ref, "\r"); strings.TrimSpace(ref) != "" {
				r.References = append(r.References, ref)
			}
		}
	}
	if keyOK {
		first, dup := t.seen[key]
		switch {
		case !dup:
			t.seen[key] = len(t.records)
		case slices.Equal(t.records[first].Row(), r.Row()):
			t.dups = append(t.dups, duplicate{line: line, first: t.lines[first], key: key})
			return // identical: the first row stands for it
		case key.side != "":
			t.errs.Add(t.pos(line, keyAt), "%s is recorded as having no counterpart twice (first at row %d)", key.a, t.lines[first])
		default:
			t.errs.Add(t.pos(line, keyAt), "duplicate mapping %s → %s (first at row %d)", r.SourceID, r.TargetID, t.lines[first])
		}
	}
	t.records = append(t.records, r)
	t.lines = append(t.lines, line)
}

// element reads an id column and looks the id up in fw. It returns the
// id, its field number and whether the id is non-empty text (known or
// not, so that duplicates of an unknown id are reported too).
func (t *table) element(cell func(string) (string, int, bool), c, side string, fw *model.Framework, slugs map[string]string, line int, set func(*model.Element)) (string, int, bool) {
	v, at, ok := cell(c)
	if !ok {
		return "", at, false
	}
	id := strings.TrimSpace(v)
	if id == "" {
		t.errs.Add(t.pos(line, at), "%s is empty", c)
		return "", at, false
	}
	e := fw.ByID[id]
	if e == nil {
		hint := ""
		if f := vocab.Fold(id); f != "" && slugs[f] != "" {
			hint = vocab.DidYouMean(id, []string{slugs[f]})
		}
		t.errs.Add(t.pos(line, at), "unknown "+side+" %q in framework %q%s", id, fw.ID, hint) // side in the format: a kind of its own
		return id, at, true
	}
	set(e)
	return id, at, true
}

// noCounterpartRow reads the one id of a no-counterpart row: exactly one
// of source_id and target_id is given. It returns the side of the id, its
// field number and whether it is non-empty text (as element does).
func (t *table) noCounterpartRow(cell func(string) (string, int, bool), line int, r *export.Record) (string, int, bool) {
	sv, sAt, _ := cell(colSourceID)
	tv, tAt, _ := cell(colTargetID)
	sv, tv = strings.TrimSpace(sv), strings.TrimSpace(tv)
	var at int
	var ok bool
	switch {
	case sv != "" && tv != "":
		t.errs.Add(t.pos(line, tAt), "a no-counterpart row names one element: leave "+colSourceID+" or "+colTargetID+" empty")
	case sv != "":
		r.SourceID, at, ok = t.element(cell, colSourceID, "source", t.src, t.srcSlugs, line, r.SetSource)
		return "source", at, ok
	case tv != "":
		r.TargetID, at, ok = t.element(cell, colTargetID, "target", t.tgt, t.tgtSlugs, line, r.SetTarget)
		return "target", at, ok
	default:
		t.errs.Add(t.pos(line, sAt), "a no-counterpart row needs "+colSourceID+" or "+colTargetID)
	}
	return "", 0, false
}

// frameworks returns the frameworks opts names.
func (o Options) frameworks(frameworks map[string]*model.Framework) (src, tgt *model.Framework, err error) {
	find := func(side, id string) (*model.Framework, error) {
		if id == "" {
			return nil, fmt.Errorf("no %s framework given", side)
		}
		if fw := frameworks[id]; fw != nil {
			return fw, nil
		}
		ids := make([]string, 0, len(frameworks))
		for k := range frameworks {
			ids = append(ids, k)
		}
		slices.Sort(ids)
		for _, k := range ids {
			if layout.Slug(k) == layout.Slug(id) {
				return nil, fmt.Errorf("unknown %s framework %q; did you mean %q?", side, id, k)
			}
		}
		if len(ids) == 0 {
			return nil, fmt.Errorf("unknown %s framework %q: the site has no frameworks", side, id)
		}
		return nil, fmt.Errorf("unknown %s framework %q: use one of %s", side, id, strings.Join(ids, ", "))
	}
	if src, err = find("source", o.Source); err != nil {
		return nil, nil, err
	}
	if tgt, err = find("target", o.Target); err != nil {
		return nil, nil, err
	}
	if src == tgt {
		return nil, nil, fmt.Errorf("a crosswalk relates two different frameworks; source and target are both %q", o.Source)
	}
	return src, tgt, nil
}

// headings returns the column name of each normalized heading, and the
// heading of each column name that Columns renames.
func (o Options) headings() (byHeading, renamed map[string]string, err error) {
	return headingsOf(export.Columns, o.Columns, "use one of")
}

// headingsOf maps each normalized heading of a table of the columns known
// to its column name, and each column that columns (our name → the
// table's heading) renames to its heading: the one rule for both kinds of
// table. An unknown name is an error listing the known ones after
// listing; so are two headings for one column, a heading without
// letters, and two columns read from one heading.
func headingsOf(known []string, columns map[string]string, listing string) (byHeading, renamed map[string]string, err error) {
	renamed = map[string]string{}
	for _, name := range slices.Sorted(maps.Keys(columns)) { // the first unknown name is always the same one
		c := normalize(name)
		if !slices.Contains(known, c) {
			return nil, nil, fmt.Errorf("unknown column name %q: %s %s", name, listing, strings.Join(known, ", "))
		}
		h := strings.TrimSpace(columns[name])
		if h == "" {
			continue
		}
		if prev, dup := renamed[c]; dup && prev != h {
			return nil, nil, fmt.Errorf("column %s is given two headings, %q and %q", c, prev, h)
		}
		renamed[c] = h
	}
	byHeading = map[string]string{}
	for _, c := range known {
		h := cmp.Or(renamed[c], c)
		n := normalize(h)
		if n == "" {
			return nil, nil, fmt.Errorf("column %s: the heading %q has no letters", c, h)
		}
		if prev, dup := byHeading[n]; dup {
			return nil, nil, fmt.Errorf("columns %s and %s would both be read from the column %q", prev, c, h)
		}
		byHeading[n] = c
	}
	return byHeading, renamed, nil
}

// normalize makes headings comparable: lower case, with every run of
// spaces, hyphens and underscores one "_" ("Source ID" → "source_id").
func normalize(h string) string {
	var b strings.Builder
	sep := false
	for _, r := range strings.ToLower(strings.TrimSpace(h)) {
		switch r {
		case ' ', '\t', '-', '_':
			sep = true
			continue
		}
		if sep && b.Len() > 0 {
			b.WriteByte('_')
		}
		sep = false
		b.WriteRune(r)
	}
	return b.String()
}

// slugs returns a framework's ids by their vocab.Fold, for hints: an id
// that folds alike is suggested, an ambiguous fold suggests nothing.
func slugs(fw *model.Framework) map[string]string {
	out := map[string]string{}
	for id := range fw.ByID {
		f := vocab.Fold(id)
		if f == "" {
			continue
		}
		if _, dup := out[f]; dup {
			out[f] = ""
			continue
		}
		out[f] = id
	}
	return out
}

func blank(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// syntaxMessage words a CSV syntax error.
func syntaxMessage(pe *csv.ParseError) string {
	var msg string
	switch {
	case errors.Is(pe.Err, csv.ErrBareQuote):
		msg = `bare " in an unquoted field: quote the whole field and double the quotes inside it ("")`
	case errors.Is(pe.Err, csv.ErrQuote):
		msg = `extraneous or missing " in a quoted field`
	default:
		msg = pe.Err.Error()
	}
	if pe.Line != pe.StartLine {
		msg += fmt.Sprintf(" (on line %d)", pe.Line)
	}
	return msg
}

// fieldAt returns the 1-based number of the field in which a syntax
// error occurred, by reading the record from its first line up to the
// error's line and byte column. lines indexes data, comma is the
// delimiter.
func fieldAt(data []byte, lines *diag.LineIndex, pe *csv.ParseError, comma byte) int {
	start, end := lines.LineStart(pe.StartLine), lines.LineStart(pe.Line)+pe.Column-1
	end = min(max(end, start), len(data))
	field, fieldStart, quoted := 1, true, false
	for i := start; i < end; i++ {
		c := data[i]
		switch {
		case quoted:
			if c == '"' {
				if i+1 < end && data[i+1] == '"' {
					i++
				} else {
					quoted = false
				}
			}
		case c == comma:
			field++
			fieldStart = true
		case c == '"' && fieldStart:
			quoted, fieldStart = true, false
		default:
			fieldStart = false
		}
	}
	return field
}

// Write renders the crosswalk Markdown file of records. existing is the
// current file's content, nil if there is none: its front matter (which
// must be YAML) keeps its crosswalk block and every other key, in order,
// with their values and comments, but is encoded anew by yaml.v3, so its
// layout (quoting, line breaks, indentation) may change; its mappings are
// replaced by records, and its Markdown body is kept byte for byte. Without it, Write makes a new file
// with a crosswalk block (id "<source>--<target>", title "<source name> to
// <target name>", source, target, status draft and a status_statement
// naming the table by its base name name) and a one-line body.
//
// A record's status is written only when it differs from the crosswalk's
// status, which a record without one takes; an empty status is left out.
// Empty rationale, evidence, basis and references are left out. Problems
// in the existing file are reported at positions in ExistingFile.
//
// Write refuses, with a problem at name (the table), what import must not
// write:
//
//   - no records: "t.csv: the table has no records", and when the existing
//     file has records, "t.csv: the table has no records: importing it would
//     remove the crosswalk's 272 records, and is refused";
//   - a file longer than a content file may be (source.MaxFileSize, which
//     check would reject): "t.csv: the crosswalk file would be 12582912
//     bytes (12.0 MB) with the table's 250000 records; a content file may
//     be at most 10485760 bytes (10 MB)". This is checked on a lower bound
//     of the size before the YAML is made ("would be at least …"), and on
//     the file made.
func Write(records []export.Record, existing []byte, name string, opts Options, frameworks map[string]*model.Framework) ([]byte, error) {
	src, tgt, err := opts.frameworks(frameworks)
	if err != nil {
		return nil, err
	}
	for i, r := range records {
		if r.SourceFramework != "" && r.SourceFramework != src.ID || r.TargetFramework != "" && r.TargetFramework != tgt.ID {
			return nil, fmt.Errorf("record %d maps %s to %s, not %s to %s", i+1, r.SourceFramework, r.TargetFramework, src.ID, tgt.ID)
		}
		fields := []string{r.SourceID, r.TargetID, r.Relationship, r.Rationale, r.Evidence, r.Basis, r.Status, r.AsPublished, r.Note, r.NoCounterpart}
		names := []string{colSourceID, colTargetID, colRelationship, colRationale, colEvidence, colBasis, colStatus, colAsPublished, colNote, colNoCounterpart}
		for _, ref := range r.References {
			fields, names = append(fields, ref), append(names, colReferences)
		}
		for j, v := range fields {
			if !utf8.ValidString(v) {
				return nil, fmt.Errorf("record %d: %s is not UTF-8 text", i+1, names[j])
			}
		}
	}
	return write(records, existing, name, src, tgt, source.MaxFileSize, mappingsChunk)
}

// write is Write with the frameworks checked, at most limit bytes in the
// file it makes, and the mappings encoded chunk records at a time
// (frontMatter).
func write(records []export.Record, existing []byte, name string, src, tgt *model.Framework, limit, chunk int) ([]byte, error) {
	var err error
	if existing == nil && len(records) == 0 {
		return nil, tableProblem(name, "the table has no records")
	}
	if n := minSize(records); n > limit {
		return nil, tooLong(name, "at least ", n, len(records), limit)
	}
	var out []byte
	var status string
	if existing == nil {
		status = string(model.Draft)
		out, err = newFile(records, name, src, tgt, chunk)
	} else {
		out, status, err = replaceMappings(records, existing, name, src, tgt, chunk)
	}
	if err != nil {
		return nil, err
	}
	if len(out) > limit {
		return nil, tooLong(name, "", len(out), len(records), limit)
	}
	if err := readsBack(out, records, status); err != nil {
		return nil, err
	}
	return out, nil
}

// tableProblem is a problem with the table as a whole, at its name.
func tableProblem(name, format string, args ...any) error {
	var errs diag.List
	errs.Add(diag.Position{File: name}, format, args...)
	return errs.Err()
}

// tooLong is the problem of a file of size bytes (or of at least size
// bytes, with what "at least ") longer than limit, the most a content
// file may be.
func tooLong(name, what string, size, records, limit int) error {
	return tableProblem(name, "the crosswalk file would be %s%d bytes (%.1f MB) with the table's %d %s; a content file may be at most %d bytes (%s MB)",
		what, size, float64(size)/(1<<20), records, plural(records, "record", "records"), limit, strconv.FormatFloat(float64(limit)/(1<<20), 'f', -1, 64))
}

// minSize is a lower bound of the bytes the records take in a crosswalk
// file: each value written takes at least its own length, with its key
// ("    key: value\n"), whether it is written plain, quoted or as a
// literal block, since yaml.v3 does not fold lines.
func minSize(records []export.Record) int {
	n := 0
	field := func(key, v string) {
		if v != "" {
			n += len("    ") + len(key) + len(": ") + len(v) + len("\n")
		}
	}
	for _, r := range records {
		if r.NoCounterpart != "" {
			field("source", r.SourceID+r.TargetID) // "target" is as long
			field("reason", r.NoCounterpart)
		} else {
			n += len("    source: \n    target: \n") + len(r.SourceID) + len(r.TargetID)
			field("relationship", r.Relationship)
			field("rationale", r.Rationale)
			field("evidence", r.Evidence)
			field("basis", r.Basis)
			field("note", r.Note)
		}
		field("as_published", r.AsPublished)
		if len(r.References) > 0 {
			n += len("    references:\n")
			for _, ref := range r.References {
				n += len("      - \n") + len(ref)
			}
		}
	}
	return n
}

// mappingsNode returns the mapping records (those without a
// no_counterpart reason) as a YAML sequence of mappings, keys in the
// order the content model documents them, empty optional values and a
// status equal to the crosswalk's left out.
func mappingsNode(records []export.Record, status string, c scalars) *yaml.Node {
	seq := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
	for _, r := range records {
		if r.NoCounterpart != "" {
			continue
		}
		m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		add := func(k, v string, always bool) {
			if v != "" || always {
				m.Content = append(m.Content, key(k), c.str(v))
			}
		}
		add("source", r.SourceID, true)
		add("target", r.TargetID, true)
		add("relationship", r.Relationship, false)
		add("rationale", r.Rationale, false)
		add("evidence", r.Evidence, false)
		add("basis", r.Basis, false)
		if r.Status != status {
			add("status", r.Status, false)
		}
		addReferences(m, r.References, c)
		add("as_published", r.AsPublished, false)
		add("note", r.Note, false)
		seq.Content = append(seq.Content, m)
	}
	return seq
}

// noCounterpartNode returns the no-counterpart records as the YAML
// sequence of the "no_counterpart" key, or nil when there are none.
func noCounterpartNode(records []export.Record, c scalars) *yaml.Node {
	seq := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
	for _, r := range records {
		if r.NoCounterpart == "" {
			continue
		}
		m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		if r.SourceID != "" {
			m.Content = append(m.Content, key("source"), c.str(r.SourceID))
		} else {
			m.Content = append(m.Content, key("target"), c.str(r.TargetID))
		}
		m.Content = append(m.Content, key("reason"), c.str(r.NoCounterpart))
		if r.AsPublished != "" {
			m.Content = append(m.Content, key("as_published"), c.str(r.AsPublished))
		}
		addReferences(m, r.References, c)
		seq.Content = append(seq.Content, m)
	}
	if len(seq.Content) == 0 {
		return nil
	}
	return seq
}

func addReferences(m *yaml.Node, refs []string, c scalars) {
	if len(refs) == 0 {
		return
	}
	seq := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
	for _, ref := range refs {
		seq.Content = append(seq.Content, c.str(ref))
	}
	m.Content = append(m.Content, key("references"), seq)
}

// key returns a mapping key node.
func key(k string) *yaml.Node { return frontmatter.Key(k) }

// scalars remembers the node frontmatter.Text returns for each value, so
// that a value that recurs (an id, a relationship, a status) is styled
// once: Text encodes each single-line value with yaml.v3, which takes
// most of Write's time and memory.
type scalars map[string]yaml.Node

// str returns a node of its own for v, as frontmatter.Text styles it.
func (c scalars) str(v string) *yaml.Node {
	n, ok := c[v]
	if !ok {
		n = *frontmatter.Text(v)
		c[v] = n
	}
	return &n
}

func newFile(records []export.Record, name string, src, tgt *model.Framework, chunk int) ([]byte, error) {
	base := filepath.Base(name)
	c := scalars{}
	cw := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	for _, kv := range [][2]string{
		{"id", src.ID + "--" + tgt.ID},
		{"title", src.Name() + " to " + tgt.Name()},
		{"source", src.ID},
		{"target", tgt.ID},
		{"status", string(model.Draft)},
		{"status_statement", "Imported from " + base + "; not yet reviewed."},
	} {
		cw.Content = append(cw.Content, key(kv[0]), frontmatter.Text(kv[1]))
	}
	doc := yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Content: []*yaml.Node{
		key("crosswalk"), cw,
		key("mappings"), nil, // frontMatter sets it
	}}
	if nc := noCounterpartNode(records, c); nc != nil {
		doc.Content = append(doc.Content, key("no_counterpart"), nc)
	}
	fm, err := frontMatter(&doc, &doc, records, string(model.Draft), c, chunk)
	if err != nil {
		return nil, err
	}
	body := "These mappings were imported from " + codeSpan(base) + " and have not been reviewed yet.\n"
	return []byte("---\n" + string(fm) + "---\n" + body), nil
}

// mappingsChunk is the number of mapping records frontMatter encodes at a
// time. yaml.v3's encoder keeps every event of a document until the
// document is done: 100,000 records encoded at once took 900 MB.
const mappingsChunk = 1000

// mappingsPlaceholder stands for the mappings in the front matter
// frontMatter encodes around them.
const mappingsPlaceholder = "importcsv-mappings-placeholder-5f0c9e"

// frontMatter encodes doc, whose root mapping root has a "mappings" key,
// with the mapping records of records as its value (mappingsNode). It
// gives the bytes frontmatter.Encode gives for the whole document, but
// encodes the document with a placeholder for the mappings, then the
// mappings as top-level sequences of chunk records each, and puts those
// in place of the placeholder, indented by two spaces (indent), as
// frontmatter.Encode (yaml.v3 with SetIndent(2)) indents a sequence under
// a key. It does not fold lines, so the indent changes nothing else. When
// that cannot be done as simply (no mapping records, a chunk of 0, a
// comment on the mappings key, the placeholder not found on a line of its
// own), the whole document is encoded at once.
func frontMatter(doc, root *yaml.Node, records []export.Record, status string, c scalars, chunk int) ([]byte, error) {
	whole := func() ([]byte, error) {
		frontmatter.Set(root, "mappings", mappingsNode(records, status, c))
		return frontmatter.Encode(doc)
	}
	var k *yaml.Node
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value == "mappings" {
			k = root.Content[i]
		}
	}
	if chunk <= 0 || k == nil || k.HeadComment != "" || k.LineComment != "" || k.FootComment != "" ||
		!slices.ContainsFunc(records, func(r export.Record) bool { return r.NoCounterpart == "" }) {
		return whole()
	}
	frontmatter.Set(root, "mappings", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: mappingsPlaceholder})
	fm, err := frontmatter.Encode(doc)
	if err != nil {
		return nil, err
	}
	line := []byte("mappings: " + mappingsPlaceholder + "\n")
	at := -1
	if bytes.HasPrefix(fm, line) {
		at = 0
	} else if i := bytes.Index(fm, append([]byte("\n"), line...)); i >= 0 {
		at = i + 1
	}
	if at < 0 || bytes.Count(fm, []byte(mappingsPlaceholder)) != 1 {
		return whole()
	}
	var b bytes.Buffer
	b.Write(fm[:at])
	b.WriteString("mappings:\n")
	for start := 0; start < len(records); start += chunk {
		seq := mappingsNode(records[start:min(start+chunk, len(records))], status, c)
		if len(seq.Content) == 0 {
			continue
		}
		text, err := frontmatter.Encode(seq)
		if err != nil {
			return nil, err
		}
		indent(&b, text)
	}
	b.Write(fm[at+len(line):])
	return b.Bytes(), nil
}

// indent writes text to b with two spaces before every line that is not
// empty. Lines end at what YAML takes for a line break, as yaml.v3 writes
// them within quoted scalars too: LF, CR, NEL (U+0085), and the line and
// paragraph separators (U+2028, U+2029); yaml.v3 indents what follows a
// break in a scalar, never an empty line.
func indent(b *bytes.Buffer, text []byte) {
	b.Grow(len(text) + len(text)/8)
	lineStart := true
	for i := 0; i < len(text); {
		if n := breakLen(text[i:]); n > 0 {
			b.Write(text[i : i+n])
			i += n
			lineStart = true
			continue
		}
		if lineStart {
			b.WriteString("  ")
			lineStart = false
		}
		b.WriteByte(text[i])
		i++
	}
}

// breakLen returns the length of the YAML line break at the start of s,
// 0 if there is none.
func breakLen(s []byte) int {
	switch {
	case len(s) > 0 && (s[0] == '\n' || s[0] == '\r'):
		return 1
	case len(s) > 1 && s[0] == 0xc2 && s[1] == 0x85: // NEL
		return 2
	case len(s) > 2 && s[0] == 0xe2 && s[1] == 0x80 && (s[2] == 0xa8 || s[2] == 0xa9): // U+2028, U+2029
		return 3
	}
	return 0
}

// codeSpan returns s as Markdown that shows it as written: a code span,
// or, when s holds a backtick, s with its ASCII punctuation escaped.
func codeSpan(s string) string {
	if !strings.Contains(s, "`") {
		return "`" + s + "`"
	}
	var b strings.Builder
	for _, r := range s {
		if r < 0x80 && strings.ContainsRune("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// replaceMappings replaces the mappings of an existing file. It returns
// the new file and the crosswalk's status.
func replaceMappings(records []export.Record, existing []byte, name string, src, tgt *model.Framework, chunk int) ([]byte, string, error) {
	var errs diag.List
	f := source.Parse(ExistingFile, existing, &errs)
	if err := errs.Err(); err != nil {
		return nil, "", err
	}
	switch {
	case f.Format == "":
		return nil, "", fmt.Errorf("%s: the file has no front matter; import rewrites the YAML front matter of a crosswalk file", ExistingFile)
	case f.Format != "yaml":
		return nil, "", fmt.Errorf("%s: the file has %s front matter; import rewrites only YAML front matter (between --- lines)", ExistingFile, strings.ToUpper(f.Format))
	case f.FrontMatter == nil:
		return nil, "", fmt.Errorf("%s: the front matter has no crosswalk block", ExistingFile)
	}
	// The front matter's text lies between its opening delimiter (line
	// f.Start) and the last line before the body.
	header := string(existing[:len(existing)-len(f.Body)])
	lines := strings.SplitAfter(header, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	if len(lines) < f.Start+1 {
		return nil, "", fmt.Errorf("%s: cannot find the front matter's delimiters", ExistingFile)
	}
	opening := strings.Join(lines[:f.Start], "")
	text := strings.Join(lines[f.Start:len(lines)-1], "")
	closing := lines[len(lines)-1]

	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(text), &doc); err != nil || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, "", fmt.Errorf("%s: cannot read the front matter again: %v", ExistingFile, err)
	}
	root := doc.Content[0]
	cw := frontmatter.Get(root, "crosswalk")
	if cw == nil || cw.Kind != yaml.MappingNode {
		return nil, "", fmt.Errorf("%s: the front matter has no crosswalk block", ExistingFile)
	}
	scalar := func(key string) string {
		if v := frontmatter.Get(cw, key); v != nil && v.Kind == yaml.ScalarNode {
			return v.Value
		}
		return ""
	}
	if s, t := scalar("source"), scalar("target"); s != src.ID || t != tgt.ID {
		return nil, "", fmt.Errorf("%s: the crosswalk maps %q to %q, not %q to %q", ExistingFile, s, t, src.ID, tgt.ID)
	}
	if len(records) == 0 {
		n := 0
		for _, k := range []string{"mappings", "no_counterpart"} {
			if v := frontmatter.Get(root, k); v != nil && v.Kind == yaml.SequenceNode {
				n += len(v.Content)
			}
		}
		if n == 0 {
			return nil, "", tableProblem(name, "the table has no records")
		}
		return nil, "", tableProblem(name, "the table has no records: importing it would remove the crosswalk's %d %s, and is refused", n, plural(n, "record", "records"))
	}
	status := scalar("status")
	c := scalars{}
	frontmatter.Set(root, "mappings", &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}) // frontMatter sets it
	frontmatter.Set(root, "no_counterpart", noCounterpartNode(records, c))
	fm, err := frontMatter(&doc, root, records, status, c, chunk)
	if err != nil {
		return nil, "", err
	}
	if strings.HasSuffix(opening, "\r\n") {
		fm = bytes.ReplaceAll(fm, []byte("\n"), []byte("\r\n"))
	}
	out := make([]byte, 0, len(opening)+len(fm)+len(closing)+len(f.Body))
	out = append(out, opening...)
	out = append(out, fm...)
	out = append(out, closing...)
	out = append(out, f.Body...)
	return out, status, nil
}

func plural(n int, one, more string) string {
	if n == 1 {
		return one
	}
	return more
}

// readsBack decodes the front matter of a written file as the generator
// does and checks that its mappings are the records.
func readsBack(out []byte, records []export.Record, status string) error {
	var errs diag.List
	f := source.Parse("content/crosswalks/import.md", out, &errs)
	if f == nil {
		return fmt.Errorf("importcsv: the written file does not parse: %v", errs.Err())
	}
	site := model.Decode([]*source.File{f}, &errs)
	if len(site.Crosswalks) != 1 {
		return fmt.Errorf("importcsv: the written file does not read back as a crosswalk: %v", errs.Err())
	}
	cw := site.Crosswalks[0]
	var back []export.Record
	for _, m := range cw.Mappings {
		back = append(back, export.Record{SourceID: m.SourceID, TargetID: m.TargetID, Relationship: m.Relationship,
			Rationale: m.Rationale, Evidence: m.Evidence, Basis: m.Basis, Status: string(m.Status), References: m.References,
			AsPublished: m.AsPublished, Note: m.Note})
	}
	for _, nc := range cw.NoCounterparts {
		r := export.Record{NoCounterpart: nc.Reason, AsPublished: nc.AsPublished, References: nc.References, Status: string(cw.Status)}
		if nc.Side == "target" {
			r.TargetID = nc.ElementID
		} else {
			r.SourceID = nc.ElementID
		}
		back = append(back, r)
	}
	var want []export.Record
	for _, r := range records { // mapping records first, as the file holds them
		if r.NoCounterpart == "" {
			want = append(want, r)
		}
	}
	for _, r := range records {
		if r.NoCounterpart != "" {
			r.Status = string(cw.Status) // a no-counterpart record takes the crosswalk's
			want = append(want, r)
		}
	}
	if len(back) != len(want) {
		return fmt.Errorf("importcsv: the written file does not read back as %d records: %v", len(want), errs.Err())
	}
	for i, b := range back {
		r := want[i]
		if r.Status == "" {
			r.Status = status
		}
		if b.SourceID != r.SourceID || b.TargetID != r.TargetID || b.Relationship != r.Relationship ||
			b.Rationale != r.Rationale || b.Evidence != r.Evidence || b.Basis != r.Basis || b.Status != r.Status ||
			!slices.Equal(b.References, r.References) || b.AsPublished != r.AsPublished || b.Note != r.Note || b.NoCounterpart != r.NoCounterpart {
			return fmt.Errorf("importcsv: record %d (%s → %s) does not read back as written; this is a bug", i+1, r.SourceID, r.TargetID)
		}
	}
	return nil
}

// Vocabulary returns the relationship vocabulary of an existing crosswalk
// file, for Options.Vocabulary: the table is checked against the terms the
// crosswalk it goes into declares. Problems in the file are reported at
// positions in ExistingFile.
func Vocabulary(existing []byte) (*vocab.Vocabulary, error) {
	var errs diag.List
	f := source.Parse(ExistingFile, existing, &errs)
	if err := errs.Err(); err != nil {
		return nil, err // at positions in ExistingFile, as Write reports them
	}
	f.Path = "content/crosswalks/existing.md" // decoded as a crosswalk file
	site := model.Decode([]*source.File{f}, &errs)
	if len(site.Crosswalks) != 1 {
		return nil, fmt.Errorf("%s: not a crosswalk file", ExistingFile)
	}
	// Only the vocabulary's own problems matter here; the rest of the file
	// is checked when it is written back.
	return site.Crosswalks[0].Vocabulary, nil
}
