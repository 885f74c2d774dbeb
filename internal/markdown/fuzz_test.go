package markdown

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/crosswalk-ssg/crosswalk/internal/diag"
	"github.com/crosswalk-ssg/crosswalk/internal/model"
)

// FuzzConvert checks that Convert never panics and that every problem it
// reports lies inside the Markdown it was given.
func FuzzConvert(f *testing.F) {
	for _, c := range readCases(f) {
		f.Add(c.Markdown)
	}
	for _, s := range []string{
		"[[",
		"]]",
		"[[|]]",
		"[[a|b|c]]",
		"[[\x00]]",
		"[[X\x00]] [y](\x00)",
		strings.Repeat("[[", 500),
		strings.Repeat("[[a", 200) + strings.Repeat("]]", 200),
		strings.Repeat("[", 1000) + "GOVERN 1.1" + strings.Repeat("]", 1000),
		"[[GOVERN 1.1]" + "]",
		"[[ |x]]",
		"[[a\n]]",
		"[[X]]\r\n[[Y]]\r[[Z]]",
		"\ufeff[[X]]",
		"| a |\n|---|\n| [[X|y]] |\n| [[X\\|y]] |\n",
		"[x](/nowhere/ \"t\") ![y](/nowhere.png)\n\n[r]: /nowhere/\n[x][r]",
		"[see [[X]]](/nowhere/)",
		"[^1]\n\n[^1]: [[X]] [z](/nowhere/)",
		"> - [[X]]\n>   [[Y]]\n",
		"    [[X]]\n\n```\n[[X]]\n```\n`[[X]]`",
		"<a href=\"/nowhere/\">[[X]]</a>",
		"[[\xff\xfe]]",
	} {
		f.Add(s)
	}
	c := New(Options{})
	f.Fuzz(func(t *testing.T, src string) {
		const first = 7
		m := model.Markdown{File: "content/fuzz.md", Source: []byte(src), Line: first}
		var errs diag.List
		c.Convert(m, newResolver(), &errs)
		err := errs.Err()
		if err == nil {
			return
		}
		var list diag.Errors
		if !errors.As(err, &list) {
			t.Fatalf("errors are %T, want diag.Errors: %v", err, err)
		}
		lines := bytes.Split(m.Source, []byte("\n"))
		for _, e := range list {
			p := e.Pos
			if p.File != m.File {
				t.Errorf("%v: file %q, want %q", e, p.File, m.File)
			}
			if p.Line < first || p.Line >= first+len(lines) {
				t.Errorf("%v: line %d outside lines %d to %d", e, p.Line, first, first+len(lines)-1)
				continue
			}
			if n := len(lines[p.Line-first]); p.Col < 1 || p.Col > n+1 {
				t.Errorf("%v: column %d outside 1 to %d", e, p.Col, n+1)
			}
		}
	})
}
