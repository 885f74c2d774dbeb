package search

import (
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/crosswalk-ssg/crosswalk/internal/diag"
	"github.com/crosswalk-ssg/crosswalk/internal/link"
	"github.com/crosswalk-ssg/crosswalk/internal/model"
	"github.com/crosswalk-ssg/crosswalk/internal/source"
)

// testSite is a linked site of two frameworks, one crosswalk of one
// record, and a home page.
func testSite(t *testing.T) *model.Site {
	t.Helper()
	var errs diag.List
	var files []*source.File
	for _, f := range []struct{ name, text string }{
		{"content/_index.md", "---\ntitle: Home\ndescription: Start here.\n---\n"},
		{"content/frameworks/f/_index.md", "---\nframework: {id: f, title: Eff, short_title: F, version: \"1\", publisher: P, url: \"https://f.example/\", license: CC0}\nlevels: [{name: area, page: true}, {name: practice}]\n---\n"},
		{"content/frameworks/f/a.md", "---\nid: A\ntitle: </script><b>Area</b>\nchildren: [{id: A.1, statement: Keep an inventory.}]\n---\n"},
		{"content/frameworks/g/_index.md", "---\nframework: {id: g, title: Gee, version: \"2\", publisher: Q, url: \"https://g.example/\", license: CC0}\nlevels: [{name: goal, page: true}]\n---\n"},
		{"content/frameworks/g/g1.md", "---\nid: G1\ntitle: Goal one\nstatement: Know what you have.\n---\n"},
		{"content/crosswalks/fg.md", "---\ncrosswalk: {id: fg, title: FG, source: f, target: g, status: draft, status_statement: Test., method: By hand.}\nmappings:\n  - {source: A.1, target: G1, relationship: subset-of, as_published: \"A.1 → G1\", rationale: Both ask for an inventory.}\n---\n"},
	} {
		files = append(files, source.Parse(f.name, []byte(f.text), &errs))
	}
	site := model.Decode(files, &errs)
	link.Link(site, nil, &errs)
	if err := errs.Err(); err != nil {
		t.Fatal(err)
	}
	return site
}

func TestDocsAndScript(t *testing.T) {
	docs := Docs(testSite(t))
	want := []Doc{
		{ID: 0, Title: "Eff", Text: "P, version 1", Context: "Framework", URL: "frameworks/f/index.html", Kind: "framework"},
		{ID: 1, Ref: "A", Title: "F A </script><b>Area</b>", Text: "</script><b>Area</b>", Context: "area", URL: "frameworks/f/a/index.html", Kind: "element", IDs: []string{"a"},
			Records: 1, Framework: "F", Level: "area"},
		{ID: 2, Ref: "A.1", Title: "F A.1", Text: "Keep an inventory.", Context: "practice · A </script><b>Area</b>", URL: "frameworks/f/a/index.html#a-1", Kind: "element", IDs: []string{"a.1"},
			Records: 1, Inherited: 0, Framework: "F", Level: "practice"},
		{ID: 3, Title: "Gee", Text: "Q, version 2", Context: "Framework", URL: "frameworks/g/index.html", Kind: "framework"},
		{ID: 4, Ref: "G1", Title: "Gee G1 Goal one", Text: "Know what you have.", Context: "goal", URL: "frameworks/g/g1/index.html", Kind: "element", IDs: []string{"g1"},
			Records: 1, Framework: "Gee", Level: "goal"},
		{ID: 5, Title: "FG", Text: "By hand.", Context: "Crosswalk · draft", URL: "crosswalks/fg/index.html", Kind: "crosswalk"},
		// The record: its two ids, its own words, where its row is, and
		// the documents of its elements and crosswalk.
		{ID: 6, Text: "A.1 → G1 · Both ask for an inventory.", URL: "crosswalks/fg/index.html#record-1", Kind: "mapping",
			Pair: []int{2, 4}, Crosswalk: 5, Relationship: "is a subset of"},
		{ID: 7, Title: "Home", Text: "Start here.", Context: "Page", URL: "index.html", Kind: "page"},
	}
	if len(docs) != len(want) {
		t.Fatalf("%d docs, want %d: %+v", len(docs), len(want), docs)
	}
	for i := range want {
		if !reflect.DeepEqual(docs[i], want[i]) {
			t.Errorf("doc %d = %+v\nwant %+v", i, docs[i], want[i])
		}
	}
	script, err := Script(docs)
	if err != nil {
		t.Fatal(err)
	}
	s := string(script)
	if strings.Contains(s, "</script>") || strings.Contains(s, "<b>") {
		t.Error("the index can close the script element it is loaded by")
	}
	const prefix = "window.CROSSWALK_SEARCH_INDEX = "
	i := strings.Index(s, prefix)
	if i < 0 || !strings.HasSuffix(s, "];\n") {
		t.Fatalf("script shape:\n%s", s)
	}
	var back []Doc
	if err := json.Unmarshal([]byte(strings.TrimSuffix(s[i+len(prefix):], ";\n")), &back); err != nil || len(back) != len(docs) || !reflect.DeepEqual(back[2], docs[2]) {
		t.Errorf("index does not read back as JSON: %v", err)
	}
	if strings.Count(s, "\n") != len(docs)+3 {
		t.Errorf("want one document a line:\n%s", s)
	}
}

