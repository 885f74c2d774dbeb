package export

import (
	"encoding/json"
	"strconv"
)

// appendRecordJSON appends r to dst as the crosswalk JSON holds it in
// "mappings": a json.Encoder with SetIndent("    ", "  ") would write the
// same bytes (FuzzRecordJSON holds the two to that). A crosswalk JSON of
// 50,000 records spent most of its time in encoding/json's reflection and
// its second pass to indent; records are the one part of the file that
// is that large, so they alone are written by hand, in the order and under
// the names of Record's tags.
func appendRecordJSON(dst []byte, r *Record) []byte {
	dst = append(dst, '{')
	dst = appendStringField(dst, "source_framework", r.SourceFramework, true)
	dst = appendStringField(dst, "source_id", r.SourceID, false)
	dst = appendStringField(dst, "source_title", r.SourceTitle, false)
	dst = appendStringField(dst, "relationship", r.Relationship, false)
	dst = appendKey(dst, "relationship_stated", false)
	dst = strconv.AppendBool(dst, r.RelationshipStated)
	dst = appendStringField(dst, "target_framework", r.TargetFramework, false)
	dst = appendStringField(dst, "target_id", r.TargetID, false)
	dst = appendStringField(dst, "target_title", r.TargetTitle, false)
	dst = appendStringField(dst, "rationale", r.Rationale, false)
	dst = appendStringField(dst, "evidence", r.Evidence, false)
	dst = appendStringField(dst, "basis", r.Basis, false)
	dst = appendStringField(dst, "status", r.Status, false)
	dst = appendKey(dst, "references", false)
	dst = appendStrings(dst, r.References)
	dst = appendStringField(dst, "as_published", r.AsPublished, false)
	dst = appendStringField(dst, "note", r.Note, false)
	dst = appendStringField(dst, "no_counterpart", r.NoCounterpart, false)
	dst = appendStringField(dst, "source_label", r.SourceLabel, false)
	dst = appendStringField(dst, "source_statement", r.SourceStatement, false)
	dst = appendStringField(dst, "source_level", r.SourceLevel, false)
	dst = appendStringField(dst, "source_id_assigned_by", r.SourceIDAssignedBy, false)
	dst = appendStringField(dst, "target_label", r.TargetLabel, false)
	dst = appendStringField(dst, "target_statement", r.TargetStatement, false)
	dst = appendStringField(dst, "target_level", r.TargetLevel, false)
	dst = appendStringField(dst, "target_id_assigned_by", r.TargetIDAssignedBy, false)
	dst = appendKey(dst, "source_fields", false)
	dst = appendFields(dst, r.SourceFields)
	dst = appendKey(dst, "target_fields", false)
	dst = appendFields(dst, r.TargetFields)
	return append(dst, "\n    }"...)
}

// A record's keys are at depth 1 of the record, whose line starts with
// the encoder's prefix ("    "): six spaces; what is in its arrays, eight
// and ten.
const (
	recordKeyIndent  = "\n      "
	recordItemIndent = "\n        "
	fieldKeyIndent   = "\n          "
)

func appendKey(dst []byte, key string, first bool) []byte {
	if !first {
		dst = append(dst, ',')
	}
	dst = append(dst, recordKeyIndent...)
	dst = append(dst, '"')
	dst = append(dst, key...)
	return append(dst, `": `...)
}

func appendStringField(dst []byte, key, value string, first bool) []byte {
	return appendJSONString(appendKey(dst, key, first), value)
}

// appendStrings writes a []string as an encoder writes it; nil as null.
func appendStrings(dst []byte, list []string) []byte {
	return appendArray(dst, list, appendJSONString)
}

// appendFields writes labelled fields as an encoder writes []Field.
func appendFields(dst []byte, fields []Field) []byte {
	return appendArray(dst, fields, func(dst []byte, f Field) []byte {
		dst = append(dst, '{')
		dst = append(dst, fieldKeyIndent...)
		dst = append(dst, `"label": `...)
		dst = appendJSONString(dst, f.Label)
		dst = append(dst, ',')
		dst = append(dst, fieldKeyIndent...)
		dst = append(dst, `"text": `...)
		dst = appendJSONString(dst, f.Text)
		dst = append(dst, recordItemIndent...)
		return append(dst, '}')
	})
}

// appendArray writes a record's list as an encoder writes a slice, each
// item on its own line by item: null for nil, [] for none.
func appendArray[T any](dst []byte, list []T, item func([]byte, T) []byte) []byte {
	switch {
	case list == nil:
		return append(dst, "null"...)
	case len(list) == 0:
		return append(dst, "[]"...)
	}
	dst = append(dst, '[')
	for i, v := range list {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, recordItemIndent...)
		dst = item(dst, v)
	}
	return append(dst, "\n      ]"...)
}

// appendJSONString writes s as encoding/json does (escaping HTML's <, >
// and &, as an Encoder does by default). Printable ASCII that needs no
// escape, nearly every text of a crosswalk, is copied; anything else goes
// through encoding/json itself, so that the two cannot differ on the
// rules for control characters, invalid UTF-8 or U+2028.
func appendJSONString(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			quoted, _ := json.Marshal(s) // a string always encodes
			return append(dst, quoted...)
		}
	}
	dst = append(dst, '"')
	dst = append(dst, s...)
	return append(dst, '"')
}
