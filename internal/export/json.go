package export

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"

	"github.com/crosswalk-ssg/crosswalk/internal/model"
	"github.com/crosswalk-ssg/crosswalk/internal/vocab"
)

// jsonDocument is the crosswalk JSON, keys in this order. Its shape is
// described by crosswalk.schema.json (Schema). JSON writes it part by
// part, Mappings one record at a time; readers decode it whole.
type jsonDocument struct {
	Schema    string        `json:"$schema"`
	Crosswalk jsonCrosswalk `json:"crosswalk"`
	Mappings  []Record      `json:"mappings"`
}

type jsonCrosswalk struct {
	ID                string            `json:"id"`
	Title             string            `json:"title"`
	Status            string            `json:"status"`
	StatusStatement   string            `json:"status_statement"`
	Publisher         string            `json:"publisher"`
	Published         string            `json:"published"`
	URL               string            `json:"url"`
	Method            string            `json:"method"`
	Direction         string            `json:"direction"`
	Granularity       string            `json:"granularity"`
	MappingMethod     string            `json:"mapping_method"`
	MatchingRationale string            `json:"matching_rationale"`
	Relationships     jsonVocabulary    `json:"relationships"`
	Transcription     jsonTranscription `json:"transcription"`
	Source            jsonFramework     `json:"source"`
	Target            jsonFramework     `json:"target"`
	Sources           []jsonReference   `json:"sources"`
}

// jsonVocabulary is the crosswalk's relationship vocabulary.
type jsonVocabulary struct {
	Vocabulary string     `json:"vocabulary"` // vocab.SetTheoryName, DeclaredName or UnstatedName
	Stated     bool       `json:"stated"`
	Note       string     `json:"note"`
	Namespace  string     `json:"namespace"`
	Terms      []jsonTerm `json:"terms"`
}

type jsonTerm struct {
	ID         string `json:"id"`
	Label      string `json:"label"`
	Reverse    string `json:"reverse"`
	Definition string `json:"definition"`
	OSCAL      string `json:"oscal"`
}

type jsonTranscription struct {
	From  string   `json:"from"`
	How   string   `json:"how"`
	Notes []string `json:"notes"`
}

type jsonFramework struct {
	ID        string        `json:"id"`
	Title     string        `json:"title"`
	Version   string        `json:"version"`
	Publisher string        `json:"publisher"`
	URL       string        `json:"url"`
	License   string        `json:"license"`
	IDs       string        `json:"ids"` // "publisher" or "site"
	Elements  []jsonElement `json:"elements"`
}

// jsonElement is one element of a framework, in framework order (each
// element followed by its children).
type jsonElement struct {
	ID         string          `json:"id"`
	Label      string          `json:"label"`
	Title      string          `json:"title"`
	Statement  string          `json:"statement"`
	Level      string          `json:"level"`
	ParentID   string          `json:"parent_id"`
	Fields     []Field         `json:"fields"`
	Items      []jsonItem      `json:"items"`
	Withdrawn  bool            `json:"withdrawn"`
	References []jsonReference `json:"references"`
	SourceURL  string          `json:"source_url"`
}

// jsonItem is one item of a statement.
type jsonItem struct {
	Label string     `json:"label"`
	Text  string     `json:"text"`
	Items []jsonItem `json:"items"`
}

func jsonItems(items []model.Item) []jsonItem {
	out := make([]jsonItem, 0, len(items))
	for _, it := range items {
		out = append(out, jsonItem{Label: it.Label, Text: it.Text, Items: jsonItems(it.Items)})
	}
	return out
}

func jsonReferences(refs []model.Reference) []jsonReference {
	out := make([]jsonReference, 0, len(refs))
	for _, r := range refs {
		out = append(out, jsonReference{Title: r.Title, URL: publishedURL(r.URL)})
	}
	return out
}

type jsonReference struct {
	Title string `json:"title"`
	URL   string `json:"url"`
}

// schemaRef is the value of "$schema" in the crosswalk JSON: the schema's
// file name, which sits beside the JSON under Dir.
const schemaRef = "crosswalk.schema.json"

// JSON returns a linked crosswalk and its records as JSON: an object with
// "$schema", "crosswalk" (its metadata and both frameworks, each with
// every one of its elements in framework order) and "mappings" (records,
// with their elements' fields as lists), indented by two spaces and ending in a newline. Every key is
// always present (empty strings and arrays rather than omitted keys or
// null), and <, > and & in strings are escaped as \u003c, \u003e, \u0026.
// A url that the pages would not link (see linkable: javascript:, data:,
// vbscript:, …) is written "".
func JSON(cw *model.Crosswalk, records []Record) ([]byte, error) {
	var buf bytes.Buffer
	err := writeJSON(&buf, cw, recordSlice(records))
	return buf.Bytes(), err
}

