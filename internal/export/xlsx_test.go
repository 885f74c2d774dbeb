package export

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/crosswalk-ssg/crosswalk/internal/model"
	"github.com/xuri/excelize/v2"
)

// tabXLSX writes a crosswalk's workbook twice, checks that both calls give
// the same bytes, and opens it.
func tabXLSX(t *testing.T, cw *model.Crosswalk) ([]byte, *excelize.File) {
	t.Helper()
	data, f := openXLSX(t, cw, Records(cw))
	again, err := XLSX(cw, Records(cw))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(data, again) {
		t.Error("two calls gave different bytes")
	}
	return data, f
}

// openXLSX writes the workbook of cw with records and opens it.
func openXLSX(t *testing.T, cw *model.Crosswalk, records []Record) ([]byte, *excelize.File) {
	t.Helper()
	data, err := XLSX(cw, records)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return data, f
}

func tabRows(t *testing.T, f *excelize.File, sheet string) [][]string {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// tabZipFile returns a file of the workbook's zip.
func tabZipFile(t *testing.T, data []byte, name string) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, zf := range zr.File {
		if zf.Name == name {
			rc, err := zf.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer rc.Close()
			b, err := io.ReadAll(rc)
			if err != nil {
				t.Fatal(err)
			}
			return string(b)
		}
	}
	t.Fatalf("no %s in the workbook", name)
	return ""
}

var tabAutoFilterRef = regexp.MustCompile(`<autoFilter ref="([^"]+)"`)

// tabCheckTable checks a sheet's autofilter range and the frozen heading row.
func tabCheckTable(t *testing.T, f *excelize.File, data []byte, sheet, sheetFile, ref string, headingRow int) {
	t.Helper()
	// excelize writes the range with absolute references ($A$1:$L$5).
	if m := tabAutoFilterRef.FindStringSubmatch(tabZipFile(t, data, sheetFile)); m == nil || strings.ReplaceAll(m[1], "$", "") != ref {
		t.Errorf("%s: autofilter %q, want one over %s", sheet, m, ref)
	}
	var abs []string
	for _, c := range strings.Split(ref, ":") {
		col, row, err := excelize.CellNameToCoordinates(c)
		if err != nil {
			t.Fatal(err)
		}
		a, _ := excelize.CoordinatesToCellName(col, row, true)
		abs = append(abs, a)
	}
	want := "'" + sheet + "'!" + strings.Join(abs, ":")
	var found bool
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm._FilterDatabase" && dn.Scope == sheet {
			found = true
			if dn.RefersTo != want {
				t.Errorf("%s: filter database %s, want %s", sheet, dn.RefersTo, want)
			}
		}
	}
	if !found {
		t.Errorf("%s: no _xlnm._FilterDatabase name", sheet)
	}
	panes, err := f.GetPanes(sheet)
	if err != nil {
		t.Fatal(err)
	}
	below, _ := excelize.CoordinatesToCellName(1, headingRow+1)
	if !panes.Freeze || panes.YSplit != headingRow || panes.XSplit != 0 || panes.TopLeftCell != below {
		t.Errorf("%s: panes = %+v, want rows 1–%d frozen", sheet, panes, headingRow)
	}
}

