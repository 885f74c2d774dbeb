package link_test

import (
	"slices"
	"strings"
	"testing"
)

// TestLinkElementCycles checks that a cycle of element files is reported at
// each of its members once, and that element files which are only below
// a cycle, or below an unknown parent, are not reported: they are
// unpublished for a reason already given, and calling them a cycle would
// send the author looking for one that does not exist.
func TestLinkElementCycles(t *testing.T) {
	t.Parallel()
	fw := frameworkFile("f", "a:page", "b", "c", "d")
	elementFile := func(id, parent string) file {
		return file{"content/frameworks/f/" + strings.ToLower(id) + ".md", "---\nid: " + id + "\nparent: " + parent + "\ntitle: " + id + "\n---\n"}
	}
	tests := []struct {
		name  string
		files []file
		want  []string
	}{
		{
			name:  "below an unknown parent",
			files: []file{fw, elementFile("A", "X"), elementFile("B", "A"), elementFile("C", "B")},
			want:  []string{`content/frameworks/f/a.md:3:9: unknown parent "X" in framework "f"`},
		},
		{
			name:  "three element files in a cycle",
			files: []file{fw, elementFile("P", "Q"), elementFile("Q", "R"), elementFile("R", "P")},
			want: []string{
				`content/frameworks/f/p.md:3:9: parent "Q" of "P" forms a cycle of element files`,
				`content/frameworks/f/q.md:3:9: parent "R" of "Q" forms a cycle of element files`,
				`content/frameworks/f/r.md:3:9: parent "P" of "R" is the element itself or one of its descendants`,
			},
		},
		{
			name:  "below a cycle",
			files: []file{fw, elementFile("P", "Q"), elementFile("Q", "P"), elementFile("S", "P"), elementFile("T", "S")},
			want: []string{
				`content/frameworks/f/p.md:3:9: parent "Q" of "P" forms a cycle of element files`,
				`content/frameworks/f/q.md:3:9: parent "P" of "Q" is the element itself or one of its descendants`,
			},
		},
		{
			name: "through an element nested in a file",
			files: []file{fw,
				{"content/frameworks/f/p.md", "---\nid: P\nparent: Q1\ntitle: P\nchildren:\n  - {id: P1, title: P1}\n---\n"},
				{"content/frameworks/f/q.md", "---\nid: Q\nparent: P1\ntitle: Q\nchildren:\n  - {id: Q1, title: Q1}\n---\n"}},
			want: []string{
				`content/frameworks/f/p.md:3:9: parent "Q1" of "P" forms a cycle of element files`,
				`content/frameworks/f/q.md:3:9: parent "P1" of "Q" is the element itself or one of its descendants`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := strings.Split(buildErr(t, tt.files...), "\n"); !slices.Equal(got, tt.want) {
				t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestLinkElementFilesUnderNested checks the passes together: an element
// file attached below an element nested in another file is ordered among
// that element's nested children by weight, takes its depth from where it
// is attached, and is listed in the framework's elements depth first.
func TestLinkElementFilesUnderNested(t *testing.T) {
	t.Parallel()
	site, _ := mustBuild(t,
		frameworkFile("f", "a:page", "b", "c"),
		file{"content/frameworks/f/c.md", "---\nid: C\nparent: A1\ntitle: C\nweight: -1\n---\n"},
		file{"content/frameworks/f/a.md", "---\nid: A\ntitle: A\nchildren:\n  - id: A1\n    title: A1\n    children:\n      - {id: A1a, title: A1a}\n---\n"},
	)
	fw := site.Frameworks[0]
	var got []string
	for _, e := range fw.Elements {
		got = append(got, e.ID)
	}
	if want := []string{"A", "A1", "C", "A1a"}; !slices.Equal(got, want) {
		t.Errorf("elements = %q, want %q", got, want)
	}
	if c := fw.ByID["C"]; c.Parent != fw.ByID["A1"] || c.Depth != 2 || c.Slug != "c" {
		t.Errorf("C: parent %v, depth %d, slug %q", c.Parent, c.Depth, c.Slug)
	}
	if len(fw.Roots) != 1 || fw.Roots[0].ID != "A" {
		t.Errorf("roots = %v, want [A]", fw.Roots)
	}
}
