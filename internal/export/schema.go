package export

import (
	"bytes"
	_ "embed"
)

//go:embed crosswalk.schema.json
var schema []byte

// Schema returns the JSON Schema (draft 2020-12) of the crosswalk JSON
// that JSON writes, as published at layout.SchemaDownload. Each call returns a new
// copy.
func Schema() []byte { return bytes.Clone(schema) }
