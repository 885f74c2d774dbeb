package export

import (
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/crosswalk-ssg/crosswalk/internal/diag"
	"github.com/crosswalk-ssg/crosswalk/internal/link"
	"github.com/crosswalk-ssg/crosswalk/internal/model"
	"github.com/crosswalk-ssg/crosswalk/internal/source"
	"github.com/xuri/excelize/v2"
)

// fieldsSite is tabularSite with labelled fields: P1.1 has a Discussion,
// P1.2 an Examples and a Discussion (in that order) whose text starts
// like a formula, GOV 1 a Source.
func fieldsSite() map[string]string {
	site := maps.Clone(tabularSite)
	site["content/frameworks/src/p1.md"] = "---\nid: P1\nnumber: \"1\"\ntitle: Transparency\nstatement: Be open.\nchildren:\n" +
		"  - {id: P1.1, statement: \"Tell people, \\\"clearly\\\".\", fields: [{label: Discussion, text: \"Say it, plainly.\"}]}\n" +
		"  - {id: P1.2, title: Records, statement: \"Keep <records> & logs\", fields: [{label: Examples, text: \"Logs\\nAudits\"}, {label: Discussion, text: \"=see P1\"}]}\n---\n"
	site["content/frameworks/tgt/gov.md"] = "---\nid: GOV\ntitle: Govern\nchildren: [{id: GOV 1, statement: \"Policies are in place.\\nThey are reviewed.\", fields: [{label: Source, text: Table 1}]}, {id: GOV 2, statement: Accountability is clear.}]\n---\n"
	return site
}

func fieldsCrosswalk(t *testing.T) *model.Crosswalk {
	t.Helper()
	site := fieldsSite()
	var errs diag.List
	var parsed []*source.File
	for _, name := range slices.Sorted(maps.Keys(site)) {
		if f := source.Parse(name, []byte(site[name]), &errs); f != nil {
			parsed = append(parsed, f)
		}
	}
	ix := link.Link(model.Decode(parsed, &errs), nil, &errs)
	if err := errs.Err(); err != nil {
		t.Fatal(err)
	}
	return ix.Site.Crosswalks[0]
}

func TestRecordsElementData(t *testing.T) {
	records := Records(fieldsCrosswalk(t))
	for _, c := range []struct {
		i                          int
		label, statement, level    string
		fields                     []Field
		tLabel, tStatement, tLevel string
		tFields                    []Field
	}{
		{0, "Src P1.1", `Tell people, "clearly".`, "outcome", []Field{{"Discussion", "Say it, plainly."}},
			"Target Framework GOV 1", "Policies are in place.\nThey are reviewed.", "subcategory", []Field{{"Source", "Table 1"}}},
		{1, "Src P1.2 Records", "Keep <records> & logs", "outcome", []Field{{"Examples", "Logs\nAudits"}, {"Discussion", "=see P1"}},
			"Target Framework GOV 2", "Accountability is clear.", "subcategory", []Field{}},
		{2, "Src 1 Transparency", "Be open.", "principle", []Field{}, "Target Framework GOV Govern", "", "function", []Field{}},
		{5, "Src P3 Privacy", "Keep secrets.", "principle", []Field{}, "", "", "", []Field{}}, // no counterpart
	} {
		r := records[c.i]
		if r.SourceLabel != c.label || r.SourceStatement != c.statement || r.SourceLevel != c.level || !slices.Equal(r.SourceFields, c.fields) ||
			r.TargetLabel != c.tLabel || r.TargetStatement != c.tStatement || r.TargetLevel != c.tLevel || !slices.Equal(r.TargetFields, c.tFields) || r.TargetFields == nil {
			t.Errorf("record %d = %+v", c.i, r)
		}
	}
}

func TestCSVFields(t *testing.T) {
	records := Records(fieldsCrosswalk(t))
	if src, tgt := FieldLabels(records); !slices.Equal(src, []string{"Discussion", "Examples"}) || !slices.Equal(tgt, []string{"Source"}) {
		t.Errorf("FieldLabels = %q, %q", src, tgt)
	}
	data, err := CSV(records)
	if err != nil {
		t.Fatal(err)
	}
	rows := tabReadCSV(t, data)
	wantHeader := append(slices.Clone(Columns), "source: Discussion", "source: Examples", "target: Source")
	if !slices.Equal(rows[0], wantHeader) {
		t.Errorf("header = %q", rows[0])
	}
	n := len(Columns)
	for i, want := range [][]string{
		{"Say it, plainly.", "", "Table 1"},
		{"'=see P1", "Logs\nAudits", ""}, // escaped as every cell is
		{"", "", ""},
	} {
		if got := rows[i+1][n:]; !slices.Equal(got, want) {
			t.Errorf("row %d fields = %q, want %q", i+1, got, want)
		}
	}
	if !strings.Contains(string(data), `,"'=see P1",`) {
		t.Error("a field that starts like a formula is not escaped")
	}
	// Two fields of one label share the column, a blank line apart.
	r := Record{SourceFields: []Field{{"A", "one"}, {"B", "x"}, {"A", "two"}}}
	if got := r.Cells([]string{"A", "B"}, nil)[n:]; !slices.Equal(got, []string{"one\n\ntwo", "x"}) {
		t.Errorf("Cells = %q", got)
	}
}

