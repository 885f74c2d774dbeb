package source

import (
	"fmt"
	"strings"
	"testing"

	"github.com/crosswalk-ssg/crosswalk/internal/diag"
	"github.com/spf13/afero"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		format   string
		title    string // front matter "title", when it parses
		body     string
		bodyLine int
		err      string
	}{
		{name: "yaml", in: "---\ntitle: Hello\n---\nBody\n", format: "yaml", title: "Hello", body: "Body\n", bodyLine: 4},
		{name: "leading blank lines", in: "\n\n---\ntitle: Hi\n---\nB", format: "yaml", title: "Hi", body: "B", bodyLine: 6},
		{name: "bom and crlf", in: "\ufeff---\r\ntitle: Hi\r\n---\r\nB\r\n", format: "yaml", title: "Hi", body: "B\r\n", bodyLine: 4},
		{name: "toml", in: "+++\ntitle = \"T\"\n+++\nB", format: "toml", title: "T", body: "B", bodyLine: 4},
		{name: "json", in: ";;;\n{\"title\": \"J\"}\n;;;\nB", format: "json", title: "J", body: "B", bodyLine: 4},
		{name: "no front matter", in: "# Just Markdown\n", body: "# Just Markdown\n", bodyLine: 1},
		{name: "empty front matter", in: "---\n---\nB", format: "yaml", body: "B", bodyLine: 3},
		{name: "unclosed", in: "---\ntitle: x\nbody\n", err: "a.md:1:1: front matter opened by \"---\" is never closed"},
		{name: "yaml syntax", in: "---\ntitle: a\nbad: [1,\n---\n", err: "a.md:3: invalid YAML front matter: did not find expected node content"},
		{name: "toml syntax", in: "+++\ntitle = \n+++\n", err: "a.md:2:9: invalid TOML front matter: expected value but found '\\n' instead"},
		{name: "json syntax", in: ";;;\n{\"title\": }\n;;;\n", err: "a.md:2:11: invalid JSON front matter: invalid character '}' looking for beginning of value"},
		{name: "not a mapping", in: "---\n- a\n---\n", err: "a.md:2:1: front matter must be a mapping of keys to values, found a list"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var errs diag.List
			f := Parse("a.md", []byte(tt.in), &errs)
			if tt.err != "" {
				if err := errs.Err(); err == nil || err.Error() != tt.err {
					t.Fatalf("error = %v, want %q", err, tt.err)
				}
				return
			}
			if err := errs.Err(); err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			if f.Format != tt.format || string(f.Body) != tt.body || f.BodyLine != tt.bodyLine {
				t.Errorf("got format %q body %q line %d, want %q %q %d", f.Format, f.Body, f.BodyLine, tt.format, tt.body, tt.bodyLine)
			}
			if f.FrontMatter != nil {
				o := NewObject(f.Path, f.FrontMatter, &errs)
				if got := o.String("title"); got != tt.title {
					t.Errorf("title = %q, want %q", got, tt.title)
				}
			}
		})
	}
}

