package importcsv

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/crosswalk-ssg/crosswalk/internal/export"
	"github.com/crosswalk-ssg/crosswalk/internal/model"
	"github.com/crosswalk-ssg/crosswalk/internal/source"
)

// syntheticFrameworks are frameworks "x" and "y" made in memory, with
// the given element ids besides "x 0" … "x n-1" and "y 0" … "y n-1": ids
// that a site may not publish ("+") can still be in a table.
func syntheticFrameworks(n int, extra ...string) map[string]*model.Framework {
	out := map[string]*model.Framework{}
	for _, id := range []string{"x", "y"} {
		fw := &model.Framework{ID: id, Title: strings.ToUpper(id), ByID: map[string]*model.Element{}}
		add := func(eid string) {
			e := &model.Element{ID: eid, Title: "Title of " + eid}
			fw.Elements = append(fw.Elements, e)
			fw.ByID[eid] = e
		}
		for i := range n {
			add(fmt.Sprintf("%s %d", id, i))
		}
		for _, eid := range extra {
			add(eid)
		}
		out[id] = fw
	}
	return out
}

var xy = Options{Source: "x", Target: "y"}

// formulaIDs are ids and texts that start like spreadsheet formulas.
var formulaIDs = []string{"-1", "+", "=1+2", "@a", "'=b", "''-c", "'tis", "-"}

// TestReadFormulas: export escapes cells that start like formulas, and
// import undoes it exactly: ids "-1" and "+" and texts "=…", "'=…" come
// back as they were, and export → import → export is byte-identical.
func TestReadFormulas(t *testing.T) {
	t.Parallel()
	fws := syntheticFrameworks(2, formulaIDs...)
	var records []export.Record
	for i, id := range formulaIDs {
		tgt := formulaIDs[(i+1)%len(formulaIDs)]
		records = append(records, export.Record{SourceFramework: "x", SourceID: id, SourceTitle: "Title of " + id,
			Relationship: "subset-of", RelationshipStated: true, TargetFramework: "y", TargetID: tgt, TargetTitle: "Title of " + tgt,
			Rationale: id + " rationale", Evidence: "=" + id, Basis: "@" + id, Status: "draft",
			References: []string{"=ref " + id, "-second"}, AsPublished: "- " + id, Note: "\tnote"})
	}
	records = append(records, export.Record{SourceFramework: "x", SourceID: "-1", SourceTitle: "Title of -1", TargetFramework: "y",
		Status: "draft", References: []string{}, NoCounterpart: "=no counterpart", AsPublished: "+ as published"})
	for i := range records { // the element data import takes from the frameworks
		records[i].SetSource(fws["x"].ByID[records[i].SourceID])
		records[i].SetTarget(fws["y"].ByID[records[i].TargetID])
	}
	table, err := export.CSV(records)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`,"'-1",`, `,"'+",`, `,"'=1+2",`, `,"''=b",`, `"'''-c"`, `,'tis,`} {
		if !strings.Contains(string(table), want) {
			t.Errorf("the CSV has no cell %s:\n%s", want, table)
		}
	}
	got, notices, err := Read(bytes.NewReader(table), "t.csv", fws, xy)
	if err != nil || notices != nil {
		t.Fatalf("Read: %v, notices %q", err, notices)
	}
	if !reflect.DeepEqual(got, records) {
		for i := range min(len(got), len(records)) {
			if !reflect.DeepEqual(got[i], records[i]) {
				t.Errorf("record %d:\n got %+v\nwant %+v", i+1, got[i], records[i])
			}
		}
		t.Fatalf("%d records, want %d", len(got), len(records))
	}
	again, err := export.CSV(got)
	if err != nil || !bytes.Equal(again, table) {
		t.Errorf("export → import → export changed the CSV (%v):\n%s", err, firstDiff(string(again), string(table)))
	}
	out, err := Write(got, nil, "t.csv", xy, fws) // Write reads the file back
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), `  - source: "-1"`) || !strings.Contains(string(out), "\n  - source: +\n") {
		t.Errorf("the ids are not written as YAML strings:\n%s", out)
	}

	// A spreadsheet's own CSV (no escapes) reads as written.
	plain := "source_id,target_id,rationale\n-1,+,=SUM(A1:A2)\n'tis,-,'=kept\n"
	got, _, err = Read(strings.NewReader(plain), "t.csv", fws, xy)
	if err != nil || len(got) != 2 || got[0].SourceID != "-1" || got[0].TargetID != "+" || got[0].Rationale != "=SUM(A1:A2)" ||
		got[1].SourceID != "'tis" || got[1].TargetID != "-" || got[1].Rationale != "=kept" {
		t.Errorf("Read(%q) = %+v, %v", plain, got, err)
	}
}