func TestXLSXSmall(t *testing.T) {
	cw := tabularCrosswalk(t)
	records := Records(cw)
	data, f := tabXLSX(t, cw)

	if got, want := f.GetSheetList(), []string{"Mappings", "src", "tgt", "README"}; !slices.Equal(got, want) {
		t.Errorf("sheets = %q, want %q", got, want)
	}
	if f.GetActiveSheetIndex() != 0 {
		t.Errorf("active sheet %d, want Mappings", f.GetActiveSheetIndex())
	}

	// Mappings: friendly headings, then the records as the CSV has them.
	rows := tabRows(t, f, "Mappings")
	if len(rows) != len(records)+1 {
		t.Fatalf("Mappings has %d rows, want %d", len(rows), len(records)+1)
	}
	wantHeadings := []string{"Source framework", "Source ID", "Source title", "Relationship", "Relationship stated", "Target framework", "Target ID", "Target title", "Rationale", "Evidence", "Basis", "Status", "References", "As published", "Note", "No counterpart",
		"Source label", "Source statement", "Source level", "Source ID assigned by", "Target label", "Target statement", "Target level", "Target ID assigned by"}
	if !slices.Equal(rows[0], wantHeadings) {
		t.Errorf("headings = %q", rows[0])
	}
	for i, r := range records {
		row := rows[i+1]
		want := r.Row()
		for len(want) > 0 && want[len(want)-1] == "" { // GetRows drops empty trailing cells
			want = want[:len(want)-1]
		}
		if !slices.Equal(row, want) {
			t.Errorf("row %d = %q, want %q", i+2, row, want)
		}
	}
	for cellName, want := range map[string]string{
		"B2": "P1.1", "D2": "subset-of", "E2": "yes", "G2": "GOV 1", "H2": "Policies are in place.\nThey are reviewed.",
		"I3": "Two lines:\nthe first & <the second>.", "M2": "first reference\nsecond, with a comma",
		"I4": " Starts with a space; ünïcödé — dashes.", "L4": "official", "E6": "no", "N6": "Transparency 1.1", "P7": "No equivalent in Tgt",
	} {
		if got, err := f.GetCellValue("Mappings", cellName); err != nil || got != want {
			t.Errorf("Mappings!%s = %q (%v), want %q", cellName, got, err, want)
		}
	}
	tabCheckTable(t, f, data, "Mappings", "xl/worksheets/sheet1.xml", "A1:X7", 1)
	for col, want := range map[string]float64{"C": 45, "I": 60, "M": 50, "N": 40} {
		if w, err := f.GetColWidth("Mappings", col); err != nil || w != want {
			t.Errorf("Mappings column %s width %v, want %v", col, w, want)
		}
	}
	for _, c := range []string{"I2", "M2", "C2", "O2"} {
		id, err := f.GetCellStyle("Mappings", c)
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(id)
		if err != nil || st.Alignment == nil || !st.Alignment.WrapText {
			t.Errorf("Mappings!%s does not wrap", c)
		}
	}

	// A sheet per framework: facts, a blank row, headings, the elements.
	for _, fw := range []*model.Framework{cw.Source, cw.Target} {
		rows := tabRows(t, f, fw.ID)
		if len(rows) != frameworkHeaderRows+len(fw.Elements) {
			t.Errorf("%s has %d rows, want %d header rows + %d elements", fw.ID, len(rows), frameworkHeaderRows, len(fw.Elements))
			continue
		}
		if !slices.Equal(rows[0], []string{"Framework", fw.Title}) || !slices.Equal(rows[2], []string{"Version", fw.Version}) || !slices.Equal(rows[7], []string{"Licence", fw.License}) {
			t.Errorf("%s facts = %q", fw.ID, rows[:frameworkHeaderRows-2])
		}
		if !slices.Equal(rows[frameworkHeaderRows-1], []string{"ID", "Level", "Title", "Statement", "Parent ID", "Label"}) {
			t.Errorf("%s headings = %q", fw.ID, rows[frameworkHeaderRows-1])
		}
		for i, e := range fw.Elements {
			if got := rows[frameworkHeaderRows+i]; len(got) < 1 || got[0] != e.ID {
				t.Errorf("%s row %d = %q, want %s", fw.ID, frameworkHeaderRows+i+1, got, e.ID)
			}
		}
	}
	src := tabRows(t, f, "src")
	if got, want := src[frameworkHeaderRows+1], []string{"P1.1", "outcome", "", `Tell people, "clearly".`, "P1", "Src P1.1"}; !slices.Equal(got, want) {
		t.Errorf("src P1.1 row = %q, want %q", got, want)
	}
	if got, want := src[frameworkHeaderRows], []string{"P1", "principle", "Transparency", "Be open.", "", "Src 1 Transparency"}; !slices.Equal(got, want) {
		t.Errorf("src P1 row = %q, want %q", got, want)
	}
	tabCheckTable(t, f, data, "src", "xl/worksheets/sheet2.xml", "A11:F16", frameworkHeaderRows)

	// README: provenance.
	readme := map[string]string{}
	for _, r := range tabRows(t, f, "README") {
		if len(r) == 2 {
			readme[r[0]] = r[1]
		}
	}
	for k, want := range map[string]string{
		"Crosswalk": "Src to Tgt", "Crosswalk ID": "src--tgt", "Status": "draft", "Status statement": "A test; nobody reviewed it.",
		"Method": "By hand.", "Source 1": "The test\nhttps://example.org/test", "Source 2": "A note without a URL", "Records": "6",
		"Source framework": "Source Framework", "Source framework version": "2", "Source framework publisher": "Src & Co",
		"Source framework URL": "https://src.example/", "Source framework licence": "CC0",
		"Target framework": "Target Framework", "Target framework published": "2023-01-26", "Target framework licence": "Public domain",
	} {
		if readme[k] != want {
			t.Errorf("README %s = %q, want %q", k, readme[k], want)
		}
	}
	if !strings.Contains(readme["Framework texts"], "quoted verbatim from the frameworks' publishers") {
		t.Errorf("README lacks the verbatim line: %q", readme["Framework texts"])
	}

	// Document properties carry the later published date, not the clock.
	props, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	if props.Created != "2023-01-26T00:00:00Z" || props.Modified != "2023-01-26T00:00:00Z" || props.Title != "Src to Tgt" || props.Creator != "crosswalk" {
		t.Errorf("document properties = %+v", props)
	}
}

