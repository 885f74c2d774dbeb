package frontmatter

import (
	"bytes"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Text returns a string scalar styled as little as YAML allows, as the
// package documentation describes: plain, quoted, or a literal block for
// multi-line text. Every valid UTF-8 string reads back as itself.
func Text(v string) *yaml.Node {
	first, _, multiline := strings.Cut(v, "\n")
	switch {
	case !multiline:
		// yaml.v3 marshals a single-line string plain unless YAML (1.2,
		// or 1.1 for "yes" and "1:20") would read it as another type, or
		// its emitter finds plain text does not hold it.
		var n yaml.Node
		if err := n.Encode(v); err == nil && n.Kind == yaml.ScalarNode {
			n.Line, n.Column = 0, 0
			return &n
		}
	case first != "" && first[0] != ' ' && first[0] != '\t' && !strings.ContainsAny(v, "\r\u0085\u2028\u2029"):
		// yaml.v3's emitter writes a literal block it cannot write
		// exactly (trailing blanks, breaks next to spaces) double-quoted.
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v, Style: yaml.LiteralStyle}
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v, Style: yaml.DoubleQuotedStyle}
}

// Key returns a mapping key. It is plain; yaml.v3 quotes a key that
// would not read back as the same string.
func Key(k string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k}
}

// Map returns a mapping of kv, which are pairs of a key (Key) and its
// value. It panics when kv has an odd number of nodes.
func Map(kv ...*yaml.Node) *yaml.Node {
	if len(kv)%2 != 0 {
		panic("frontmatter.Map: a key without a value")
	}
	return &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Content: kv}
}

// Seq returns a sequence of items.
func Seq(items ...*yaml.Node) *yaml.Node {
	return &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Content: items}
}

// Bool returns a boolean scalar, true or false.
func Bool(b bool) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: strconv.FormatBool(b)}
}

// Int returns an integer scalar in decimal.
func Int(n int) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.Itoa(n)}
}

// Encode writes n as YAML, indented by two spaces, without folding lines.
// n may be a document node (to carry a head comment) or any other node.
func Encode(n *yaml.Node) ([]byte, error) {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(n); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// File returns a content file: the front matter fm (Encode) between
// "---" lines, then body as is.
func File(fm *yaml.Node, body string) ([]byte, error) {
	y, err := Encode(fm)
	if err != nil {
		return nil, err
	}
	out := make([]byte, 0, len("---\n")*2+len(y)+len(body))
	out = append(out, "---\n"...)
	out = append(out, y...)
	out = append(out, "---\n"...)
	out = append(out, body...)
	return out, nil
}

// Set sets key k of a mapping node m to v, in place when the key is there
// and at the end when not; a nil v removes the key.
func Set(m *yaml.Node, k string, v *yaml.Node) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == k {
			if v == nil {
				m.Content = append(m.Content[:i], m.Content[i+2:]...)
			} else {
				m.Content[i+1] = v
			}
			return
		}
	}
	if v != nil {
		m.Content = append(m.Content, Key(k), v)
	}
}

// Get returns the value of key in a mapping node, an alias resolved, or
// nil when the key is not there.
func Get(m *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			v := m.Content[i+1]
			for v.Kind == yaml.AliasNode && v.Alias != nil {
				v = v.Alias
			}
			return v
		}
	}
	return nil
}
