package importcsv

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/crosswalk-ssg/crosswalk/generator/diag"
	"github.com/crosswalk-ssg/crosswalk/generator/export"
	"github.com/crosswalk-ssg/crosswalk/generator/link"
	"github.com/crosswalk-ssg/crosswalk/generator/model"
	"github.com/crosswalk-ssg/crosswalk/generator/source"
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
	colTargetFramework = "target_framework"
	colTargetID        = "target_id"
	colTargetTitle     = "target_title"
	colRationale       = "rationale"
	colEvidence        = "evidence"
	colBasis           = "basis"
	colStatus          = "status"
	colReferences      = "references"
)

// required are the columns a table must have.
var required = []string{colSourceID, colTargetID, colRelationship}

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
//   - source_id, target_id, relationship: required; ids and relationship
//     are trimmed of surrounding spaces, and relationship is one of
//     model.Relationships;
//   - source_framework, target_framework: optional; a non-empty cell must
//     be Options.Source or Options.Target;
//   - rationale, evidence, basis: optional text, kept as written;
//   - status: optional, draft or official; an empty cell is draft;
//   - references: optional, one reference a line; blank lines are dropped;
//   - source_title, target_title: ignored; a record's titles are those
//     of its elements in frameworks, as export.Records gives them.
//
// Any other column is ignored. Headings are matched case-insensitively,
// with spaces, hyphens and underscores alike ("Source ID", "source-id" and
// "SOURCE_ID" all name source_id). Extra empty cells at the end of a row
// are allowed.
//
// Every problem is reported, as a diag.Errors sorted by position
// (Position{File: name, Line: the line on which the record starts, Col:
// the 1-based number of the field}), and then no record is returned. A
// CSV syntax error is reported in the same way, with the line of the error
// added to the message when it is not the record's first. A repeated pair
// of source_id and target_id is reported as "duplicate mapping A → B
// (first at row N)", N being the line of the earlier record. Problems with
// opts (an unknown framework, an unknown column name) are plain errors.
func Read(r io.Reader, name string, frameworks map[string]*model.Framework, opts Options) ([]export.Record, error) {
	src, tgt, err := opts.frameworks(frameworks)
	if err != nil {
		return nil, err
	}
	headings, renamed, err := opts.headings()
	if err != nil {
		return nil, err
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	data = bytes.TrimPrefix(data, utf8BOM)
	t := &table{
		name: name, headings: headings, renamed: renamed, src: src, tgt: tgt,
		srcSlugs: slugs(src), tgtSlugs: slugs(tgt),
		col: map[string]int{}, seen: map[[2]string]int{},
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	header, headerBroken := true, false
	lastLine := 0
	var lineStarts []int // offsets of the lines, computed for the first syntax error
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			if lineStarts == nil {
				lineStarts = starts(data)
			}
			t.errs.Add(t.pos(pe.StartLine, fieldAt(data, lineStarts, pe)), "%s", syntaxMessage(pe))
			if header {
				headerBroken = true
			}
			if pe.Line <= lastLine {
				break // no progress; cannot happen with encoding/csv, but never loop
			}
			lastLine = pe.Line
			continue
		}
		if err != nil {
			return nil, err
		}
		line, _ := cr.FieldPos(0)
		lastLine = line
		switch {
		case blank(rec):
		case headerBroken:
		case header:
			header = false
			t.header(rec, line)
		default:
			t.row(rec, line)
		}
	}
	if header && !headerBroken {
		t.errs.Add(t.pos(1, 1), "the table is empty: it needs a header row naming its columns (%s, …)", strings.Join(required, ", "))
	}
	if err := t.errs.Err(); err != nil {
		return nil, err
	}
	return t.records, nil
}

// table is the state of one Read.
type table struct {
	name     string
	headings map[string]string // normalized heading → column name
	renamed  map[string]string // column name → heading, as Options.Columns gives it
	src, tgt *model.Framework
	srcSlugs map[string]string // slug → id, for suggestions
	tgtSlugs map[string]string
	col      map[string]int // column name → field index
	width    int            // fields in the header
	seen     map[[2]string]int
	records  []export.Record
	errs     diag.List
}

func (t *table) pos(line, col int) diag.Position {
	return diag.Position{File: t.name, Line: line, Col: col}
}

