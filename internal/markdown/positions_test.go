package markdown

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/crosswalk-ssg/crosswalk/internal/diag"
	"github.com/crosswalk-ssg/crosswalk/internal/model"
)

// naivePosition is the scan from the line start that lineIndex replaces.
func naivePosition(m model.Markdown, offset int) diag.Position {
	offset = min(max(offset, 0), len(m.Source))
	before := string(m.Source[:offset])
	line := m.Line + strings.Count(before, "\n")
	col := len([]rune(before[strings.LastIndexByte(before, '\n')+1:])) + 1
	return diag.Position{File: m.File, Line: line, Col: col}
}

// TestLineIndex checks the index against the scan it replaces, at every
// offset of sources with long lines and multi-byte characters on and
// across the index's 256-byte steps.
func TestLineIndex(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"a", "é", "✓", "𝄞", "\n", "\r\n", " ", "[[X]]"}
	sources := []string{"", "\n", "\n\n", "a", "é\n", strings.Repeat("é", 300), strings.Repeat("a", 255) + "✓\n" + strings.Repeat("𝄞", 100)}
	for range 20 {
		var b strings.Builder
		for range r.IntN(2000) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		sources = append(sources, b.String())
	}
	for _, src := range sources {
		m := model.Markdown{File: "a.md", Source: []byte(src), Line: 3}
		ix := newLineIndex(m)
		for off := -1; off <= len(src)+1; off++ {
			if off > 0 && off < len(src) && src[off]&0xc0 == 0x80 {
				continue // inside a character: goldmark gives no such offsets
			}
			if got, want := ix.position(off), naivePosition(m, off); got != want {
				t.Fatalf("source %.40q…, offset %d: %v, want %v", src, off, got, want)
			}
		}
	}
}
