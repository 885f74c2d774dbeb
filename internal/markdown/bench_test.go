package markdown

import (
	"fmt"
	"strings"
	"testing"

	"github.com/crosswalk-ssg/crosswalk/internal/diag"
	"github.com/crosswalk-ssg/crosswalk/internal/model"
)

// hostile is Markdown built to make a parser slow, grown k times.
type hostile struct {
	name string
	gen  func(k int) string
	// over: beyond a limit, so Convert must report it and not parse.
	over bool
}

// lines repeats line until the text is at least size bytes.
func lines(line string, size int) string {
	return strings.Repeat(line, max(1, size/len(line)))
}

const (
	kb = 1 << 10
	mb = 1 << 20
)

var hostileInputs = []hostile{
	// Beyond a limit: the whole file is scanned, nothing is parsed.
	{"quotes", func(k int) string { return strings.Repeat(">", k*mb) + " x\n" }, true},
	{"lists", func(k int) string { return strings.Repeat("- ", k*mb/2) + "x\n" }, true},
	{"brackets", func(k int) string { return strings.Repeat("[", k*mb/2) + "x" + strings.Repeat("]", k*mb/2) + "\n" }, true},
	{"brackets-unclosed", func(k int) string { return strings.Repeat("[", k*mb) + "\n" }, true},
	{"indent-in-quote", func(k int) string {
		var b strings.Builder
		for i := 0; b.Len() < k*mb; i++ {
			fmt.Fprintf(&b, ">%s- x\n", strings.Repeat(" ", 1+2*(i%200)))
		}
		return b.String()
	}, true},
	{"linkdefs", func(k int) string { return linkDefs("", k*20000) + "\n[r0]\n" }, true},
	// At a limit, or not limited: parsed, in time linear in the size.
	{"quotes-at-limit", func(k int) string { return lines(strings.Repeat(">", MaxNesting)+" x\n", k*256*kb) }, false},
	{"lists-at-limit", func(k int) string { return lines(strings.Repeat("- ", MaxNesting)+"x\n", k*128*kb) }, false},
	{"indent-at-limit", func(k int) string {
		var b strings.Builder
		for i := 0; b.Len() < k*128*kb; i++ {
			fmt.Fprintf(&b, "%s- x\n", strings.Repeat("  ", i%(MaxIndent/2)))
		}
		return b.String()
	}, false},
	{"brackets-at-limit", func(k int) string {
		return lines(strings.Repeat("[", MaxBrackets)+"x"+strings.Repeat("]", MaxBrackets)+" ", k*128*kb) + "\n"
	}, false},
	{"brackets-unbalanced-line", func(k int) string { return strings.Repeat("[[a] b] ", k*32*kb) + "\n" }, false},
	{"xref-labels-unclosed-line", func(k int) string { return strings.Repeat("[[a|b] c] ", k*32*kb) + "\n" }, false},
	{"bad-xrefs-line", func(k int) string { return strings.Repeat("[[X]] ", k*25000) + "\n" }, false},
	// goldmark removes each definition from its paragraph by copying the
	// rest: quadratic, up to the limit.
	{"linkdefs-one-paragraph", func(k int) string { return linkDefs("", k*MaxLinkDefs/4) + "\n[r0]\n" }, false},
}

// BenchmarkHostile converts each hostile input at 1×, 2× and 4× its base
// size. ns/op should double with the size (docs/robustness.md has the
// figures); inputs beyond a limit must fail in the time of one scan.
//
//	go test ./internal/markdown -run '^$' -bench Hostile -count 5
func BenchmarkHostile(b *testing.B) {
	c := New(Options{})
	for _, h := range hostileInputs {
		for _, k := range []int{1, 2, 4} {
			m := model.Markdown{File: "content/hostile.md", Source: []byte(h.gen(k)), Line: 1}
			b.Run(fmt.Sprintf("%s-%dx", h.name, k), func(b *testing.B) {
				var errs diag.List
				html := c.Convert(m, passThrough{}, &errs).HTML
				if h.over != (html == "") {
					b.Fatalf("rendered %d bytes, errors %.200v", len(html), errs.Err())
				}
				b.SetBytes(int64(len(m.Source)))
				b.ResetTimer()
				for b.Loop() {
					var errs diag.List
					c.Convert(m, passThrough{}, &errs)
				}
			})
		}
	}
}

// TestHostileInputs runs each hostile input once at its base size, so
// that the benchmark's inputs stay what they claim to be (beyond a limit
// or not) without running the benchmark.
func TestHostileInputs(t *testing.T) {
	if testing.Short() {
		t.Skip("converts a few MB")
	}
	t.Parallel()
	c := New(Options{})
	for _, h := range hostileInputs {
		var errs diag.List
		html := c.Convert(model.Markdown{File: "content/hostile.md", Source: []byte(h.gen(1)), Line: 1}, passThrough{}, &errs).HTML
		if h.over != (html == "") {
			t.Errorf("%s: rendered %d bytes, errors %.200v", h.name, len(html), errs.Err())
		}
	}
}