// TestDocumentsStreamed: Documents stops where its reader stops, and
// WriteScript stops reading documents at the first write that fails,
// with its error; an empty index is an empty array.
func TestDocumentsStreamed(t *testing.T) {
	site := testSite(t)
	var first []int
	for d := range Documents(site) {
		if first = append(first, d.ID); len(first) == 3 {
			break
		}
	}
	if !reflect.DeepEqual(first, []int{0, 1, 2}) {
		t.Errorf("the first three documents are %v, want [0 1 2]", first)
	}
	// Enough documents to fill the writer's buffer many times over.
	const many = 10000
	read := 0
	docs := func(yield func(Doc) bool) {
		for i := range many {
			read++
			if !yield(Doc{ID: i, Text: strings.Repeat("text ", 20), URL: "x/index.html", Kind: "page"}) {
				return
			}
		}
	}
	full := errors.New("full")
	if err := WriteScript(failingWriter{full}, docs); !errors.Is(err, full) {
		t.Errorf("WriteScript to a failing writer returned %v, want its error", err)
	}
	if read >= many {
		t.Errorf("WriteScript read all %d documents after its writer failed, want it to stop", read)
	}
	var b strings.Builder
	if err := WriteScript(&b, slices.Values([]Doc(nil))); err != nil || !strings.HasSuffix(b.String(), "window.CROSSWALK_SEARCH_INDEX = [\n];\n") {
		t.Errorf("an empty index: %q, %v", b.String(), err)
	}
}

// failingWriter is a writer whose every write fails.
type failingWriter struct{ err error }

func (f failingWriter) Write([]byte) (int, error) { return 0, f.err }

// TestIDs: an element matches its id, its number and its id with each of
// its framework's aliases for a whole prefix, normalized.
func TestIDs(t *testing.T) {
	fw := &model.Framework{IDAliases: []model.IDAlias{{Short: "GV", For: "GOVERN"}, {Short: "MS", For: "MEASURE"}}}
	for _, tt := range []struct {
		e    *model.Element
		want []string
	}{
		{&model.Element{Framework: fw, ID: "GOVERN 1.1"}, []string{"govern1.1", "gv1.1"}},
		{&model.Element{Framework: fw, ID: "GOVERN"}, []string{"govern", "gv"}},
		{&model.Element{Framework: fw, ID: "GOVERNANCE 1"}, []string{"governance1"}},
		{&model.Element{Framework: fw, ID: "MEASURE 2.11"}, []string{"measure2.11", "ms2.11"}},
		{&model.Element{Framework: fw, ID: "ac-2.1", Number: "AC-2(1)"}, []string{"ac2.1", "ac2(1)"}},
	} {
		if got := ids(tt.e); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ids(%q) = %q, want %q", tt.e.ID, got, tt.want)
		}
	}
	for in, want := range map[string]string{"GV-1.1": "gv1.1", "MS 2.11": "ms2.11", "MEASURE_2.11": "measure2.11"} {
		if got := Normalize(in); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
	}
}
