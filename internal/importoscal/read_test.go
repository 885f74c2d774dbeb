package importoscal

import (
	"encoding/json"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/crosswalk-ssg/crosswalk/internal/catalog"
	"github.com/crosswalk-ssg/crosswalk/internal/diag"
	"github.com/crosswalk-ssg/crosswalk/internal/testenv"
)

const (
	sp80053 = testenv.SP80053
	basic   = testenv.BasicCatalog
)

// corpusFile returns the bytes of a real catalog, or skips the test when
// ../shared is not present.
func corpusFile(tb testing.TB, name string) (string, []byte) {
	tb.Helper()
	path := testenv.OSCALCatalog(tb, name)
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return path, data
}

type counts struct{ groups, controls, enhancements int }

// rawCounts counts groups, controls and enhancements by walking the raw
// JSON generically, independently of the package.
func rawCounts(t *testing.T, data []byte) counts {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	var c counts
	var walk func(obj map[string]any, inControl bool)
	walk = func(obj map[string]any, inControl bool) {
		for _, g := range asList(obj["groups"]) {
			c.groups++
			walk(g, false)
		}
		for _, ctl := range asList(obj["controls"]) {
			if inControl {
				c.enhancements++
			} else {
				c.controls++
			}
			walk(ctl, true)
		}
	}
	walk(doc["catalog"].(map[string]any), false)
	return c
}

func asList(v any) []map[string]any {
	arr, _ := v.([]any)
	var out []map[string]any
	for _, e := range arr {
		out = append(out, e.(map[string]any))
	}
	return out
}

func frameworkCounts(f *catalog.Framework) counts {
	var c counts
	f.Walk(func(e *catalog.Element) {
		switch e.Kind {
		case catalog.KindGroup:
			c.groups++
		case catalog.KindControl:
			c.controls++
		case catalog.KindEnhancement:
			c.enhancements++
		}
	})
	return c
}

func find(f *catalog.Framework, id string) *catalog.Element {
	var found *catalog.Element
	f.Walk(func(e *catalog.Element) {
		if e.ID == id {
			found = e
		}
	})
	return found
}