// TestFrontMatterDelimiters: the closing delimiter is a line that is
// exactly the delimiter at column 1 (trailing spaces, tabs and "\r"
// allowed); an indented one belongs to the front matter.
func TestFrontMatterDelimiters(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		key      string // a front matter key to read
		value    string // its value
		body     string
		bodyLine int
		err      string
	}{
		{name: "indented --- in a block scalar", in: "---\ntitle: T\nstatement: |\n  a\n  ---\n  b\n---\nBody\n",
			key: "statement", value: "a\n---\nb\n", body: "Body\n", bodyLine: 8},
		{name: "indented --- in a folded scalar, CRLF", in: "---\r\nstatement: >-\r\n  a\r\n   ---\r\n---\r\nB",
			key: "statement", value: "a\n ---", body: "B", bodyLine: 6},
		{name: "written by importcsv: a rationale a / --- / b", in: "---\nmappings:\n  - rationale: |-\n      a\n      ---\n      b\n---\n",
			body: "", bodyLine: 8},
		{name: "closing followed by spaces, a tab and CR", in: "---\ntitle: T\n--- \t \r\nB", key: "title", value: "T", body: "B", bodyLine: 4},
		{name: "closing at the end of the file", in: "---\ntitle: T\n---", key: "title", value: "T", body: "", bodyLine: 3},
		{name: "only an indented closing", in: "---\ntitle: T\n ---\nB\n", err: `a.md:1:1: front matter opened by "---" is never closed`},
		{name: "a tab-indented closing", in: "---\ntitle: T\n\t---\n", err: `a.md:1:1: front matter opened by "---" is never closed`},
		{name: "--- with more after it does not close", in: "---\ntitle: T\n--- x\n---\nB", key: "title", value: "T", body: "B", bodyLine: 5},
		{name: "the opening may be indented, as before", in: "\n  ---  \ntitle: T\n---\nB", key: "title", value: "T", body: "B", bodyLine: 5},
		{name: "---yaml closes with ---", in: "---yaml\ntitle: T\n---\nB", key: "title", value: "T", body: "B", bodyLine: 4},
		{name: "TOML: indented +++ in a multi-line string", in: "+++\ntitle = \"\"\"a\n  +++\nb\"\"\"\n+++\nB", key: "title", value: "a\n  +++\nb", body: "B", bodyLine: 6},
		{name: "JSON: indented ;;; in the object", in: ";;;\n{\"title\":\n ;;;\n\"J\"}\n;;;\nB", err: "a.md:3:2: invalid JSON front matter: invalid character ';' looking for beginning of value"},
		{name: "a body with --- lines keeps them", in: "---\ntitle: T\n---\na\n---\nb\n  ---\n", key: "title", value: "T", body: "a\n---\nb\n  ---\n", bodyLine: 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var errs diag.List
			f := Parse("a.md", []byte(tt.in), &errs)
			if tt.err != "" {
				if err := errs.Err(); err == nil || err.Error() != tt.err || f != nil {
					t.Fatalf("error = %v, want %q", err, tt.err)
				}
				return
			}
			if err := errs.Err(); err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			if string(f.Body) != tt.body || f.BodyLine != tt.bodyLine {
				t.Errorf("body %q on line %d, want %q on line %d", f.Body, f.BodyLine, tt.body, tt.bodyLine)
			}
			if tt.key != "" {
				if got := NewObject(f.Path, f.FrontMatter, &errs).String(tt.key); got != tt.value {
					t.Errorf("%s = %q, want %q", tt.key, got, tt.value)
				}
			}
		})
	}
}

// TestYAMLLineBreaks: yaml.v3 also ends lines at a lone CR, NEL, LS and
// PS; positions still count lines by LF, as everywhere else.
func TestYAMLLineBreaks(t *testing.T) {
	var errs diag.List
	f := Parse("a.md", []byte("---\r\na: 1\rb: 2\n\u2028c: 3\r\nd: 4\n---\n"), &errs)
	if err := errs.Err(); err != nil {
		t.Fatal(err)
	}
	var got []string
	for i, n := range f.FrontMatter.Content {
		if i%2 == 0 {
			got = append(got, fmt.Sprintf("%s@%d:%d", n.Value, n.Line, n.Column))
		}
	}
	if want := "a@2:1 b@2:6 c@3:2 d@4:1"; strings.Join(got, " ") != want {
		t.Errorf("keys at %s, want %s", strings.Join(got, " "), want)
	}
	for _, tt := range []struct{ in, want string }{
		{"---\n\"\r0\n---", "a.md:3: invalid YAML front matter: found unexpected end of stream"},
		{"---\na: 1\rb: [\r\r\n---\n", "a.md:2: invalid YAML front matter: did not find expected node content"},
	} {
		var errs diag.List
		Parse("a.md", []byte(tt.in), &errs)
		if err := errs.Err(); err == nil || err.Error() != tt.want {
			t.Errorf("Parse(%q): %v, want %s", tt.in, err, tt.want)
		}
	}
}