// TestXLSXNoClock checks that the zip entries carry no modification time,
// so the bytes cannot depend on when they were written.
func TestXLSXNoClock(t *testing.T) {
	cw := tabularCrosswalk(t)
	data, err := XLSX(cw, Records(cw))
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, zf := range zr.File {
		if zf.ModifiedDate != 0 || zf.ModifiedTime != 0 || len(zf.Extra) != 0 {
			t.Errorf("%s: date %d time %d extra %x", zf.Name, zf.ModifiedDate, zf.ModifiedTime, zf.Extra)
		}
	}
}

func TestDocumentDate(t *testing.T) {
	for _, c := range []struct{ a, b, want string }{
		{"", "", "2000-01-01T00:00:00Z"},
		{"2023-01-26", "", "2023-01-26T00:00:00Z"},
		{"2021-03-04", "2023-01-26", "2023-01-26T00:00:00Z"},
		{"2024-05-15T10:00:00+02:00", "2023-01-26", "2024-05-15T08:00:00Z"},
		{"2023-01-26 12:00:00", "2023-01-26", "2023-01-26T12:00:00Z"},
		{"not a date", "2023", "2000-01-01T00:00:00Z"},
		{"0001-01-01", "", "2000-01-01T00:00:00Z"},
	} {
		cw := &model.Crosswalk{Source: &model.Framework{Published: c.a}, Target: &model.Framework{Published: c.b}}
		if got := documentDate(cw); got != c.want {
			t.Errorf("documentDate(%q, %q) = %s, want %s", c.a, c.b, got, c.want)
		}
	}
}

func TestSheetNames(t *testing.T) {
	x := &xlsxWriter{names: map[string]bool{"mappings": true, "readme": true}}
	long := strings.Repeat("a", 40)
	for _, c := range []struct{ id, want string }{
		{"nist-ai-rmf", "nist-ai-rmf"},
		{"readme", "readme-2"},
		{long, long[:31]},
		{long + "b", long[:29] + "-2"},
	} {
		if got := x.uniqueName(c.id); got != c.want {
			t.Errorf("uniqueName(%q) = %q, want %q", c.id, got, c.want)
		}
	}
}

func TestXLSXDefault(t *testing.T) {
	cw := tabDefaultCrosswalk(t)
	data, f := tabXLSX(t, cw)
	if got, want := f.GetSheetList(), []string{"Mappings", "nist-ai-rmf", "ai-verify", "README"}; !slices.Equal(got, want) {
		t.Errorf("sheets = %q, want %q", got, want)
	}
	rows := tabRows(t, f, "Mappings")
	if len(rows) != 273 {
		t.Fatalf("Mappings has %d rows, want 273", len(rows))
	}
	for i, m := range cw.Mappings {
		row := rows[i+1]
		if row[1] != m.SourceID || row[3] != "" || row[4] != "no" || row[6] != m.TargetID {
			t.Errorf("row %d = %s %q %s %s, want %s, no relationship, %s", i+2, row[1], row[3], row[4], row[6], m.SourceID, m.TargetID)
		}
	}
	tabCheckTable(t, f, data, "Mappings", "xl/worksheets/sheet1.xml", "A1:AD273", 1)
	for _, fw := range []*model.Framework{cw.Source, cw.Target} {
		if n := len(tabRows(t, f, fw.ID)); n != frameworkHeaderRows+len(fw.Elements) {
			t.Errorf("%s: %d rows, want %d + %d elements", fw.ID, n, frameworkHeaderRows, len(fw.Elements))
		}
	}
	if v, _ := f.GetCellValue("README", "A1"); v != "Crosswalk" {
		t.Errorf("README!A1 = %q", v)
	}
	props, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	if props.Created != "2023-01-26T00:00:00Z" { // NIST AI 100-1; AI Verify has no published date
		t.Errorf("created %s", props.Created)
	}
}

