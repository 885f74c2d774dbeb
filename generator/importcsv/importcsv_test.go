package importcsv

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/crosswalk-ssg/crosswalk/generator/diag"
	"github.com/crosswalk-ssg/crosswalk/generator/export"
	"github.com/crosswalk-ssg/crosswalk/generator/link"
	"github.com/crosswalk-ssg/crosswalk/generator/model"
	"github.com/crosswalk-ssg/crosswalk/generator/source"
	"github.com/spf13/afero"
)

// crosswalkFile is the default site's crosswalk, relative to the site.
const crosswalkFile = "content/crosswalks/aiverify-nist-ai-rmf.md"

var opts = Options{Source: "ai-verify", Target: "nist-ai-rmf"}

// buildSite reads, decodes and links the default site, with the content
// files in replace (site-relative path → content) put in place of, or
// beside, its own.
func buildSite(replace map[string][]byte) (*model.Site, error) {
	var errs diag.List
	files, err := source.ReadDir(afero.NewBasePathFs(afero.NewOsFs(), "../.."), model.ContentDir, &errs)
	if err != nil {
		return nil, err
	}
	files = slices.DeleteFunc(files, func(f *source.File) bool { return replace[f.Path] != nil })
	for _, p := range slices.Sorted(maps.Keys(replace)) {
		if f := source.Parse(p, replace[p], &errs); f != nil {
			files = append(files, f)
		}
	}
	site := model.Decode(files, &errs)
	link.Link(site, nil, &errs)
	if err := errs.Err(); err != nil {
		return nil, fmt.Errorf("the site does not build:\n%w", err)
	}
	return site, nil
}

// loadSite is buildSite that fails the test on any problem.
func loadSite(t testing.TB, replace map[string][]byte) *model.Site {
	t.Helper()
	site, err := buildSite(replace)
	if err != nil {
		t.Fatal(err)
	}
	return site
}

// defaultSite is the default site, built once; tests only read it.
var defaultSite = sync.OnceValues(func() (*model.Site, error) { return buildSite(nil) })

func frameworks(t testing.TB) map[string]*model.Framework {
	t.Helper()
	site, err := defaultSite()
	if err != nil {
		t.Fatal(err)
	}
	return frameworksOf(site)
}

func frameworksOf(site *model.Site) map[string]*model.Framework {
	out := map[string]*model.Framework{}
	for _, fw := range site.Frameworks {
		out[fw.ID] = fw
	}
	return out
}

func crosswalkOf(t testing.TB, site *model.Site) *model.Crosswalk {
	t.Helper()
	for _, cw := range site.Crosswalks {
		if cw.File == crosswalkFile {
			return cw
		}
	}
	t.Fatalf("no crosswalk %s", crosswalkFile)
	return nil
}

func read(t *testing.T, name string, data []byte, o Options) []export.Record {
	t.Helper()
	records, err := Read(bytes.NewReader(data), name, frameworks(t), o)
	if err != nil {
		t.Fatalf("Read(%s):\n%v", name, err)
	}
	return records
}

func readFile(t *testing.T, name string, o Options) []export.Record {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return read(t, name, data, o)
}

// withoutTitles returns records with their titles cleared.
func withoutTitles(records []export.Record) []export.Record {
	out := slices.Clone(records)
	for i := range out {
		out[i].SourceTitle, out[i].TargetTitle = "", ""
	}
	return out
}

