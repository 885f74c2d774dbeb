package build_test

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/crosswalk-ssg/crosswalk/internal/frontmatter"
	"github.com/crosswalk-ssg/crosswalk/internal/sitetest"
	"gopkg.in/yaml.v3"
)

// TestFrontMatterWriterRoundTrip rewrites the front matter of every
// content file of the default site through internal/frontmatter (every
// string through Text, every map and list through Map and Seq) and checks
// that the site built from the rewritten files is byte for byte the site
// built from the originals: for every key the default content uses
// (frameworks, elements with fields and children, the crosswalk with its
// vocabulary, provenance and 272 records, pages, the home page), what the
// writer writes reads back as the same model.
func TestFrontMatterWriterRoundTrip(t *testing.T) {
	repo := sitetest.ReadTree(t, sitetest.Repo(t), "content")
	rewritten := map[string]string{}
	for _, name := range slices.Sorted(maps.Keys(repo)) {
		text := repo[name]
		if !strings.HasSuffix(name, ".md") || !strings.HasPrefix(text, "---\n") {
			rewritten[name] = text
			continue
		}
		end := strings.Index(text[4:], "\n---\n")
		if end < 0 {
			t.Fatalf("%s: no closing front matter delimiter", name)
		}
		fm, body := text[4:4+end+1], text[4+end+5:]
		var doc yaml.Node
		if err := yaml.Unmarshal([]byte(fm), &doc); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out, err := frontmatter.File(rebuild(t, name, doc.Content[0]), body)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		rewritten[name] = string(out)
	}
	if strings.Contains(rewritten["content/crosswalks/nist-ai-rmf--ai-verify.md"], "# Written by make content") {
		t.Fatal("the rewrite kept the converter's comments; it should have built every node anew")
	}
	want, _ := sitetest.Build(t, sitetest.Source(repo))
	got, _ := sitetest.Build(t, sitetest.Source(rewritten))
	for _, name := range slices.Sorted(maps.Keys(want)) {
		if !bytes.Equal(got[name], want[name]) {
			t.Errorf("%s differs when the front matter is written by internal/frontmatter", name)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d files built from the rewritten site, %d from the original", len(got), len(want))
	}
}

// rebuild makes n anew with frontmatter's constructors, dropping its
// styles and comments: strings through Text, ints and booleans through
// Int and Bool; other scalars (dates) keep their tag and value.
func rebuild(t *testing.T, file string, n *yaml.Node) *yaml.Node {
	t.Helper()
	switch n.Kind {
	case yaml.MappingNode:
		var kv []*yaml.Node
		for i := 0; i+1 < len(n.Content); i += 2 {
			kv = append(kv, frontmatter.Key(n.Content[i].Value), rebuild(t, file, n.Content[i+1]))
		}
		return frontmatter.Map(kv...)
	case yaml.SequenceNode:
		var items []*yaml.Node
		for _, c := range n.Content {
			items = append(items, rebuild(t, file, c))
		}
		return frontmatter.Seq(items...)
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!str":
			return frontmatter.Text(n.Value)
		case "!!int":
			v, err := strconv.Atoi(n.Value)
			if err != nil {
				t.Fatalf("%s:%d: %v", file, n.Line, err)
			}
			return frontmatter.Int(v)
		case "!!bool":
			return frontmatter.Bool(n.Value == "true")
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: n.Tag, Value: n.Value}
	}
	panic(fmt.Sprintf("%s:%d: a YAML node of kind %v in front matter", file, n.Line, n.Kind))
}
