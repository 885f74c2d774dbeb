package export

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strings"
	"testing"

	"github.com/crosswalk-ssg/crosswalk/internal/diag"
	"github.com/crosswalk-ssg/crosswalk/internal/link"
	"github.com/crosswalk-ssg/crosswalk/internal/model"
	"github.com/crosswalk-ssg/crosswalk/internal/source"
	"github.com/spf13/afero"
)

// tabularSite is a small site whose crosswalk has the texts that are
// hard to carry in data formats: commas, quotes, line breaks, HTML
// characters, a leading space, non-ASCII letters, several references and
// none, a record status that differs from the crosswalk's, and elements
// with and without titles.
var tabularSite = map[string]string{
	"content/frameworks/src/_index.md": "---\nframework: {id: src, title: Source Framework, short_title: Src, version: \"2\", publisher: \"Src & Co\", url: \"https://src.example/\", license: CC0, published: 2021-03-04}\nlevels: [{name: principle, page: true}, {name: outcome}]\n---\n",
	"content/frameworks/src/p1.md":     "---\nid: P1\nnumber: \"1\"\ntitle: Transparency\nstatement: Be open.\nchildren: [{id: P1.1, statement: \"Tell people, \\\"clearly\\\".\"}, {id: P1.2, title: Records, statement: \"Keep <records> & logs\"}]\n---\n",
	"content/frameworks/src/p2.md":     "---\nid: P2\ntitle: Safety\nstatement: Do no harm.\n---\n",
	"content/frameworks/src/p3.md":     "---\nid: P3\ntitle: Privacy\nstatement: Keep secrets.\n---\n",
	"content/frameworks/tgt/_index.md": "---\nframework: {id: tgt, title: Target Framework, version: \"1.0\", publisher: Tgt, url: \"https://tgt.example/\", license: Public domain, published: 2023-01-26}\nlevels: [{name: function, page: true}, {name: subcategory, page: true}]\n---\n",
	"content/frameworks/tgt/gov.md":    "---\nid: GOV\ntitle: Govern\nchildren: [{id: GOV 1, statement: \"Policies are in place.\\nThey are reviewed.\"}, {id: GOV 2, statement: Accountability is clear.}]\n---\n",
	"content/crosswalks/st.md": `---
crosswalk:
  id: src--tgt
  title: Src to Tgt
  source: src
  target: tgt
  status: draft
  status_statement: A test; nobody reviewed it.
  method: By hand.
  mapping_method: human
  matching_rationale: semantic
  direction: "Each row reads: Src item RELATIONSHIP Tgt subcategory."
  sources:
    - title: The test
      url: https://example.org/test
    - title: A note without a URL
mappings:
  - source: P1.1
    target: GOV 1
    relationship: subset-of
    rationale: "Telling people is one part, \"a small one\", of policies, procedures."
    evidence: text-similar
    basis: source-text
    references: [first reference, "second, with a comma"]
  - source: P1.2
    target: GOV 2
    relationship: intersects-with
    rationale: "Two lines:\nthe first & <the second>."
    basis: statement-matching
  - source: P1
    target: GOV
    relationship: equal-to
    rationale: " Starts with a space; ünïcödé — dashes."
    status: official
    references: [only one]
  - source: P2
    target: GOV 2
    relationship: no-relationship
  - source: P1.1
    target: GOV 2
    as_published: "Transparency 1.1"
    note: The source lists these together and says no more.
no_counterpart:
  - source: P3
    reason: No equivalent in Tgt
    as_published: "—"
---
`,
}

