package source

import (
	"testing"

	"github.com/crosswalk-ssg/crosswalk/generator/diag"
)

// FuzzParse feeds arbitrary bytes to the front matter splitter and
// decoders: Parse must not panic, every error must point into the file,
// and a file it accepts must keep its body as a suffix of the input.
// Seeds are in testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"---\ntitle: a\n---\nbody",
		"+++\ntitle = \"a\"\n+++\n",
		";;;\n{\"title\": \"a\"}\n;;;\n",
		"---\n- a\n---\n",
		"\ufeff---\r\ntitle: a\r\n---\r\n",
		"---\na: &x [*x]\n---\n",
		"---\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var errs diag.List
		file := Parse("f.md", data, &errs)
		lines := 1
		for _, c := range data {
			if c == '\n' {
				lines++
			}
		}
		if err := errs.Err(); err != nil {
			for _, e := range err.(diag.Errors) {
				if e.Pos.File != "f.md" || e.Pos.Line < 0 || e.Pos.Line > lines+1 {
					t.Fatalf("error outside the file: %v (%d lines)", e, lines)
				}
			}
			return
		}
		if file == nil {
			t.Fatal("no file and no error")
		}
		if file.FrontMatter != nil {
			o := NewObject(file.Path, file.FrontMatter, &errs)
			for _, k := range o.Keys() {
				_ = o.String(k)
				_ = o.List(k)
				_ = o.Strings(k)
			}
		}
	})
}
