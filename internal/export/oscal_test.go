package export

import (
	"bytes"
	"encoding/json"
	"errors"
	"maps"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/spf13/afero"

	"github.com/crosswalk-ssg/crosswalk/internal/diag"
	"github.com/crosswalk-ssg/crosswalk/internal/layout"
	"github.com/crosswalk-ssg/crosswalk/internal/link"
	"github.com/crosswalk-ssg/crosswalk/internal/model"
	"github.com/crosswalk-ssg/crosswalk/internal/source"
	"github.com/crosswalk-ssg/crosswalk/internal/vocab"
)

// schemaDir holds NIST's OSCAL JSON Schemas. It is not part of the
// repository: CI clones the repository beside shared/.
const schemaDir = "../../../shared/schemas"

// ncNameRE is OSCAL's TokenDatatype pattern.
var ncNameRE = regexp.MustCompile(`^(\p{L}|_)(\p{L}|\p{N}|[.\-_])*$`)

// defaultSite decodes and links the repository's own content.
func defaultSite(t *testing.T) *model.Site {
	t.Helper()
	var errs diag.List
	files, err := source.ReadDir(afero.NewBasePathFs(afero.NewOsFs(), "../.."), "content", &errs)
	if err != nil {
		t.Fatal(err)
	}
	site := model.Decode(files, &errs)
	link.Link(site, nil, &errs)
	if err := errs.Err(); err != nil {
		t.Fatal(err)
	}
	return site
}

// smallSite decodes and links a site given as path → text.
func smallSite(t *testing.T, files map[string]string) *model.Site {
	t.Helper()
	var errs diag.List
	var parsed []*source.File
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if f := source.Parse(name, []byte(files[name]), &errs); f != nil {
			parsed = append(parsed, f)
		}
	}
	site := model.Decode(parsed, &errs)
	link.Link(site, nil, &errs)
	if err := errs.Err(); err != nil {
		t.Fatal(err)
	}
	return site
}

// oscalSchema compiles one of NIST's OSCAL schemas, or skips the test (fails
// it in CI) when they are not there.
func oscalSchema(t *testing.T, name string) *jsonschema.Schema {
	t.Helper()
	file := filepath.Join(schemaDir, name)
	if _, err := os.Stat(file); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("the OSCAL schemas in ../shared/schemas are required in CI: %v", err)
		}
		t.Skipf("NOTICE: skipping OSCAL schema validation: %s not found (clone the repository beside shared/ to run it)", file)
	}
	abs, err := filepath.Abs(file)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	sch, err := c.Compile(abs)
	if err != nil {
		t.Fatalf("compiling %s: %v", name, err)
	}
	return sch
}

func validateOSCAL(t *testing.T, sch *jsonschema.Schema, what string, data []byte) {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	if err := sch.Validate(inst); err != nil {
		t.Errorf("%s is not valid OSCAL:\n%v", what, err)
	}
}

func TestOSCALValidatesAgainstNISTSchemas(t *testing.T) {
	site := defaultSite(t)
	catalogSchema := oscalSchema(t, "oscal_catalog_schema.json")
	mappingSchema := oscalSchema(t, "oscal_mapping_schema.json")
	if len(site.Frameworks) != 2 || len(site.Crosswalks) != 1 {
		t.Fatalf("default site: %d frameworks, %d crosswalks", len(site.Frameworks), len(site.Crosswalks))
	}
	for _, fw := range site.Frameworks {
		data, err := Catalog(fw)
		if err != nil {
			t.Fatal(err)
		}
		validateOSCAL(t, catalogSchema, "catalog of "+fw.ID, data)
	}
	for _, cw := range site.Crosswalks {
		data, err := MappingCollection(cw)
		if err != nil {
			t.Fatal(err)
		}
		validateOSCAL(t, mappingSchema, "mapping-collection of "+cw.ID, data)
	}
	// The small site's documents too: a framework without a published
	// date, a two-level and a three-level hierarchy, a gap on each side.
	small := smallSite(t, smallSiteFiles)
	for _, fw := range small.Frameworks {
		data, err := Catalog(fw)
		if err != nil {
			t.Fatal(err)
		}
		validateOSCAL(t, catalogSchema, "catalog of small site's "+fw.ID, data)
	}
	data, err := MappingCollection(small.Crosswalks[0])
	if err != nil {
		t.Fatal(err)
	}
	validateOSCAL(t, mappingSchema, "mapping-collection of the small site", data)
}

func TestOSCALSchemaRejectsBadDocuments(t *testing.T) {
	// The validation above is only worth something if the schema is really
	// applied: a non-NCName id and a missing provenance must fail.
	mappingSchema := oscalSchema(t, "oscal_mapping_schema.json")
	catalogSchema := oscalSchema(t, "oscal_catalog_schema.json")
	site := smallSite(t, smallSiteFiles)
	cat, err := Catalog(site.Frameworks[0])
	if err != nil {
		t.Fatal(err)
	}
	bad := bytes.Replace(cat, []byte(`"id": "P1"`), []byte(`"id": "1.2"`), 1)
	if bytes.Equal(bad, cat) {
		t.Fatal("test needs the id P1 in the catalog")
	}
	inst, _ := jsonschema.UnmarshalJSON(bytes.NewReader(bad))
	if catalogSchema.Validate(inst) == nil {
		t.Error("the catalog schema accepts the id \"1.2\", which is not an NCName")
	}
	mc, err := MappingCollection(site.Crosswalks[0])
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]map[string]any
	if err := json.Unmarshal(mc, &doc); err != nil {
		t.Fatal(err)
	}
	delete(doc["mapping-collection"], "provenance")
	if mappingSchema.Validate(anyJSON(t, doc)) == nil {
		t.Error("the mapping schema accepts a mapping-collection without provenance")
	}
}

func anyJSON(t *testing.T, v any) any {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return inst
}

// The shapes the tests read back, decoded independently of the writer's
// structs.