// TestReadShapes reads the shapes spreadsheets write CSV in: a "sep="
// first line, semicolons, lone CR line ends.
func TestReadShapes(t *testing.T) {
	t.Parallel()
	rec := func(src, tgt, rationale string, refs ...string) export.Record {
		return export.Record{SourceFramework: "ai-verify", SourceID: src, TargetFramework: "nist-ai-rmf", TargetID: tgt,
			Relationship: "subset-of", RelationshipStated: true, Rationale: rationale, References: append([]string{}, refs...)}
	}
	two := []export.Record{rec("12.1", "GOVERN 1.6", "R, with a comma"), rec("4.1", "MAP 1.1", "Two\nlines", "a", "b")}
	const lf = "source_id,target_id,relationship,rationale,references\n12.1,GOVERN 1.6,subset-of,\"R, with a comma\",\n4.1,MAP 1.1,subset-of,\"Two\nlines\",\"a\nb\"\n"
	const semi = "source_id;target_id;relationship;rationale;references\n12.1;GOVERN 1.6;subset-of;\"R, with a comma\";\n4.1;MAP 1.1;subset-of;\"Two\nlines\";\"a\nb\"\n"
	cr := func(s string) string { // line ends outside quotes to CR, as Excel's "CSV (Macintosh)"
		var b strings.Builder
		quoted := false
		for _, c := range s {
			if c == '"' {
				quoted = !quoted
			}
			if c == '\n' && !quoted {
				c = '\r'
			}
			b.WriteRune(c)
		}
		return b.String()
	}
	crNote := []string{`t.csv: the line ends are lone CRs (as Excel's "CSV (Macintosh)" writes them); they are read as line breaks`}
	tests := []readCase{
		{"comma, LF", lf, two, nil},
		{"semicolons guessed from the header", semi, two, nil},
		{"semicolons, CRLF, BOM", "\ufeff" + strings.ReplaceAll(semi, "\n", "\r\n"), []export.Record{rec("12.1", "GOVERN 1.6", "R, with a comma"), rec("4.1", "MAP 1.1", "Two\nlines", "a", "b")}, nil},
		{"sep=; line", "sep=;\n" + semi, two, nil},
		{"SEP=; line, CRLF", "SEP=;\r\n" + strings.ReplaceAll(semi, "\n", "\r\n"), two, nil},
		{"sep=, line", "sep=,\n" + lf, two, nil},
		{"sep=, over a header with semicolons in a heading", "sep=,\nsource_id,target_id,a;b\n12.1,GOVERN 1.6,x\n",
			[]export.Record{{SourceFramework: "ai-verify", SourceID: "12.1", TargetFramework: "nist-ai-rmf", TargetID: "GOVERN 1.6", References: []string{}}}, nil},
		{"a comma and semicolons in the header: comma", "source_id,target_id,x;y\n12.1,GOVERN 1.6,z;w\n",
			[]export.Record{{SourceFramework: "ai-verify", SourceID: "12.1", TargetFramework: "nist-ai-rmf", TargetID: "GOVERN 1.6", References: []string{}}}, nil},
		{"a quoted heading with a comma, semicolons between", "\"source, id\";source_id;target_id\nx;12.1;GOVERN 1.6\n",
			[]export.Record{{SourceFramework: "ai-verify", SourceID: "12.1", TargetFramework: "nist-ai-rmf", TargetID: "GOVERN 1.6", References: []string{}}}, nil},
		{"blank rows before a semicolon header", ";;\n \n\nsource_id;target_id\n12.1;GOVERN 1.6\n",
			[]export.Record{{SourceFramework: "ai-verify", SourceID: "12.1", TargetFramework: "nist-ai-rmf", TargetID: "GOVERN 1.6", References: []string{}}}, nil},
		{"lone CR line ends", cr(lf), two, crNote},
		{"lone CR line ends, semicolons, sep line, no final line end", cr("sep=;\n" + strings.TrimSuffix(semi, "\n")), two, crNote},
		{"lone CR inside a quoted cell is kept", cr("source_id,target_id,rationale\n12.1,GOVERN 1.6,\"a\rb\"\n"),
			[]export.Record{{SourceFramework: "ai-verify", SourceID: "12.1", TargetFramework: "nist-ai-rmf", TargetID: "GOVERN 1.6", Rationale: "a\rb", References: []string{}}}, crNote},
		{"LF line ends and a lone CR in a cell: not converted", "source_id,target_id,note\n12.1,GOVERN 1.6,a\rb\n",
			[]export.Record{{SourceFramework: "ai-verify", SourceID: "12.1", TargetFramework: "nist-ai-rmf", TargetID: "GOVERN 1.6", Note: "a\rb", References: []string{}}}, nil},
	}
	runReadCases(t, tests)
}

