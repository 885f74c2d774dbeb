package search

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"iter"
	"slices"
	"strings"

	"github.com/crosswalk-ssg/crosswalk/internal/model"
)

// Doc is one searchable document.
type Doc struct {
	ID      int    `json:"id"`
	Ref     string `json:"ref,omitempty"`     // element id, "" for other pages
	Title   string `json:"title,omitempty"`   // what the result is called ("" for a mapping record: search.js names it)
	Text    string `json:"text"`              // statement or description
	Context string `json:"context,omitempty"` // where it is: framework, kind, ancestors
	URL     string `json:"url"`               // from the site root, with #anchor for sections
	Kind    string `json:"kind"`              // element, mapping, framework, crosswalk or page
	// IDs are the forms of an element's id that a query matches exactly,
	// normalized as Normalize does: the id, the number it is shown by,
	// and the id with each of its framework's id aliases.
	IDs []string `json:"ids,omitempty"`
	// Records is how many mapping records name the element or what it
	// holds, across the site's crosswalks; Inherited how many name an
	// element it lies within (records made at its category, say).
	Records   int `json:"records,omitempty"`
	Inherited int `json:"inherited,omitempty"`
	// Framework and Level say what an element is, for the search page's
	// filters: its framework's short name and its level's name.
	Framework string `json:"fw,omitempty"`
	Level     string `json:"level,omitempty"`
	// A mapping record is a document of its own, found by its own words
	// (as published, rationale, basis evidence, note, references; Text).
	// Pair gives the documents of its source and target elements, and
	// Crosswalk its crosswalk's, from which search.js names it and gives
	// it its two ids as its Ref: the index carries no copy of them.
	Pair         []int  `json:"pair,omitempty"`
	Crosswalk    int    `json:"cw,omitempty"`
	Relationship string `json:"rel,omitempty"` // its term's label, "" when unstated
}

// Normalize is the form in which ids are compared: lower case, without
// spaces and hyphens ("MEASURE 2.11", "measure-2.11" and "MEASURE2.11" are
// "measure2.11"). search.js normalizes a query the same way.
func Normalize(id string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\t', '\r', '\n', '-', '_':
			return -1
		}
		return r
	}, strings.ToLower(id))
}

