package export

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/crosswalk-ssg/crosswalk/internal/model"
	"github.com/crosswalk-ssg/crosswalk/internal/vocab"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// tabSchema compiles the embedded crosswalk.schema.json.
func tabSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(Schema()))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.AssertFormat()
	if err := c.AddResource("crosswalk.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("crosswalk.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

// validate validates JSON text against the schema.
func tabValidate(t *testing.T, sch *jsonschema.Schema, data []byte) error {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return sch.Validate(inst)
}

// tabJSON writes a crosswalk's JSON and checks what every call must give.
func tabJSON(t *testing.T, cw *model.Crosswalk) []byte {
	t.Helper()
	data, err := JSON(cw, Records(cw))
	if err != nil {
		t.Fatal(err)
	}
	again, err := JSON(cw, Records(cw))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(data, again) {
		t.Error("two calls gave different bytes")
	}
	if !bytes.HasSuffix(data, []byte("}\n")) || bytes.HasSuffix(data, []byte("\n\n")) {
		t.Error("JSON does not end with one newline")
	}
	if err := tabValidate(t, tabSchema(t), data); err != nil {
		t.Errorf("JSON does not validate against crosswalk.schema.json: %v", err)
	}
	return data
}

// tabDecoded is the crosswalk JSON read back.
type tabDecoded struct {
	Schema    string        `json:"$schema"`
	Crosswalk jsonCrosswalk `json:"crosswalk"`
	Mappings  []Record      `json:"mappings"`
}

func tabDecodeJSON(t *testing.T, data []byte) tabDecoded {
	t.Helper()
	var d tabDecoded
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&d); err != nil {
		t.Fatal(err)
	}
	return d
}

const tabularJSONStart = `{
  "$schema": "crosswalk.schema.json",
  "crosswalk": {
    "id": "src--tgt",
    "title": "Src to Tgt",
    "status": "draft",
    "status_statement": "A test; nobody reviewed it.",
    "publisher": "",
    "published": "",
    "url": "",
    "method": "By hand.",
    "direction": "Each row reads: Src item RELATIONSHIP Tgt subcategory.",
    "granularity": "",
    "mapping_method": "human",
    "matching_rationale": "semantic",
    "relationships": {
      "vocabulary": "set-theory",
      "stated": true,
`

// tabularJSONRecords are parts of the JSON's records: the first, an
// unstated one and the no-counterpart one.
var tabularJSONRecords = []string{`
    {
      "source_framework": "src",
      "source_id": "P1.1",
      "source_title": "Tell people, \"clearly\".",
      "relationship": "subset-of",
      "relationship_stated": true,
      "target_framework": "tgt",
      "target_id": "GOV 1",
      "target_title": "Policies are in place.\nThey are reviewed.",
      "rationale": "Telling people is one part, \"a small one\", of policies, procedures.",
      "evidence": "text-similar",
      "basis": "source-text",
      "status": "draft",
      "references": [
        "first reference",
        "second, with a comma"
      ],
      "as_published": "",
      "note": "",
      "no_counterpart": "",
      "source_label": "Src P1.1",
      "source_statement": "Tell people, \"clearly\".",
      "source_level": "outcome",
      "source_id_assigned_by": "publisher",
      "target_label": "Target Framework GOV 1",
      "target_statement": "Policies are in place.\nThey are reviewed.",
      "target_level": "subcategory",
      "target_id_assigned_by": "publisher",
      "source_fields": [],
      "target_fields": []
    },`, `
      "relationship": "",
      "relationship_stated": false,`, `
      "source_id": "P3",
      "source_title": "Privacy",
      "relationship": "",
      "relationship_stated": false,
      "target_framework": "tgt",
      "target_id": "",
      "target_title": "",`, `
    "transcription": {
      "from": "",
      "how": "",
      "notes": []
    },`}

func TestJSONSmall(t *testing.T) {
	cw := tabularCrosswalk(t)
	data := tabJSON(t, cw)
	if !strings.HasPrefix(string(data), tabularJSONStart) {
		t.Errorf("JSON =\n%s\nwant it to start with\n%s", data, tabularJSONStart)
	}
	for _, want := range tabularJSONRecords {
		if !strings.Contains(string(data), want) {
			t.Errorf("JSON lacks%s", want)
		}
	}
	for _, want := range []string{
		`"elements": [
        {
          "id": "P1",
          "label": "Src 1 Transparency",
          "title": "Transparency",
          "statement": "Be open.",
          "level": "principle",
          "parent_id": "",
          "fields": [],
          "items": [],
          "withdrawn": false,
          "references": [],
          "source_url": ""
        },`, // every element of each framework
		`"rationale": "Two lines:\nthe first \u0026 \u003cthe second\u003e."`, // HTML escaping on
		`"references": []`, // never null
		`"status": "official"`,
	} {
		if !strings.Contains(string(data), want) {
			t.Errorf("JSON lacks %s", want)
		}
	}
	if strings.Contains(string(data), "null") {
		t.Error("JSON contains null")
	}
	d := tabDecodeJSON(t, data)
	if d.Schema != "crosswalk.schema.json" || d.Crosswalk.ID != cw.ID || len(d.Crosswalk.Sources) != 2 {
		t.Errorf("read back: %+v", d.Crosswalk)
	}
	records := Records(cw)
	records[1].References = []string{} // nil in the model, [] in JSON
	records[3].References = []string{}
	for i := range records {
		if !slices.Equal(d.Mappings[i].Row(), records[i].Row()) || d.Mappings[i].References == nil {
			t.Errorf("mapping %d = %+v, want %+v", i, d.Mappings[i], records[i])
		}
	}
}

