package export

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestEscapeFormula: a cell that starts with = + - @, tab or CR, after
// any single quotes of its own, gets one ' in front; UnescapeFormula
// takes exactly that one away again.
func TestEscapeFormula(t *testing.T) {
	tests := []struct{ cell, want string }{
		{"=1+2", "'=1+2"},
		{`=HYPERLINK("https://evil.example/","click")`, `'=HYPERLINK("https://evil.example/","click")`},
		{"+", "'+"},
		{"+1", "'+1"},
		{"-1", "'-1"},
		{"-", "'-"},
		{"- item", "'- item"},
		{"@SUM(A1:A9)", "'@SUM(A1:A9)"},
		{"\t=1", "'\t=1"},
		{"\rx", "'\rx"},
		{"'=1", "''=1"},   // a cell that is itself escaped stays distinguishable
		{"''-1", "'''-1"}, // … however many quotes it has
		{"'\t", "''\t"},
		{"'tis", "'tis"}, // a quote before anything else is left alone
		{"'", "'"},
		{"''", "''"},
		{"", ""},
		{"a=b", "a=b"},
		{"1-2", "1-2"},
		{" =1", " =1"},   // a space first: no formula
		{"\n=1", "\n=1"}, // a line feed first: no formula
		{"＝1", "＝1"},     // full-width: not in OWASP's list
		{"GOVERN 1", "GOVERN 1"},
	}
	for _, tt := range tests {
		if got := EscapeFormula(tt.cell); got != tt.want {
			t.Errorf("EscapeFormula(%q) = %q, want %q", tt.cell, got, tt.want)
		}
		if got := UnescapeFormula(tt.want); got != tt.cell {
			t.Errorf("UnescapeFormula(%q) = %q, want %q", tt.want, got, tt.cell)
		}
	}
	// What a table holds unescaped (a spreadsheet's own CSV) reads as it is,
	// unless it is a ' and a formula character: that ' is taken as the escape.
	for cell, want := range map[string]string{"=1+2": "=1+2", "-1": "-1", "'tis": "'tis", "'=1": "=1", "'-1": "-1"} {
		if got := UnescapeFormula(cell); got != want {
			t.Errorf("UnescapeFormula(%q) = %q, want %q", cell, got, want)
		}
	}
}

// TestEscapeFormulaInverse: for every string, UnescapeFormula undoes
// EscapeFormula, and the escaped cell never starts with a formula
// character.
func TestEscapeFormulaInverse(t *testing.T) {
	alphabet := []string{"=", "+", "-", "@", "\t", "\r", "'", "a", " ", "\n", "1", "é"}
	var cells []string
	var grow func(prefix string, n int)
	grow = func(prefix string, n int) {
		cells = append(cells, prefix)
		if n == 0 {
			return
		}
		for _, c := range alphabet {
			grow(prefix+c, n-1)
		}
	}
	grow("", 4)
	for _, s := range cells {
		e := EscapeFormula(s)
		if got := UnescapeFormula(e); got != s {
			t.Fatalf("UnescapeFormula(EscapeFormula(%q)) = %q", s, got)
		}
		if e != "" && strings.IndexByte(formulaStart, e[0]) >= 0 {
			t.Fatalf("EscapeFormula(%q) = %q starts a formula", s, e)
		}
	}
}

// formulaRecords are records whose every text starts like a formula.
var formulaRecords = []Record{
	{SourceFramework: "-fw", SourceID: "-1", SourceTitle: "=1+2", Relationship: "+", RelationshipStated: true,
		TargetFramework: "@fw", TargetID: "+", TargetTitle: "@SUM(A1)", Rationale: `=HYPERLINK("https://evil.example/","x")`,
		Evidence: "\tcmd", Basis: "\rx", Status: "-draft", References: []string{"=ref", "=second"},
		AsPublished: "'=kept as written", Note: "'tis plain", NoCounterpart: ""},
	{SourceFramework: "fw", SourceID: "GOVERN 1", TargetFramework: "fw2", TargetID: "'-1", Status: "draft", AsPublished: "- a, b", NoCounterpart: "@reason"},
}

// TestCSVFormulas: the CSV escapes and quotes every cell that starts like
// a formula, and reads back, once unescaped, as the records.
func TestCSVFormulas(t *testing.T) {
	data, err := CSV(formulaRecords)
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Join(Columns, ",") + "\n" +
		`"'-fw","'-1","'=1+2","'+",yes,"'@fw","'+","'@SUM(A1)","'=HYPERLINK(""https://evil.example/"",""x"")","'` + "\tcmd" + `","'` + "\rx" + `","'-draft","'=ref` + "\n" + `=second","''=kept as written",'tis plain,,,,,,,,,` + "\n" +
		`fw,GOVERN 1,,,,fw2,"''-1",,,,,draft,,"'- a, b",,"'@reason",,,,,,,,` + "\n"
	if string(data) != want {
		t.Errorf("CSV =\n%q\nwant\n%q", data, want)
	}
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range formulaRecords {
		got := slices.Clone(rows[i+1])
		for j, c := range got {
			if c != "" && strings.IndexByte(formulaStart, c[0]) >= 0 {
				t.Errorf("row %d, column %s: %q starts a formula", i+1, Columns[j], c)
			}
			got[j] = UnescapeFormula(c)
		}
		if !slices.Equal(got, r.Row()) {
			t.Errorf("row %d reads back as\n%q\nwant\n%q", i+1, got, r.Row())
		}
	}
	// Cells that need no escape are written as encoding/csv writes them.
	plain := []Record{{SourceID: `\.`, SourceTitle: " lead", TargetID: "a,b", TargetTitle: `say "x"`, Rationale: "é", References: []string{"a", "b"}}}
	data, _ = CSV(plain)
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	_ = w.Write(Columns)
	_ = w.Write(plain[0].Row())
	w.Flush()
	if !bytes.Equal(data, buf.Bytes()) {
		t.Errorf("CSV =\n%q\nencoding/csv writes\n%q", data, buf.Bytes())
	}
}

// TestXLSXFormulas: the workbook holds texts that start like formulas as
// text cells (shared strings, t="s", or inline strings for a record's own
// texts), without any formula and without a ': Excel shows them as text
// and never computes them.
func TestXLSXFormulas(t *testing.T) {
	cw := tabularCrosswalk(t)
	data, f := openXLSX(t, cw, formulaRecords)
	sheet := tabZipFile(t, data, "xl/worksheets/sheet1.xml")
	if strings.Contains(sheet, "<f>") || strings.Contains(sheet, "<f ") {
		t.Errorf("the Mappings sheet holds a formula:\n%s", sheet)
	}
	for i, r := range formulaRecords {
		for j, want := range r.Row() {
			ref := cell(j+1, i+2)
			if want == "" {
				continue
			}
			got, err := f.GetCellValue(mappingsSheet, ref)
			if err != nil || got != want {
				t.Errorf("%s = %q (%v), want %q", ref, got, err, want)
			}
			if formula, _ := f.GetCellFormula(mappingsSheet, ref); formula != "" {
				t.Errorf("%s has the formula %q", ref, formula)
			}
			if typ, _ := f.GetCellType(mappingsSheet, ref); typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
				t.Errorf("%s is of type %v, want a text", ref, typ)
			}
		}
	}
}
