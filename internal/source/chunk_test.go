package source

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// wholeRoot parses data as one document, as decode does without pieces.
func wholeRoot(t testing.TB, data []byte) (*yaml.Node, error) {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, err
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	return doc.Content[0], nil
}

// sameNodes reports where two trees differ in what decoding reads of
// them (kinds, styles, tags, values, anchors, aliases' targets, and every
// line and column), or "" when they do not; comments are not read.
func sameNodes(a, b *yaml.Node, at string) string {
	switch {
	case a == nil || b == nil:
		if a != b {
			return at + ": one node is missing"
		}
		return ""
	case a.Kind != b.Kind || a.Style != b.Style || a.Tag != b.Tag || a.Value != b.Value || a.Anchor != b.Anchor:
		return fmt.Sprintf("%s: %v %v %q %q %q, want %v %v %q %q %q", at, a.Kind, a.Style, a.Tag, a.Value, a.Anchor, b.Kind, b.Style, b.Tag, b.Value, b.Anchor)
	case a.Line != b.Line || a.Column != b.Column:
		return fmt.Sprintf("%s: at %d:%d, want %d:%d", at, a.Line, a.Column, b.Line, b.Column)
	case len(a.Content) != len(b.Content):
		return fmt.Sprintf("%s: %d children, want %d", at, len(a.Content), len(b.Content))
	case a.Kind == yaml.AliasNode:
		if a.Alias.Line != b.Alias.Line || a.Alias.Column != b.Alias.Column {
			return at + ": the alias names another anchor"
		}
	}
	for i := range a.Content {
		if d := sameNodes(a.Content[i], b.Content[i], fmt.Sprintf("%s/%d", at, i)); d != "" {
			return d
		}
	}
	return ""
}

// records is a crosswalk's front matter of n mapping records, each of
// which item writes; before and after are the keys around "mappings".
func records(n int, item func(i int) string) string {
	var b strings.Builder
	b.WriteString("crosswalk:\n  id: a-b\n  title: A to B\n# the records\nmappings:\n")
	for i := range n {
		b.WriteString(item(i))
	}
	b.WriteString("\n# after\nno_counterpart:\n  - source: X\n    reason: none\nend: true\n")
	return b.String()
}

// TestDecodeInPieces: front matter parsed in pieces is the front matter
// parsed whole, node for node, position for position, for the shapes a
// crosswalk's records take (plain, quoted over lines, block scalars,
// flow mappings, comments and blank lines between them, anchors inside a
// record, CRLF line ends, items at the key's own indentation), and for
// pieces of every size down to one record each.
func TestDecodeInPieces(t *testing.T) {
	t.Parallel()
	docs := map[string]string{
		"plain": records(40, func(i int) string {
			return fmt.Sprintf("  - source: S%d\n    target: T%d\n    relationship: subset-of\n    rationale: Because %d.\n", i, i, i)
		}),
		"mixed": records(30, func(i int) string {
			switch i % 5 {
			case 0:
				return fmt.Sprintf("  - {source: S%d, target: T%d}\n", i, i)
			case 1:
				return fmt.Sprintf("  - source: S%d\n    target: T%d\n    rationale: \"a quoted line\n      that goes on - here\n\n      and here\"\n", i, i)
			case 2:
				return fmt.Sprintf("\n  # record %d\n  - source: S%d\n    target: T%d\n    note: |\n      kept\n        - as it is\n\n      # not a comment\n", i, i, i)
			case 3:
				return fmt.Sprintf("  - source: &s%d S%d\n    target: *s%d\n    references: [a, b,\n      c]\n", i, i, i)
			default:
				return fmt.Sprintf("  -\n    source: S%d\n    target: 'T%d''s'\n    evidence: >-\n      folded\n      text\n", i, i)
			}
		}),
		"indentless": strings.ReplaceAll(records(20, func(i int) string {
			return fmt.Sprintf("- source: S%d\n  target: T%d\n", i, i)
		}), "  - source: X\n    reason", "- source: X\n  reason"),
		"crlf": strings.ReplaceAll(records(20, func(i int) string {
			return fmt.Sprintf("  - source: S%d\n    target: T%d\n", i, i)
		}), "\n", "\r\n"),
		"duplicate key": "mappings:\n  - a\n  - b\nother: 1\nmappings: 2\n", // yaml.v3 keeps both; decoding reports it
		"unicode": records(20, func(i int) string {
			return fmt.Sprintf("  - source: Ü%d\n    target: “T%d” — ok\n", i, i)
		}),
	}
	for name, doc := range docs {
		want, err := wholeRoot(t, []byte(doc))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, size := range []int{1, 40, 200, 1000} {
			got, ok := decodeInPieces([]byte(doc), size)
			if !ok {
				if len(doc) > 2*size {
					t.Errorf("%s, pieces of %d bytes: not parsed in pieces", name, size)
				}
				continue
			}
			if d := sameNodes(got, want, name); d != "" {
				t.Errorf("%s, pieces of %d bytes: %s", name, size, d)
			}
		}
	}
}