// TestRoundTrip exports the default site's crosswalk as CSV, imports it
// into the crosswalk file, builds the site with the result and exports
// again.
func TestRoundTrip(t *testing.T) {
	t.Parallel()
	site := loadSite(t, nil)
	fws := frameworksOf(site)
	cw := crosswalkOf(t, site)
	want := export.Records(cw)
	table, err := export.CSV(want)
	if err != nil {
		t.Fatal(err)
	}

	got := read(t, "aiverify-nist-ai-rmf.csv", table, opts)
	if !reflect.DeepEqual(got, want) {
		for i := range min(len(got), len(want)) {
			if !reflect.DeepEqual(got[i], want[i]) {
				t.Errorf("record %d:\n got %+v\nwant %+v", i+1, got[i], want[i])
				break
			}
		}
		t.Fatalf("Read(export.CSV(records)): %d records, want %d equal to export.Records", len(got), len(want))
	}

	existing, err := os.ReadFile(filepath.Join("../..", crosswalkFile))
	if err != nil {
		t.Fatal(err)
	}
	out, err := Write(got, existing, "aiverify-nist-ai-rmf.csv", opts, fws)
	if err != nil {
		t.Fatal(err)
	}

	// The file comes back byte for byte, but for the records' "status:
	// draft" lines: every record of the default site is a draft like its
	// crosswalk, and Write writes a record's status only when it differs.
	if bytes.Equal(out, existing) {
		t.Log("Write reproduced the crosswalk file byte for byte")
	}
	if want := strings.ReplaceAll(string(existing), "\n    status: draft\n", "\n"); string(out) != want {
		t.Errorf("Write changed more than the records' status lines:\n%s", firstDiff(string(out), want))
	}

	// Build with the written file: same mappings, same crosswalk block and body.
	site2 := loadSite(t, map[string][]byte{crosswalkFile: out})
	cw2 := crosswalkOf(t, site2)
	if len(cw2.Mappings) != len(cw.Mappings) {
		t.Fatalf("%d mappings after import, want %d", len(cw2.Mappings), len(cw.Mappings))
	}
	for i, m := range cw.Mappings {
		m2 := cw2.Mappings[i]
		if m2.SourceID != m.SourceID || m2.TargetID != m.TargetID || m2.Relationship != m.Relationship ||
			m2.Rationale != m.Rationale || m2.Evidence != m.Evidence || m2.Basis != m.Basis ||
			m2.Status != m.Status || !slices.Equal(m2.References, m.References) {
			t.Errorf("mapping %d:\n got %+v\nwant %+v", i+1, *m2, *m)
		}
	}
	block := func(c *model.Crosswalk) []any {
		return []any{c.ID, c.Title, c.SourceID, c.TargetID, c.Status, c.StatusStatement, c.Method, c.Direction, c.Sources, len(c.Aliases)}
	}
	if got, want := block(cw2), block(cw); !reflect.DeepEqual(got, want) {
		t.Errorf("crosswalk block changed:\n got %q\nwant %q", got, want)
	}
	if !bytes.Equal(cw2.Body.Source, cw.Body.Source) {
		t.Errorf("crosswalk body changed:\n%s", firstDiff(string(cw2.Body.Source), string(cw.Body.Source)))
	}
	table2, err := export.CSV(export.Records(cw2))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(table2, table) {
		t.Errorf("export → import → build → export changed the CSV:\n%s", firstDiff(string(table2), string(table)))
	}

	// Importing the same table again changes nothing.
	again, err := Write(read(t, "aiverify-nist-ai-rmf.csv", table2, opts), out, "aiverify-nist-ai-rmf.csv", opts, frameworksOf(site2))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again, out) {
		t.Errorf("a second import changed the file:\n%s", firstDiff(string(again), string(out)))
	}
}

// firstDiff describes where two texts first differ.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range max(len(g), len(w)) {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl || i >= len(g) || i >= len(w) {
			return fmt.Sprintf("line %d:\n got %q\nwant %q", i+1, gl, wl)
		}
	}
	return "(same lines)"
}

// TestReadTolerant reads the default site's table written the way other
// tools write tables: with a byte order mark, CRLF, the columns in
// another order under headings such as "Source ID", an unknown column and
// blank rows at the end.
func TestReadTolerant(t *testing.T) {
	t.Parallel()
	want := export.Records(crosswalkOf(t, loadSite(t, nil)))
	if !slices.ContainsFunc(want, func(r export.Record) bool { return len(r.References) > 1 }) {
		t.Fatal("no record has two references: the test would not check a quoted newline")
	}
	order := []int{5, 3, 1, 11, 10, 9, 8, 7, 0, 4, 2, 6} // a permutation of export.Columns
	heading := func(c string) string {
		words := strings.Split(c, "_")
		for i, w := range words {
			words[i] = strings.ToUpper(w[:1]) + w[1:]
		}
		if words[len(words)-1] == "Id" {
			words[len(words)-1] = "ID"
		}
		return strings.Join(words, " ") // "source_id" → "Source ID"
	}
	var buf bytes.Buffer
	buf.WriteString("\ufeff")
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	row := func(cells []string) {
		out := []string{"ignored"}
		for _, i := range order {
			out = append(out, cells[i])
		}
		if err := w.Write(out); err != nil {
			t.Fatal(err)
		}
	}
	var head []string
	for _, c := range export.Columns {
		head = append(head, heading(c))
	}
	if err := w.Write(append([]string{"Notes"}, func() []string {
		var out []string
		for _, i := range order {
			out = append(out, head[i])
		}
		return out
	}()...)); err != nil {
		t.Fatal(err)
	}
	for _, r := range want {
		row(r.Row())
	}
	w.Flush()
	buf.WriteString(",,,\r\n\r\n\r\n")
	table := buf.Bytes()
	if !bytes.Contains(table, []byte("\r\nNIST AI 100-1")) || !bytes.Contains(table, []byte("Source ID")) {
		t.Fatalf("the table is not what the test means to read:\n%.400s", table)
	}
	if got := read(t, "tolerant.csv", table, opts); !reflect.DeepEqual(got, want) {
		t.Errorf("the reformatted table reads as other records")
	}
}

