package source

import (
	"bytes"
	"strings"
	"testing"

	"github.com/crosswalk-ssg/crosswalk/internal/diag"
	"gopkg.in/yaml.v3"
)

// wantSplit works out, line by line, what Parse must make of data (after
// a byte order mark): the line of the opening delimiter (0 without front
// matter), the line of the closing one (0 when it never closes) and the
// body, which is exactly the bytes after the closing delimiter's line.
func wantSplit(data []byte) (openLine, closeLine int, body []byte) {
	lines := bytes.SplitAfter(data, []byte("\n"))
	for i, l := range lines {
		text := strings.TrimSpace(string(l))
		if text == "" {
			continue
		}
		for _, d := range delimiters {
			if text != d.open {
				continue
			}
			for j := i + 1; j < len(lines); j++ {
				if strings.TrimRight(string(lines[j]), " \t\r\n") == d.close {
					return i + 1, j + 1, bytes.Join(lines[j+1:], nil)
				}
			}
			return i + 1, 0, nil
		}
		break
	}
	return 0, 0, data
}

// FuzzParse feeds arbitrary bytes to the front matter splitter and
// decoders: Parse must not panic; every error must point into the file;
// a file it accepts must keep as its body exactly the bytes after the
// closing delimiter's line (a line that is the delimiter at column 1,
// trailing white space aside), or the whole input without front matter,
// starting on the right line; and every front matter value must lie
// between the delimiters. Seeds are in testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"---\ntitle: a\n---\nbody",
		"+++\ntitle = \"a\"\n+++\n",
		";;;\n{\"title\": \"a\"}\n;;;\n",
		"---\n- a\n---\n",
		"\ufeff---\r\ntitle: a\r\n---\r\n",
		"---\na: &x [*x]\n---\n",
		"---\n",
		"---\ntext: |\n  a\n  ---\n  b\n---\nbody\n",
		"---\ntext: |-\n    ---\n --- \n---  \r\n",
		"---\ntitle: a\n---\n" + strings.Repeat(">", 40) + " deep\n",
		"---\ntitle: a\n---\n" + strings.Repeat("[", 40) + "x" + strings.Repeat("]", 40) + "\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var errs diag.List
		file := Parse("f.md", data, &errs)
		data = bytes.TrimPrefix(data, utf8BOM)
		lines := bytes.Count(data, []byte("\n")) + 1
		if err := errs.Err(); err != nil {
			for _, e := range err.(diag.Errors) {
				if e.Pos.File != "f.md" || e.Pos.Line < 0 || e.Pos.Line > lines || e.Pos.Col < 0 {
					t.Fatalf("error outside the file: %v (%d lines)", e, lines)
				}
			}
			return
		}
		if file == nil {
			t.Fatal("no file and no error")
		}
		openLine, closeLine, body := wantSplit(data)
		if openLine > 0 && closeLine == 0 {
			t.Fatalf("front matter opened on line %d never closes, but Parse accepted it", openLine)
		}
		if file.Start != openLine || !bytes.Equal(file.Body, body) || !bytes.HasSuffix(data, file.Body) {
			t.Fatalf("front matter from line %d, body %q; want line %d, body %q (closing line %d)", file.Start, file.Body, openLine, body, closeLine)
		}
		if want := bytes.Count(data[:len(data)-len(body)], []byte("\n")) + 1; file.BodyLine != want {
			t.Fatalf("body on line %d, want %d", file.BodyLine, want)
		}
		if file.FrontMatter != nil {
			var check func(n *yaml.Node)
			check = func(n *yaml.Node) {
				if n.Line < openLine || n.Line >= closeLine || n.Column < 0 {
					t.Fatalf("front matter value at %d:%d, outside lines %d to %d", n.Line, n.Column, openLine, closeLine-1)
				}
				for _, c := range n.Content {
					check(c)
				}
			}
			check(file.FrontMatter)
			o := NewObject(file.Path, file.FrontMatter, &errs)
			for _, k := range o.Keys() {
				_ = o.String(k)
				_ = o.List(k)
				_ = o.Strings(k)
			}
		}
	})
}
