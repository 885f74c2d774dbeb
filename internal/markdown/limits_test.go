package markdown

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/crosswalk-ssg/crosswalk/internal/diag"
	"github.com/crosswalk-ssg/crosswalk/internal/model"
)

// linkDefs returns n link reference definitions, one a line, each
// line starting with prefix.
func linkDefs(prefix string, n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "%s[r%d]: https://example.org/%d\n", prefix, i, i)
	}
	return b.String()
}

func TestLimits(t *testing.T) {
	t.Parallel()
	const file = "content/about/page.md"
	rep := strings.Repeat
	nested := func(n int) string { return rep("[", n) + "a" + rep("]", n) }
	tests := []struct {
		name string
		md   string
		want []string // nil: within the limits, rendered
	}{
		{name: "32 block quotes", md: rep(">", 32) + " x\n"},
		{name: "33 block quotes", md: rep(">", 33) + " x\n",
			want: []string{file + ":5:33: block quotes nested 33 deep on one line; a line may open at most 32 block quotes and lists"}},
		{name: "block quotes with spaces, counted in full", md: "x\n\n" + rep("> ", 40) + "x\n",
			want: []string{file + ":7:65: block quotes nested 40 deep on one line; a line may open at most 32 block quotes and lists"}},
		{name: "lazily continued block quote", md: "> a\nlazy\n" + rep(">", 34) + " b\nlazy\n",
			want: []string{file + ":7:33: block quotes nested 34 deep on one line; a line may open at most 32 block quotes and lists"}},
		{name: "indented block quotes", md: "   " + rep(">", 33) + "\n",
			want: []string{file + ":5:36: block quotes nested 33 deep on one line; a line may open at most 32 block quotes and lists"}},
		{name: "lists on one line", md: rep("- ", 32) + "x\n" + rep("1. ", 33) + "y\n",
			want: []string{file + ":6:97: lists nested 33 deep on one line; a line may open at most 32 block quotes and lists"}},
		{name: "block quotes and lists", md: rep("> * ", 17) + "x\n",
			want: []string{file + ":5:65: block quotes and lists nested 34 deep on one line; a line may open at most 32 block quotes and lists"}},
		{name: "thematic breaks are not lists", md: "a\n\n" + rep("- ", 40) + "\n\n" + rep("* ", 40) + "\n\n> " + rep("_ ", 40) + "\n"},
		{name: "many list items, each shallow", md: rep("- a\n", 200) + rep("> b\n", 200)},
		{name: "indentation", md: rep(" ", 256) + "x\n" + rep(" ", 257) + "y\n" + rep(" ", 300) + "z\n",
			want: []string{file + ":6:1: line indented 257 columns; Markdown may nest about 100 levels (256 columns) deep"}},
		{name: "indentation inside a block quote", md: ">" + rep(" ", 256) + "- x\n>" + rep(" ", 257) + "- x\n",
			want: []string{file + ":6:1: line indented 257 columns; Markdown may nest about 100 levels (256 columns) deep"}},
		{name: "white space after a list marker does not count", md: "-" + rep(" ", 300) + "x\n> 1." + rep(" ", 300) + "y\n" + rep(" ", 256) + "- z\n"},
		{name: "tabs count 4", md: rep("\t", 64) + "x\n> " + rep("\t", 64) + "y\n",
			want: []string{file + ":6:1: line indented 257 columns; Markdown may nest about 100 levels (256 columns) deep"}},
		{name: "32 nested brackets", md: nested(32) + "\n"},
		{name: "33 nested brackets", md: "ok [x]\n\n" + nested(33) + "\n",
			want: []string{file + ":7:33: brackets nested 33 deep; a paragraph may nest [ and ] at most 32 deep (an unclosed [ counts)"}},
		{name: "unclosed brackets, deepest reported", md: rep("[", 20) + "\n" + rep("[", 20) + "\n" + rep("[", 10) + "\n",
			want: []string{file + ":6:13: brackets nested 50 deep; a paragraph may nest [ and ] at most 32 deep (an unclosed [ counts)"}},
		{name: "a blank line ends a paragraph's brackets", md: rep("[", 30) + "\n\n" + rep("[", 30) + "\n \t\r\n" + rep("[", 30) + "\n"},
		{name: "escaped and unbalanced brackets", md: rep(`\[`, 100) + rep("]", 100) + rep("[a]", 100) + rep("[[X]] ", 10) + "\n"},
		{name: "an escaped backslash does not escape", md: rep(`\\[`, 33) + "\n",
			want: []string{file + ":5:99: brackets nested 33 deep; a paragraph may nest [ and ] at most 32 deep (an unclosed [ counts)"}},
		{name: "10000 link reference definitions", md: "[r0]\n\n" + linkDefs("", MaxLinkDefs)},
		{name: "10001 link reference definitions", md: linkDefs("", MaxLinkDefs+1),
			want: []string{file + ":10005:1: 10001 link reference definitions; a file may hold at most 10000 (this is number 10001)"}},
		{name: "link reference definitions in a block quote, counted in full", md: "x\n" + linkDefs("> ", MaxLinkDefs+5),
			want: []string{file + ":10006:3: 10005 link reference definitions; a file may hold at most 10000 (this is number 10001)"}},
		{name: "what is not a link reference definition", md: rep("[^1]: a\n", 3000) + rep("[a](/annexes/) b\n", 3000) +
			rep("[[GOVERN]]: c\n", 3000) + rep("- [d]\n", 3000)},
		{name: "one of each, sorted", md: nested(40) + "\n\n" + rep(">", 40) + "\n" + rep(" ", 300) + "x\n" + linkDefs("", MaxLinkDefs+1),
			want: []string{
				file + ":5:33: brackets nested 40 deep; a paragraph may nest [ and ] at most 32 deep (an unclosed [ counts)",
				file + ":7:33: block quotes nested 40 deep on one line; a line may open at most 32 block quotes and lists",
				file + ":8:1: line indented 300 columns; Markdown may nest about 100 levels (256 columns) deep",
				file + ":10009:1: 10001 link reference definitions; a file may hold at most 10000 (this is number 10001)",
			}},
		{name: "one line, one message", md: rep("- ", 300) + "x\n",
			want: []string{file + ":5:65: lists nested 300 deep on one line; a line may open at most 32 block quotes and lists"}},
	}
	c := New(Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var errs diag.List
			html := c.Convert(model.Markdown{File: file, Source: []byte(tt.md), Line: 5}, newResolver(), &errs).HTML
			var got []string
			if err := errs.Err(); err != nil {
				got = strings.Split(err.Error(), "\n")
			}
			if tt.want == nil {
				for _, e := range got {
					if !strings.Contains(e, "unknown element") {
						t.Errorf("unexpected error %s", e)
					}
				}
				if html == "" {
					t.Error("not rendered")
				}
				return
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if html != "" {
				t.Errorf("rendered %.100q despite the errors", html)
			}
		})
	}
}

func TestListMarker(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		in   string
		want int
	}{
		{"- x", 1}, {"-", 1}, {"+\tx", 1}, {"*\r", 1}, {"1. x", 2}, {"123456789) x", 10},
		{"1234567890. x", 0}, {"-x", 0}, {"1.x", 0}, {"1", 0}, {"a. x", 0}, {"1: x", 0}, {"> x", 0},
	} {
		if got := listMarker([]byte(tt.in)); got != tt.want {
			t.Errorf("listMarker(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func TestLinkDefStart(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		text string
		want bool
	}{
		{"[a]: /u", true}, {"[a b]:/u", true}, {`[a\]b]: /u`, true}, {"[a", true}, {"[a b c", true},
		{"[a]", false}, {"[a](/u)", false}, {"[a] : /u", false}, {"[[X]]: text", false}, {"[a[b]]: /u", false},
		{"[^1]: note", false}, {"[", false}, {"a [b]: /u", false}, {"", false},
	} {
		if got := linkDefStart([]byte(tt.text)); got != tt.want {
			t.Errorf("linkDefStart(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}
