package markdown

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// oldCrossRefScan is the cross-reference scan the parser had before its
// search was made linear: the target and label it finds at the start of
// line, and how many bytes the reference takes, or ok false.
func oldCrossRefScan(line []byte) (target, label string, n int, ok bool) {
	s := string(line)
	if !strings.HasPrefix(s, "[[") {
		return "", "", 0, false
	}
	end := strings.Index(s[2:], "]]")
	if end < 0 {
		return "", "", 0, false
	}
	inner := s[2 : 2+end]
	tgt := inner
	if i := strings.IndexByte(inner, '|'); i >= 0 {
		tgt, label = inner[:i], inner[i+1:]
		tgt = strings.TrimSuffix(tgt, `\`)
	}
	tgt = strings.TrimSpace(tgt)
	if tgt == "" || strings.ContainsAny(tgt, "[]") {
		return "", "", 0, false
	}
	if strings.TrimSpace(label) == "" {
		label = ""
	}
	return tgt, label, 2 + end + 2, true
}

// TestCrossRefParserAsBefore checks that the linear parser finds what the
// old one found, on random lines of brackets, bars and text.
func TestCrossRefParserAsBefore(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(3, 4))
	pieces := []string{"[", "[[", "]", "]]", "|", `\|`, "a", " ", "X"}
	for i := range 20000 {
		var b strings.Builder
		b.WriteString("[[")
		for range r.IntN(12) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		src := b.String()
		wantTarget, wantLabel, wantN, wantOK := oldCrossRefScan([]byte(src))
		pc := parser.NewContext()
		reader := text.NewReader([]byte(src))
		node := crossRefParser{}.Parse(nil, reader, pc)
		ref, ok := node.(*CrossRefNode)
		if ok != wantOK {
			t.Fatalf("case %d %q: parsed %v, want %v", i, src, ok, wantOK)
		}
		if !ok {
			continue
		}
		label := ""
		if ref.HasChildren() {
			seg := ref.FirstChild().(*ast.Text).Segment
			label = string(seg.Value([]byte(src)))
		}
		_, pos := reader.Position()
		if string(ref.Target) != wantTarget || label != wantLabel || pos.Start != wantN {
			t.Fatalf("case %d %q: target %q label %q length %d, want %q %q %d", i, src, ref.Target, label, pos.Start, wantTarget, wantLabel, wantN)
		}
	}
}