func TestObjectReportsPositions(t *testing.T) {
	src := `---
id: x
page: maybe
weight: heavy
title: [a, b]
children: nope
statment: typo
id: y
---
`
	var errs diag.List
	f := Parse("c.md", []byte(src), &errs)
	o := NewObject(f.Path, f.FrontMatter, &errs)
	if o.Required("id") != "x" {
		t.Fatal("id not read")
	}
	o.Required("statement")
	o.Bool("page")
	o.Int("weight")
	o.String("title")
	o.List("children")
	o.CheckUnknown()
	want := []string{
		`c.md:2:1: missing required key "statement"`,
		`c.md:3:7: page: expected true or false, found "maybe"`,
		`c.md:4:9: weight: expected a whole number, found "heavy"`,
		`c.md:5:8: title: expected text, found a list`,
		`c.md:6:11: children: expected a list, found "nope"`,
		`c.md:7:1: unknown key "statment"`,
		`c.md:8:1: duplicate key "id" (first at line 2)`,
	}
	if got := errs.Err().Error(); got != strings.Join(want, "\n") {
		t.Fatalf("errors:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}
}

func TestReadDir(t *testing.T) {
	fs := afero.NewMemMapFs()
	for name, body := range map[string]string{
		"content/b.md":         "---\ntitle: B\n---\n",
		"content/a/x.md":       "X",
		"content/.hidden.md":   "ignored",
		"content/.git/HEAD.md": "ignored",
		"content/logo.png":     "png",
		"content/b.md~":        "emacs backup",
		"content/#b.md#":       "emacs autosave",
		"content/b.md.swp":     "vim swap",
	} {
		if err := afero.WriteFile(fs, name, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var errs diag.List
	files, err := ReadDir(fs, "content", &errs)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range files {
		got = append(got, f.Path)
	}
	if strings.Join(got, ",") != "content/a/x.md,content/b.md" {
		t.Errorf("files = %v", got)
	}
	want := "content/logo.png: not a Markdown file: content/ holds only .md files (put other files in static/)"
	if e := errs.Err(); e == nil || e.Error() != want {
		t.Errorf("errors = %v, want %q", e, want)
	}
}

func TestLimits(t *testing.T) {
	deep := "---\nx: " + strings.Repeat("[", MaxNesting+2) + strings.Repeat("]", MaxNesting+2) + "\n---\n"
	for _, tt := range []struct {
		name, in, want string
	}{
		{"invalid UTF-8", "---\ntitle: ok\n---\nab\xffcd\n", "a.md:4:3: not valid UTF-8 (byte 0xff); save the file as UTF-8"},
		{"too deep", deep, "a.md:2:" + strconvItoa(4+MaxNesting) + ": front matter is nested more than 32 levels deep"},
	} {
		var errs diag.List
		if f := Parse("a.md", []byte(tt.in), &errs); f != nil {
			t.Errorf("%s: parsed", tt.name)
		}
		if err := errs.Err(); err == nil || err.Error() != tt.want {
			t.Errorf("%s: error %v, want %q", tt.name, err, tt.want)
		}
	}
	fs := afero.NewMemMapFs()
	_ = afero.WriteFile(fs, "content/big.md", make([]byte, MaxFileSize+1), 0o644)
	var errs diag.List
	files, _ := ReadDir(fs, "content", &errs)
	if len(files) != 0 || errs.Err() == nil || errs.Err().Error() != "content/big.md: file is 10.0 MB; a content file may be at most 10 MB (-max-file-mb raises the limit)" {
		t.Errorf("big file: %d files, %v", len(files), errs.Err())
	}
	// A reader may allow more, or less.
	for _, tt := range []struct {
		max  int64
		want string
	}{
		{MaxFileSize + 1, ""},
		{MaxFileSize, "content/big.md: file is 10.0 MB; a content file may be at most 10 MB (-max-file-mb raises the limit)"},
		{MB / 2, "content/big.md: file is 10.0 MB; a content file may be at most 0.5 MB (-max-file-mb raises the limit)"},
	} {
		var errs diag.List
		files, _ := (*Cache)(nil).ReadDirFunc(fs, "content", tt.max, &errs, nil)
		if got := fmt.Sprint(errs.Err()); tt.want == "" && (len(files) != 1 || errs.Err() != nil) || tt.want != "" && (len(files) != 0 || got != tt.want) {
			t.Errorf("limit %d: %d files, %v, want %q", tt.max, len(files), errs.Err(), tt.want)
		}
	}
}

func strconvItoa(i int) string { return fmt.Sprint(i) }