// TestReadShapeErrors: problems in those shapes, at their lines and
// fields as an editor counts them.
func TestReadShapeErrors(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, table, want string }{
		{"sep= names another delimiter", "sep=|\nsource_id|target_id\n12.1|GOVERN 1.6\n",
			"t.csv:1:5: sep=|: import reads tables whose cells are separated by , or ;\nt.csv:2:1: missing column \"source_id\"\nt.csv:2:1: missing column \"target_id\""},
		{"sep= line only", "sep=;\n", `t.csv:1:1: the table is empty: it needs a header row naming its columns (source_id, target_id, …)`},
		{"semicolons: fields counted by semicolons", "sep=;\nsource_id;target_id;relationship\n12.1;MAP 9;subset-of\n4.1;MAP 1.1;overlaps\n",
			"t.csv:3:2: unknown target \"MAP 9\" in framework \"nist-ai-rmf\"\n" +
				"t.csv:4:3: unknown relationship \"overlaps\": use one of equal-to, equivalent-to, subset-of, superset-of, intersects-with, no-relationship"},
		{"semicolons: a syntax error's field", "source_id;target_id;note\n12.1;GOVERN 1.6;a\"b\n",
			`t.csv:2:3: bare " in an unquoted field: quote the whole field and double the quotes inside it ("")`},
		{"lone CRs: lines counted by CR", "source_id,target_id\r12.1,GOVERN 1.6\r\r4.1,MAP 9\r",
			`t.csv:4:2: unknown target "MAP 9" in framework "nist-ai-rmf"`},
		{"lone CRs: a syntax error after a multi-line cell", "source_id,target_id,note\r12.1,GOVERN 1.6,\"a\rb\"\r4.1,MAP 1.1,x\"y\r",
			`t.csv:3:3: bare " in an unquoted field: quote the whole field and double the quotes inside it ("")`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := readErr(t, frameworks(t), tt.table, opts); got != tt.want {
				t.Errorf("Read error:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

// TestReadMaxRecords: a table of more than MaxRecords rows is refused at
// the first row beyond, and nothing after it is read.
func TestReadMaxRecords(t *testing.T) {
	t.Parallel()
	fws := syntheticFrameworks(1000)
	var b bytes.Buffer
	b.WriteString("source_id,target_id\n\n") // a blank line counts as a line, not a record
	for i := range MaxRecords + 2 {
		fmt.Fprintf(&b, "x %d,y %d\n", i/1000%1000, i%1000)
	}
	b.WriteString("x 0,unknown\n")
	records, _, err := Read(bytes.NewReader(b.Bytes()), "t.csv", fws, xy)
	want := fmt.Sprintf("t.csv:%d:1: the table has more than 200000 records: import reads at most 200000", MaxRecords+3)
	if records != nil || err == nil || err.Error() != want {
		t.Errorf("Read of %d rows: %d records, %v; want %s", MaxRecords+3, len(records), err, want)
	}
	// MaxRecords rows are read.
	table := b.Bytes()[:bytes.Index(b.Bytes(), []byte(fmt.Sprintf("\nx %d,y %d\n", MaxRecords/1000%1000, MaxRecords%1000)))+1]
	records, _, err = Read(bytes.NewReader(table), "t.csv", fws, xy)
	if err != nil || len(records) != MaxRecords {
		t.Errorf("Read of MaxRecords rows: %d records, %v", len(records), err)
	}
}

// TestWriteNoRecords: a table without records is refused, and over an
// existing crosswalk with records the error says what it would remove.
func TestWriteNoRecords(t *testing.T) {
	t.Parallel()
	records, notices, err := Read(strings.NewReader("source_id,target_id\n,\n"), "t.csv", frameworks(t), opts)
	if err != nil || len(records) != 0 || notices != nil {
		t.Fatalf("Read of a header: %d records, %v", len(records), err)
	}
	site := loadSite(t, nil)
	cw := crosswalkOf(t, site)
	official, err := os.ReadFile(filepath.Join("../..", cw.File))
	if err != nil {
		t.Fatal(err)
	}
	n := len(cw.Mappings) + len(cw.NoCounterparts)
	one := "---\ncrosswalk: {id: a, title: A, source: ai-verify, target: nist-ai-rmf, status: draft}\nmappings:\n  - {source: \"12.1\", target: GOVERN 1.6}\n---\n"
	nc := "---\ncrosswalk: {id: a, title: A, source: ai-verify, target: nist-ai-rmf, status: draft}\nmappings: []\nno_counterpart:\n  - {source: \"12.1\", reason: R.}\n  - {target: MAP 1.1, reason: R.}\n---\n"
	empty := "---\ncrosswalk: {id: a, title: A, source: ai-verify, target: nist-ai-rmf, status: draft}\nmappings: []\n---\n"
	tests := []struct {
		name     string
		existing []byte
		o        Options
		want     string
	}{
		{"new file", nil, opts, "t.csv: the table has no records"},
		{"the official crosswalk", official, optsOf(cw), fmt.Sprintf("t.csv: the table has no records: importing it would remove the crosswalk's %d records, and is refused", n)},
		{"one record", []byte(one), opts, "t.csv: the table has no records: importing it would remove the crosswalk's 1 record, and is refused"},
		{"no-counterpart records", []byte(nc), opts, "t.csv: the table has no records: importing it would remove the crosswalk's 2 records, and is refused"},
		{"an empty crosswalk", []byte(empty), opts, "t.csv: the table has no records"},
	}
	for _, tt := range tests {
		for _, recs := range [][]export.Record{nil, records} {
			out, err := Write(recs, tt.existing, "t.csv", tt.o, frameworksOf(site))
			if out != nil || err == nil || err.Error() != tt.want {
				t.Errorf("%s: Write = %d bytes, %v; want %s", tt.name, len(out), err, tt.want)
			}
		}
	}
	if n != 272 {
		t.Errorf("the official crosswalk has %d records, want 272 (the message above names them)", n)
	}
}

// TestWriteTooLong: a file longer than a content file may be is refused,
// on a lower bound before the YAML is made, or on the file made.
func TestWriteTooLong(t *testing.T) {
	t.Parallel()
	rec := func(rationale string) export.Record {
		return export.Record{SourceID: "12.1", TargetID: "GOVERN 1.6", Relationship: "subset-of", Rationale: rationale, References: []string{}}
	}
	big := strings.Repeat("a", source.MaxFileSize/2)
	records := []export.Record{rec(big), rec(big)}
	n := 2 * (len("    source: 12.1\n    target: GOVERN 1.6\n    relationship: subset-of\n    rationale: \n") + len(big))
	if got := minSize(records); got != n {
		t.Errorf("minSize = %d, want %d", got, n)
	}
	_, err := Write(records, nil, "t.csv", opts, frameworks(t))
	if want := fmt.Sprintf("t.csv: the crosswalk file would be at least %d bytes (10.0 MB) with the table's 2 records; a content file may be at most 10485760 bytes (10 MB)", n); err == nil || err.Error() != want {
		t.Errorf("Write of two records of 5 MB:\n%v\nwant\n%s", err, want)
	}

	// On the file made: control characters are written escaped, four
	// bytes each, so the lower bound passes and the file does not.
	site := loadSite(t, nil)
	fws := frameworksOf(site)
	src, tgt := fws["ai-verify"], fws["nist-ai-rmf"]
	records = []export.Record{rec(strings.Repeat("\x01", 100))}
	out, err := write(records, nil, "t.csv", src, tgt, 1000, mappingsChunk)
	if err != nil || minSize(records) > 200 || len(out) <= 500 {
		t.Fatalf("write: %d bytes, %v; lower bound %d", len(out), err, minSize(records))
	}
	if _, err := write(records, nil, "t.csv", src, tgt, len(out), mappingsChunk); err != nil {
		t.Errorf("write of a file of exactly the limit: %v", err)
	}
	_, err = write(records, nil, "t.csv", src, tgt, len(out)-1, mappingsChunk)
	if want := fmt.Sprintf("t.csv: the crosswalk file would be %d bytes (0.0 MB) with the table's 1 record; a content file may be at most %d bytes (", len(out), len(out)-1); err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("write of a file over the limit:\n%v\nwant it to start\n%s", err, want)
	}
}

// scaleTable is a table of n distinct records of syntheticFrameworks(1000):
// ids and a rationale, about 38 bytes a row.
func scaleTable(n int) []byte {
	var b bytes.Buffer
	b.WriteString("source_id,target_id,rationale\n")
	for i := range n {
		fmt.Fprintf(&b, "x %d,y %d,Because row %d says so.\n", i/1000%1000, i%1000, i)
	}
	return b.Bytes()
}

// BenchmarkRead reads 100,000 rows (3.8 MB); BenchmarkWrite writes them
// as a new crosswalk file (7.7 MB). Run with -benchmem.
func BenchmarkRead(b *testing.B) {
	fws := syntheticFrameworks(1000)
	table := scaleTable(100_000)
	b.SetBytes(int64(len(table)))
	for b.Loop() {
		records, _, err := Read(bytes.NewReader(table), "t.csv", fws, xy)
		if err != nil || len(records) != 100_000 {
			b.Fatal(len(records), err)
		}
	}
}

func BenchmarkWrite(b *testing.B) {
	fws := syntheticFrameworks(1000)
	records, _, err := Read(bytes.NewReader(scaleTable(100_000)), "t.csv", fws, xy)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := Write(records, nil, "t.csv", xy, fws); err != nil {
			b.Fatal(err)
		}
	}
}

// TestWriteChunks: the front matter encoded with the mappings in chunks
// is byte for byte the front matter encoded at once, for new and existing
// files, awkward texts, literal blocks, references and no-counterpart
// records; a comment on the mappings key falls back to encoding at once.
func TestWriteChunks(t *testing.T) {
	t.Parallel()
	site := loadSite(t, nil)
	fws := frameworksOf(site)
	cw := crosswalkOf(t, site)
	official, err := os.ReadFile(filepath.Join("../..", cw.File))
	if err != nil {
		t.Fatal(err)
	}
	mixed := readFile(t, "basic.csv", opts)
	for _, s := range append(slices.Clone(awkward), "x\u2029y", "a\r\nb\u0085c", " \u2028 ", "'q\u2028'\n\u2029z", "\u2028\n\u2028", "a\n\n\u0085\n b") {
		mixed = append(mixed, export.Record{SourceID: "12.1", TargetID: "GOVERN 1.6", Relationship: "equal-to",
			Rationale: s, Evidence: s, Basis: s, Status: "official", References: []string{s, "x"}, AsPublished: s, Note: s})
	}
	mixed = append(mixed, export.Record{SourceID: "4.1", Status: "draft", NoCounterpart: "Not covered.", References: []string{"a\nb"}},
		export.Record{TargetID: "MAP 1.1", NoCounterpart: "Out of scope.", References: []string{}})
	existing := []struct {
		name string
		file string
	}{
		{"new", ""},
		{"comments and a body", "---\n# top\ncrosswalk:\n  id: hand # id\n  source: ai-verify\n  target: nist-ai-rmf\n  status: official\naliases: [/old/]\nmappings:\n  # replaced\n  - {source: '9.9', target: X}\nafter: kept # a comment\n# before the end\n---\nBody.\n"},
		{"CRLF, no mappings key", "\ufeff---\r\ncrosswalk:\r\n  id: hand\r\n  source: ai-verify\r\n  target: nist-ai-rmf\r\n  status: draft\r\n---\r\nBody.\r\n"},
		{"a comment on the mappings key", "---\ncrosswalk: {id: hand, source: ai-verify, target: nist-ai-rmf, status: draft}\n# the records\nmappings: # all of them\n  - {source: '9.9', target: X}\n---\n"},
		{"mappings first, no_counterpart before them", "---\nno_counterpart: [{source: '1.1', reason: R}]\nmappings: []\ncrosswalk: {id: hand, source: ai-verify, target: nist-ai-rmf, status: draft}\n---\n"},
	}
	for _, ex := range existing {
		for _, recs := range [][]export.Record{mixed, mixed[len(mixed)-2:], mixed[:1]} {
			var file []byte
			if ex.file != "" {
				file = []byte(ex.file)
			}
			want, err := write(recs, file, "t.csv", fws["ai-verify"], fws["nist-ai-rmf"], source.MaxFileSize, 0)
			if ex.name == "a comment on the mappings key" && len(recs) == 2 {
				// No mapping records: yaml.v3 writes "mappings: # all of them"
				// and "[]" on the next line, which does not parse; Write
				// says so (readsBack). Not a matter of chunks.
				if err == nil || !strings.Contains(err.Error(), "the written file does not parse") {
					t.Errorf("%s, no mapping records: %v", ex.name, err)
				}
				continue
			}
			if err != nil {
				t.Fatalf("%s: %v", ex.name, err)
			}
			for _, chunk := range []int{1, 2, 3, 1000} {
				got, err := write(recs, file, "t.csv", fws["ai-verify"], fws["nist-ai-rmf"], source.MaxFileSize, chunk)
				if err != nil || !bytes.Equal(got, want) {
					t.Errorf("%s, %d records, chunks of %d: %v\n%s", ex.name, len(recs), chunk, err, firstDiff(string(got), string(want)))
				}
			}
		}
	}
	records := export.Records(cw)
	want, err := write(records, official, "t.csv", cw.Source, cw.Target, source.MaxFileSize, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, chunk := range []int{1, 7, 1000} {
		if got, err := write(records, official, "t.csv", cw.Source, cw.Target, source.MaxFileSize, chunk); err != nil || !bytes.Equal(got, want) {
			t.Errorf("the official crosswalk in chunks of %d: %v\n%s", chunk, err, firstDiff(string(got), string(want)))
		}
	}
}