func TestRead80053(t *testing.T) {
	path, data := corpusFile(t, sp80053)
	f, err := Read(path, data)
	if err != nil {
		t.Fatal(err)
	}
	want := rawCounts(t, data)
	if got := frameworkCounts(f); got != want {
		t.Errorf("counts = %+v, want %+v (from the raw JSON)", got, want)
	}
	// The figures, which the raw walk must agree with.
	if want.groups != 18 || want.controls+want.enhancements != 287 {
		t.Errorf("raw counts %+v, the issue says 18 groups and 287 controls with enhancements", want)
	}

	if f.Title != "NIST Special Publication 800-53 Revision 5.1.1 MODERATE IMPACT BASELINE" ||
		f.Version != "5.1.1+u4" || f.OSCALVersion != "1.1.2" || f.Published != "" || f.LastModified != "2024-02-13" ||
		f.Publisher != "" || f.Creator != "Joint Task Force, Transformation Initiative" {
		t.Errorf("metadata = %+v", *f)
	}
	if f.License != "" || f.SourceURL != "" {
		t.Errorf("License %q, SourceURL %q: the catalog states neither", f.License, f.SourceURL)
	}

	ac2 := find(f, "ac-2")
	if ac2 == nil {
		t.Fatal("no ac-2")
	}
	if ac2.Label != "AC-2" || ac2.Kind != catalog.KindControl || ac2.Title != "Account Management" || ac2.Withdrawn {
		t.Errorf("ac-2 = %q %q %q withdrawn=%v", ac2.Label, ac2.Kind, ac2.Title, ac2.Withdrawn)
	}
	items := ac2.StatementItems
	if len(items) != 12 {
		t.Fatalf("ac-2 has %d statement items, want a. to l.", len(items))
	}
	wantA := catalog.Item{Label: "a.", Text: "Define and document the types of accounts allowed and specifically prohibited for use within the system;"}
	if !reflect.DeepEqual(items[0], wantA) {
		t.Errorf("ac-2 a. = %+v, want %+v", items[0], wantA)
	}
	if got, want := items[2].Text, "Require [Assignment: organization-defined prerequisites and criteria] for group and role membership;"; got != want {
		t.Errorf("ac-2 c. = %q, want %q", got, want)
	}
	d := items[3]
	if d.Label != "d." || len(d.Items) != 3 || d.Items[2].Label != "3." ||
		d.Items[2].Text != "Access authorizations (i.e., privileges) and [Assignment: organization-defined attributes (as required)] for each account;" {
		t.Errorf("ac-2 d. = %+v", d)
	}
	h := items[7]
	if h.Text != "Notify account managers and [Assignment: organization-defined personnel or roles] within:" ||
		len(h.Items) != 3 || h.Items[0].Text != "[Assignment: organization-defined time period] when accounts are no longer required;" {
		t.Errorf("ac-2 h. = %+v", h)
	}
	if len(ac2.Fields) == 0 || ac2.Fields[0].Label != "Guidance" ||
		!strings.HasPrefix(ac2.Fields[0].Text, "Examples of system account types include") {
		t.Errorf("ac-2 first field = %+v", ac2.Fields[:min(1, len(ac2.Fields))])
	}
	var labels []string
	for _, fl := range ac2.Fields {
		labels = append(labels, fl.Label)
	}
	if want := []string{"Guidance", "Assessment Objective", "Assessment Method: Examine", "Assessment Method: Interview", "Assessment Method: Test"}; !reflect.DeepEqual(labels, want) {
		t.Errorf("ac-2 field labels = %q, want %q", labels, want)
	}
	if len(ac2.Links) != 3 || ac2.Links[0].Href == "" || ac2.Links[0].Title == "" {
		t.Errorf("ac-2 links = %+v, want its 3 back-matter references", ac2.Links)
	}

	// A selection, "one or more", and an enhancement's plain selection.
	ac1 := find(f, "ac-1")
	if got := ac1.StatementItems[0].Items[0].Text; !strings.HasPrefix(got, "[Selection (one or more): organization-level; mission/business process-level; system-level] access control policy that:") {
		t.Errorf("ac-1 a.1. = %q", got)
	}
	ac22 := find(f, "ac-2.2")
	if ac22.Kind != catalog.KindEnhancement || ac22.Label != "AC-2(2)" ||
		!strings.Contains(ac22.Statement, "[Selection: remove; disable]") {
		t.Errorf("ac-2.2 = %q %q %q", ac22.Kind, ac22.Label, ac22.Statement)
	}
	// Choices that insert parameters are rendered too.
	ac7 := find(f, "ac-7")
	if got := ac7.StatementItems[1].Text; !strings.Contains(got, "[Selection (one or more): lock the account or node for [Assignment: organization-defined time period]; ") {
		t.Errorf("ac-7 b. = %q", got)
	}

	// No insert survives anywhere, and every element has an id.
	f.Walk(func(e *catalog.Element) {
		if e.ID == "" {
			t.Errorf("element without id: %+v", e)
		}
		var texts []string
		texts = append(texts, e.Statement)
		var walk func([]catalog.Item)
		walk = func(items []catalog.Item) {
			for _, it := range items {
				texts = append(texts, it.Text)
				walk(it.Items)
			}
		}
		walk(e.StatementItems)
		for _, fl := range e.Fields {
			texts = append(texts, fl.Text)
		}
		for _, s := range texts {
			if strings.Contains(s, "{{") {
				t.Errorf("%s: insert left in %q", e.ID, s)
			}
		}
	})
}