// TestReadTestdata reads testdata/basic.csv and testdata/tolerant.csv,
// the same table written in two ways.
func TestReadTestdata(t *testing.T) {
	t.Parallel()
	want := []export.Record{
		{
			SourceFramework: "ai-verify", SourceID: "12.1", Relationship: "equal-to",
			TargetFramework: "nist-ai-rmf", TargetID: "GOVERN 1.6",
			Rationale: "Outcome 12.1 reproduces GOVERN 1.6, word for word.", Evidence: "text-identical", Basis: "source-text",
			Status: "draft", References: []string{"repo@cdd1db21:config.ts", "NIST AI 100-1, Table 1-4"},
		},
		{
			SourceFramework: "ai-verify", SourceID: "4.1", Relationship: "intersects-with",
			TargetFramework: "nist-ai-rmf", TargetID: "MAP 1.1",
			Rationale: `Says "Refer to 4.1".`, Status: "official", References: []string{},
		},
		{
			SourceFramework: "ai-verify", SourceID: "transparency", Relationship: "subset-of",
			TargetFramework: "nist-ai-rmf", TargetID: "GOVERN 4.2",
			Rationale: "Two lines:\nsecond line", Status: "draft", References: []string{},
		},
	}
	for _, name := range []string{"basic.csv", "tolerant.csv"} {
		got := readFile(t, name, opts)
		if !reflect.DeepEqual(withoutTitles(got), want) {
			t.Errorf("%s:\n got %+v\nwant %+v", name, withoutTitles(got), want)
			continue
		}
		fws := frameworks(t)
		if got[0].SourceTitle != export.ElementTitle(fws["ai-verify"].ByID["12.1"]) || got[0].TargetTitle != export.ElementTitle(fws["nist-ai-rmf"].ByID["GOVERN 1.6"]) {
			t.Errorf("%s: titles %q, %q are not the elements' titles", name, got[0].SourceTitle, got[0].TargetTitle)
		}
	}
}