// heading returns how a column is named in the file, for messages.
func (t *table) heading(c string) string {
	if h := t.renamed[c]; h != "" {
		return h
	}
	return c
}

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
	if len(rec) < t.width {
		t.errs.Add(t.pos(line, len(rec)+1), "row has %d fields, the header has %d", len(rec), t.width)
		return
	}
	for i := t.width; i < len(rec); i++ {
		if strings.TrimSpace(rec[i]) != "" {
			t.errs.Add(t.pos(line, i+1), "row has %d fields, the header has %d", len(rec), t.width)
			return
		}
	}
	before := t.errs.Len()
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
		return rec[i], i + 1, true
	}
	r := export.Record{SourceFramework: t.src.ID, TargetFramework: t.tgt.ID, References: []string{}}
	for _, fc := range []struct {
		col  string
		want string
		side string
	}{{colSourceFramework, t.src.ID, "source"}, {colTargetFramework, t.tgt.ID, "target"}} {
		if v, at, ok := cell(fc.col); ok {
			if v = strings.TrimSpace(v); v != "" && v != fc.want {
				t.errs.Add(t.pos(line, at), "%s %q does not match the %s framework %q", fc.col, v, fc.side, fc.want)
			}
		}
	}
	var srcAt int
	var srcOK, tgtOK bool
	r.SourceID, srcAt, srcOK = t.element(cell, colSourceID, "source", t.src, t.srcSlugs, line, &r.SourceTitle)
	r.TargetID, _, tgtOK = t.element(cell, colTargetID, "target", t.tgt, t.tgtSlugs, line, &r.TargetTitle)
	if v, at, ok := cell(colRelationship); ok {
		r.Relationship = strings.TrimSpace(v)
		switch {
		case r.Relationship == "":
			t.errs.Add(t.pos(line, at), "%s is empty", colRelationship)
		case !model.Relationship(r.Relationship).Valid():
			t.errs.Add(t.pos(line, at), "unknown relationship %q: use one of %s", r.Relationship, relationships())
		}
	}
	r.Rationale, _, _ = cell(colRationale)
	r.Evidence, _, _ = cell(colEvidence)
	r.Basis, _, _ = cell(colBasis)
	r.Status = string(model.Draft)
	if v, at, ok := cell(colStatus); ok {
		if v = strings.TrimSpace(v); v != "" {
			r.Status = v
			if !model.Status(v).Valid() {
				t.errs.Add(t.pos(line, at), "unknown status %q: use draft or official", v)
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
	if srcOK && tgtOK {
		pair := [2]string{r.SourceID, r.TargetID}
		if first, dup := t.seen[pair]; dup {
			t.errs.Add(t.pos(line, srcAt), "duplicate mapping %s → %s (first at row %d)", r.SourceID, r.TargetID, first)
		} else {
			t.seen[pair] = line
		}
	}
	if t.errs.Len() == before {
		t.records = append(t.records, r)
	}
}

// element reads an id column and looks the id up in fw. It returns the
// id, its field number and whether the id is non-empty text (known or
// not, so that duplicates of an unknown id are reported too).
func (t *table) element(cell func(string) (string, int, bool), c, side string, fw *model.Framework, slugs map[string]string, line int, title *string) (string, int, bool) {
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
		if s := link.Slug(id); s != "" && slugs[s] != "" {
			hint = fmt.Sprintf("; did you mean %q?", slugs[s])
		}
		t.errs.Add(t.pos(line, at), "unknown %s %q in framework %q%s", side, id, fw.ID, hint)
		return id, at, true
	}
	*title = export.ElementTitle(e)
	return id, at, true
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
			if link.Slug(k) == link.Slug(id) {
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
	names := make([]string, 0, len(o.Columns))
	for c := range o.Columns {
		names = append(names, c)
	}
	slices.Sort(names)
	renamed = map[string]string{}
	for _, name := range names {
		c := normalize(name)
		if !slices.Contains(export.Columns, c) {
			return nil, nil, fmt.Errorf("unknown column name %q: use one of %s", name, strings.Join(export.Columns, ", "))
		}
		h := strings.TrimSpace(o.Columns[name])
		if h == "" {
			continue
		}
		if prev, dup := renamed[c]; dup && prev != h {
			return nil, nil, fmt.Errorf("column %s is given two headings, %q and %q", c, prev, h)
		}
		renamed[c] = h
	}
	byHeading = map[string]string{}
	for _, c := range export.Columns {
		h := c
		if renamed[c] != "" {
			h = renamed[c]
		}
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

// slugs returns a framework's ids by slug.
func slugs(fw *model.Framework) map[string]string {
	out := map[string]string{}
	ids := make([]string, 0, len(fw.ByID))
	for id := range fw.ByID {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		if s := link.Slug(id); s != "" && out[s] == "" {
			out[s] = id
		}
	}
	return out
}

func relationships() string {
	s := make([]string, len(model.Relationships))
	for i, r := range model.Relationships {
		s[i] = string(r)
	}
	return strings.Join(s, ", ")
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
// error's line and byte column. lineStarts are the offsets of data's lines.
func fieldAt(data []byte, lineStarts []int, pe *csv.ParseError) int {
	offset := func(line int) int {
		if line < 1 || line > len(lineStarts) {
			return len(data)
		}
		return lineStarts[line-1]
	}
	start, end := offset(pe.StartLine), offset(pe.Line)+pe.Column-1
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
		case c == ',':
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

// starts returns the offset of each line of data.
func starts(data []byte) []int {
	out := []int{0}
	for i, c := range data {
		if c == '\n' {
			out = append(out, i+1)
		}
	}
	return out
}

// Write renders the crosswalk Markdown file of records. existing is the
// current file's content, nil if there is none: its front matter (which
// must be YAML) keeps its crosswalk block and every other key as written,
// with their comments, its mappings are replaced by records, and its
// Markdown body is kept byte for byte. Without it, Write makes a new file
// with a crosswalk block (id "<source>--<target>", title "<source name> to
// <target name>", source, target, status draft and a status_statement
// naming the table by its base name name) and a one-line body.
//
// A record's status is written only when it differs from the crosswalk's
// status, which a record without one takes; an empty status is left out.
// Empty rationale, evidence, basis and references are left out. Problems
// in the existing file are reported at positions in ExistingFile.
func Write(records []export.Record, existing []byte, name string, opts Options, frameworks map[string]*model.Framework) ([]byte, error) {
	src, tgt, err := opts.frameworks(frameworks)
	if err != nil {
		return nil, err
	}
	for i, r := range records {
		if r.SourceFramework != "" && r.SourceFramework != src.ID || r.TargetFramework != "" && r.TargetFramework != tgt.ID {
			return nil, fmt.Errorf("record %d maps %s to %s, not %s to %s", i+1, r.SourceFramework, r.TargetFramework, src.ID, tgt.ID)
		}
		fields := []string{r.SourceID, r.TargetID, r.Relationship, r.Rationale, r.Evidence, r.Basis, r.Status}
		names := []string{colSourceID, colTargetID, colRelationship, colRationale, colEvidence, colBasis, colStatus}
		for _, ref := range r.References {
			fields, names = append(fields, ref), append(names, colReferences)
		}
		for j, v := range fields {
			if !utf8.ValidString(v) {
				return nil, fmt.Errorf("record %d: %s is not UTF-8 text", i+1, names[j])
			}
		}
	}
	var out []byte
	var status string
	if existing == nil {
		status = string(model.Draft)
		out, err = newFile(records, name, src, tgt)
	} else {
		out, status, err = replaceMappings(records, existing, src, tgt)
	}
	if err != nil {
		return nil, err
	}
	if err := readsBack(out, records, status); err != nil {
		return nil, err
	}
	return out, nil
}

// mappingsNode returns the records as a YAML sequence of mappings, keys
// in the order the content model documents them, empty optional values
// and a status equal to the crosswalk's left out.
func mappingsNode(records []export.Record, status string) *yaml.Node {
	seq := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
	for _, r := range records {
		m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		add := func(k, v string, always bool) {
			if v != "" || always {
				m.Content = append(m.Content, key(k), str(v))
			}
		}
		add("source", r.SourceID, true)
		add("target", r.TargetID, true)
		add("relationship", r.Relationship, true)
		add("rationale", r.Rationale, false)
		add("evidence", r.Evidence, false)
		add("basis", r.Basis, false)
		if r.Status != status {
			add("status", r.Status, false)
		}
		if len(r.References) > 0 {
			refs := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
			for _, ref := range r.References {
				refs.Content = append(refs.Content, str(ref))
			}
			m.Content = append(m.Content, key("references"), refs)
		}
		seq.Content = append(seq.Content, m)
	}
	return seq
}

// key returns a mapping key node.
func key(k string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k} }

// str returns a string value node styled as yaml.v3 marshals a Go string,
// so that text YAML would read as another type ("1.2", "true", "yes") is
// quoted and multi-line text is a literal block, except where yaml.v3
// would write a literal block that does not read back (a first line that
// starts with a space or tab, or no first line): those are double-quoted.
func str(v string) *yaml.Node {
	first, _, multiline := strings.Cut(v, "\n")
	switch {
	case !multiline:
		var n yaml.Node
		if err := n.Encode(v); err == nil && n.Kind == yaml.ScalarNode {
			n.Line, n.Column = 0, 0
			return &n
		}
	case first != "" && first[0] != ' ' && first[0] != '\t':
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v, Style: yaml.LiteralStyle}
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v, Style: yaml.DoubleQuotedStyle}
}

func encode(n *yaml.Node) ([]byte, error) {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(n); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func newFile(records []export.Record, name string, src, tgt *model.Framework) ([]byte, error) {
	base := filepath.Base(name)
	cw := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	for _, kv := range [][2]string{
		{"id", src.ID + "--" + tgt.ID},
		{"title", src.Name() + " to " + tgt.Name()},
		{"source", src.ID},
		{"target", tgt.ID},
		{"status", string(model.Draft)},
		{"status_statement", "Imported from " + base + "; not yet reviewed."},
	} {
		cw.Content = append(cw.Content, key(kv[0]), str(kv[1]))
	}
	doc := yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Content: []*yaml.Node{
		key("crosswalk"), cw,
		key("mappings"), mappingsNode(records, string(model.Draft)),
	}}
	fm, err := encode(&doc)
	if err != nil {
		return nil, err
	}
	body := "These mappings were imported from " + codeSpan(base) + " and have not been reviewed yet.\n"
	return []byte("---\n" + string(fm) + "---\n" + body), nil
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
func replaceMappings(records []export.Record, existing []byte, src, tgt *model.Framework) ([]byte, string, error) {
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
	cw := value(root, "crosswalk")
	if cw == nil || cw.Kind != yaml.MappingNode {
		return nil, "", fmt.Errorf("%s: the front matter has no crosswalk block", ExistingFile)
	}
	scalar := func(key string) string {
		if v := value(cw, key); v != nil && v.Kind == yaml.ScalarNode {
			return v.Value
		}
		return ""
	}
	if s, t := scalar("source"), scalar("target"); s != src.ID || t != tgt.ID {
		return nil, "", fmt.Errorf("%s: the crosswalk maps %q to %q, not %q to %q", ExistingFile, s, t, src.ID, tgt.ID)
	}
	status := scalar("status")
	ms := mappingsNode(records, status)
	replaced := false
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value == "mappings" {
			root.Content[i+1] = ms
			replaced = true
			break
		}
	}
	if !replaced {
		root.Content = append(root.Content, key("mappings"), ms)
	}
	fm, err := encode(&doc)
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

// value returns the value of key in a mapping node, or nil.
func value(m *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			v := m.Content[i+1]
			for v.Kind == yaml.AliasNode && v.Alias != nil {
				v = v.Alias
			}
			return v
		}
	}
	return nil
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
	if len(site.Crosswalks) != 1 || len(site.Crosswalks[0].Mappings) != len(records) {
		return fmt.Errorf("importcsv: the written file does not read back as %d mappings: %v", len(records), errs.Err())
	}
	for i, m := range site.Crosswalks[0].Mappings {
		r := records[i]
		want := r.Status
		if want == "" {
			want = status
		}
		if m.SourceID != r.SourceID || m.TargetID != r.TargetID || string(m.Relationship) != r.Relationship ||
			m.Rationale != r.Rationale || m.Evidence != r.Evidence || m.Basis != r.Basis ||
			string(m.Status) != want || !slices.Equal(m.References, r.References) {
			return fmt.Errorf("importcsv: mapping %d (%s → %s) does not read back as written; this is a bug", i+1, r.SourceID, r.TargetID)
		}
	}
	return nil
}