func TestReadBasicCatalog(t *testing.T) {
	path, data := corpusFile(t, basic)
	f, err := Read(path, data)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := frameworkCounts(f), rawCounts(t, data); got != want {
		t.Errorf("counts = %+v, want %+v", got, want)
	}
	if f.Published != "2023-10-12" || f.Version != "1.1" || f.License != "" || f.Publisher != "" {
		t.Errorf("metadata = %+v", *f)
	}
	c := find(f, "s1.1.1")
	if c.Label != "1.1.1" || c.Kind != catalog.KindControl {
		t.Errorf("s1.1.1 = %+v", c)
	}
	want := "A value has been assigned to [Selection (one or more): initiating a device lock after [Assignment: a duration] of inactivity; requiring the user to initiate a device lock before leaving the system unattended]."
	if !strings.Contains(c.Statement, want) {
		t.Errorf("s1.1.1 statement = %q, want it to contain %q", c.Statement, want)
	}
	var labels []string
	for _, fl := range c.Fields {
		labels = append(labels, fl.Label)
	}
	if want := []string{"Overview", "Guidance", "Other information"}; !reflect.DeepEqual(labels, want) {
		t.Errorf("s1.1.1 fields = %q, want %q", labels, want)
	}
}

const small = `{"catalog": {
  "uuid": "u",
  "metadata": {
    "title": "T", "last-modified": "2025-01-02T03:04:05Z", "version": "1", "oscal-version": "1.1.2",
    "props": [{"name": "license", "value": "CC0-1.0"}],
    "links": [{"href": "https://example.org/cat.json", "rel": "canonical"}],
    "parties": [{"uuid": "p1", "type": "organization", "name": "Pub Org"}, {"uuid": "p2", "type": "organization", "name": "Maker"}],
    "responsible-parties": [{"role-id": "creator", "party-uuids": ["p2"]}, {"role-id": "publisher", "party-uuids": ["p1"]}]
  },
  "groups": [{"id": "g", "title": "G", "controls": [
    {"id": "c-1", "title": "One",
     "params": [{"id": "c-1_prm_1", "label": "frequency"}, {"id": "c-1_prm_2", "values": ["monthly"]},
                {"id": "c-1_prm_3", "guidelines": [{"prose": "the time period is defined;"}]}],
     "parts": [{"id": "c-1_smt", "name": "statement", "prose": "Do it {{ insert: param, c-1_prm_1 }}, {{ insert: param, c-1_prm_2 }}, within {{ insert: param, c-1_prm_3 }}."}],
     "controls": [{"id": "c-1.1", "title": "Old", "props": [{"name": "label", "value": "C-1(1)"}, {"name": "status", "value": "withdrawn"}]}]}
  ]}]
}}`

func TestReadSmall(t *testing.T) {
	f, err := Read("small.json", []byte(small))
	if err != nil {
		t.Fatal(err)
	}
	if f.Publisher != "Pub Org" || f.License != "CC0-1.0" || f.SourceURL != "https://example.org/cat.json" || f.LastModified != "2025-01-02" || f.Creator != "Maker" {
		t.Errorf("metadata = %+v", *f)
	}
	c := find(f, "c-1")
	if want := "Do it [Assignment: frequency], monthly, within [Assignment: the time period is defined]."; c.Statement != want {
		t.Errorf("statement = %q, want %q", c.Statement, want)
	}
	w := find(f, "c-1.1")
	if !w.Withdrawn || w.Kind != catalog.KindEnhancement || w.DisplayID() != "C-1(1)" {
		t.Errorf("withdrawn enhancement = %+v", w)
	}
}