type testCatalog struct {
	Catalog struct {
		UUID     string `json:"uuid"`
		Metadata struct {
			Title        string `json:"title"`
			LastModified string `json:"last-modified"`
			Version      string `json:"version"`
			OSCALVersion string `json:"oscal-version"`
			Remarks      string `json:"remarks"`
		} `json:"metadata"`
		Groups     []testControl  `json:"groups"`
		BackMatter testBackMatter `json:"back-matter"`
	} `json:"catalog"`
}

type testControl struct {
	ID    string `json:"id"`
	Class string `json:"class"`
	Title string `json:"title"`
	Props []struct {
		Name  string `json:"name"`
		NS    string `json:"ns"`
		Value string `json:"value"`
	} `json:"props"`
	Parts []struct {
		ID    string `json:"id"`
		Name  string `json:"name"`
		NS    string `json:"ns"`
		Title string `json:"title"`
		Prose string `json:"prose"`
	} `json:"parts"`
	Controls []testControl `json:"controls"`
}

type testBackMatter struct {
	Resources []struct {
		UUID   string `json:"uuid"`
		Title  string `json:"title"`
		Rlinks []struct {
			Href      string `json:"href"`
			MediaType string `json:"media-type"`
		} `json:"rlinks"`
	} `json:"resources"`
}

type testGapSummary struct {
	UUID             string `json:"uuid"`
	UnmappedControls []struct {
		WithIDs []string `json:"with-ids"`
	} `json:"unmapped-controls"`
}

type testMappingItem struct {
	Type  string `json:"type"`
	IDRef string `json:"id-ref"`
}

type testMappingCollection struct {
	MappingCollection struct {
		UUID     string `json:"uuid"`
		Metadata struct {
			Title        string `json:"title"`
			LastModified string `json:"last-modified"`
			Version      string `json:"version"`
			OSCALVersion string `json:"oscal-version"`
		} `json:"metadata"`
		Provenance struct {
			Method             string `json:"method"`
			MatchingRationale  string `json:"matching-rationale"`
			Status             string `json:"status"`
			MappingDescription string `json:"mapping-description"`
		} `json:"provenance"`
		Mappings []struct {
			UUID           string `json:"uuid"`
			SourceResource struct {
				Type string `json:"type"`
				Href string `json:"href"`
			} `json:"source-resource"`
			TargetResource struct {
				Type string `json:"type"`
				Href string `json:"href"`
			} `json:"target-resource"`
			Maps []struct {
				UUID         string            `json:"uuid"`
				NS           string            `json:"ns"`
				Relationship string            `json:"relationship"`
				Sources      []testMappingItem `json:"sources"`
				Targets      []testMappingItem `json:"targets"`
				Props        []struct {
					Name  string `json:"name"`
					NS    string `json:"ns"`
					Value string `json:"value"`
				} `json:"props"`
				Remarks string `json:"remarks"`
			} `json:"maps"`
			SourceGapSummary *testGapSummary `json:"source-gap-summary"`
			TargetGapSummary *testGapSummary `json:"target-gap-summary"`
		} `json:"mappings"`
		BackMatter testBackMatter `json:"back-matter"`
	} `json:"mapping-collection"`
}

func decodeStrict(t *testing.T, data []byte, v any) {
	t.Helper()
	if !bytes.HasSuffix(data, []byte("}\n")) {
		t.Error("output does not end with a newline")
	}
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatal(err)
	}
}

// catalogIndex returns the groups and controls of a catalog by id, in
// document order.
func catalogIndex(t *testing.T, c *testCatalog) (map[string]*testControl, []string) {
	t.Helper()
	byID := map[string]*testControl{}
	var order []string
	var walk func([]testControl)
	walk = func(cs []testControl) {
		for i := range cs {
			if _, dup := byID[cs[i].ID]; dup {
				t.Errorf("id %q appears twice in the catalog", cs[i].ID)
			}
			byID[cs[i].ID] = &cs[i]
			order = append(order, cs[i].ID)
			walk(cs[i].Controls)
		}
	}
	walk(c.Catalog.Groups)
	return byID, order
}

