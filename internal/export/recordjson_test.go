package export

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// encodedRecord is how a json.Encoder indented as the crosswalk JSON's
// records are writes r: the oracle appendRecordJSON must match.
func encodedRecord(t testing.TB, r *Record) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("    ", "  ")
	if err := enc.Encode(r); err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

func TestRecordJSON(t *testing.T) {
	full := Record{SourceFramework: "nist-ai-rmf", SourceID: "GOVERN 1", SourceTitle: "Policies <and> “practices”", Relationship: "subset-of",
		RelationshipStated: true, TargetFramework: "ai-verify", TargetID: "1.1.1", Rationale: "a & b\n\ttab \"quoted\" \\ back",
		References: []string{"ISO/IEC 42001", "line\u2028sep"}, Status: "official", AsPublished: "Transparency 1.1.1",
		SourceStatement: "bad \xff byte, nul \x00, del \x7f", SourceFields: []Field{{Label: "Discussion", Text: "é"}, {Label: "", Text: ""}},
		TargetFields: []Field{}}
	for _, tt := range []struct {
		name string
		r    Record
	}{
		{"empty", Record{}},
		{"empty lists", Record{References: []string{}, SourceFields: []Field{}, TargetFields: []Field{}}},
		{"everything", full},
	} {
		t.Run(tt.name, func(t *testing.T) {
			want := encodedRecord(t, &tt.r)
			if got := appendRecordJSON(nil, &tt.r); !bytes.Equal(got, want) {
				t.Errorf("appendRecordJSON wrote\n%s\nencoding/json writes\n%s", got, want)
			}
		})
	}
}

// FuzzRecordJSON: for any texts, appendRecordJSON writes the bytes
// encoding/json writes, and they decode to the record.
func FuzzRecordJSON(f *testing.F) {
	f.Add("GOVERN 1", "Policies, processes", "a & b <c>", true, "ref one|ref two", "Discussion", "text\n")
	f.Add("", "", "", false, "", "", "")
	f.Add("\xff\xfe", "\u2028\u2029", "\x00\x1f\x7f\"\\", true, "|", "\t", "é“”")
	f.Fuzz(func(t *testing.T, id, title, text string, stated bool, refs, label, field string) {
		r := Record{SourceID: id, SourceTitle: title, Rationale: text, RelationshipStated: stated, TargetStatement: text + title,
			Note: field, SourceLabel: label}
		if refs != "" {
			r.References = strings.Split(refs, "|")
		}
		if label != "" || field != "" {
			r.TargetFields = []Field{{Label: label, Text: field}, {Label: field, Text: label}}
		} else {
			r.TargetFields = []Field{}
		}
		got, want := appendRecordJSON(nil, &r), encodedRecord(t, &r)
		if !bytes.Equal(got, want) {
			t.Fatalf("appendRecordJSON wrote\n%q\nencoding/json writes\n%q", got, want)
		}
		var back Record
		if err := json.Unmarshal(got, &back); err != nil {
			t.Fatalf("not JSON: %v\n%s", err, got)
		}
	})
}