// ids are an element's exact-match forms (Doc.IDs), each once.
func ids(e *model.Element) []string {
	var out []string
	add := func(s string) {
		if s = Normalize(s); s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	add(e.ID)
	add(e.Number)
	for _, a := range e.Framework.IDAliases {
		full, short := Normalize(a.For), Normalize(a.Short)
		id := Normalize(e.ID)
		if full == "" || !strings.HasPrefix(id, full) {
			continue
		}
		// Only a whole prefix: GOVERN 1.1 → GV1.1, not GOVERNANCE.
		if rest := id[len(full):]; rest == "" || rest[0] < 'a' || rest[0] > 'z' {
			add(short + rest)
		}
	}
	return out
}

// Docs returns the documents of a linked site (Documents).
func Docs(site *model.Site) []Doc { return slices.Collect(Documents(site)) }

// Documents yields the documents of a linked site one at a time, in a
// stable order: frameworks and their elements in framework order,
// crosswalks each followed by its records, pages. Made as they are
// read, they are never all held at once: at 10,000 elements and 50,000
// records they were 24 MB.
func Documents(site *model.Site) iter.Seq[Doc] {
	return func(yield func(Doc) bool) { documents(site, yield) }
}

func documents(site *model.Site, yield func(Doc) bool) {
	n, more := 0, true
	add := func(d Doc) int {
		d.ID = n
		n++
		more = more && yield(d)
		return d.ID
	}
	docOf := map[*model.Element]int{}
	for _, fw := range site.Frameworks {
		if fw.Doc == nil {
			continue
		}
		add(Doc{Title: fw.Title, Text: fw.Publisher + ", version " + fw.Version, Context: "Framework", URL: fw.Doc.Path, Kind: "framework"})
		for _, e := range fw.Elements {
			if !more {
				return
			}
			if e.Doc == nil {
				continue
			}
			text := e.StatementText()
			if text == "" {
				text = e.Title
			}
			url := e.Doc.Path
			if e.Anchor != "" {
				url += "#" + e.Anchor
			}
			docOf[e] = add(Doc{Ref: e.ID, Title: e.FullLabel(), Text: text, Context: context(e), URL: url, Kind: "element", IDs: ids(e),
				Records: e.RecordsWithin(), Inherited: e.RecordsAbove(), Framework: fw.Name(), Level: e.Level().Name})
		}
	}
	for _, cw := range site.Crosswalks {
		if cw.Doc == nil {
			continue
		}
		at := add(Doc{Title: cw.Title, Text: cw.Method, Context: "Crosswalk · " + string(cw.Status), URL: cw.Doc.Path, Kind: "crosswalk"})
		for _, m := range cw.Mappings {
			if !more {
				return
			}
			src, okS := docOf[m.Source]
			tgt, okT := docOf[m.Target]
			if !okS || !okT {
				continue
			}
			d := Doc{Text: recordText(m), URL: m.RecordDoc().Path + "#" + m.Anchor(),
				Kind: "mapping", Pair: []int{src, tgt}, Crosswalk: at}
			if m.Term != nil {
				d.Relationship = m.Term.Label
			}
			add(d)
		}
	}
	pages := append([]*model.Page{site.Home}, site.Pages...)
	for _, p := range pages {
		if p != nil && p.Doc != nil {
			add(Doc{Title: p.Title, Text: p.Description, Context: "Page", URL: p.Doc.Path, Kind: "page"})
		}
	}
}

// recordText is what a mapping record says in its own words, as the
// record table shows it.
func recordText(m *model.Mapping) string {
	parts := []string{m.AsPublished, m.Rationale, m.Evidence, m.Note}
	parts = append(parts, m.References...)
	return strings.Join(slices.DeleteFunc(parts, func(s string) bool { return s == "" }), " · ")
}

// context says where an element is (its title names its framework):
// "subcategory · GOVERN › GOVERN 1".
func context(e *model.Element) string {
	parts := []string{e.Kind()}
	var path []string
	for _, a := range e.Ancestors() {
		path = append(path, a.Label())
	}
	if len(path) > 0 {
		parts = append(parts, strings.Join(path, " › "))
	}
	return strings.Join(parts, " · ")
}

// Script returns the index of docs as JavaScript that sets
// window.CROSSWALK_SEARCH_INDEX.
func Script(docs []Doc) ([]byte, error) {
	var b bytes.Buffer
	err := WriteScript(&b, slices.Values(docs))
	return b.Bytes(), err
}

// WriteScript writes Script's JavaScript for docs to w, a document at a
// time, so that neither the documents nor the index (16 MB at 10,000
// elements) are held whole.
func WriteScript(w io.Writer, docs iter.Seq[Doc]) error {
	b := bufio.NewWriterSize(w, 64<<10)
	b.WriteString("// Search index of this site, generated by crosswalk; read by search.js.\n")
	b.WriteString("window.CROSSWALK_SEARCH_INDEX = [\n")
	// One document a line, so that changes to the index diff well.
	var line bytes.Buffer
	enc := json.NewEncoder(&line)
	enc.SetEscapeHTML(true) // no "</script>" can appear, whatever the content
	first := true
	for d := range docs {
		line.Reset()
		if err := enc.Encode(d); err != nil {
			return err
		}
		if !first {
			b.WriteString(",\n")
		}
		first = false
		if _, err := b.Write(bytes.TrimSuffix(line.Bytes(), []byte("\n"))); err != nil {
			return err // the writer's first error: the rest would not be written
		}
	}
	if !first {
		b.WriteByte('\n')
	}
	b.WriteString("];\n")
	return b.Flush()
}