// TestReadErrors checks each problem's message and position, and that a
// table with a problem yields no records.
func TestReadErrors(t *testing.T) {
	t.Parallel()
	const head = "source_id,target_id,relationship,status,source_framework,target_framework,references\n"
	tests := []struct {
		name  string
		table string
		want  string
	}{
		{"missing column", "source_id,relationship\n12.1,equal-to\n",
			`t.csv:1:1: missing column "target_id"`},
		{"missing columns", "rationale\nx\n",
			"t.csv:1:1: missing column \"relationship\"\nt.csv:1:1: missing column \"source_id\"\nt.csv:1:1: missing column \"target_id\""},
		{"empty table", "",
			`t.csv:1:1: the table is empty: it needs a header row naming its columns (source_id, target_id, relationship, …)`},
		{"blank table", "\n,,\n\n",
			`t.csv:1:1: the table is empty: it needs a header row naming its columns (source_id, target_id, relationship, …)`},
		{"duplicate column", "source_id,Source ID,target_id,relationship\n12.1,12.2,GOVERN 1.6,equal-to\n",
			`t.csv:1:2: duplicate column "Source ID": column 1 is source_id too`},
		{"unknown source", head + "99.9,GOVERN 1.6,equal-to,,,,\n",
			`t.csv:2:1: unknown source "99.9" in framework "ai-verify"`},
		{"unknown target", head + "12.1,MAP 9.9,equal-to,,,,\n",
			`t.csv:2:2: unknown target "MAP 9.9" in framework "nist-ai-rmf"`},
		{"unknown target, did you mean", head + "12.1,govern-1.6,equal-to,,,,\n",
			`t.csv:2:2: unknown target "govern-1.6" in framework "nist-ai-rmf"; did you mean "GOVERN 1.6"?`},
		{"unknown source, did you mean", head + "Transparency,GOVERN 1.6,equal-to,,,,\n",
			`t.csv:2:1: unknown source "Transparency" in framework "ai-verify"; did you mean "transparency"?`},
		{"unknown relationship", head + "12.1,GOVERN 1.6,overlaps,,,,\n",
			`t.csv:2:3: unknown relationship "overlaps": use one of equal-to, equivalent-to, subset-of, superset-of, intersects-with, no-relationship`},
		{"unknown status", head + "12.1,GOVERN 1.6,equal-to,final,,,\n",
			`t.csv:2:4: unknown status "final": use draft or official`},
		{"source framework does not match", head + "12.1,GOVERN 1.6,equal-to,,nist-ai-rmf,,\n",
			`t.csv:2:5: source_framework "nist-ai-rmf" does not match the source framework "ai-verify"`},
		{"target framework does not match", head + "12.1,GOVERN 1.6,equal-to,,,NIST,\n",
			`t.csv:2:6: target_framework "NIST" does not match the target framework "nist-ai-rmf"`},
		{"empty source_id", head + " ,GOVERN 1.6,equal-to,,,,\n",
			`t.csv:2:1: source_id is empty`},
		{"empty target_id", head + "12.1,,equal-to,,,,\n",
			`t.csv:2:2: target_id is empty`},
		{"empty relationship", head + "12.1,GOVERN 1.6,,,,,\n",
			`t.csv:2:3: relationship is empty`},
		{"duplicate row", head + "12.1,GOVERN 1.6,equal-to,,,,\n\"4.1\",MAP 1.1,subset-of,,,,\"a\nb\"\n12.1,GOVERN 1.6,subset-of,,,,\n",
			`t.csv:5:1: duplicate mapping 12.1 → GOVERN 1.6 (first at row 2)`},
		{"duplicate row after trimming", head + "12.1,GOVERN 1.6,equal-to,,,,\n12.1 , GOVERN 1.6,equal-to,,,,\n",
			`t.csv:3:1: duplicate mapping 12.1 → GOVERN 1.6 (first at row 2)`},
		{"bare quote", head + "12.1,GOVERN 1.6,equal-to,,,,see \"x\"\n",
			`t.csv:2:7: bare " in an unquoted field: quote the whole field and double the quotes inside it ("")`},
		{"bare quote in a later field of a multi-line record", head + "12.1,\"GOVERN\n1.6\",equal-to,dr\"aft,,,\n",
			`t.csv:2:4: bare " in an unquoted field: quote the whole field and double the quotes inside it ("") (on line 3)`},
		{"extraneous quote", head + "12.1,\"GOVERN 1.6\"x,equal-to,,,,\n",
			`t.csv:2:2: extraneous or missing " in a quoted field`},
		{"unclosed quote", head + "12.1,GOVERN 1.6,equal-to,,,,\"a\nb\n",
			"t.csv:2:7: extraneous or missing \" in a quoted field (on line 3)"},
		{"too few fields", head + "12.1,GOVERN 1.6,equal-to\n",
			`t.csv:2:4: row has 3 fields, the header has 7`},
		{"too many fields", head + "12.1,GOVERN 1.6,equal-to,,,,,x\n",
			`t.csv:2:8: row has 8 fields, the header has 7`},
		{"not UTF-8", head + "12.1,GOVERN 1.6,equal-to,,,,caf\xe9\n",
			`t.csv:2:7: references is not UTF-8 text: save the table as UTF-8`},
		{"syntax error in the header", "source_id,ta\"rget_id,relationship\n12.1,GOVERN 1.6,equal-to\n",
			`t.csv:1:2: bare " in an unquoted field: quote the whole field and double the quotes inside it ("")`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			records, err := Read(strings.NewReader(tt.table), "t.csv", frameworks(t), opts)
			if records != nil {
				t.Errorf("Read returned %d records with the error", len(records))
			}
			var es diag.Errors
			if !errors.As(err, &es) {
				t.Fatalf("Read error = %v (%T), want diag.Errors", err, err)
			}
			if err.Error() != tt.want {
				t.Errorf("Read error:\n%s\nwant:\n%s", err, tt.want)
			}
		})
	}
}