// TestXLSXBodyRows: the rows written straight into the archive read back
// as the cells they hold, whatever the text: spaces at either end, line
// breaks, markup, a literal "_x0041_" (which a reader would take for
// "A"), a surrogate's "_xD800_", and the words of a body row's marker in
// the content, where the marker row is not.
func TestXLSXBodyRows(t *testing.T) {
	site := defaultSite(t)
	cw := site.Crosswalks[0]
	cw.Title = "crosswalk-body-rows-0"
	cw.Source.Title = "crosswalk-body-rows-1"
	records := Records(cw)
	texts := []string{" leading", "trailing\n", "a <b> & \"c\"\r\nd", "_x0041_ and _x005F_x0042_", "_xD800_", "crosswalk-body-rows-0", ""}
	for i, text := range texts {
		records[i].Rationale = text
	}
	_, f := openXLSX(t, cw, records)
	rows := tabRows(t, f, mappingsSheet)
	if len(rows) != len(records)+1 {
		t.Fatalf("Mappings has %d rows, want a heading and %d records", len(rows), len(records))
	}
	col := slices.Index(Header(records), "rationale")
	for i, text := range texts {
		if got := strings.ReplaceAll(cellAt(rows[i+1], col), "\r\n", "\n"); got != strings.ReplaceAll(text, "\r\n", "\n") {
			t.Errorf("record %d's rationale reads back as %q, want %q", i+1, got, text)
		}
	}
	for i, r := range records[len(texts):] {
		if got := cellAt(rows[len(texts)+i+1], 1); got != r.SourceID {
			t.Fatalf("row %d names %q, want %q", len(texts)+i+2, got, r.SourceID)
		}
	}
	for _, fw := range []*model.Framework{cw.Source, cw.Target} {
		if got := len(tabRows(t, f, fw.ID)); got != frameworkHeaderRows+len(fw.Elements) {
			t.Errorf("sheet %s has %d rows, want %d", fw.ID, got, frameworkHeaderRows+len(fw.Elements))
		}
	}
	if readme := tabRows(t, f, readmeSheet); cellAt(readme[0], 1) != cw.Title {
		t.Errorf("README names the crosswalk %q, want %q", cellAt(readme[0], 1), cw.Title)
	}
}

func cellAt(row []string, i int) string {
	if i < len(row) {
		return row[i]
	}
	return ""
}

// FuzzEscapeXString: a reader that takes each "_xHHHH_" for the character
// HHHH reads escapeXString's text as the text it was given.
func FuzzEscapeXString(f *testing.F) {
	for _, s := range []string{"_x0041_", "_x005F_x0042_", "a_x00_b", "__x0041__", "_xD800_", "_X0041_", "plain"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var read strings.Builder
		esc := escapeXString(s)
		for i := 0; i < len(esc); {
			if i+7 <= len(esc) && esc[i] == '_' && esc[i+1] == 'x' && esc[i+6] == '_' && isHex4(esc[i+2:i+6]) {
				code, _ := strconv.ParseUint(esc[i+2:i+6], 16, 16)
				read.WriteString(string(rune(code)))
				i += 7
				continue
			}
			read.WriteByte(esc[i])
			i++
		}
		if read.String() != s {
			t.Fatalf("escapeXString(%q) = %q, which reads as %q", s, esc, read.String())
		}
	})
}