func TestJSONDefault(t *testing.T) {
	cw := tabDefaultCrosswalk(t)
	d := tabDecodeJSON(t, tabJSON(t, cw))
	if len(d.Mappings) != 272 {
		t.Fatalf("%d mappings, want 272", len(d.Mappings))
	}
	for i, m := range cw.Mappings {
		r := d.Mappings[i]
		if r.SourceID != m.SourceID || r.TargetID != m.TargetID || r.Relationship != "" || r.RelationshipStated || r.AsPublished != m.AsPublished || r.Status != string(m.Status) {
			t.Errorf("mapping %d = %s %s %s, want %s %s %s", i, r.SourceID, r.Relationship, r.TargetID, m.SourceID, m.Relationship, m.TargetID)
		}
	}
	if d.Crosswalk.Source.ID != "nist-ai-rmf" || d.Crosswalk.Target.ID != "ai-verify" || d.Crosswalk.Status != "official" || d.Crosswalk.Published != "2023-10-12" ||
		d.Crosswalk.Relationships.Vocabulary != "unstated" || d.Crosswalk.Relationships.Stated || d.Crosswalk.Transcription.From == "" || len(d.Crosswalk.Transcription.Notes) != 4 {
		t.Errorf("crosswalk = %+v", d.Crosswalk)
	}
}

// TestSchema checks the schema's own claims: its id, that its relationship
// values are the model's, and that it rejects what it should.
func TestSchema(t *testing.T) {
	var s struct {
		Schema string `json:"$schema"`
		ID     string `json:"$id"`
		Title  string `json:"title"`
		Defs   struct {
			Record struct {
				Required   []string `json:"required"`
				Properties struct {
					Relationship struct {
						Type string `json:"type"`
					} `json:"relationship"`
				} `json:"properties"`
			} `json:"record"`
			Status struct {
				Enum []string `json:"enum"`
			} `json:"status"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(Schema(), &s); err != nil {
		t.Fatal(err)
	}
	if s.Schema != "https://json-schema.org/draft/2020-12/schema" || s.ID != "crosswalk.schema.json" || s.Title == "" {
		t.Errorf("$schema %q, $id %q, title %q", s.Schema, s.ID, s.Title)
	}
	// A record carries its crosswalk's own term, so the schema cannot list
	// the values; the vocabulary's OSCAL meanings are OSCAL's.
	if s.Defs.Record.Properties.Relationship.Type != "string" {
		t.Errorf("relationship type = %q, want string", s.Defs.Record.Properties.Relationship.Type)
	}
	var schemaDoc struct {
		Properties struct {
			Crosswalk struct {
				Properties struct {
					Relationships struct {
						Properties struct {
							Terms struct {
								Items struct {
									Properties struct {
										OSCAL struct {
											Enum []string `json:"enum"`
										} `json:"oscal"`
									} `json:"properties"`
								} `json:"items"`
							} `json:"terms"`
						} `json:"properties"`
					} `json:"relationships"`
				} `json:"properties"`
			} `json:"crosswalk"`
		} `json:"properties"`
	}
	if err := json.Unmarshal(Schema(), &schemaDoc); err != nil {
		t.Fatal(err)
	}
	if got, want := schemaDoc.Properties.Crosswalk.Properties.Relationships.Properties.Terms.Items.Properties.OSCAL.Enum, append([]string{""}, vocab.OSCALValues()...); !slices.Equal(got, want) {
		t.Errorf("terms' oscal enum = %q, want %q", got, want)
	}
	if want := []string{string(model.Draft), string(model.Official)}; !slices.Equal(s.Defs.Status.Enum, want) {
		t.Errorf("status enum = %q, want %q", s.Defs.Status.Enum, want)
	}
	if want := append(slices.Clone(Columns), "source_fields", "target_fields"); !slices.Equal(s.Defs.Record.Required, want) {
		t.Errorf("record requires %q, want Columns, source_fields, target_fields", s.Defs.Record.Required)
	}

	sch := tabSchema(t)
	cw := tabularCrosswalk(t)
	good, err := JSON(cw, Records(cw))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ name, old, new string }{
		{"record status final", `"status": "official"`, `"status": "final"`},
		{"crosswalk status", `"status": "draft",
    "status_statement"`, `"status": "reviewed",
    "status_statement"`},
		{"missing rationale", `"rationale": "Telling people is one part, \"a small one\", of policies, procedures.",`, ``},
		{"unknown record key", `"evidence": "text-similar",`, `"evidence": "text-similar", "strength": "x",`},
		{"relationship_stated not a boolean", `"relationship_stated": true`, `"relationship_stated": "yes"`},
		{"declared term with an unknown OSCAL meaning", `"oscal": "equal-to"`, `"oscal": "equal"`},
		{"references null", `"references": []`, `"references": null`},
		{"unknown crosswalk key", `"method": "By hand.",`, `"method": "By hand.", "modified": "2024-01-01",`},
		{"framework without licence", `"license": "CC0"`, `"licence": "CC0"`},
	} {
		bad := strings.Replace(string(good), c.old, c.new, 1)
		if bad == string(good) {
			t.Fatalf("%s: %q not found in the JSON", c.name, c.old)
		}
		if err := tabValidate(t, sch, []byte(bad)); err == nil {
			t.Errorf("%s: validates, want an error", c.name)
		}
	}
	// A relationship_stated that is not a boolean fails, and the error says where.
	bad := strings.Replace(string(good), `"relationship_stated": true`, `"relationship_stated": 1`, 1)
	if err := tabValidate(t, sch, []byte(bad)); err == nil || !strings.Contains(err.Error(), "/mappings/0/relationship_stated") {
		t.Errorf("relationship_stated 1: error %v, want one at /mappings/0/relationship_stated", err)
	}
}