// TestReadErrorsAll reads testdata/errors.csv: every problem of every row,
// sorted by position.
func TestReadErrorsAll(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("testdata/errors.csv")
	if err != nil {
		t.Fatal(err)
	}
	records, err := Read(bytes.NewReader(data), "errors.csv", frameworks(t), opts)
	want := strings.Join([]string{
		`errors.csv:3:1: unknown source "99.9" in framework "ai-verify"`,
		`errors.csv:3:2: unknown target "govern 1.6" in framework "nist-ai-rmf"; did you mean "GOVERN 1.6"?`,
		`errors.csv:3:3: unknown relationship "overlaps": use one of equal-to, equivalent-to, subset-of, superset-of, intersects-with, no-relationship`,
		`errors.csv:3:4: unknown status "final": use draft or official`,
		`errors.csv:3:5: target_framework "nist" does not match the target framework "nist-ai-rmf"`,
		`errors.csv:4:1: source_id is empty`,
		`errors.csv:4:3: relationship is empty`,
		`errors.csv:5:1: duplicate mapping 12.1 → GOVERN 1.6 (first at row 2)`,
		`errors.csv:6:2: bare " in an unquoted field: quote the whole field and double the quotes inside it ("")`,
		`errors.csv:7:4: row has 3 fields, the header has 5`,
	}, "\n")
	if records != nil || err == nil || err.Error() != want {
		t.Errorf("Read = %d records, error:\n%v\nwant:\n%s", len(records), err, want)
	}
}

// TestReadOptionErrors checks the plain errors about Options.
func TestReadOptionErrors(t *testing.T) {
	t.Parallel()
	table := "source_id,target_id,relationship\n12.1,GOVERN 1.6,equal-to\n"
	tests := []struct {
		opts Options
		want string
	}{
		{Options{Source: "ai-verfy", Target: "nist-ai-rmf"}, `unknown source framework "ai-verfy": use one of ai-verify, nist-ai-rmf`},
		{Options{Source: "ai-verify", Target: "NIST AI RMF"}, `unknown target framework "NIST AI RMF"; did you mean "nist-ai-rmf"?`},
		{Options{Target: "nist-ai-rmf"}, `no source framework given`},
		{Options{Source: "ai-verify", Target: "ai-verify"}, `a crosswalk relates two different frameworks; source and target are both "ai-verify"`},
		{Options{Source: "ai-verify", Target: "nist-ai-rmf", Columns: map[string]string{"target": "NIST"}},
			`unknown column name "target": use one of ` + strings.Join(export.Columns, ", ")},
		{Options{Source: "ai-verify", Target: "nist-ai-rmf", Columns: map[string]string{"target_id": "Source ID"}},
			`columns source_id and target_id would both be read from the column "Source ID"`},
	}
	for _, tt := range tests {
		records, err := Read(strings.NewReader(table), "t.csv", frameworks(t), tt.opts)
		var es diag.Errors
		if records != nil || err == nil || errors.As(err, &es) || err.Error() != tt.want {
			t.Errorf("Read with %+v = %d records, %v (%T); want the plain error %s", tt.opts, len(records), err, err, tt.want)
		}
	}
}

