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

	"github.com/crosswalk-ssg/crosswalk/internal/diag"
	"github.com/crosswalk-ssg/crosswalk/internal/export"
	"github.com/crosswalk-ssg/crosswalk/internal/link"
	"github.com/crosswalk-ssg/crosswalk/internal/model"
	"github.com/crosswalk-ssg/crosswalk/internal/source"
	"github.com/crosswalk-ssg/crosswalk/internal/vocab"
	"github.com/spf13/afero"
)

// opts maps AI Verify to the NIST AI RMF, the default site's two
// frameworks, with the set-theory relationships.
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
	return linkFiles(files, replace, &errs)
}

// linkFiles decodes and links files, with the files of replace put in
// place of, or beside, them.
func linkFiles(files []*source.File, replace map[string][]byte, errs *diag.List) (*model.Site, error) {
	files = slices.DeleteFunc(files, func(f *source.File) bool { return replace[f.Path] != nil })
	for _, p := range slices.Sorted(maps.Keys(replace)) {
		if f := source.Parse(p, replace[p], errs); f != nil {
			files = append(files, f)
		}
	}
	site := model.Decode(files, errs)
	link.Link(site, nil, errs)
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

// crosswalkOf returns the site's first crosswalk, which tests that run on
// the default site's own crosswalk use (whichever it is).
func crosswalkOf(t testing.TB, site *model.Site) *model.Crosswalk {
	t.Helper()
	if len(site.Crosswalks) == 0 {
		t.Fatal("the site has no crosswalk")
	}
	return site.Crosswalks[0]
}

// optsOf returns the Options of a table for cw.
func optsOf(cw *model.Crosswalk) Options {
	return Options{Source: cw.SourceID, Target: cw.TargetID, Vocabulary: cw.Vocabulary}
}

func read(t *testing.T, name string, data []byte, o Options) []export.Record {
	t.Helper()
	records, notices, err := Read(bytes.NewReader(data), name, frameworks(t), o)
	if err != nil {
		t.Fatalf("Read(%s):\n%v", name, err)
	}
	if notices != nil {
		t.Errorf("Read(%s): unexpected notices %q", name, notices)
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

// withoutTitles returns records with their element data (titles, labels,
// statements, levels, fields) cleared: the data that come from the
// frameworks, not from the table.
func withoutTitles(records []export.Record) []export.Record {
	out := slices.Clone(records)
	for i := range out {
		out[i].SetSource(nil)
		out[i].SetTarget(nil)
		out[i].SourceFields, out[i].TargetFields = nil, nil
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
	o := optsOf(cw)
	want := export.Records(cw)
	table, err := export.CSV(want)
	if err != nil {
		t.Fatal(err)
	}

	got := read(t, "crosswalk.csv", table, o)
	if !reflect.DeepEqual(got, want) {
		for i := range min(len(got), len(want)) {
			if !reflect.DeepEqual(got[i], want[i]) {
				t.Errorf("record %d:\n got %+v\nwant %+v", i+1, got[i], want[i])
				break
			}
		}
		t.Fatalf("Read(export.CSV(records)): %d records, want %d equal to export.Records", len(got), len(want))
	}

	existing, err := os.ReadFile(filepath.Join("../..", cw.File))
	if err != nil {
		t.Fatal(err)
	}
	out, err := Write(got, existing, "crosswalk.csv", o, fws)
	if err != nil {
		t.Fatal(err)
	}

	// The file comes back byte for byte, but for the records' status lines
	// that repeat the crosswalk's status: Write writes a record's status
	// only when it differs.
	if want := strings.ReplaceAll(string(existing), "\n    status: "+string(cw.Status)+"\n", "\n"); string(out) != want {
		t.Errorf("Write changed more than the records' status lines:\n%s", firstDiff(string(out), want))
	}

	// Build with the written file: same mappings, same crosswalk block and body.
	site2 := loadSite(t, map[string][]byte{cw.File: out})
	cw2 := crosswalkOf(t, site2)
	if cw2.File != cw.File {
		t.Fatalf("the site's first crosswalk is %s after import, want %s", cw2.File, cw.File)
	}
	if len(cw2.Mappings) != len(cw.Mappings) || len(cw2.NoCounterparts) != len(cw.NoCounterparts) {
		t.Fatalf("%d mappings and %d no-counterpart records after import, want %d and %d",
			len(cw2.Mappings), len(cw2.NoCounterparts), len(cw.Mappings), len(cw.NoCounterparts))
	}
	for i, m := range cw.Mappings {
		m2 := cw2.Mappings[i]
		if m2.SourceID != m.SourceID || m2.TargetID != m.TargetID || m2.Relationship != m.Relationship ||
			m2.Rationale != m.Rationale || m2.Evidence != m.Evidence || m2.Basis != m.Basis ||
			m2.Status != m.Status || !slices.Equal(m2.References, m.References) ||
			m2.AsPublished != m.AsPublished || m2.Note != m.Note {
			t.Errorf("mapping %d:\n got %+v\nwant %+v", i+1, *m2, *m)
		}
	}
	block := func(c *model.Crosswalk) []any {
		return []any{c.ID, c.Title, c.SourceID, c.TargetID, c.Status, c.StatusStatement, c.Method, c.Direction, c.Sources, len(c.Aliases), c.Vocabulary.Name, c.Vocabulary.Stated}
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
	again, err := Write(read(t, "crosswalk.csv", table2, o), out, "crosswalk.csv", o, frameworksOf(site2))
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
// blank rows at the end. A few records are given relationships and texts
// with commas, quotes and line breaks (and a reference a line), so that
// every kind of cell is read whatever the default crosswalk holds.
func TestReadTolerant(t *testing.T) {
	t.Parallel()
	cw := crosswalkOf(t, loadSite(t, nil))
	want := export.Records(cw)
	if len(want) < 3 {
		t.Fatalf("the default crosswalk has %d records; the test needs 3", len(want))
	}
	for i, rel := range []string{"intersects-with", "subset-of"} {
		r := &want[i]
		if r.NoCounterpart == "" {
			r.Relationship, r.RelationshipStated = rel, true
		}
		r.Rationale = fmt.Sprintf("Says \"see %d\", twice,\nover two lines", i)
		r.Status = "official"
		r.References = []string{"NIST AI 100-1, Table 1", "repo@cdd1db21:config.ts"}
	}
	o := optsOf(cw)
	o.Vocabulary = nil // set theory, for the relationships given above

	// A permutation of export.Columns: every third column, from each start.
	var order []int
	for start := range 3 {
		for i := start; i < len(export.Columns); i += 3 {
			order = append(order, i)
		}
	}
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
	row := func(first string, cells []string) {
		out := []string{first}
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
	row("Notes", head)
	for _, r := range want {
		row("ignored", r.Row())
	}
	w.Flush()
	buf.WriteString(",,,\r\n\r\n\r\n")
	table := buf.Bytes()
	for _, s := range []string{"\r\nrepo@cdd1db21", "Source ID", "Relationship Stated", "As Published", "No Counterpart", `"Says ""see 0"", twice,` + "\r\nover two lines\""} {
		if !bytes.Contains(table, []byte(s)) {
			t.Fatalf("the table lacks %q; it is not what the test means to read:\n%.600s", s, table)
		}
	}
	if got := read(t, "tolerant.csv", table, o); !reflect.DeepEqual(got, want) {
		for i := range min(len(got), len(want)) {
			if !reflect.DeepEqual(got[i], want[i]) {
				t.Errorf("record %d:\n got %+v\nwant %+v", i+1, got[i], want[i])
				break
			}
		}
		t.Errorf("the reformatted table reads as other records (%d, want %d)", len(got), len(want))
	}
}

// TestReadTestdata reads testdata/basic.csv and testdata/tolerant.csv,
// the same table written in two ways. The third row has an empty status:
// it takes the crosswalk's.
func TestReadTestdata(t *testing.T) {
	t.Parallel()
	want := []export.Record{
		{
			SourceFramework: "ai-verify", SourceID: "12.1", Relationship: "equal-to", RelationshipStated: true,
			TargetFramework: "nist-ai-rmf", TargetID: "GOVERN 1.6",
			Rationale: "Outcome 12.1 reproduces GOVERN 1.6, word for word.", Evidence: "text-identical", Basis: "source-text",
			Status: "draft", References: []string{"repo@cdd1db21:config.ts", "NIST AI 100-1, Table 1-4"},
		},
		{
			SourceFramework: "ai-verify", SourceID: "4.1", Relationship: "intersects-with", RelationshipStated: true,
			TargetFramework: "nist-ai-rmf", TargetID: "MAP 1.1",
			Rationale: `Says "Refer to 4.1".`, Status: "official", References: []string{},
		},
		{
			SourceFramework: "ai-verify", SourceID: "transparency", Relationship: "subset-of", RelationshipStated: true,
			TargetFramework: "nist-ai-rmf", TargetID: "GOVERN 4.2",
			Rationale: "Two lines:\nsecond line", References: []string{},
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

// TestReadOptional reads the optional columns: no relationship column at
// all, an empty relationship, relationship_stated, as_published, note and
// no-counterpart rows.
func TestReadOptional(t *testing.T) {
	t.Parallel()
	rec := func(src, tgt, rel string) export.Record {
		return export.Record{SourceFramework: "ai-verify", SourceID: src, TargetFramework: "nist-ai-rmf", TargetID: tgt,
			Relationship: rel, RelationshipStated: rel != "", References: []string{}}
	}
	tests := []struct {
		name, table string
		want        []export.Record
	}{
		{"no relationship column", "source_id,target_id\n12.1,GOVERN 1.6\n", []export.Record{rec("12.1", "GOVERN 1.6", "")}},
		{"empty relationship", "source_id,target_id,relationship\n12.1,GOVERN 1.6,\n4.1,MAP 1.1, subset-of \n",
			[]export.Record{rec("12.1", "GOVERN 1.6", ""), rec("4.1", "MAP 1.1", "subset-of")}},
		{"relationship_stated agrees", "source_id,target_id,relationship,relationship_stated\n12.1,GOVERN 1.6,,no\n4.1,MAP 1.1,subset-of,Yes\n4.2,MAP 1.1,subset-of,\n",
			[]export.Record{rec("12.1", "GOVERN 1.6", ""), rec("4.1", "MAP 1.1", "subset-of"), rec("4.2", "MAP 1.1", "subset-of")}},
		{"as_published and note kept as written", "source_id,target_id,as_published,note\n12.1,GOVERN 1.6, Transparency 1.1 ,\"a\nb\"\n",
			func() []export.Record {
				r := rec("12.1", "GOVERN 1.6", "")
				r.AsPublished, r.Note = " Transparency 1.1 ", "a\nb"
				return []export.Record{r}
			}()},
		{"no-counterpart rows", "source_id,target_id,no_counterpart,as_published\n12.1,,Not covered.,x\n,MAP 1.1, Out of scope. ,\n",
			[]export.Record{
				{SourceFramework: "ai-verify", SourceID: "12.1", TargetFramework: "nist-ai-rmf", NoCounterpart: "Not covered.", AsPublished: "x", References: []string{}},
				{SourceFramework: "ai-verify", TargetFramework: "nist-ai-rmf", TargetID: "MAP 1.1", NoCounterpart: "Out of scope.", References: []string{}},
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := withoutTitles(read(t, "t.csv", []byte(tt.table), opts)); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

// readErr reads a table that must fail and returns the error's text.
func readErr(t *testing.T, fws map[string]*model.Framework, table string, o Options) string {
	t.Helper()
	records, notices, err := Read(strings.NewReader(table), "t.csv", fws, o)
	if records != nil || notices != nil {
		t.Errorf("Read returned %d records and notices %q with the error", len(records), notices)
	}
	var es diag.Errors
	if !errors.As(err, &es) {
		t.Fatalf("Read error = %v (%T), want diag.Errors", err, err)
	}
	return err.Error()
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
			"t.csv:1:1: missing column \"source_id\"\nt.csv:1:1: missing column \"target_id\""},
		{"empty table", "",
			`t.csv:1:1: the table is empty: it needs a header row naming its columns (source_id, target_id, …)`},
		{"blank table", "\n,,\n\n",
			`t.csv:1:1: the table is empty: it needs a header row naming its columns (source_id, target_id, …)`},
		{"duplicate column", "source_id,Source ID,target_id,relationship\n12.1,12.2,GOVERN 1.6,equal-to\n",
			`t.csv:1:2: duplicate column "Source ID": column 1 is source_id too`},
		{"unknown source", head + "99.9,GOVERN 1.6,equal-to,,,,\n",
			`t.csv:2:1: unknown source "99.9" in framework "ai-verify"`},
		{"unknown target", head + "12.1,MAP 9.9,equal-to,,,,\n",
			`t.csv:2:2: unknown target "MAP 9.9" in framework "nist-ai-rmf"`},
		{"unknown target, did you mean", head + "12.1,govern-1.6,equal-to,,,,\n",
			`t.csv:2:2: unknown target "govern-1.6" in framework "nist-ai-rmf"; did you mean "GOVERN 1.6"?`},
		{"unknown target, zero padding", head + "12.1,GOVERN 1.06,equal-to,,,,\n",
			`t.csv:2:2: unknown target "GOVERN 1.06" in framework "nist-ai-rmf"; did you mean "GOVERN 1.6"?`},
		{"unknown source, did you mean", head + "Transparency,GOVERN 1.6,equal-to,,,,\n",
			`t.csv:2:1: unknown source "Transparency" in framework "ai-verify"; did you mean "transparency"?`},
		{"unknown relationship", head + "12.1,GOVERN 1.6,overlaps,,,,\n",
			`t.csv:2:3: unknown relationship "overlaps": use one of equal-to, equivalent-to, subset-of, superset-of, intersects-with, no-relationship`},
		{"unknown relationship, did you mean", head + "12.1,GOVERN 1.6,Subset of,,,,\n",
			`t.csv:2:3: unknown relationship "Subset of": use one of equal-to, equivalent-to, subset-of, superset-of, intersects-with, no-relationship; did you mean "subset-of"?`},
		{"unknown status", head + "12.1,GOVERN 1.6,equal-to,final,,,\n",
			`t.csv:2:4: unknown status "final": use draft or official`},
		{"unknown status, did you mean", head + "12.1,GOVERN 1.6,equal-to,Official,,,\n",
			`t.csv:2:4: unknown status "Official": use draft or official; did you mean "official"?`},
		{"source framework does not match", head + "12.1,GOVERN 1.6,equal-to,,nist-ai-rmf,,\n",
			`t.csv:2:5: source_framework "nist-ai-rmf" does not match the source framework "ai-verify"`},
		{"target framework does not match", head + "12.1,GOVERN 1.6,equal-to,,,NIST,\n",
			`t.csv:2:6: target_framework "NIST" does not match the target framework "nist-ai-rmf"`},
		{"empty source_id", head + " ,GOVERN 1.6,equal-to,,,,\n",
			`t.csv:2:1: source_id is empty`},
		{"empty target_id", head + "12.1,,equal-to,,,,\n",
			`t.csv:2:2: target_id is empty`},
		{"relationship_stated not yes or no", "source_id,target_id,relationship,relationship_stated\n12.1,GOVERN 1.6,subset-of,true\n",
			`t.csv:2:4: relationship_stated "true": use yes, no or leave it empty`},
		{"relationship_stated yes without a relationship", "source_id,target_id,relationship,relationship_stated\n12.1,GOVERN 1.6,,yes\n",
			`t.csv:2:4: relationship_stated is yes but relationship is ""`},
		{"relationship_stated no with a relationship", "source_id,target_id,relationship,relationship_stated\n12.1,GOVERN 1.6,subset-of,no\n",
			`t.csv:2:4: relationship_stated is no but relationship is "subset-of"`},
		{"no-counterpart row with a relationship", "source_id,target_id,relationship,no_counterpart\n12.1,,subset-of,Not covered.\n",
			`t.csv:2:3: a no-counterpart row relates nothing: leave relationship empty`},
		{"no-counterpart row with relationship_stated yes", "source_id,target_id,relationship_stated,no_counterpart\n12.1,,yes,Not covered.\n",
			`t.csv:2:3: relationship_stated is yes on a no-counterpart row, which relates nothing`},
		{"no-counterpart row with two ids", "source_id,target_id,no_counterpart\n12.1,MAP 1.1,Not covered.\n",
			`t.csv:2:2: a no-counterpart row names one element: leave source_id or target_id empty`},
		{"no-counterpart row without an id", "source_id,target_id,no_counterpart\n, ,Not covered.\n",
			`t.csv:2:1: a no-counterpart row needs source_id or target_id`},
		{"no-counterpart row with an unknown id", "source_id,target_id,no_counterpart\n,MAP 01.1,Not covered.\n",
			`t.csv:2:2: unknown target "MAP 01.1" in framework "nist-ai-rmf"; did you mean "MAP 1.1"?`},
		{"duplicate row", head + "12.1,GOVERN 1.6,equal-to,,,,\n\"4.1\",MAP 1.1,subset-of,,,,\"a\nb\"\n12.1,GOVERN 1.6,subset-of,,,,\n",
			`t.csv:5:1: duplicate mapping 12.1 → GOVERN 1.6 (first at row 2)`},
		{"duplicate row after trimming", head + "12.1,GOVERN 1.6,equal-to,,,,\n12.1 , GOVERN 1.6,equal-to,official,,,\n",
			`t.csv:3:1: duplicate mapping 12.1 → GOVERN 1.6 (first at row 2)`},
		{"duplicate row differing in references", head + "12.1,GOVERN 1.6,equal-to,,,,a\n12.1,GOVERN 1.6,equal-to,,,,\"a\nb\"\n",
			`t.csv:3:1: duplicate mapping 12.1 → GOVERN 1.6 (first at row 2)`},
		{"duplicate row differing in a text", "source_id,target_id,rationale\n12.1,GOVERN 1.6,Same.\n12.1,GOVERN 1.6,Same. \n",
			`t.csv:3:1: duplicate mapping 12.1 → GOVERN 1.6 (first at row 2)`},
		{"duplicate row of an unknown pair", head + "99.9,GOVERN 1.6,equal-to,,,,\n99.9,GOVERN 1.6,subset-of,,,,\n",
			"t.csv:2:1: unknown source \"99.9\" in framework \"ai-verify\"\n" +
				"t.csv:3:1: duplicate mapping 99.9 → GOVERN 1.6 (first at row 2)\n" +
				"t.csv:3:1: unknown source \"99.9\" in framework \"ai-verify\""},
		{"duplicate no-counterpart row", "source_id,target_id,no_counterpart\n12.1,,Not covered.\n12.1,,Out of scope.\n",
			`t.csv:3:1: 12.1 is recorded as having no counterpart twice (first at row 2)`},
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
			if got := readErr(t, frameworks(t), tt.table, opts); got != tt.want {
				t.Errorf("Read error:\n%s\nwant:\n%s", got, tt.want)
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
	records, notices, err := Read(bytes.NewReader(data), "errors.csv", frameworks(t), opts)
	want := strings.Join([]string{
		`errors.csv:3:1: unknown source "99.9" in framework "ai-verify"`,
		`errors.csv:3:2: unknown target "govern 1.6" in framework "nist-ai-rmf"; did you mean "GOVERN 1.6"?`,
		`errors.csv:3:3: unknown relationship "overlaps": use one of equal-to, equivalent-to, subset-of, superset-of, intersects-with, no-relationship`,
		`errors.csv:3:4: unknown status "final": use draft or official`,
		`errors.csv:3:5: target_framework "nist" does not match the target framework "nist-ai-rmf"`,
		`errors.csv:4:1: source_id is empty`,
		`errors.csv:5:1: duplicate mapping 12.1 → GOVERN 1.6 (first at row 2)`,
		`errors.csv:6:2: bare " in an unquoted field: quote the whole field and double the quotes inside it ("")`,
		`errors.csv:7:4: row has 3 fields, the header has 5`,
	}, "\n")
	if records != nil || notices != nil || err == nil || err.Error() != want {
		t.Errorf("Read = %d records, notices %q, error:\n%v\nwant:\n%s", len(records), notices, err, want)
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
		records, notices, err := Read(strings.NewReader(table), "t.csv", frameworks(t), tt.opts)
		var es diag.Errors
		if records != nil || notices != nil || err == nil || errors.As(err, &es) || err.Error() != tt.want {
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
		{SourceFramework: "ai-verify", SourceID: "12.1", Relationship: "equal-to", RelationshipStated: true, TargetFramework: "nist-ai-rmf", TargetID: "GOVERN 1.6",
			Rationale: "Outcome 12.1 reproduces GOVERN 1.6.", References: []string{}},
		{SourceFramework: "ai-verify", SourceID: "4.1", Relationship: "intersects-with", RelationshipStated: true, TargetFramework: "nist-ai-rmf", TargetID: "MAP 1.1",
			References: []string{}},
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
	_, _, err := Read(strings.NewReader("source_id,relationship,target_id\n12.1,equal-to,GOVERN 1.6\n"), "t.csv", frameworks(t), o)
	if want := `t.csv:1:1: missing column "NIST subcategory" (target_id)`; err == nil || err.Error() != want {
		t.Errorf("Read error = %v, want %s", err, want)
	}
}

// TestWriteNew writes a new crosswalk file and builds the site with it.
func TestWriteNew(t *testing.T) {
	t.Parallel()
	records := readFile(t, "basic.csv", opts)
	records = append(records, export.Record{SourceID: "1.2", TargetID: "MAP 1.1", Relationship: "no-relationship", RelationshipStated: true, Rationale: "yes", Evidence: "1.0", Basis: "a: b", References: []string{}})
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
		// Records without a status take the crosswalk's, draft.
		records[2].Status = "draft"
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
	records[0].Status = "draft" // differs from the crosswalk's: written
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
		records, notices, err := Read(bytes.NewReader(data), "f.csv", fws, opts)
		if err == nil {
			// What reads must write and read back; a table without records
			// is refused by Write.
			_, err := Write(records, nil, "f.csv", opts, fws)
			if len(records) == 0 {
				if err == nil || err.Error() != "f.csv: the table has no records" {
					t.Fatalf("Write of no records: %v", err)
				}
			} else if err != nil {
				t.Fatalf("Write of records Read accepted: %v", err)
			}
			return
		}
		if records != nil || notices != nil {
			t.Errorf("Read returned %d records and notices %q with an error", len(records), notices)
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

// TestReadDuplicates: a row that repeats an earlier one in every imported
// cell is dropped with a notice; the first is kept.
func TestReadDuplicates(t *testing.T) {
	t.Parallel()
	rec := func(src, tgt string) export.Record {
		return export.Record{SourceFramework: "ai-verify", SourceID: src, TargetFramework: "nist-ai-rmf", TargetID: tgt,
			Relationship: "subset-of", RelationshipStated: true, Rationale: "R.", References: []string{"a", "b"}}
	}
	const head = "source_id,target_id,relationship,rationale,references,source_title,notes\n"
	tests := []readCase{
		{"one duplicate",
			head + "12.1,GOVERN 1.6,subset-of,R.,\"a\nb\",,\n4.1,MAP 1.1,subset-of,R.,\"a\nb\",,\n12.1,GOVERN 1.6,subset-of,R.,\"a\nb\",,\n",
			[]export.Record{rec("12.1", "GOVERN 1.6"), rec("4.1", "MAP 1.1")},
			[]string{"t.csv:6: duplicate mapping 12.1 → GOVERN 1.6, identical to row 2: row 2 is kept, this row is dropped"}},
		{"identical once read: ids trimmed, blank reference lines and ignored columns do not count",
			head + "12.1,GOVERN 1.6,subset-of,R.,\"a\nb\",,\n 12.1 ,GOVERN 1.6 , subset-of ,R.,\"a\n\nb\n\",Some title,a note\n12.1,GOVERN 1.6,subset-of,R.,\"a\nb\",,x\n",
			[]export.Record{rec("12.1", "GOVERN 1.6")},
			[]string{
				"t.csv:4: duplicate mapping 12.1 → GOVERN 1.6, identical to row 2: row 2 is kept, this row is dropped",
				"t.csv:8: duplicate mapping 12.1 → GOVERN 1.6, identical to row 2: row 2 is kept, this row is dropped",
			}},
		{"no-counterpart rows",
			"source_id,target_id,no_counterpart\n12.1,,Not covered.\n,MAP 1.1,Out of scope.\n12.1,,Not covered.\n",
			[]export.Record{
				{SourceFramework: "ai-verify", SourceID: "12.1", TargetFramework: "nist-ai-rmf", NoCounterpart: "Not covered.", References: []string{}},
				{SourceFramework: "ai-verify", TargetFramework: "nist-ai-rmf", TargetID: "MAP 1.1", NoCounterpart: "Out of scope.", References: []string{}},
			},
			[]string{"t.csv:4: duplicate no-counterpart record for 12.1, identical to row 2: row 2 is kept, this row is dropped"}},
		{"a mapping and a no-counterpart record are not duplicates",
			"source_id,target_id,no_counterpart\n12.1,GOVERN 1.6,\n12.1,,Not covered.\n",
			[]export.Record{
				{SourceFramework: "ai-verify", SourceID: "12.1", TargetFramework: "nist-ai-rmf", TargetID: "GOVERN 1.6", References: []string{}},
				{SourceFramework: "ai-verify", SourceID: "12.1", TargetFramework: "nist-ai-rmf", NoCounterpart: "Not covered.", References: []string{}},
			}, nil},
	}
	runReadCases(t, tests)

	// More than MaxDuplicateNotices: one notice lists them all.
	var b strings.Builder
	b.WriteString("source_id,target_id\n12.1,GOVERN 1.6\n4.1,MAP 1.1\n")
	var rows []string
	for i := range MaxDuplicateNotices + 1 {
		if i%2 == 0 {
			b.WriteString("12.1,GOVERN 1.6\n")
			rows = append(rows, fmt.Sprintf("%d (= 2)", i+4))
		} else {
			b.WriteString("4.1,MAP 1.1\n")
			rows = append(rows, fmt.Sprintf("%d (= 3)", i+4))
		}
	}
	records, notices, err := Read(strings.NewReader(b.String()), "t.csv", frameworks(t), opts)
	want := []string{fmt.Sprintf("t.csv: %d identical duplicate rows dropped, each kept once at its first row: rows %s", MaxDuplicateNotices+1, strings.Join(rows, ", "))}
	if err != nil || len(records) != 2 || !slices.Equal(notices, want) {
		t.Errorf("%d duplicates: %d records, error %v, notices\n%q\nwant\n%q", MaxDuplicateNotices+1, len(records), err, notices, want)
	}
	if want := "t.csv: 11 identical duplicate rows dropped, each kept once at its first row: rows 4 (= 2), 5 (= 3), 6 (= 2), 7 (= 3), 8 (= 2), 9 (= 3), 10 (= 2), 11 (= 3), 12 (= 2), 13 (= 3), 14 (= 2)"; MaxDuplicateNotices == 10 && notices[0] != want {
		t.Errorf("notice %q, want %q", notices[0], want)
	}
}

// idSite is a site of two small frameworks whose ids differ from what a
// table may hold only in zero padding, case and separators.
var idSite = sync.OnceValues(func() (*model.Site, error) {
	var errs diag.List
	fw := func(id string) string {
		return "---\nframework: {id: " + id + ", title: " + id + ", version: \"1\", publisher: P, url: \"https://x.example/\", license: CC0}\nlevels: [{name: item, page: true}]\n---\n"
	}
	el := func(id string) string { return "---\nid: " + id + "\nstatement: S.\n---\n" }
	return linkFiles(nil, map[string][]byte{
		"content/_index.md":                      []byte("---\ntitle: Home\n---\n"),
		"content/frameworks/controls/_index.md":  []byte(fw("controls")),
		"content/frameworks/controls/ac-2.md":    []byte(el("AC-2")),
		"content/frameworks/controls/ac-3.md":    []byte(el("AC-3")),
		"content/frameworks/attack/_index.md":    []byte(fw("attack")),
		"content/frameworks/attack/t1003.md":     []byte(el("T1003")),
		"content/frameworks/attack/t1003-1.md":   []byte(el("T1003.001")),
		"content/frameworks/attack/t1055-11.md":  []byte(el("T1055.011")),
		"content/frameworks/attack/t1055-11b.md": []byte(el("T1055.11")),
	}, &errs)
})

// TestReadIDHints: an unknown id that differs from one known id only in
// zero padding, case or separators gets a "did you mean" hint (the rule of
// vocab.DidYouMean); one that could be either of two ids gets none.
func TestReadIDHints(t *testing.T) {
	t.Parallel()
	site, err := idSite()
	if err != nil {
		t.Fatal(err)
	}
	fws := frameworksOf(site)
	o := Options{Source: "controls", Target: "attack"}
	tests := []struct{ src, tgt, want string }{
		{"AC-02", "T1003", `t.csv:2:1: unknown source "AC-02" in framework "controls"; did you mean "AC-2"?`},
		{"ac 2", "T1003", `t.csv:2:1: unknown source "ac 2" in framework "controls"; did you mean "AC-2"?`},
		{"AC-002", "T1003", `t.csv:2:1: unknown source "AC-002" in framework "controls"; did you mean "AC-2"?`},
		{"AC-22", "T1003", `t.csv:2:1: unknown source "AC-22" in framework "controls"`},
		{"AC-2", "T1003.01", `t.csv:2:2: unknown target "T1003.01" in framework "attack"; did you mean "T1003.001"?`},
		{"AC-2", "t1003.1", `t.csv:2:2: unknown target "t1003.1" in framework "attack"; did you mean "T1003.001"?`},
		{"AC-2", "T01003", `t.csv:2:2: unknown target "T01003" in framework "attack"; did you mean "T1003"?`},
		// T1055.011 and T1055.11 both fold as T1055.0011 does: no guess.
		{"AC-2", "T1055.0011", `t.csv:2:2: unknown target "T1055.0011" in framework "attack"`},
		{"AC-03", "T1003.01", "t.csv:2:1: unknown source \"AC-03\" in framework \"controls\"; did you mean \"AC-3\"?\n" +
			`t.csv:2:2: unknown target "T1003.01" in framework "attack"; did you mean "T1003.001"?`},
	}
	for _, tt := range tests {
		table := "source_id,target_id\n" + tt.src + "," + tt.tgt + "\n"
		if got := readErr(t, fws, table, o); got != tt.want {
			t.Errorf("%s → %s:\n got %s\nwant %s", tt.src, tt.tgt, got, tt.want)
		}
	}
	// The ids themselves read.
	records, _, err := Read(strings.NewReader("source_id,target_id\nAC-2,T1003.001\nAC-3,T1055.11\n"), "t.csv", fws, o)
	if err != nil || len(records) != 2 {
		t.Errorf("known ids: %d records, %v", len(records), err)
	}
}

// unstatedFile is a crosswalk file whose source states no relationship
// types, as the official NIST–IMDA crosswalk does.
const unstatedFile = "---\n" +
	"crosswalk:\n" +
	"  id: import-test\n" +
	"  title: Official table\n" +
	"  source: nist-ai-rmf\n" +
	"  target: ai-verify\n" +
	"  status: official\n" +
	"  relationships: {stated: false, note: The table gives no relationship type.}\n" +
	"mappings: []\n" +
	"---\n" +
	"The official table.\n"

// TestReadUnstated imports a table shaped like the official NIST–IMDA
// crosswalk (testdata/official.csv, rows of
// ../shared/data/crosswalk-nist-ai-rmf-ai-verify-official.csv): no
// relationship column, its own headings, the published text in
// as_published. The records state no relationship, and none is written.
func TestReadUnstated(t *testing.T) {
	t.Parallel()
	v, err := Vocabulary([]byte(unstatedFile))
	if err != nil {
		t.Fatal(err)
	}
	if v.Name != vocab.UnstatedName || v.Stated {
		t.Fatalf("Vocabulary = %s (stated %v), want %s", v.Name, v.Stated, vocab.UnstatedName)
	}
	o := Options{Source: "nist-ai-rmf", Target: "ai-verify", Vocabulary: v,
		Columns: map[string]string{"source_id": "nist_ai_rmf", "target_id": "ai_verify"}}
	records := readFile(t, "official.csv", o)
	type pair struct{ src, tgt, published string }
	var got []pair
	for _, r := range records {
		if r.Relationship != "" || r.RelationshipStated || r.Status != "" || r.SourceFramework != "nist-ai-rmf" || r.TargetFramework != "ai-verify" {
			t.Errorf("record %+v: want no relationship, no status of its own, nist-ai-rmf → ai-verify", r)
		}
		got = append(got, pair{r.SourceID, r.TargetID, r.AsPublished})
	}
	want := []pair{
		{"GOVERN 1", "1.1.1", "Transparency 1.1.1"},
		{"GOVERN 1", "3.2.1", "Reproducibility 3.2.1, 3.11.1, 3.14.1"},
		{"GOVERN 1", "3.11.1", "Reproducibility 3.2.1, 3.11.1, 3.14.1"},
		{"GOVERN 1", "3.14.1", "Reproducibility 3.2.1, 3.11.1, 3.14.1"},
		{"GOVERN 1", "4.1.1", "Safety 4.1.1, 4.3.1"},
		{"GOVERN 1", "4.3.1", "Safety 4.1.1, 4.3.1"},
		{"GOVERN 1", "5.4.1", "Security 5.4.1, 5.5, 5.7"},
		{"GOVERN 1", "5.5", "Security 5.4.1, 5.5, 5.7"},
		{"MAP 1", "1.2", "Transparency 1.2"},
		{"MAP 1", "4.1", "Safety 4.1 - 4.6"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("records:\n got %q\nwant %q", got, want)
	}

	out, err := Write(records, []byte(unstatedFile), "official.csv", o, frameworks(t))
	if err != nil {
		t.Fatal(err)
	}
	wantFile := strings.Replace(unstatedFile, "mappings: []\n", "mappings:\n"+
		"  - source: GOVERN 1\n    target: 1.1.1\n    as_published: Transparency 1.1.1\n"+
		"  - source: GOVERN 1\n    target: 3.2.1\n    as_published: Reproducibility 3.2.1, 3.11.1, 3.14.1\n"+
		"  - source: GOVERN 1\n    target: 3.11.1\n    as_published: Reproducibility 3.2.1, 3.11.1, 3.14.1\n"+
		"  - source: GOVERN 1\n    target: 3.14.1\n    as_published: Reproducibility 3.2.1, 3.11.1, 3.14.1\n"+
		"  - source: GOVERN 1\n    target: 4.1.1\n    as_published: Safety 4.1.1, 4.3.1\n"+
		"  - source: GOVERN 1\n    target: 4.3.1\n    as_published: Safety 4.1.1, 4.3.1\n"+
		"  - source: GOVERN 1\n    target: 5.4.1\n    as_published: Security 5.4.1, 5.5, 5.7\n"+
		"  - source: GOVERN 1\n    target: \"5.5\"\n    as_published: Security 5.4.1, 5.5, 5.7\n"+
		"  - source: MAP 1\n    target: \"1.2\"\n    as_published: Transparency 1.2\n"+
		"  - source: MAP 1\n    target: \"4.1\"\n    as_published: Safety 4.1 - 4.6\n", 1)
	if string(out) != wantFile {
		t.Errorf("Write:\n%s\n%s", out, firstDiff(string(out), wantFile))
	}
	if bytes.Contains(out, []byte("relationship:")) {
		t.Error("Write wrote a relationship the table does not state")
	}

	// The site builds with it, and the records state no relationship.
	site := loadSite(t, map[string][]byte{"content/crosswalks/import-test.md": out})
	for _, cw := range site.Crosswalks {
		if cw.ID != "import-test" {
			continue
		}
		if len(cw.Mappings) != len(want) {
			t.Fatalf("%d mappings, want %d", len(cw.Mappings), len(want))
		}
		for i, m := range cw.Mappings {
			if m.Relationship != "" || m.Term != nil || m.AsPublished != want[i].published || m.Status != model.Official {
				t.Errorf("mapping %d: relationship %q, as_published %q, status %q", i+1, m.Relationship, m.AsPublished, m.Status)
			}
		}
		return
	}
	t.Error("the site has no crosswalk import-test")
}

// TestReadUnstatedFull reads the whole official table, when the shared
// data is there: 272 pairs, no problem, no duplicate.
func TestReadUnstatedFull(t *testing.T) {
	t.Parallel()
	const name = "../../../shared/data/crosswalk-nist-ai-rmf-ai-verify-official.csv"
	data, err := os.ReadFile(name)
	if errors.Is(err, os.ErrNotExist) {
		t.Skipf("%s is not here", name)
	}
	if err != nil {
		t.Fatal(err)
	}
	v, err := Vocabulary([]byte(unstatedFile))
	if err != nil {
		t.Fatal(err)
	}
	o := Options{Source: "nist-ai-rmf", Target: "ai-verify", Vocabulary: v,
		Columns: map[string]string{"source_id": "nist_ai_rmf", "target_id": "ai_verify"}}
	records := read(t, name, data, o)
	if len(records) != 272 {
		t.Errorf("%d records, want 272", len(records))
	}
	for _, r := range records {
		if r.Relationship != "" || r.AsPublished == "" {
			t.Errorf("record %s → %s: relationship %q, as_published %q", r.SourceID, r.TargetID, r.Relationship, r.AsPublished)
		}
	}
}

// TestReadUnstatedRejectsRelationship: in a crosswalk that states no
// relationship types, a relationship cell is a positioned error.
func TestReadUnstatedRejectsRelationship(t *testing.T) {
	t.Parallel()
	v, err := Vocabulary([]byte(unstatedFile))
	if err != nil {
		t.Fatal(err)
	}
	o := Options{Source: "nist-ai-rmf", Target: "ai-verify", Vocabulary: v,
		Columns: map[string]string{"source_id": "nist_ai_rmf", "target_id": "ai_verify"}}
	table := "nist_ai_rmf,ai_verify,as_published,relationship,relationship_stated\n" +
		"GOVERN 1,1.1.1,Transparency 1.1.1,,\n" +
		"GOVERN 1,3.2.1,\"Reproducibility 3.2.1, 3.11.1, 3.14.1\",intersects-with,\n" +
		"GOVERN 1,4.1.1,\"Safety 4.1.1, 4.3.1\",,yes\n"
	want := "t.csv:3:4: relationship \"intersects-with\": this crosswalk states no relationship types (relationships: stated: false); leave it out\n" +
		`t.csv:4:5: relationship_stated is yes but relationship is ""`
	if got := readErr(t, frameworks(t), table, o); got != want {
		t.Errorf("Read error:\n%s\nwant:\n%s", got, want)
	}
}

// TestVocabulary reads the vocabulary of existing crosswalk files and
// checks a table against it.
func TestVocabulary(t *testing.T) {
	t.Parallel()
	file := func(relationships string) string {
		return "---\ncrosswalk:\n  id: x\n  title: X\n  source: ai-verify\n  target: nist-ai-rmf\n  status: official\n" + relationships + "---\n"
	}
	declared := "  relationships:\n    namespace: https://example.org/rel\n    terms:\n" +
		"      - {id: mitigates, reverse: is mitigated by, definition: The source lowers the risk of the target.}\n" +
		"      - {id: related-to, reverse: is related to, definition: The two concern the same thing., oscal: intersects-with}\n"
	tests := []struct {
		name, file, name2 string
		stated            bool
		ids               []string
		relationship      string // a relationship to read against it
		want              string // the error, "" for none
	}{
		{"set theory by default", file(""), vocab.SetTheoryName, true, vocab.SetTheory.IDs(), "subset-of", ""},
		{"set theory with a note", file("  relationships: {note: Judged by two reviewers.}\n"), vocab.SetTheoryName, true, vocab.SetTheory.IDs(), "Subset-Of",
			`t.csv:2:3: unknown relationship "Subset-Of": use one of equal-to, equivalent-to, subset-of, superset-of, intersects-with, no-relationship; did you mean "subset-of"?`},
		{"declared", file(declared), vocab.DeclaredName, true, []string{"mitigates", "related-to"}, "mitigates", ""},
		{"declared, a set-theory term", file(declared), vocab.DeclaredName, true, []string{"mitigates", "related-to"}, "subset-of",
			`t.csv:2:3: unknown relationship "subset-of": use one of mitigates, related-to`},
		{"declared, did you mean", file(declared), vocab.DeclaredName, true, []string{"mitigates", "related-to"}, "Related to",
			`t.csv:2:3: unknown relationship "Related to": use one of mitigates, related-to; did you mean "related-to"?`},
		{"unstated", file("  relationships: {stated: false}\n"), vocab.UnstatedName, false, []string{}, "", ""},
	}
	for _, tt := range tests {
		v, err := Vocabulary([]byte(tt.file))
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if v.Name != tt.name2 || v.Stated != tt.stated || !slices.Equal(v.IDs(), tt.ids) {
			t.Errorf("%s: vocabulary %s (stated %v) %q, want %s (stated %v) %q", tt.name, v.Name, v.Stated, v.IDs(), tt.name2, tt.stated, tt.ids)
		}
		table := "source_id,target_id,relationship\n12.1,GOVERN 1.6," + tt.relationship + "\n"
		records, _, err := Read(strings.NewReader(table), "t.csv", frameworks(t), Options{Source: "ai-verify", Target: "nist-ai-rmf", Vocabulary: v})
		switch {
		case tt.want == "" && (err != nil || len(records) != 1):
			t.Errorf("%s: %q: %d records, %v", tt.name, tt.relationship, len(records), err)
		case tt.want != "" && (err == nil || err.Error() != tt.want):
			t.Errorf("%s: %q: error %v, want %s", tt.name, tt.relationship, err, tt.want)
		}
	}

	// A file that does not parse: positioned in ExistingFile, as Write's are.
	_, err := Vocabulary([]byte("---\ncrosswalk: [\n---\n"))
	var es diag.Errors
	if want := `existing crosswalk:2: invalid YAML front matter: did not find expected node content`; !errors.As(err, &es) || err.Error() != want || es[0].Pos.File != ExistingFile {
		t.Errorf("Vocabulary of invalid YAML: %v, want %s", err, want)
	}
}

// readCase is a table Read must accept: the records and notices it gives.
type readCase struct {
	name, table string
	want        []export.Record
	notices     []string
}

// runReadCases reads each case's table with opts and compares the records
// (without titles) and notices with the case's.
func runReadCases(t *testing.T, cases []readCase) {
	t.Helper()
	for _, tt := range cases {
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