// tabularFiles lists tabularSite's files in path order, as ReadDir reads them.
func tabularFiles() []string {
	var names []string
	for name := range tabularSite {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

// tabularCrosswalk returns tabularSite's crosswalk, tabDecoded and linked.
func tabularCrosswalk(t *testing.T) *model.Crosswalk {
	t.Helper()
	var errs diag.List
	var parsed []*source.File
	for _, name := range tabularFiles() {
		if f := source.Parse(name, []byte(tabularSite[name]), &errs); f != nil {
			parsed = append(parsed, f)
		}
	}
	ix := link.Link(model.Decode(parsed, &errs), nil, &errs)
	if err := errs.Err(); err != nil {
		t.Fatal(err)
	}
	if len(ix.Site.Crosswalks) != 1 {
		t.Fatalf("%d crosswalks", len(ix.Site.Crosswalks))
	}
	return ix.Site.Crosswalks[0]
}

// tabDefaultCrosswalk returns the repository's default crosswalk, read from
// ../../content, tabDecoded and linked.
func tabDefaultCrosswalk(t *testing.T) *model.Crosswalk {
	t.Helper()
	var errs diag.List
	files, err := source.ReadDir(afero.NewBasePathFs(afero.NewOsFs(), "../.."), "content", &errs)
	if err != nil {
		t.Fatal(err)
	}
	ix := link.Link(model.Decode(files, &errs), nil, &errs)
	if err := errs.Err(); err != nil {
		t.Fatal(err)
	}
	if len(ix.Site.Crosswalks) != 1 {
		t.Fatalf("%d crosswalks in the default site, want 1", len(ix.Site.Crosswalks))
	}
	cw := ix.Site.Crosswalks[0]
	if len(cw.Mappings) != 272 {
		t.Fatalf("default crosswalk has %d mappings, want 272", len(cw.Mappings))
	}
	return cw
}

// tabReadCSV parses CSV strictly: every row as wide as the header.
func tabReadCSV(t *testing.T, data []byte) [][]string {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = 0 // the header's width
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

const tabularCSV = `source_framework,source_id,source_title,relationship,relationship_stated,target_framework,target_id,target_title,rationale,evidence,basis,status,references,as_published,note,no_counterpart,source_label,source_statement,source_level,source_id_assigned_by,target_label,target_statement,target_level,target_id_assigned_by
src,P1.1,"Tell people, ""clearly"".",subset-of,yes,tgt,GOV 1,"Policies are in place.
They are reviewed.","Telling people is one part, ""a small one"", of policies, procedures.",text-similar,source-text,draft,"first reference
second, with a comma",,,,Src P1.1,"Tell people, ""clearly"".",outcome,publisher,Target Framework GOV 1,"Policies are in place.
They are reviewed.",subcategory,publisher
src,P1.2,Records,intersects-with,yes,tgt,GOV 2,Accountability is clear.,"Two lines:
the first & <the second>.",,statement-matching,draft,,,,,Src P1.2 Records,Keep <records> & logs,outcome,publisher,Target Framework GOV 2,Accountability is clear.,subcategory,publisher
src,P1,Transparency,equal-to,yes,tgt,GOV,Govern," Starts with a space; ünïcödé — dashes.",,,official,only one,,,,Src 1 Transparency,Be open.,principle,publisher,Target Framework GOV Govern,,function,publisher
src,P2,Safety,no-relationship,yes,tgt,GOV 2,Accountability is clear.,,,,draft,,,,,Src P2 Safety,Do no harm.,principle,publisher,Target Framework GOV 2,Accountability is clear.,subcategory,publisher
src,P1.1,"Tell people, ""clearly"".",,no,tgt,GOV 2,Accountability is clear.,,,,draft,,Transparency 1.1,The source lists these together and says no more.,,Src P1.1,"Tell people, ""clearly"".",outcome,publisher,Target Framework GOV 2,Accountability is clear.,subcategory,publisher
src,P3,Privacy,,,tgt,,,,,,draft,,—,,No equivalent in Tgt,Src P3 Privacy,Keep secrets.,principle,publisher,,,,
`

func TestCSVSmall(t *testing.T) {
	cw := tabularCrosswalk(t)
	records := Records(cw)
	data, err := CSV(records)
	if err != nil {
		t.Fatal(err)
	}
	if string(data) != tabularCSV {
		t.Errorf("CSV =\n%s\nwant\n%s", data, tabularCSV)
	}
	rows := tabReadCSV(t, data)
	if !slices.Equal(rows[0], Columns) {
		t.Errorf("header = %q", rows[0])
	}
	if len(rows) != len(records)+1 {
		t.Fatalf("%d rows, want %d", len(rows), len(records)+1)
	}
	for i, r := range records {
		if !slices.Equal(rows[i+1], r.Row()) {
			t.Errorf("row %d = %q, want %q", i+1, rows[i+1], r.Row())
		}
		if i < len(cw.Mappings) {
			if got := rows[i+1][3]; got != cw.Mappings[i].Relationship {
				t.Errorf("row %d relationship %q, want %q", i+1, got, cw.Mappings[i].Relationship)
			}
		}
	}
	if refs := strings.Split(rows[1][12], "\n"); !slices.Equal(refs, []string{"first reference", "second, with a comma"}) {
		t.Errorf("references of row 1 = %q", refs)
	}
}

func TestCSVEmpty(t *testing.T) {
	data, err := CSV(nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := strings.Join(Columns, ",") + "\n"; string(data) != want {
		t.Errorf("CSV(nil) = %q, want %q", data, want)
	}
}

// TestCSVDefault checks every record of the default crosswalk, in order,
// and the plain form import relies on: UTF-8 without BOM, "\n" line
// endings, the same bytes on every call.
func TestCSVDefault(t *testing.T) {
	cw := tabDefaultCrosswalk(t)
	data, err := CSV(Records(cw))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
		t.Error("CSV starts with a byte-order mark")
	}
	if bytes.Contains(data, []byte("\r")) {
		t.Error("CSV contains a carriage return")
	}
	if !bytes.HasSuffix(data, []byte("\n")) {
		t.Error("CSV does not end with a newline")
	}
	rows := tabReadCSV(t, data)
	if len(rows) != 273 {
		t.Fatalf("%d rows, want 273 (header + 272 records)", len(rows))
	}
	col := func(name string) int { return slices.Index(Columns, name) }
	for i, m := range cw.Mappings {
		row := rows[i+1]
		if row[col("source_id")] != m.SourceID || row[col("target_id")] != m.TargetID || row[col("relationship")] != "" || row[col("relationship_stated")] != "no" || row[col("as_published")] != m.AsPublished || m.AsPublished == "" {
			t.Errorf("row %d = %s %s %s, want %s %s %s", i+1, row[col("source_id")], row[col("relationship")], row[col("target_id")], m.SourceID, m.Relationship, m.TargetID)
		}
		if row[col("source_framework")] != "nist-ai-rmf" || row[col("target_framework")] != "ai-verify" {
			t.Errorf("row %d frameworks %s → %s", i+1, row[col("source_framework")], row[col("target_framework")])
		}
		if row[col("status")] != string(m.Status) || row[col("rationale")] != m.Rationale {
			t.Errorf("row %d status or rationale differ", i+1)
		}
		if got := row[col("references")]; got != strings.Join(m.References, "\n") {
			t.Errorf("row %d references = %q", i+1, got)
		}
	}
	again, err := CSV(Records(cw))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(data, again) {
		t.Error("two calls gave different bytes")
	}
}