func TestReadErrors(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"syntax", "{\"catalog\": {\n  \"metadata\": {,}}}", []string{"x.json:2:16: malformed JSON: invalid character ','"}},
		{"truncated", `{"catalog": {"metadata": {`, []string{"x.json:1:27: malformed JSON: unexpected end of file"}},
		{"trailing", `{} {}`, []string{"x.json:1:4: unexpected data after the top-level JSON value"}},
		{"not object", `[1]`, []string{"x.json:1:1: an OSCAL catalog is a JSON object, not an array"}},
		{"profile", `{"profile": {}}`, []string{"x.json:1:1: this is an OSCAL profile, not a catalog (resolve a profile into a catalog first)"}},
		{"shape", "{\"catalog\": {\"metadata\": {\"title\": 5},\n \"groups\": [{\"title\": \"G\", \"controls\": \"no\"}]}}", []string{
			`x.json:1:36: "title" must be a string, not a number`,
			`x.json:1:26: the catalog's metadata has no "title"`,
			`x.json:2:13: a group has no "id" (title "G")`,
			`x.json:2:40: "controls" must be an array, not a string`,
		}},
		{"unknown params", "{\"catalog\": {\"metadata\": {\"title\": \"T\"}, \"controls\": [\n {\"id\": \"c\", \"title\": \"C\", \"parts\": [{\"name\": \"statement\",\n  \"prose\": \"a {{ insert: param, nope }} b {{ insert: param, gone }}\"}]}]}}",
			[]string{`x.json:3:15: unknown parameter "nope"`, `x.json:3:43: unknown parameter "gone"`}},
		{"self insert", `{"catalog": {"metadata": {"title": "T"}, "controls": [{"id": "c", "title": "C", "params": [{"id": "p", "select": {"choice": ["{{ insert: param, p }}"]}}], "parts": [{"name": "statement", "prose": "{{ insert: param, p }}"}]}]}}`,
			[]string{`x.json:1:92: parameter "p" inserts itself`}},
		{"duplicate id", `{"catalog": {"metadata": {"title": "T"}, "controls": [{"id": "c", "title": "C"}, {"id": "c", "title": "D"}]}}`,
			[]string{`x.json:1:82: duplicate id "c"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Read("x.json", []byte(tt.in))
			if err == nil || f != nil {
				t.Fatalf("Read = %v, %v; want an error", f, err)
			}
			var errs diag.Errors
			if !errors.As(err, &errs) {
				t.Fatalf("error %T is not diag.Errors", err)
			}
			var got []string
			for _, e := range errs {
				got = append(got, e.Error())
			}
			// diag sorts by position; compare as sets in the stated order's sort.
			if !sameSet(got, tt.want) {
				t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	seen := map[string]int{}
	for _, s := range a {
		seen[s]++
	}
	for _, s := range b {
		seen[s]--
	}
	for _, n := range seen {
		if n != 0 {
			return false
		}
	}
	return true
}

// TestNoRawCatalogLinks: the catalog's links to its own fragments
// ("[AU-2](#au-2)") keep their text, so no page links to an id it lacks.
func TestNoRawCatalogLinks(t *testing.T) {
	path, data := corpusFile(t, sp80053)
	f, err := Read(path, data)
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	var items func([]catalog.Item)
	items = func(list []catalog.Item) {
		for _, it := range list {
			texts = append(texts, it.Text)
			items(it.Items)
		}
	}
	f.Walk(func(e *catalog.Element) {
		texts = append(texts, e.Statement)
		items(e.StatementItems)
		for _, fl := range e.Fields {
			texts = append(texts, fl.Text)
		}
	})
	for _, s := range texts {
		if strings.Contains(s, "](#") {
			t.Fatalf("a link to the catalog's own fragment is left: %.200s", s)
		}
	}
	if got := internalLinkText("See [AU-2](#au-2) and [NIST](https://nist.gov/)."); got != "See AU-2 and [NIST](https://nist.gov/)." {
		t.Errorf("internalLinkText = %q", got)
	}
}

func TestLicenseSentence(t *testing.T) {
	for in, want := range map[string]string{
		"Licensed under CC0. More text.":          "Licensed under CC0.",
		"Intro. License: CC-BY-4.0":               "License: CC-BY-4.0",
		"This catalog is not licensed under CC0.": "",
		"No licence is stated.":                   "",
	} {
		if got := licenseSentence(in); got != want {
			t.Errorf("licenseSentence(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestDeepNesting: a file of nested arrays is an error at its position,
// not a stack that grows until the process dies.
func TestDeepNesting(t *testing.T) {
	data := []byte(`{"catalog": ` + strings.Repeat("[", 100000) + strings.Repeat("]", 100000) + `}`)
	_, err := Read("deep.json", data)
	if err == nil || !strings.Contains(err.Error(), "deep.json:1:") || !strings.Contains(err.Error(), "nest more than 1000 deep") {
		t.Errorf("err = %v", err)
	}
}