// TestDecodeInPiecesFallsBack: what pieces cannot be sure of is left to
// the whole parse: an alias of an anchor in another record, a quoted
// scalar that an item line seems to cut, a tab in the indentation, a
// lone CR, a key with something after its colon, a sequence of one
// record, a document that is not valid.
func TestDecodeInPiecesFallsBack(t *testing.T) {
	t.Parallel()
	two := func(first, second string) string {
		return "mappings:\n" + first + second + "other: 1\n"
	}
	for name, doc := range map[string]string{
		"alias across records": two("  - &a {source: S}\n", "  - *a\n"),
		"quoted across items":  two("  - \"a\n", "  - b\"\n"),
		"tab":                  two("  - a\n", "\t- b\n"),
		"lone CR":              two("  - a\r", "  - b\n"),
		"anchored key":         "mappings: &m\n  - a\n  - b\n",
		"one record":           "mappings:\n  - a\n",
		"invalid":              two("  - a: [\n", "  - b\n"),
		"less indented":        two("  - a\n", " x\n  - b\n"),
	} {
		if _, ok := decodeInPieces([]byte(doc), 1); ok {
			whole, err := wholeRoot(t, []byte(doc))
			t.Errorf("%s: parsed in pieces; the whole parse gives %v, %v", name, whole, err)
		}
	}
}

// FuzzDecodeInPieces: whatever front matter the pieces accept, the whole
// parse accepts too, and gives the same tree, node for node and position
// for position. Pieces are as small as they get (a record each), so that
// every sequence of two records or more is cut.
func FuzzDecodeInPieces(f *testing.F) {
	for _, s := range []string{
		"mappings:\n  - a\n  - b\n",
		"k: 1\nmappings:\n- {a: 1}\n- [b]\nz: 2\n",
		"mappings:\n  - a: |\n      x\n  - b: \"y\n    z\"\n# c\nq: 3\n",
		"mappings:\r\n  - &x a\r\n  - *x\r\n",
		"mappings:\n  - ? a\n    : b\n  -\n  - c\n...\nx: 1\n",
		"a:\n  - 1\n  - 2\nb:\n  - 3\n  - 4\n  - 5\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		got, ok := decodeInPieces(data, 1)
		if !ok {
			return
		}
		want, err := wholeRoot(t, data)
		if err != nil {
			t.Fatalf("parsed in pieces, but the whole parse fails: %v", err)
		}
		if d := sameNodes(got, want, "root"); d != "" {
			t.Fatalf("%s", d)
		}
	})
}

// TestDecodeInPiecesRealFile: the default site's crosswalk (the official
// NIST transcription) and, with $CROSSWALK_BENCH_SITE, a harness corpus's,
// parse in pieces to what they parse whole.
func TestDecodeInPiecesRealFile(t *testing.T) {
	t.Parallel()
	files := []string{"../../content/crosswalks/nist-ai-rmf--ai-verify.md"}
	if dir := os.Getenv("CROSSWALK_BENCH_SITE"); dir != "" {
		matches, _ := filepath.Glob(filepath.Join(dir, "content", "crosswalks", "*.md"))
		files = append(files, matches...)
	}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		sp := splitFrontMatter(data)
		want, err := wholeRoot(t, sp.data)
		if err != nil {
			t.Fatal(err)
		}
		got, ok := decodeInPieces(sp.data, max(len(sp.data)/16, 1))
		if !ok {
			t.Fatalf("%s: not parsed in pieces", name)
		}
		if d := sameNodes(got, want, name); d != "" {
			t.Errorf("%s", d)
		}
	}
}