// allUUIDs returns every value of a "uuid" key in a JSON document.
func allUUIDs(t *testing.T, data []byte) []string {
	t.Helper()
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	var out []string
	var walk func(any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				if s, ok := x.(string); ok && k == "uuid" {
					out = append(out, s)
				}
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(v)
	return out
}

// unmappedIDs computes, independently of the writer, the OSCAL ids of the
// elements of fw that no record of cw reaches directly or through a
// descendant, in framework order.
func unmappedIDs(fw *model.Framework, cw *model.Crosswalk, source bool) []string {
	var out []string
	for _, e := range fw.Elements {
		reached := false
		for _, m := range cw.Mappings {
			end := m.Target
			if source {
				end = m.Source
			}
			// Named, containing what is named, or within what is named.
			if end.Within(e) || e.Within(end) {
				reached = true
				break
			}
		}
		if !reached {
			out = append(out, OSCALID(fw, e))
		}
	}
	return out
}

// checkCatalog checks a framework's catalog against the model: every
// element once, with its id as label, its title, its statement verbatim
// and its fields; every id an NCName. It returns the catalog's ids.
func checkCatalog(t *testing.T, fw *model.Framework, data []byte) map[string]*testControl {
	t.Helper()
	var c testCatalog
	decodeStrict(t, data, &c)
	byID, order := catalogIndex(t, &c)
	if len(byID) != len(fw.Elements) {
		t.Errorf("%s: catalog has %d groups and controls, framework %d elements", fw.ID, len(byID), len(fw.Elements))
	}
	var want []string
	for _, e := range fw.Elements {
		want = append(want, OSCALID(fw, e))
	}
	if !slices.Equal(order, want) {
		t.Errorf("%s: catalog order differs from the framework's", fw.ID)
	}
	for _, e := range fw.Elements {
		id := OSCALID(fw, e)
		if !ncNameRE.MatchString(id) {
			t.Errorf("%s: OSCAL id %q of %q is not an NCName", fw.ID, id, e.ID)
		}
		ctl := byID[id]
		if ctl == nil {
			t.Errorf("%s: element %q (OSCAL id %q) is not in the catalog", fw.ID, e.ID, id)
			continue
		}
		wantTitle := e.DisplayTitle()
		if wantTitle == "" {
			wantTitle = e.DisplayID()
		}
		if ctl.Title != strings.Join(strings.Fields(wantTitle), " ") {
			t.Errorf("%s: %s title %q, want %q", fw.ID, id, ctl.Title, wantTitle)
		}
		if ctl.Class != ncName(e.Kind()) {
			t.Errorf("%s: %s class %q, want %q", fw.ID, id, ctl.Class, ncName(e.Kind()))
		}
		prop := func(name, ns string) (string, bool) {
			for _, p := range ctl.Props {
				if p.Name == name && p.NS == ns {
					return p.Value, true
				}
			}
			return "", false
		}
		if v, ok := prop("label", ""); (!e.SiteID() && (e.Number != "" || id != e.ID)) != ok || (ok && v != e.DisplayID()) {
			t.Errorf("%s: %s label prop %q (present %v), want %q unless the id is the site's own: %+v", fw.ID, id, v, ok, e.DisplayID(), ctl.Props)
		}
		if v, ok := prop("id", Namespace); (id != e.ID) != ok || (ok && v != e.ID) {
			t.Errorf("%s: %s does not carry its own id %q in an id prop when its OSCAL id differs: %+v", fw.ID, id, e.ID, ctl.Props)
		}
		if v, _ := prop("level", Namespace); v != e.Level().Name {
			t.Errorf("%s: %s level prop = %+v, want %q", fw.ID, id, ctl.Props, e.Level().Name)
		}
		// The statement, verbatim: a control's "statement" (always there), a
		// group's "overview" (when there is a statement).
		name, partID := "statement", id+"_smt"
		if e.Parent == nil {
			name, partID = "overview", id+"_ovw"
		}
		parts := ctl.Parts
		if e.Statement != "" || e.Parent != nil {
			if len(parts) == 0 || parts[0].Name != name || parts[0].ID != partID || parts[0].NS != "" {
				t.Errorf("%s: %s has no %s part %s first: %+v", fw.ID, id, name, partID, parts)
				continue
			}
			if parts[0].Prose != e.Statement {
				t.Errorf("%s: %s statement\n%q\nwant verbatim\n%q", fw.ID, id, parts[0].Prose, e.Statement)
			}
			parts = parts[1:]
		}
		if len(parts) != len(e.Fields) {
			t.Errorf("%s: %s has %d field parts, want %d", fw.ID, id, len(parts), len(e.Fields))
			continue
		}
		for i, f := range e.Fields {
			p := parts[i]
			if p.Title != f.Label || p.Prose != f.Text || p.NS != Namespace || !ncNameRE.MatchString(p.Name) {
				t.Errorf("%s: %s field %d = %+v, want title %q and prose %q", fw.ID, id, i, p, f.Label, f.Text)
			}
		}
	}
	if _, err := uuid.Parse(c.Catalog.UUID); err != nil {
		t.Errorf("%s: catalog uuid: %v", fw.ID, err)
	}
	if c.Catalog.Metadata.Version != fw.Version || c.Catalog.Metadata.OSCALVersion != "1.2.1" || c.Catalog.Metadata.Title != fw.Title {
		t.Errorf("%s: metadata %+v", fw.ID, c.Catalog.Metadata)
	}
	// Attribution travels with the data.
	if !strings.Contains(c.Catalog.Metadata.Remarks, fw.License) || !strings.Contains(c.Catalog.Metadata.Remarks, fw.URL) {
		t.Errorf("%s: metadata remarks lack the licence or source URL: %q", fw.ID, c.Catalog.Metadata.Remarks)
	}
	if len(c.Catalog.BackMatter.Resources) != 1 || len(c.Catalog.BackMatter.Resources[0].Rlinks) != 1 || c.Catalog.BackMatter.Resources[0].Rlinks[0].Href != fw.URL {
		t.Errorf("%s: back-matter does not link the original: %+v", fw.ID, c.Catalog.BackMatter)
	}
	checkUUIDs(t, fw.ID+" catalog", data)
	return byID
}

func checkUUIDs(t *testing.T, what string, data []byte) []string {
	t.Helper()
	ids := allUUIDs(t, data)
	seen := map[string]bool{}
	for _, s := range ids {
		u, err := uuid.Parse(s)
		if err != nil || u.Version() != 5 || u.Variant() != uuid.RFC4122 || u.String() != s {
			t.Errorf("%s: uuid %q is not a canonical version 5 UUID (%v)", what, s, err)
		}
		if seen[s] {
			t.Errorf("%s: uuid %s repeats", what, s)
		}
		seen[s] = true
	}
	return ids
}

// checkMappingCollection checks a crosswalk's mapping-collection against
// the model and the two catalogs' ids.
func checkMappingCollection(t *testing.T, cw *model.Crosswalk, data []byte, sourceIDs, targetIDs map[string]*testControl) *testMappingCollection {
	t.Helper()
	var doc testMappingCollection
	decodeStrict(t, data, &doc)
	mc := doc.MappingCollection
	if len(mc.Mappings) != 1 {
		t.Fatalf("%d mappings, want one", len(mc.Mappings))
	}
	mp := mc.Mappings[0]
	if len(mp.Maps) != len(cw.Mappings) {
		t.Errorf("%d maps, want one per record: %d", len(mp.Maps), len(cw.Mappings))
	}
	type pair struct{ s, t string }
	seen := map[pair]int{}
	for i, m := range mp.Maps {
		// OSCAL's own namespace carries only its set-theory values, and only
		// where the record states one (checked against the record below).
		if m.NS == "" && !slices.Contains(vocab.OSCALValues(), m.Relationship) {
			t.Errorf("map %d: relationship %q in OSCAL's namespace is not an OSCAL value", i, m.Relationship)
		}
		for _, it := range m.Sources {
			if sourceIDs[it.IDRef] == nil || it.Type != "control" {
				t.Errorf("map %d: source %+v is not a control or group of the source catalog", i, it)
			}
		}
		for _, it := range m.Targets {
			if targetIDs[it.IDRef] == nil || it.Type != "control" {
				t.Errorf("map %d: target %+v is not a control or group of the target catalog", i, it)
			}
		}
		if len(m.Sources) == 1 && len(m.Targets) == 1 {
			seen[pair{m.Sources[0].IDRef, m.Targets[0].IDRef}]++
		}
		if i >= len(cw.Mappings) {
			continue
		}
		r := cw.Mappings[i]
		want := pair{OSCALID(cw.Source, r.Source), OSCALID(cw.Target, r.Target)}
		if len(m.Sources) != 1 || len(m.Targets) != 1 || m.Sources[0].IDRef != want.s || m.Targets[0].IDRef != want.t {
			t.Errorf("map %d: %+v → %+v, want %s → %s (record %s → %s)", i, m.Sources, m.Targets, want.s, want.t, r.SourceID, r.TargetID)
		}
		switch {
		case r.Term == nil:
			if m.NS != vocab.Namespace || m.Relationship != vocab.UnstatedOSCAL {
				t.Errorf("map %d (%s → %s) states no relationship, but carries %q in %q", i, r.SourceID, r.TargetID, m.Relationship, m.NS)
			}
		case r.Term.OSCAL != "":
			if m.NS != "" || m.Relationship != r.Term.OSCAL {
				t.Errorf("map %d (%s → %s): relationship %q in %q, want OSCAL's %q", i, r.SourceID, r.TargetID, m.Relationship, m.NS, r.Term.OSCAL)
			}
		default:
			if m.NS != cw.Vocabulary.Namespace || m.Relationship != r.Term.ID {
				t.Errorf("map %d (%s → %s): relationship %q in %q, want the declared %q in %q", i, r.SourceID, r.TargetID, m.Relationship, m.NS, r.Term.ID, cw.Vocabulary.Namespace)
			}
		}
		var remarks []string
		for _, x := range []string{r.Rationale, r.Note} {
			if x = strings.TrimSpace(x); x != "" {
				remarks = append(remarks, x)
			}
		}
		if m.Remarks != strings.Join(remarks, "\n\n") {
			t.Errorf("map %d: remarks %q, want the rationale and note %q", i, m.Remarks, remarks)
		}
		props := map[string]string{}
		for _, p := range m.Props {
			if p.NS != Namespace {
				t.Errorf("map %d: prop %s not in the project's namespace", i, p.Name)
			}
			props[p.Name] = p.Value
		}
		if props["basis"] != r.Basis || props["evidence"] != r.Evidence || props["status"] != string(r.Status) {
			t.Errorf("map %d: props %v, want basis %q, evidence %q, status %q", i, props, r.Basis, r.Evidence, r.Status)
		}
	}
	for _, r := range cw.Mappings {
		if p := (pair{OSCALID(cw.Source, r.Source), OSCALID(cw.Target, r.Target)}); seen[p] != 1 {
			t.Errorf("record %s → %s appears %d times in maps", r.SourceID, r.TargetID, seen[p])
		}
	}

	// Gap summaries: every id resolves, and they list exactly what no
	// record reaches.
	for _, side := range []struct {
		name    string
		summary *testGapSummary
		fw      *model.Framework
		ids     map[string]*testControl
		source  bool
	}{
		{"source", mp.SourceGapSummary, cw.Source, sourceIDs, true},
		{"target", mp.TargetGapSummary, cw.Target, targetIDs, false},
	} {
		want := unmappedIDs(side.fw, cw, side.source)
		var got []string
		if side.summary != nil {
			if len(side.summary.UnmappedControls) != 1 {
				t.Errorf("%s gap summary: %d selections", side.name, len(side.summary.UnmappedControls))
			}
			for _, u := range side.summary.UnmappedControls {
				got = append(got, u.WithIDs...)
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s gap summary = %v, want %v", side.name, got, want)
		}
		for _, id := range got {
			if side.ids[id] == nil {
				t.Errorf("%s gap summary: %q is not in the %s catalog", side.name, id, side.name)
			}
		}
	}

	// The resources name the two catalog files beside the mapping file.
	resources := map[string]int{}
	for i, r := range mc.BackMatter.Resources {
		resources[r.UUID] = i
	}
	for _, side := range []struct {
		name        string
		type_, href string
		fw          *model.Framework
	}{
		{"source", mp.SourceResource.Type, mp.SourceResource.Href, cw.Source},
		{"target", mp.TargetResource.Type, mp.TargetResource.Href, cw.Target},
	} {
		i, ok := resources[strings.TrimPrefix(side.href, "#")]
		if side.type_ != "catalog" || !strings.HasPrefix(side.href, "#") || !ok {
			t.Errorf("%s-resource %s %q does not name a back-matter resource", side.name, side.type_, side.href)
			continue
		}
		r := mc.BackMatter.Resources[i]
		want := path.Base(layout.CatalogDownload(side.fw.ID))
		if len(r.Rlinks) != 1 || r.Rlinks[0].Href != want || r.Rlinks[0].MediaType != "application/oscal.catalog+json" || r.Title != side.fw.Title {
			t.Errorf("%s-resource %+v, want a link to %s", side.name, r, want)
		}
		if path.Dir(layout.CatalogDownload(side.fw.ID)) != layout.DownloadDir {
			t.Errorf("catalog %s is not in %s/ beside the mapping file", layout.CatalogDownload(side.fw.ID), layout.DownloadDir)
		}
	}

	wantStatus := "complete"
	if cw.Status == model.Draft {
		wantStatus = "draft"
	}
	p := mc.Provenance
	if p.Method != cw.MappingMethod || p.MatchingRationale != cw.MatchingRationale || p.Status != wantStatus || !strings.Contains(p.MappingDescription, strings.TrimSpace(cw.StatusStatement)) || !strings.Contains(p.MappingDescription, strings.TrimSpace(cw.Method)) {
		t.Errorf("provenance %+v", p)
	}
	if mc.Metadata.Title != cw.Title || mc.Metadata.OSCALVersion != "1.2.1" {
		t.Errorf("metadata %+v", mc.Metadata)
	}
	checkUUIDs(t, cw.ID+" mapping-collection", data)
	return &doc
}

func TestOSCALDefaultSite(t *testing.T) {
	site := defaultSite(t)
	catalogs := map[string]map[string]*testControl{}
	elements := 0
	for _, fw := range site.Frameworks {
		data, err := Catalog(fw)
		if err != nil {
			t.Fatal(err)
		}
		catalogs[fw.ID] = checkCatalog(t, fw, data)
		elements += len(fw.Elements)
	}
	if elements != 264 {
		t.Errorf("the default site has %d elements, want 264", elements)
	}
	cw := site.Crosswalks[0]
	if len(cw.Mappings) != 272 {
		t.Errorf("the default crosswalk has %d records, want 272", len(cw.Mappings))
	}
	data, err := MappingCollection(cw)
	if err != nil {
		t.Fatal(err)
	}
	doc := checkMappingCollection(t, cw, data, catalogs[cw.SourceID], catalogs[cw.TargetID])
	md := doc.MappingCollection.Metadata
	// The official crosswalk was published on 12 October 2023.
	if md.LastModified != "2023-10-12T00:00:00Z" || !strings.HasPrefix(md.Version, "1.0.0+") {
		t.Errorf("metadata %+v", md)
	}
	// NIST's table states no relationship: no map carries one of OSCAL's
	// set-theory values, and the document says what was done instead.
	for i, m := range doc.MappingCollection.Mappings[0].Maps {
		if m.NS != vocab.Namespace || m.Relationship != vocab.UnstatedOSCAL {
			t.Errorf("map %d carries %q in %q", i, m.Relationship, m.NS)
		}
	}
	if d := doc.MappingCollection.Provenance.MappingDescription; !strings.Contains(d, "states no relationship type for any record") {
		t.Errorf("mapping-description does not say the relationships are unstated:\n%s", d)
	}
	// No UUID is shared between the three documents.
	seen := map[string]string{}
	for _, fw := range site.Frameworks {
		c, _ := Catalog(fw)
		if again, _ := Catalog(fw); !bytes.Equal(c, again) {
			t.Errorf("catalog of %s differs between two calls", fw.ID)
		}
		for _, u := range allUUIDs(t, c) {
			if prev, ok := seen[u]; ok {
				t.Errorf("uuid %s in %s and catalog %s", u, prev, fw.ID)
			}
			seen[u] = "catalog " + fw.ID
		}
	}
	if again, _ := MappingCollection(cw); !bytes.Equal(data, again) {
		t.Error("mapping-collection differs between two calls")
	}
	for _, u := range allUUIDs(t, data) {
		if prev, ok := seen[u]; ok {
			t.Errorf("uuid %s in %s and the mapping-collection", u, prev)
		}
	}
}

var smallSiteFiles = map[string]string{
	"content/frameworks/src-fw/_index.md": "---\nframework: {id: src-fw, title: Source, version: \"1\", publisher: P & Co, url: \"https://s.example/\", license: CC0}\nlevels: [{name: principle, page: true}, {name: process check}]\n---\n",
	"content/frameworks/src-fw/p1.md":     "---\nid: P1\ntitle: One\nstatement: \"Say <b>what</b> & why.\"\nnumber: \"1\"\nchildren: [{id: P1.1, statement: a, fields: [{label: Expected evidence, text: \"line 1\\nline 2\"}]}, {id: P1.2, title: Untold}]\n---\n",
	"content/frameworks/src-fw/p2.md":     "---\nid: Two Words\ntitle: Pair\nlevel_name: section\nchildren: [{id: Two Words/1, statement: c}]\n---\n",
	"content/frameworks/t/_index.md":      "---\nframework: {id: t, title: T, version: \"2.0\", publisher: Q, published: 2024-05-06, url: \"https://t.example/\", license: CC0}\nlevels: [{name: function, page: true}, {name: category, page: true}, {name: subcategory, page: true}]\n---\n",
	"content/frameworks/t/f1.md":          "---\nid: F1\ntitle: Eff\nchildren: [{id: F1 1, statement: x, children: [{id: F1 1.1, statement: y}, {id: F1 1.2, statement: z}]}]\n---\n",
	"content/frameworks/t/f2.md":          "---\nid: F2\ntitle: Eff two\nchildren: [{id: F2 1, statement: w}]\n---\n",
	"content/crosswalks/st.md": `---
crosswalk: {id: s--t, title: S to T, source: src-fw, target: t, status: draft, status_statement: Nobody checked., method: By hand., mapping_method: hybrid, matching_rationale: functional}
mappings:
  - {source: P1.1, target: F1 1.1, relationship: subset-of, basis: text, rationale: "  Because.  "}
  - {source: P1, target: F2, relationship: no-relationship}
  - {source: Two Words/1, target: F1 1, relationship: equal-to, evidence: text-identical, status: official}
---
`,
}

func TestOSCALSmallSite(t *testing.T) {
	site := smallSite(t, smallSiteFiles)
	src, tgt := site.Frameworks[0], site.Frameworks[1]
	if src.ID != "src-fw" {
		src, tgt = tgt, src
	}
	wantIDs := map[string]string{
		"P1": "P1", "P1.1": "P1.1", "P1.2": "P1.2", "Two Words": "sf-two-words", "Two Words/1": "sf-two-words-1",
		"F1": "F1", "F1 1": "t-f1-1", "F1 1.1": "t-f1-1.1", "F1 1.2": "t-f1-1.2", "F2": "F2", "F2 1": "t-f2-1",
	}
	for _, fw := range site.Frameworks {
		for _, e := range fw.Elements {
			if got := OSCALID(fw, e); got != wantIDs[e.ID] {
				t.Errorf("OSCALID(%s, %q) = %q, want %q", fw.ID, e.ID, got, wantIDs[e.ID])
			}
		}
	}
	catalogs := map[string]map[string]*testControl{}
	for _, fw := range site.Frameworks {
		data, err := Catalog(fw)
		if err != nil {
			t.Fatal(err)
		}
		again, _ := Catalog(fw)
		if !bytes.Equal(data, again) {
			t.Errorf("catalog of %s differs between two calls", fw.ID)
		}
		catalogs[fw.ID] = checkCatalog(t, fw, data)
	}
	var c testCatalog
	data, _ := Catalog(src)
	decodeStrict(t, data, &c)
	// Unescaped texts, the source's date unknown.
	if !bytes.Contains(data, []byte(`"prose": "Say <b>what</b> & why."`)) {
		t.Errorf("statement not verbatim and unescaped:\n%s", data)
	}
	md := c.Catalog.Metadata
	if md.LastModified != "2000-01-01T00:00:00Z" || !strings.Contains(md.Remarks, "date is unknown") {
		t.Errorf("undated framework: last-modified %q, remarks %q", md.LastModified, md.Remarks)
	}
	g := c.Catalog.Groups
	if len(g) != 2 || g[0].Class != "principle" || g[1].Class != "section" || g[0].Title != "One" || g[1].Title != "Pair" {
		t.Errorf("groups %+v", g)
	}
	if ctl := g[0].Controls; len(ctl) != 2 || ctl[0].Class != "process-check" || ctl[0].Parts[1].Name != "expected-evidence" || ctl[1].Parts[0].Prose != "" || ctl[1].Parts[0].Name != "statement" {
		t.Errorf("controls %+v", ctl)
	}
	data, _ = Catalog(tgt)
	c = testCatalog{}
	decodeStrict(t, data, &c)
	if c.Catalog.Metadata.LastModified != "2024-05-06T00:00:00Z" || c.Catalog.Metadata.Version != "2.0" {
		t.Errorf("dated framework: metadata %+v", c.Catalog.Metadata)
	}

	cw := site.Crosswalks[0]
	mcData, err := MappingCollection(cw)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := MappingCollection(cw)
	if !bytes.Equal(mcData, again) {
		t.Error("mapping-collection differs between two calls")
	}
	doc := checkMappingCollection(t, cw, mcData, catalogs["src-fw"], catalogs["t"])
	mp := doc.MappingCollection.Mappings[0]
	// Every element is reached: P1.2 and F2 1 lie within P1 and F2, which
	// records name; F1 1.2 within F1 1. So neither side has a gap summary
	// (OSCAL allows no empty one).
	if mp.SourceGapSummary != nil || mp.TargetGapSummary != nil {
		t.Errorf("gap summaries %+v, %+v; want none", mp.SourceGapSummary, mp.TargetGapSummary)
	}
	if m := mp.Maps[0]; m.Remarks != "Because." || m.Relationship != "subset-of" {
		t.Errorf("map 0 %+v", m)
	}
	if m := mp.Maps[1]; m.Remarks != "" || m.Relationship != "no-relationship" {
		t.Errorf("map 1 %+v", m)
	}
	if want := oscalUUID("map:s--t:P1.1→F1 1.1"); mp.Maps[0].UUID != want {
		t.Errorf("map uuid %s, want %s", mp.Maps[0].UUID, want)
	}
	if md := doc.MappingCollection.Metadata; md.LastModified != "2024-05-06T00:00:00Z" || !regexp.MustCompile(`^0\.1\.0-draft\+[0-9a-f]{12}$`).MatchString(md.Version) {
		t.Errorf("metadata %+v", md)
	}
	if doc.MappingCollection.UUID != oscalUUID("mapping-collection:s--t") {
		t.Errorf("mapping-collection uuid %s", doc.MappingCollection.UUID)
	}

	// Changing a record changes the version; the UUIDs stay.
	cw.Mappings[0].Rationale = "Because, again."
	changed, err := MappingCollection(cw)
	if err != nil {
		t.Fatal(err)
	}
	var doc2 testMappingCollection
	decodeStrict(t, changed, &doc2)
	if doc2.MappingCollection.Metadata.Version == doc.MappingCollection.Metadata.Version {
		t.Error("the version does not change with a record")
	}
	if doc2.MappingCollection.Mappings[0].Maps[0].UUID != mp.Maps[0].UUID {
		t.Error("a map's uuid changes with its rationale")
	}

	// Without gaps there is no gap summary (OSCAL requires a non-empty list).
	full := smallSite(t, map[string]string{
		"content/frameworks/a/_index.md": "---\nframework: {id: a, title: A, version: \"1\", publisher: P, url: \"https://a.example/\", license: CC0}\nlevels: [{name: item}]\n---\n",
		"content/frameworks/a/x.md":      "---\nid: X\nstatement: x\n---\n",
		"content/frameworks/b/_index.md": "---\nframework: {id: b, title: B, version: \"1\", publisher: P, url: \"https://b.example/\", license: CC0}\nlevels: [{name: item}]\n---\n",
		"content/frameworks/b/y.md":      "---\nid: Y\nstatement: y\n---\n",
		"content/crosswalks/ab.md":       "---\ncrosswalk: {id: ab, title: AB, source: a, target: b, status: official, mapping_method: human, matching_rationale: syntactic}\nmappings: [{source: X, target: Y, relationship: equivalent-to}]\n---\n",
	})
	data, err = MappingCollection(full.Crosswalks[0])
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(data, []byte("gap-summary")) {
		t.Errorf("a crosswalk without gaps has a gap summary:\n%s", data)
	}
	var doc3 testMappingCollection
	decodeStrict(t, data, &doc3)
	if p := doc3.MappingCollection.Provenance; p.Status != "complete" {
		t.Errorf("official crosswalk: provenance status %q", p.Status)
	}
	if md := doc3.MappingCollection.Metadata; md.LastModified != unknownDate || !strings.HasPrefix(md.Version, "1.0.0+") {
		t.Errorf("official crosswalk without dates: metadata %+v", md)
	}
}

func TestOSCALID(t *testing.T) {
	for _, c := range []struct{ fw, id, want string }{
		{"ai-verify", "1.2.3", "av-1.2.3"},
		{"ai-verify", "transparency", "transparency"},
		{"sp800-53", "ac-2.1", "ac-2.1"},
		{"x", "_a", "_a"},
		{"x", "a-", "a-"},
		{"ai-verify", "12", "av-12"},
		{"nist-ai-rmf", "GOVERN 1.1", "nar-govern-1.1"},
		{"nist-ai-rmf", "MAP", "MAP"},
		{"example-policy", "EX-1.1", "EX-1.1"},
		{"x", "1a", "x-1a"},
		{"800-53", "AC-2 (1)", "f85-ac-2-1"},
		{"x", "a_b  c//d", "x-a_b-c-d"},
		{"x", "Ünïcödé 1", "x-ünïcödé-1"},
		{"x", " (1) ", "x-1"},
		{"x", "§", "x-xc2a7"},
	} {
		fw := &model.Framework{ID: c.fw}
		got := OSCALID(fw, &model.Element{Framework: fw, ID: c.id})
		if got != c.want {
			t.Errorf("OSCALID(%s, %q) = %q, want %q", c.fw, c.id, got, c.want)
		}
		if !ncNameRE.MatchString(got) {
			t.Errorf("OSCALID(%s, %q) = %q is not an NCName", c.fw, c.id, got)
		}
	}
	for _, c := range []struct{ in, want string }{
		{"process check", "process-check"},
		{"Expected evidence", "expected-evidence"},
		{"Wording in the NIST AI RMF Playbook (variant, not the Core text)", "wording-in-the-nist-ai-rmf-playbook-variant-not-the-core-text"},
		{"1st thing", "_1st-thing"},
		{"—", ""},
	} {
		if got := ncName(c.in); got != c.want || (got != "" && !ncNameRE.MatchString(got)) {
			t.Errorf("ncName(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestOSCALIDCollision(t *testing.T) {
	// The link stage rejects ids with the same slug; a framework built
	// without it must still not give a catalog with a repeated id.
	fw := &model.Framework{ID: "f", Title: "F", Version: "1", Levels: []model.Level{{Name: "item"}}}
	a := &model.Element{Framework: fw, ID: "A B", Statement: "a"}
	b := &model.Element{Framework: fw, ID: "f-a-b", Statement: "b"} // kept as it is: a token
	fw.Roots = []*model.Element{a, b}
	fw.Elements = []*model.Element{a, b}
	if _, err := Catalog(fw); err == nil || !strings.Contains(err.Error(), `"f-a-b"`) {
		t.Errorf("Catalog with two elements of OSCAL id f-a-b: err = %v", err)
	}
	cw := &model.Crosswalk{ID: "c", Source: fw, Target: fw, MappingMethod: "human", MatchingRationale: "semantic", Vocabulary: vocab.SetTheory,
		Mappings: []*model.Mapping{{Source: a, Target: b, Relationship: "equal-to", Term: vocab.SetTheory.Term("equal-to")}}}
	if _, err := MappingCollection(cw); err == nil {
		t.Error("MappingCollection over a catalog with a repeated id: no error")
	}
}

func TestOSCALUUIDNamespace(t *testing.T) {
	want := uuid.NewSHA1(uuid.NameSpaceURL, []byte("https://github.com/crosswalk-ssg/crosswalk/oscal")).String()
	if UUIDNamespace != want {
		t.Errorf("UUIDNamespace = %s, want %s as documented", UUIDNamespace, want)
	}
	// A literal, pinned when first published, so that any change of scheme
	// (namespace, name format, UUID version) shows: published UUIDs must
	// never change.
	if got, want := oscalUUID("catalog:nist-ai-rmf@1.0"), "10c73ad1-c927-58f1-9e94-e3d11aea3665"; got != want {
		t.Errorf("oscalUUID(catalog:nist-ai-rmf@1.0) = %s, want %s", got, want)
	}
}

// A crosswalk that does not state OSCAL's required provenance values, or
// has no mapping record, is not published in OSCAL, and says why.
func TestOSCALWithheld(t *testing.T) {
	files := maps.Clone(smallSiteFiles)
	files["content/crosswalks/st.md"] = strings.Replace(files["content/crosswalks/st.md"], ", mapping_method: hybrid, matching_rationale: functional", "", 1)
	cw := smallSite(t, files).Crosswalks[0]
	_, err := MappingCollection(cw)
	var w *Withheld
	if !errors.As(err, &w) || !strings.Contains(w.Reason, "no mapping_method (human, automation, hybrid) and no matching_rationale") {
		t.Errorf("without provenance values: %v", err)
	}
	downloads, err := CrosswalkDownloads(cw)
	if err != nil {
		t.Fatal(err)
	}
	if d := downloads[3]; d.Withheld == "" || d.Data != nil || !strings.HasSuffix(d.Path, ".oscal-mapping.json") {
		t.Errorf("OSCAL download %+v, want withheld", d)
	}
	cw.MappingMethod, cw.MatchingRationale, cw.Mappings = "human", "semantic", nil
	if _, err := MappingCollection(cw); !errors.As(err, &w) || !strings.Contains(w.Reason, "at least one map") {
		t.Errorf("without records: %v", err)
	}
}

// Declared terms: one that means an OSCAL value is carried as that value
// with the term in a prop; one that means none is carried as itself in the
// vocabulary's namespace; a record without a term as "unstated". No-counterpart
// records become props of the mapping. The document is valid OSCAL.
func TestOSCALDeclaredVocabulary(t *testing.T) {
	files := maps.Clone(smallSiteFiles)
	files["content/crosswalks/st.md"] = `---
crosswalk:
  id: s--t
  title: S to T
  source: src-fw
  target: t
  status: official
  mapping_method: human
  matching_rationale: semantic
  relationships:
    namespace: https://example.org/relationships
    terms:
      - {id: mitigates, reverse: is mitigated by, definition: Reduces the risk of.}
      - {id: same-as, reverse: same as, definition: The same., oscal: equivalent-to}
mappings:
  - {source: P1.1, target: F1 1.1, relationship: mitigates}
  - {source: P1, target: F2, relationship: same-as}
  - {source: Two Words/1, target: F1 1}
no_counterpart:
  - {target: F1 1.2, reason: Nothing in S covers it.}
---
`
	cw := smallSite(t, files).Crosswalks[0]
	data, err := MappingCollection(cw)
	if err != nil {
		t.Fatal(err)
	}
	validateOSCAL(t, oscalSchema(t, "oscal_mapping_schema.json"), "mapping-collection with declared terms", data)
	var doc struct {
		MappingCollection struct {
			Provenance struct {
				MappingDescription string `json:"mapping-description"`
			} `json:"provenance"`
			Mappings []struct {
				Maps []struct {
					NS           string                             `json:"ns"`
					Relationship string                             `json:"relationship"`
					Props        []struct{ Name, NS, Value string } `json:"props"`
				} `json:"maps"`
				Props []struct {
					Name, NS, Value, Class, Remarks string
				} `json:"props"`
			} `json:"mappings"`
		} `json:"mapping-collection"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	ms := doc.MappingCollection.Mappings[0].Maps
	if ms[0].NS != "https://example.org/relationships" || ms[0].Relationship != "mitigates" {
		t.Errorf("mitigates carried as %q in %q", ms[0].Relationship, ms[0].NS)
	}
	if ms[1].NS != "" || ms[1].Relationship != "equivalent-to" || len(ms[1].Props) == 0 || ms[1].Props[0].Name != "relationship" || ms[1].Props[0].Value != "same-as" {
		t.Errorf("same-as carried as %+v", ms[1])
	}
	if ms[2].NS != vocab.Namespace || ms[2].Relationship != vocab.UnstatedOSCAL {
		t.Errorf("unstated carried as %q in %q", ms[2].Relationship, ms[2].NS)
	}
	props := doc.MappingCollection.Mappings[0].Props
	if len(props) != 1 || props[0].Name != "no-counterpart" || props[0].Value != "t-f1-1.2" || props[0].Class != "target" || props[0].Remarks != "Nothing in S covers it." {
		t.Errorf("no-counterpart props %+v", props)
	}
	d := doc.MappingCollection.Provenance.MappingDescription
	for _, want := range []string{`"mitigates" (Reduces the risk of.), carried as itself in the namespace https://example.org/relationships`, `carried as OSCAL's "equivalent-to"`, "no-counterpart"} {
		if !strings.Contains(d, want) {
			t.Errorf("mapping-description lacks %q:\n%s", want, d)
		}
	}
}

// TestOSCALCatalogItemsReferencesWithdrawn: statement items become item
// parts with their labels, references become links to back-matter
// resources (each once), a withdrawn control has its status prop and no
// statement part; the catalog is valid against NIST's schema.
func TestOSCALCatalogItemsReferencesWithdrawn(t *testing.T) {
	site := smallSite(t, map[string]string{
		"content/frameworks/c/_index.md": "---\nframework: {id: c, title: C, version: \"1\", publisher: P, url: \"https://c.example/\", license: CC0}\nlevels: [{name: family, page: true}, {name: control, page: true}]\n---\n",
		"content/frameworks/c/f.md": "---\nid: f\ntitle: Family\nchildren:\n" +
			"  - id: f-1\n    number: F-1\n    title: One\n    items: [{label: a., text: first, items: [{label: \"1.\", text: deeper}]}, {label: b., text: second}]\n" +
			"    references: [{title: SP 1, url: \"https://doi.org/x\"}, {title: Only a title}]\n" +
			"  - id: f-2\n    number: F-2\n    title: Two\n    withdrawn: true\n    references: [{title: SP 1, url: \"https://doi.org/x\"}]\n---\n",
	})
	data, err := Catalog(site.Frameworks[0])
	if err != nil {
		t.Fatal(err)
	}
	validateOSCAL(t, oscalSchema(t, "oscal_catalog_schema.json"), "catalog with items, references, a withdrawn control", data)
	var c struct {
		Catalog struct {
			Groups []struct {
				Controls []struct {
					ID    string
					Props []oscalProp
					Links []oscalLink
					Parts []oscalPart
				}
			}
			BackMatter struct{ Resources []oscalResource } `json:"back-matter"`
		}
	}
	if err := json.Unmarshal(data, &c); err != nil {
		t.Fatal(err)
	}
	ctl := c.Catalog.Groups[0].Controls
	smt := ctl[0].Parts[0]
	if smt.Name != "statement" || len(smt.Parts) != 2 || smt.Parts[0].Name != "item" || smt.Parts[0].Props[0].Value != "a." || smt.Parts[0].Prose != "first" || smt.Parts[0].Parts[0].Prose != "deeper" {
		t.Errorf("F-1's statement: %+v", smt)
	}
	res := c.Catalog.BackMatter.Resources
	if len(res) != 3 || res[1].Title != "SP 1" || len(res[1].Rlinks) != 1 || res[2].Title != "Only a title" || res[2].Rlinks != nil {
		t.Errorf("resources: %+v", res)
	}
	if len(ctl[0].Links) != 2 || ctl[0].Links[0].Href != "#"+res[1].UUID || ctl[1].Links[0].Href != "#"+res[1].UUID || ctl[0].Links[0].Rel != "reference" {
		t.Errorf("links: %+v, %+v", ctl[0].Links, ctl[1].Links)
	}
	if w := ctl[1]; len(w.Parts) != 0 || !slices.ContainsFunc(w.Props, func(p oscalProp) bool { return p.Name == "status" && p.Value == "withdrawn" }) {
		t.Errorf("withdrawn F-2: %+v", w)
	}
}