// TestXLSXSharedStrings: the body rows' texts are in the workbook's one
// shared string table, after excelize's (the README's), each once:
// an element's statement, in each of its records' rows and on its
// framework's sheet, is written once. The table's counts are its texts
// and the cells that refer to them; an empty body cell holds no value.
func TestXLSXSharedStrings(t *testing.T) {
	cw := tabDefaultCrosswalk(t)
	data, f := tabXLSX(t, cw)
	table := tabZipFile(t, data, "xl/sharedStrings.xml")
	items := regexp.MustCompile(`(?s)<si>(.*?)</si>`).FindAllStringSubmatch(table, -1)
	seen := map[string]int{}
	for _, m := range items {
		seen[m[1]]++
	}
	statement := cw.Source.Elements[0].StatementText()
	if n := seen[sstItem(statement)]; n != 1 {
		t.Errorf("the statement of %s is %d times in the shared string table, want once", cw.Source.Elements[0].ID, n)
	}
	readme := map[string]bool{} // excelize's texts, which ours may repeat once
	for _, row := range tabRows(t, f, readmeSheet) {
		for _, c := range row {
			readme[sstItem(c)] = true
		}
	}
	for text, n := range seen {
		if n > 2 || n == 2 && !readme[text] {
			t.Errorf("%s is %d times in the table", text, n)
		}
	}
	var refs int // the body cells of a text; the stream writer writes the headings inline
	for _, name := range []string{"sheet1", "sheet2", "sheet3"} {
		sheet := tabZipFile(t, data, "xl/worksheets/"+name+".xml")
		refs += strings.Count(sheet, ` t="s"`)
		if strings.Contains(sheet, "<v></v>") {
			t.Errorf("%s has a cell of an empty value", name)
		}
	}
	// A record's own texts (its rationale, note…) are inline, every other
	// body text shared; the headings are inline (the stream writer's).
	columns := Header(Records(cw))
	for _, m := range regexp.MustCompile(`<c r="([A-Z]+)(\d+)"[^>]* t="(inlineStr|s)"`).FindAllStringSubmatch(tabZipFile(t, data, "xl/worksheets/sheet1.xml"), -1) {
		col, _, _ := excelize.SplitCellName(m[1] + "1")
		n, _ := excelize.ColumnNameToNumber(col)
		if want := ownTexts[columns[n-1]] || m[2] == "1"; (m[3] == "inlineStr") != want {
			t.Errorf("Mappings!%s%s (%s) is of type %s", m[1], m[2], columns[n-1], m[3])
		}
	}
	// The first body cell written, Mappings!A2, holds the first of ours,
	// which come after excelize's (as many as it counts: one per text).
	first := regexp.MustCompile(`<c r="A2"[^>]* t="s"><v>(\d+)</v>`).FindStringSubmatch(tabZipFile(t, data, "xl/worksheets/sheet1.xml"))
	if first == nil {
		t.Fatal("Mappings!A2 holds no shared string")
	}
	base, _ := strconv.Atoi(first[1])
	if base >= len(items) || items[base][1] != sstItem(cw.Source.ID) {
		t.Fatalf("Mappings!A2 refers to text %d, want the first after excelize's, %q", base, cw.Source.ID)
	}
	sst := table[strings.Index(table, "<sst "):]
	head := sst[:strings.Index(sst, ">")]
	if n, err := sstAttr(head, "count"); err != nil || n != base+refs {
		t.Errorf("the table's head is %s, want a count of excelize's %d and the %d body cells", head, base, refs)
	}
	if n, err := sstAttr(head, "uniqueCount"); err != nil || n != len(items) {
		t.Errorf("the table's head is %s, want a uniqueCount of its %d texts", head, len(items))
	}
	// excelize's own texts keep their indices: the README reads as before.
	if v, _ := f.GetCellValue(readmeSheet, "B1"); v != cw.Title {
		t.Errorf("README!B1 = %q, want %q", v, cw.Title)
	}
	rows := tabRows(t, f, cw.Source.ID)
	if got := cellAt(rows[frameworkHeaderRows], 3); got != statement {
		t.Errorf("%s's first statement reads %q, want %q", cw.Source.ID, got, statement)
	}
}

// sstItem is the text element of s in the shared string table.
func sstItem(s string) string {
	var b bytes.Buffer
	writeText(&b, s)
	return b.String()
}

// TestOrderedZipEntries: the archive's entries, compressed one after
// another by one compressor, read back as written and in name order,
// an entry written nothing included; an entry written after the next was
// begun is an error, not a corrupt archive.
func TestOrderedZipEntries(t *testing.T) {
	var out bytes.Buffer
	z := &orderedZip{ctx: context.Background(), out: &out, bodies: map[string]func(io.Writer) error{}, sst: newSharedStrings()}
	want := map[string]string{
		"b.xml":               strings.Repeat("bee ", 50000),
		"[Content_Types].xml": "<Types/>",
		"a.xml":               "",
		"c.xml":               strings.Repeat("sea ", 3),
	}
	var first io.Writer
	for _, name := range []string{"b.xml", "[Content_Types].xml", "a.xml", "c.xml"} {
		w, err := z.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if first == nil {
			first = w
		}
		// In two writes, so that an entry is not one Write.
		text := want[name]
		if _, err := io.WriteString(w, text[:len(text)/2]); err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(w, text[len(text)/2:]); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := io.WriteString(first, "late"); err == nil {
		t.Error("a write to an entry after the next was begun succeeded")
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	r, err := zip.NewReader(bytes.NewReader(out.Bytes()), int64(out.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range r.File {
		names = append(names, f.Name)
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(rc) // checks the CRC and size too
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		if string(got) != want[f.Name] {
			t.Errorf("%s: %d bytes, want %d", f.Name, len(got), len(want[f.Name]))
		}
	}
	if !slices.Equal(names, []string{"[Content_Types].xml", "a.xml", "b.xml", "c.xml"}) {
		t.Errorf("entries in order %q", names)
	}
}