// TestColumns reads a table with its own headings.
func TestColumns(t *testing.T) {
	t.Parallel()
	o := Options{Source: "ai-verify", Target: "nist-ai-rmf", Columns: map[string]string{
		"source_id": "AI Verify item", "target_id": "NIST subcategory", "rationale": "why",
	}}
	got := withoutTitles(readFile(t, "columns.csv", o))
	want := []export.Record{
		{SourceFramework: "ai-verify", SourceID: "12.1", Relationship: "equal-to", TargetFramework: "nist-ai-rmf", TargetID: "GOVERN 1.6",
			Rationale: "Outcome 12.1 reproduces GOVERN 1.6.", Status: "draft", References: []string{}},
		{SourceFramework: "ai-verify", SourceID: "4.1", Relationship: "intersects-with", TargetFramework: "nist-ai-rmf", TargetID: "MAP 1.1",
			Status: "draft", References: []string{}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}

	// Only the target_id heading is given (under a loosely written name):
	// the default source_id heading still reads, the target_id heading no
	// longer does, and a missing column is named by its heading.
	o = Options{Source: "ai-verify", Target: "nist-ai-rmf", Columns: map[string]string{"Target ID": "NIST subcategory"}}
	got = withoutTitles(read(t, "t.csv", []byte("source_id,relationship,nist_subcategory,target_id\n12.1,equal-to,GOVERN 1.6,ignored\n"), o))
	if len(got) != 1 || got[0].TargetID != "GOVERN 1.6" {
		t.Errorf("with target_id read from \"NIST subcategory\": %+v", got)
	}
	_, err := Read(strings.NewReader("source_id,relationship,target_id\n12.1,equal-to,GOVERN 1.6\n"), "t.csv", frameworks(t), o)
	if want := `t.csv:1:1: missing column "NIST subcategory" (target_id)`; err == nil || err.Error() != want {
		t.Errorf("Read error = %v, want %s", err, want)
	}
}

// TestWriteNew writes a new crosswalk file and builds the site with it.
func TestWriteNew(t *testing.T) {
	t.Parallel()
	records := readFile(t, "basic.csv", opts)
	records = append(records, export.Record{SourceID: "1.2", TargetID: "MAP 1.1", Relationship: "no-relationship", Rationale: "yes", Evidence: "1.0", Basis: "a: b", References: []string{}})
	out, err := Write(records, nil, "/home/someone/tables/map_v2.csv", opts, frameworks(t))
	if err != nil {
		t.Fatal(err)
	}
	want := "---\n" +
		"crosswalk:\n" +
		"  id: ai-verify--nist-ai-rmf\n" +
		"  title: AI Verify to NIST AI RMF\n" +
		"  source: ai-verify\n" +
		"  target: nist-ai-rmf\n" +
		"  status: draft\n" +
		"  status_statement: Imported from map_v2.csv; not yet reviewed.\n" +
		"mappings:\n" +
		"  - source: \"12.1\"\n" +
		"    target: GOVERN 1.6\n" +
		"    relationship: equal-to\n" +
		"    rationale: Outcome 12.1 reproduces GOVERN 1.6, word for word.\n" +
		"    evidence: text-identical\n" +
		"    basis: source-text\n" +
		"    references:\n" +
		"      - repo@cdd1db21:config.ts\n" +
		"      - NIST AI 100-1, Table 1-4\n" +
		"  - source: \"4.1\"\n" +
		"    target: MAP 1.1\n" +
		"    relationship: intersects-with\n" +
		"    rationale: Says \"Refer to 4.1\".\n" +
		"    status: official\n" +
		"  - source: transparency\n" +
		"    target: GOVERN 4.2\n" +
		"    relationship: subset-of\n" +
		"    rationale: |-\n" +
		"      Two lines:\n" +
		"      second line\n" +
		"  - source: \"1.2\"\n" +
		"    target: MAP 1.1\n" +
		"    relationship: no-relationship\n" +
		"    rationale: \"yes\"\n" +
		"    evidence: \"1.0\"\n" +
		"    basis: 'a: b'\n" +
		"---\n" +
		"These mappings were imported from `map_v2.csv` and have not been reviewed yet.\n"
	if string(out) != want {
		t.Errorf("Write:\n%s\n%s", out, firstDiff(string(out), want))
	}
	site := loadSite(t, map[string][]byte{"content/crosswalks/ai-verify--nist-ai-rmf.md": out})
	for _, cw := range site.Crosswalks {
		if cw.ID != "ai-verify--nist-ai-rmf" {
			continue
		}
		got := export.Records(cw)
		records[3].SourceFramework, records[3].TargetFramework, records[3].Status = "ai-verify", "nist-ai-rmf", "draft"
		if !reflect.DeepEqual(withoutTitles(got), withoutTitles(records)) {
			t.Errorf("the new crosswalk builds with the records\n%+v\nwant\n%+v", got, records)
		}
		return
	}
	t.Error("the site has no crosswalk ai-verify--nist-ai-rmf")
}

// TestWriteExisting keeps an existing file's front matter and body.
func TestWriteExisting(t *testing.T) {
	t.Parallel()
	records := readFile(t, "columns.csv", Options{Source: "ai-verify", Target: "nist-ai-rmf", Columns: map[string]string{
		"source_id": "AI Verify item", "target_id": "NIST subcategory", "rationale": "why"}})
	records[1].Status = "official"
	existing := "---\n" +
		"# Kept: a comment on top.\n" +
		"crosswalk:\n" +
		"  title: 'Hand-made'   # the title\n" +
		"  id: hand\n" +
		"  source: ai-verify\n" +
		"  target: nist-ai-rmf\n" +
		"  status: official\n" +
		"  direction: \"Each row reads: A RELATIONSHIP B.\"\n" +
		"aliases: [/old/]\n" +
		"mappings:\n" +
		"  # this list is replaced\n" +
		"  - {source: '9.9', target: X, relationship: equal-to}\n" +
		"---\n" +
		"\n" +
		"# Method\n\nKept as is.  \n"
	wantFM := "# Kept: a comment on top.\n" +
		"crosswalk:\n" +
		"  title: 'Hand-made' # the title\n" +
		"  id: hand\n" +
		"  source: ai-verify\n" +
		"  target: nist-ai-rmf\n" +
		"  status: official\n" +
		"  direction: \"Each row reads: A RELATIONSHIP B.\"\n" +
		"aliases: [/old/]\n" +
		"mappings:\n" +
		"  - source: \"12.1\"\n" +
		"    target: GOVERN 1.6\n" +
		"    relationship: equal-to\n" +
		"    rationale: Outcome 12.1 reproduces GOVERN 1.6.\n" +
		"    status: draft\n" +
		"  - source: \"4.1\"\n" +
		"    target: MAP 1.1\n" +
		"    relationship: intersects-with\n"
	body := "\n# Method\n\nKept as is.  \n"
	out, err := Write(records, []byte(existing), "columns.csv", opts, frameworks(t))
	if err != nil {
		t.Fatal(err)
	}
	if want := "---\n" + wantFM + "---\n" + body; string(out) != want {
		t.Errorf("Write:\n%s\n%s", out, firstDiff(string(out), want))
	}

	// CRLF, a byte order mark and no mappings key yet.
	crlf := "\ufeff---\r\ncrosswalk:\r\n  id: hand\r\n  title: Hand-made\r\n  source: ai-verify\r\n  target: nist-ai-rmf\r\n  status: official\r\n---\r\nBody.\r\n"
	out, err = Write(records[:1], []byte(crlf), "columns.csv", opts, frameworks(t))
	if err != nil {
		t.Fatal(err)
	}
	want := "\ufeff---\r\ncrosswalk:\r\n  id: hand\r\n  title: Hand-made\r\n  source: ai-verify\r\n  target: nist-ai-rmf\r\n  status: official\r\n" +
		"mappings:\r\n  - source: \"12.1\"\r\n    target: GOVERN 1.6\r\n    relationship: equal-to\r\n    rationale: Outcome 12.1 reproduces GOVERN 1.6.\r\n    status: draft\r\n" +
		"---\r\nBody.\r\n"
	if string(out) != want {
		t.Errorf("Write (CRLF):\n%q\nwant\n%q", out, want)
	}
}

// TestWriteErrors checks what Write refuses.
func TestWriteErrors(t *testing.T) {
	t.Parallel()
	records := readFile(t, "basic.csv", opts)
	tests := []struct {
		name, existing, want string
	}{
		{"TOML", "+++\n[crosswalk]\nid = \"x\"\n+++\n", `existing crosswalk: the file has TOML front matter; import rewrites only YAML front matter (between --- lines)`},
		{"no front matter", "# Just prose\n", `existing crosswalk: the file has no front matter; import rewrites the YAML front matter of a crosswalk file`},
		{"no crosswalk block", "---\ntitle: A page\n---\n", `existing crosswalk: the front matter has no crosswalk block`},
		{"other frameworks", "---\ncrosswalk:\n  source: nist-ai-rmf\n  target: ai-verify\n---\n", `existing crosswalk: the crosswalk maps "nist-ai-rmf" to "ai-verify", not "ai-verify" to "nist-ai-rmf"`},
		{"invalid YAML", "---\ncrosswalk: [\n---\n", `existing crosswalk:2: invalid YAML front matter: did not find expected node content`},
	}
	for _, tt := range tests {
		_, err := Write(records, []byte(tt.existing), "t.csv", opts, frameworks(t))
		if err == nil || err.Error() != tt.want {
			t.Errorf("%s: Write error = %v, want %s", tt.name, err, tt.want)
		}
	}
	if _, err := Write(records, nil, "t.csv", Options{Source: "ai-verify", Target: "nist"}, frameworks(t)); err == nil || !strings.HasPrefix(err.Error(), `unknown target framework "nist"`) {
		t.Errorf("Write with an unknown framework: %v", err)
	}
	bad := slices.Clone(records)
	bad[0].TargetFramework = "other"
	if _, err := Write(bad, nil, "t.csv", opts, frameworks(t)); err == nil || err.Error() != "record 1 maps ai-verify to other, not ai-verify to nist-ai-rmf" {
		t.Errorf("Write with a record of other frameworks: %v", err)
	}
}

func TestNormalize(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"source_id": "source_id", "Source ID": "source_id", " SOURCE-ID ": "source_id", "source - id": "source_id",
		"Source__Framework": "source_framework", "NIST subcategory": "nist_subcategory", "": "", "-": "",
	} {
		if got := normalize(in); got != want {
			t.Errorf("normalize(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzRead checks that Read never panics and that every problem it
// reports has a position in the file.
func FuzzRead(f *testing.F) {
	seeds, err := filepath.Glob("testdata/*.csv")
	if err != nil || len(seeds) == 0 {
		f.Fatalf("no seeds in testdata: %v", err)
	}
	for _, p := range seeds {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	fws := frameworks(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		records, err := Read(bytes.NewReader(data), "f.csv", fws, opts)
		if err == nil {
			// What reads must write and read back.
			if _, err := Write(records, nil, "f.csv", opts, fws); err != nil {
				t.Fatalf("Write of records Read accepted: %v", err)
			}
			return
		}
		if records != nil {
			t.Errorf("Read returned %d records with an error", len(records))
		}
		var es diag.Errors
		if !errors.As(err, &es) || len(es) == 0 {
			t.Fatalf("Read error %v (%T) is not diag.Errors", err, err)
		}
		for _, e := range es {
			if e.Pos.File != "f.csv" || e.Pos.Line < 1 || e.Pos.Col < 1 {
				t.Errorf("error without a position: %#v", e)
			}
		}
	})
}

// awkward are texts that YAML would misread if written plainly, or that
// yaml.v3 writes wrongly as literal blocks.
var awkward = []string{
	"1.2", "1.20", "007", "1e3", "0x1F", "true", "yes", "No", "on", "null", "~", "", " ", "2023-10-13",
	"a: b", "a #b", "#c", "- d", "[e]", "{f}", "'g'", `"h"`, "*i", "&j", "!k", "|l", "> m", "%n", "@o", "`p",
	"trailing ", " leading", "tab\there", "\t", "bell\a", "nul\x00", "\r", "a\rb", "\ufeffbom", "é ✓ “quoted”",
	"\n", "\n\n", "a\n", "a\n\n", "a\nb", "a\n b", " a\nb", "\ta\nb", "\na", "\n a", "a \nb", "a\n\t", "a\r\nb",
	"line\u2028separator", "\u0085",
}

// TestWriteAwkwardText writes records holding awkward texts and checks
// that they read back as written (Write checks it too).
func TestWriteAwkwardText(t *testing.T) {
	t.Parallel()
	var records []export.Record
	for _, s := range awkward {
		records = append(records, export.Record{SourceID: "12.1", TargetID: "GOVERN 1.6", Relationship: "equal-to",
			Rationale: s, Evidence: s, Basis: s, Status: "official", References: []string{s, "x"}})
	}
	out, err := Write(records, nil, "t.csv", opts, frameworks(t))
	if err != nil {
		t.Fatal(err)
	}
	var errs diag.List
	f := source.Parse("content/crosswalks/t.md", out, &errs)
	site := model.Decode([]*source.File{f}, &errs)
	if err := errs.Err(); err != nil {
		t.Fatal(err)
	}
	for i, m := range site.Crosswalks[0].Mappings {
		s := awkward[i]
		want := []string{s, "x"}
		if m.Rationale != s || m.Evidence != s || m.Basis != s || !slices.Equal(m.References, want) {
			t.Errorf("%q read back as %q, %q, %q, %q", s, m.Rationale, m.Evidence, m.Basis, m.References)
		}
	}
	if _, err := Write([]export.Record{{SourceID: "12.1", TargetID: "GOVERN 1.6", Relationship: "equal-to", References: []string{"caf\xe9"}}}, nil, "t.csv", opts, frameworks(t)); err == nil || err.Error() != "record 1: references is not UTF-8 text" {
		t.Errorf("Write of text that is not UTF-8: %v", err)
	}
}

// FuzzWrite checks that any UTF-8 text is written so that it reads back.
func FuzzWrite(f *testing.F) {
	for _, s := range awkward {
		f.Add(s, s)
	}
	fws := frameworks(f)
	f.Fuzz(func(t *testing.T, text, ref string) {
		if !utf8.ValidString(text) || !utf8.ValidString(ref) {
			return
		}
		r := export.Record{SourceID: "12.1", TargetID: "GOVERN 1.6", Relationship: "equal-to", Rationale: text, Status: "draft", References: []string{ref}}
		if _, err := Write([]export.Record{r}, nil, "t.csv", opts, fws); err != nil {
			t.Fatal(err)
		}
	})
}