func TestJSONFields(t *testing.T) {
	cw := fieldsCrosswalk(t)
	data := tabJSON(t, cw) // validates against the schema
	d := tabDecodeJSON(t, data)
	if got := d.Mappings[1].SourceFields; !slices.Equal(got, []Field{{"Examples", "Logs\nAudits"}, {"Discussion", "=see P1"}}) {
		t.Errorf("record 2 source_fields = %+v", got)
	}
	src := d.Crosswalk.Source.Elements
	if len(src) != len(cw.Source.Elements) || len(d.Crosswalk.Target.Elements) != len(cw.Target.Elements) {
		t.Fatalf("%d and %d elements, want every element", len(src), len(d.Crosswalk.Target.Elements))
	}
	want := jsonElement{ID: "P1.2", Label: "Src P1.2 Records", Title: "Records", Statement: "Keep <records> & logs", Level: "outcome", ParentID: "P1",
		Fields: []Field{{"Examples", "Logs\nAudits"}, {"Discussion", "=see P1"}}}
	if got := src[2]; got.ID != want.ID || got.Label != want.Label || got.Title != want.Title || got.Statement != want.Statement ||
		got.Level != want.Level || got.ParentID != want.ParentID || !slices.Equal(got.Fields, want.Fields) {
		t.Errorf("element 3 = %+v, want %+v", got, want)
	}
	for _, c := range []struct{ name, old, new string }{
		{"field without text", `"label": "Source",
              "text": "Table 1"`, `"label": "Source"`},
		{"record fields null", `"target_fields": []`, `"target_fields": null`},
		{"element without label", `"label": "Src P1.2 Records",`, ``},
		{"element with an unknown key", `"parent_id": "P1",`, `"parent_id": "P1", "parent": "P1",`},
		{"record without source_statement", `"source_statement": "Keep \u003crecords\u003e \u0026 logs",`, ``},
	} {
		bad := strings.Replace(string(data), c.old, c.new, 1)
		if bad == string(data) {
			t.Fatalf("%s: %q not found in the JSON", c.name, c.old)
		}
		if err := tabValidate(t, tabSchema(t), []byte(bad)); err == nil {
			t.Errorf("%s: validates, want an error", c.name)
		}
	}
}

func TestXLSXFields(t *testing.T) {
	cw := fieldsCrosswalk(t)
	data, f := tabXLSX(t, cw)
	rows := tabRows(t, f, "Mappings")
	if got := rows[0][len(Columns):]; !slices.Equal(got, []string{"Source: Discussion", "Source: Examples", "Target: Source"}) {
		t.Errorf("field headings = %q", got)
	}
	if got := rows[2][len(Columns):]; !slices.Equal(got, []string{"=see P1", "Logs\nAudits"}) { // text cells, no '
		t.Errorf("row 3 fields = %q", got)
	}
	tabCheckTable(t, f, data, "Mappings", "xl/worksheets/sheet1.xml", "A1:AA7", 1)
	src := tabRows(t, f, "src")
	if got := src[frameworkHeaderRows-1]; !slices.Equal(got, []string{"ID", "Level", "Title", "Statement", "Parent ID", "Label", "Discussion", "Examples"}) {
		t.Errorf("src headings = %q", got)
	}
	if got, want := src[frameworkHeaderRows+2], []string{"P1.2", "outcome", "Records", "Keep <records> & logs", "P1", "Src P1.2 Records", "=see P1", "Logs\nAudits"}; !slices.Equal(got, want) {
		t.Errorf("src P1.2 row = %q, want %q", got, want)
	}
	tabCheckTable(t, f, data, "src", "xl/worksheets/sheet2.xml", "A11:H16", frameworkHeaderRows)
	id, _ := f.GetCellStyle("src", "G14")
	if st, err := f.GetStyle(id); err != nil || st.Alignment == nil || !st.Alignment.WrapText {
		t.Error("src!G14 (a field) does not wrap")
	}
}

var (
	tabDimension = regexp.MustCompile(`<dimension ref="([^"]+)"`)
	tabCellRef   = regexp.MustCompile(`<c r="([A-Z]+[0-9]+)"`)
)

// TestXLSXDimension: every sheet declares its used range, from A1 to the
// last column and row that hold a cell, not "A1".
func TestXLSXDimension(t *testing.T) {
	for _, c := range []struct {
		name string
		cw   *model.Crosswalk
		want map[string]string // sheet file → range, where known
	}{
		{"small", tabularCrosswalk(t), map[string]string{"sheet1": "A1:X7", "sheet2": "A1:F16"}},
		{"fields", fieldsCrosswalk(t), map[string]string{"sheet1": "A1:AA7", "sheet2": "A1:H16"}},
		{"default", tabDefaultCrosswalk(t), map[string]string{"sheet1": "A1:AD273"}},
	} {
		data, _ := tabXLSX(t, c.cw)
		for i := 1; i <= 4; i++ {
			name := "sheet" + string(rune('0'+i))
			xml := tabZipFile(t, data, "xl/worksheets/"+name+".xml")
			m := tabDimension.FindStringSubmatch(xml)
			if m == nil {
				t.Errorf("%s %s: no dimension", c.name, name)
				continue
			}
			maxCol, maxRow := 1, 1
			for _, ref := range tabCellRef.FindAllStringSubmatch(xml, -1) {
				col, row, err := excelize.CellNameToCoordinates(ref[1])
				if err != nil {
					t.Fatal(err)
				}
				maxCol, maxRow = max(maxCol, col), max(maxRow, row)
			}
			used := "A1:" + cell(maxCol, maxRow)
			if m[1] != used {
				t.Errorf("%s %s: dimension %s, cells span %s", c.name, name, m[1], used)
			}
			if want, ok := c.want[name]; ok && m[1] != want {
				t.Errorf("%s %s: dimension %s, want %s", c.name, name, m[1], want)
			}
		}
	}
}
