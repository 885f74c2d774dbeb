package importcsv

import (
	"bytes"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/crosswalk-ssg/crosswalk/generator/export"
	"github.com/crosswalk-ssg/crosswalk/generator/model"
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
	tests := []struct {
		name, table string
		want        []export.Record
		notices     []string
	}{
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
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			records, notices, err := Read(strings.NewReader(tt.table), "t.csv", frameworks(t), opts)
			if err != nil {
				t.Fatal(err)
			}
			if got := withoutTitles(records); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("records:\n got %+v\nwant %+v", got, tt.want)
			}
			if !slices.Equal(notices, tt.notices) {
				t.Errorf("notices:\n got %q\nwant %q", notices, tt.notices)
			}
		})
	}
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