// writeJSON writes JSON's bytes to w.
func writeJSON(w io.Writer, cw *model.Crosswalk, records recordList) error {
	doc := jsonDocument{
		Schema: schemaRef,
		Crosswalk: jsonCrosswalk{
			ID:                cw.ID,
			Title:             cw.Title,
			Status:            string(cw.Status),
			StatusStatement:   cw.StatusStatement,
			Publisher:         cw.Publisher,
			Published:         cw.Published,
			URL:               publishedURL(cw.URL),
			Method:            cw.Method,
			Direction:         cw.Direction,
			Granularity:       cw.Granularity,
			MappingMethod:     cw.MappingMethod,
			MatchingRationale: cw.MatchingRationale,
			Relationships:     jsonVocabularyOf(cw.Vocabulary),
			Source:            jsonFrameworkOf(cw.Source, cw.SourceID),
			Target:            jsonFrameworkOf(cw.Target, cw.TargetID),
			Sources:           make([]jsonReference, 0, len(cw.Sources)),
		},
	}
	doc.Crosswalk.Transcription.Notes = []string{}
	if t := cw.Transcription; t != nil {
		doc.Crosswalk.Transcription = jsonTranscription{From: t.From, How: t.How, Notes: append([]string{}, t.Notes...)}
	}
	for _, s := range cw.Sources {
		doc.Crosswalk.Sources = append(doc.Crosswalk.Sources, jsonReference{Title: s.Title, URL: publishedURL(s.URL)})
	}
	// The document is written part by part, each record on its own, as
	// json.MarshalIndent(doc, "", "  ") would write it whole: the same
	// bytes, without holding the whole document's encoding (and its
	// indented copy) at once, which at 50,000 records is most of a
	// build's peak memory.
	out := &failed{w: w}
	b := bufio.NewWriterSize(out, 64<<10)
	part := func(prefix string, v any) error {
		data, err := json.MarshalIndent(v, prefix, "  ")
		b.Write(data)
		return err
	}
	b.WriteString("{\n  \"$schema\": ")
	if err := part("  ", doc.Schema); err != nil {
		return err
	}
	b.WriteString(",\n  \"crosswalk\": ")
	if err := part("  ", doc.Crosswalk); err != nil {
		return err
	}
	b.WriteString(",\n  \"mappings\": [")
	var buf []byte // one record's bytes (appendRecordJSON), reused
	for i := range records.Len() {
		if out.err != nil {
			return out.err
		}
		r := records.At(i)
		if r.References == nil {
			r.References = []string{}
		}
		if r.SourceFields == nil {
			r.SourceFields = []Field{}
		}
		if r.TargetFields == nil {
			r.TargetFields = []Field{}
		}
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("\n    ")
		buf = appendRecordJSON(buf[:0], &r)
		b.Write(buf)
	}
	if records.Len() > 0 {
		b.WriteString("\n  ")
	}
	b.WriteString("]\n}\n")
	return b.Flush()
}

// jsonFrameworkOf describes a framework and every element of it; id
// alone (and no elements) when the crosswalk was not linked to it.
func jsonFrameworkOf(fw *model.Framework, id string) jsonFramework {
	if fw == nil {
		return jsonFramework{ID: id, Elements: []jsonElement{}}
	}
	out := jsonFramework{ID: fw.ID, Title: fw.Title, Version: fw.Version, Publisher: fw.Publisher, URL: publishedURL(fw.URL), License: fw.License,
		IDs: "publisher", Elements: make([]jsonElement, 0, len(fw.Elements))}
	if fw.SiteIDs {
		out.IDs = "site"
	}
	for _, e := range fw.Elements {
		out.Elements = append(out.Elements, jsonElement{ID: e.ID, Label: e.FullLabel(), Title: e.Title, Statement: e.Statement, Level: kind(e), ParentID: parentID(e), Fields: Fields(e),
			Items: jsonItems(e.Items), Withdrawn: e.Withdrawn, References: jsonReferences(e.References), SourceURL: e.DeepSource()})
	}
	return out
}

func jsonVocabularyOf(v *vocab.Vocabulary) jsonVocabulary {
	out := jsonVocabulary{Vocabulary: v.Name, Stated: v.Stated, Note: v.Note, Namespace: v.Namespace, Terms: make([]jsonTerm, 0, len(v.Terms))}
	for _, t := range v.Terms {
		out.Terms = append(out.Terms, jsonTerm{ID: t.ID, Label: t.Label, Reverse: t.Reverse, Definition: t.Definition, OSCAL: t.OSCAL})
	}
	return out
}
