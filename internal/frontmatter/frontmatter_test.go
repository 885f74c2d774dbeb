package frontmatter

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

func TestText(t *testing.T) {
	for _, tc := range []struct {
		in, want string // want is the line(s) Encode writes for k: in
	}{
		{"plain", "k: plain\n"},
		{"GOVERN 1.1", "k: GOVERN 1.1\n"},
		{"a: b", "k: 'a: b'\n"}, // the emitter's single quotes, as yaml.v3 marshals
		{"", "k: \"\"\n"},
		{"yes", "k: \"yes\"\n"},
		{"No", "k: \"No\"\n"},
		{"true", "k: \"true\"\n"},
		{"1.0", "k: \"1.0\"\n"},
		{"12", "k: \"12\"\n"},
		{"1:20", "k: \"1:20\"\n"},
		{"null", "k: \"null\"\n"},
		{"~", "k: \"~\"\n"},
		{": x", "k: ': x'\n"},
		{" lead", "k: ' lead'\n"},
		{"trail ", "k: 'trail '\n"},
		{"#x", "k: '#x'\n"},
		{"a #b", "k: 'a #b'\n"},
		{"a#b", "k: a#b\n"},
		{"- x", "k: '- x'\n"},
		{"tab\there", "k: \"tab\\there\"\n"},
		{"Ünïcode — “as is”", "k: Ünïcode — “as is”\n"},
		{"one\ntwo", "k: |-\n  one\n  two\n"},
		{"one\ntwo\n", "k: |\n  one\n  two\n"},
		{"one\n\n  indented\n", "k: |\n  one\n\n    indented\n"},
		{" lead\ntwo", "k: \" lead\\ntwo\"\n"},
		{"\nlead break", "k: \"\\nlead break\"\n"},
		{"trail \ntwo", "k: \"trail \\ntwo\"\n"},
		{"one\r\ntwo", "k: \"one\\r\\ntwo\"\n"},
		{"one\u2028two\nthree", "k: \"one\\Ltwo\\nthree\"\n"},
	} {
		got, err := Encode(Map(Key("k"), Text(tc.in)))
		if err != nil {
			t.Fatalf("%q: %v", tc.in, err)
		}
		if string(got) != tc.want {
			t.Errorf("Text(%q) writes\n%s\nwant\n%s", tc.in, got, tc.want)
		}
		if back := decodeString(t, got, "k"); back != tc.in {
			t.Errorf("Text(%q) reads back as %q", tc.in, back)
		}
	}
}

func decodeString(t *testing.T, y []byte, k string) string {
	t.Helper()
	var m map[string]string
	if err := yaml.Unmarshal(y, &m); err != nil {
		t.Fatalf("%q does not decode: %v", y, err)
	}
	return m[k]
}

// FuzzText checks that any UTF-8 text reads back as written, at the top
// level of a mapping and as a value in a sequence of mappings in a
// mapping, as importcsv writes records.
func FuzzText(f *testing.F) {
	for _, s := range []string{"", "x", "yes", "a\nb", "a\nb\n", " a\nb", "a \nb", "\n", "\n\n", "a\n\n", "a\r\nb", "a\rb",
		"a\u0085b\nc", "a\n\u2029", "\t", "a\n\tb", "a\n b", "a\n#b", "a\n- b", "# c", "'", "\"", "\\", "…\n…", "\ufeffa\nb", "a\n\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			t.Skip()
		}
		y, err := Encode(Map(Key("k"), Text(s)))
		if err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		if back := decodeString(t, y, "k"); back != s {
			t.Fatalf("%q is written as\n%s\nand reads back as %q", s, y, back)
		}
		y, err = Encode(Map(Key("list"), Seq(Map(Key("a"), Text("x"), Key("k"), Text(s)), Map(Key("k"), Text(s)))))
		if err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		var v struct{ List []map[string]string }
		if err := yaml.Unmarshal(y, &v); err != nil {
			t.Fatalf("%q is written as\n%s\nwhich does not decode: %v", s, y, err)
		}
		if len(v.List) != 2 || v.List[0]["k"] != s || v.List[1]["k"] != s {
			t.Fatalf("%q is written as\n%s\nand reads back as %q", s, y, v.List)
		}
	})
}

// TestRoundTrip checks that nested maps and sequences of every kind of
// scalar read back as the value they were built from.
func TestRoundTrip(t *testing.T) {
	type element struct {
		ID       string   `yaml:"id"`
		Level    int      `yaml:"level"`
		Leaf     bool     `yaml:"leaf"`
		Text     string   `yaml:"text"`
		Children []string `yaml:"children"`
	}
	type doc struct {
		Framework struct {
			ID    string `yaml:"id"`
			Title string `yaml:"title"`
			Notes string `yaml:"notes"`
		} `yaml:"framework"`
		Elements []element           `yaml:"elements"`
		Extra    map[string][]string `yaml:"extra"`
	}
	var want doc
	want.Framework.ID, want.Framework.Title, want.Framework.Notes = "nist-ai-rmf", "yes: 1.0", "First line.\n\n  Indented line\nLast line.\n"
	want.Elements = []element{
		{ID: "GOVERN 1.1", Level: 2, Leaf: true, Text: "Legal and regulatory requirements…\nare understood.", Children: []string{"a", "1", "null", " spaced"}},
		{ID: "0.1", Level: -3, Text: " leading\nbreaks\n\n", Children: []string{}},
	}
	want.Extra = map[string][]string{"true": {"#", "- x"}, "key: colon": {"a\u2028b\nc"}}

	var elems []*yaml.Node
	for _, e := range want.Elements {
		var children []*yaml.Node
		for _, c := range e.Children {
			children = append(children, Text(c))
		}
		elems = append(elems, Map(
			Key("id"), Text(e.ID), Key("level"), Int(e.Level), Key("leaf"), Bool(e.Leaf),
			Key("text"), Text(e.Text), Key("children"), Seq(children...)))
	}
	fm := Map(
		Key("framework"), Map(Key("id"), Text(want.Framework.ID), Key("title"), Text(want.Framework.Title), Key("notes"), Text(want.Framework.Notes)),
		Key("elements"), Seq(elems...),
		Key("extra"), Map(
			Key("true"), Seq(Text("#"), Text("- x")),
			Key("key: colon"), Seq(Text("a\u2028b\nc"))),
	)
	out, err := File(fm, "Body *text*.\n")
	if err != nil {
		t.Fatal(err)
	}
	s := string(out)
	if !strings.HasPrefix(s, "---\nframework:\n  id: nist-ai-rmf\n") || !strings.HasSuffix(s, "\n---\nBody *text*.\n") {
		t.Fatalf("File wrote\n%s", s)
	}
	if !strings.Contains(s, "  notes: |\n    First line.\n\n      Indented line\n    Last line.\n") {
		t.Errorf("block text is not kept as block text:\n%s", s)
	}
	y := strings.TrimSuffix(strings.TrimPrefix(s, "---\n"), "---\nBody *text*.\n")
	var got doc
	dec := yaml.NewDecoder(strings.NewReader(y))
	dec.KnownFields(true)
	if err := dec.Decode(&got); err != nil {
		t.Fatalf("%v in\n%s", err, y)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("read back as\n%#v\nwant\n%#v\nfrom\n%s", got, want, y)
	}
}

func TestMapOdd(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("Map with a key and no value does not panic")
		}
	}()
	Map(Key("k"))
}
