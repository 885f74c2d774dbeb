package export

import (
	"encoding/json"

	"github.com/crosswalk-ssg/crosswalk/generator/model"
)

// jsonDocument is the crosswalk JSON, keys in this order. Its shape is
// described by crosswalk.schema.json (Schema).
type jsonDocument struct {
	Schema    string        `json:"$schema"`
	Crosswalk jsonCrosswalk `json:"crosswalk"`
	Mappings  []Record      `json:"mappings"`
}

type jsonCrosswalk struct {
	ID              string          `json:"id"`
	Title           string          `json:"title"`
	Status          string          `json:"status"`
	StatusStatement string          `json:"status_statement"`
	Method          string          `json:"method"`
	Direction       string          `json:"direction"`
	Source          jsonFramework   `json:"source"`
	Target          jsonFramework   `json:"target"`
	Sources         []jsonReference `json:"sources"`
}

type jsonFramework struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Version   string `json:"version"`
	Publisher string `json:"publisher"`
	URL       string `json:"url"`
	License   string `json:"license"`
}

type jsonReference struct {
	Title string `json:"title"`
	URL   string `json:"url"`
}

// schemaRef is the value of "$schema" in the crosswalk JSON: the schema's
// file name, which sits beside the JSON under Dir.
const schemaRef = "crosswalk.schema.json"

// JSON returns a linked crosswalk and its records as JSON: an object with
// "$schema", "crosswalk" (its metadata and both frameworks) and "mappings"
// (records), indented by two spaces and ending in a newline. Every key is
// always present (empty strings and arrays rather than omitted keys or
// null), and <, > and & in strings are escaped as \u003c, \u003e, \u0026.
func JSON(cw *model.Crosswalk, records []Record) ([]byte, error) {
	doc := jsonDocument{
		Schema: schemaRef,
		Crosswalk: jsonCrosswalk{
			ID:              cw.ID,
			Title:           cw.Title,
			Status:          string(cw.Status),
			StatusStatement: cw.StatusStatement,
			Method:          cw.Method,
			Direction:       cw.Direction,
			Source:          jsonFrameworkOf(cw.Source, cw.SourceID),
			Target:          jsonFrameworkOf(cw.Target, cw.TargetID),
			Sources:         make([]jsonReference, 0, len(cw.Sources)),
		},
		Mappings: make([]Record, 0, len(records)),
	}
	for _, s := range cw.Sources {
		doc.Crosswalk.Sources = append(doc.Crosswalk.Sources, jsonReference{Title: s.Title, URL: s.URL})
	}
	for _, r := range records {
		if r.References == nil {
			r.References = []string{}
		}
		doc.Mappings = append(doc.Mappings, r)
	}
	data, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(data, '\n'), nil
}

// jsonFrameworkOf describes a framework; id alone when the crosswalk was
// not linked to it.
func jsonFrameworkOf(fw *model.Framework, id string) jsonFramework {
	if fw == nil {
		return jsonFramework{ID: id}
	}
	return jsonFramework{ID: fw.ID, Title: fw.Title, Version: fw.Version, Publisher: fw.Publisher, URL: fw.URL, License: fw.License}
}
