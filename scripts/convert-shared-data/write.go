package main

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"

	"github.com/crosswalk-ssg/crosswalk/internal/frontmatter"
	"gopkg.in/yaml.v3"
)

// writer writes content files under out and keeps a log of what it wrote.
type writer struct {
	out     string
	written []string // paths relative to out, in write order
	report  []string // lines printed at the end
}

func (w *writer) logf(format string, args ...any) {
	w.report = append(w.report, fmt.Sprintf(format, args...))
}

// header is the YAML comment at the top of every generated front matter.
// make content rewrites the file, so an edit made here would be lost: it
// says to edit the data or the script instead.
func header(dataFile string) string {
	return "# Written by make content (scripts/convert-shared-data) from ../shared/data/" + dataFile +
		".\n# make content overwrites this file: edit the data or the script, not this file."
}

// encodeFrontMatter returns the front matter of v: v as yaml.v3 nodes,
// every string restyled by frontmatter.Text (so multi-line text is a
// literal block where one holds it exactly) and every key by
// frontmatter.Key, with the generated-by comment on top, as
// frontmatter.Encode writes it.
func encodeFrontMatter(dataFile string, v any) (*yaml.Node, error) {
	var n yaml.Node
	if err := n.Encode(v); err != nil {
		return nil, err
	}
	restyle(&n)
	n.HeadComment = header(dataFile)
	return &n, nil
}

// restyle gives every string scalar of n the style frontmatter gives it.
func restyle(n *yaml.Node) {
	for i, c := range n.Content {
		if c.Kind == yaml.ScalarNode && c.Tag == "!!str" {
			s := frontmatter.Text(c.Value)
			if n.Kind == yaml.MappingNode && i%2 == 0 {
				s = frontmatter.Key(c.Value)
			}
			c.Style = s.Style
		}
		restyle(c)
	}
}

// writeDoc writes front matter fm and Markdown body to rel (relative to the content folder),
// then reads the file back and checks that its front matter decodes (strictly, with yaml.v3)
// to a value equal to fm and that the body is unchanged. back must be a pointer to a zero
// value of fm's type; it holds the decoded front matter afterwards, for further checks.
func (w *writer) writeDoc(rel, dataFile string, fm any, back any, body string) error {
	n, err := encodeFrontMatter(dataFile, fm)
	if err != nil {
		return fmt.Errorf("%s: %w", rel, err)
	}
	doc, err := frontmatter.File(n, body)
	if err != nil {
		return fmt.Errorf("%s: %w", rel, err)
	}
	if err := w.writeFile(rel, doc); err != nil {
		return err
	}

	gotFM, gotBody, err := w.readBack(rel)
	if err != nil {
		return err
	}
	if gotBody != body {
		return fmt.Errorf("%s: body changed on reading back", rel)
	}
	dec := yaml.NewDecoder(strings.NewReader(gotFM))
	dec.KnownFields(true)
	if err := dec.Decode(back); err != nil {
		return fmt.Errorf("%s: front matter does not decode: %w", rel, err)
	}
	want := reflect.ValueOf(fm)
	if want.Kind() == reflect.Pointer {
		want = want.Elem()
	}
	if !reflect.DeepEqual(want.Interface(), reflect.ValueOf(back).Elem().Interface()) {
		return fmt.Errorf("%s: front matter read back differs from what was written", rel)
	}
	if err := checkNoEscapes(rel, gotFM); err != nil {
		return err
	}
	return nil
}

// checkNoEscapes fails if the emitter had to fall back to a double-quoted multi-line string
// or to escape sequences, which would make the file hard to read and edit.
func checkNoEscapes(rel, fm string) error {
	var n yaml.Node
	if err := yaml.Unmarshal([]byte(fm), &n); err != nil {
		return err
	}
	var bad error
	var walk func(*yaml.Node)
	walk = func(n *yaml.Node) {
		if n.Kind == yaml.ScalarNode && n.Style&yaml.DoubleQuotedStyle != 0 && strings.ContainsAny(n.Value, "\n\t\\") {
			bad = fmt.Errorf("%s:%d: a string was written with escapes; edit the converter", rel, n.Line)
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(&n)
	return bad
}

// writeFile writes data to rel under the content folder, creating folders as needed.
func (w *writer) writeFile(rel string, data []byte) error {
	path := filepath.Join(w.out, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return err
	}
	w.written = append(w.written, rel)
	return nil
}

// readBack reads rel and splits it into front matter (without the --- lines) and body.
func (w *writer) readBack(rel string) (fm, body string, err error) {
	b, err := os.ReadFile(filepath.Join(w.out, filepath.FromSlash(rel)))
	if err != nil {
		return "", "", err
	}
	fm, body, ok := splitFrontMatter(string(b))
	if !ok {
		return "", "", fmt.Errorf("%s: no front matter between --- lines", rel)
	}
	return fm, body, nil
}

// splitFrontMatter splits a document that starts with a "---" line into the YAML up to the
// next "---" line and the rest.
func splitFrontMatter(doc string) (fm, body string, ok bool) {
	const delim = "---\n"
	if !strings.HasPrefix(doc, delim) {
		return "", "", false
	}
	rest := doc[len(delim):]
	i := strings.Index(rest, "\n"+delim)
	if i < 0 {
		return "", "", false
	}
	return rest[:i+1], rest[i+1+len(delim):], true
}

// same fails with a message naming what differs when got is not byte-for-byte want.
func same(what, got, want string) error {
	if got != want {
		return fmt.Errorf("%s is not verbatim:\n  source: %q\n  written: %q", what, want, got)
	}
	return nil
}
