package markdown

import (
	"bytes"
	"slices"

	"github.com/crosswalk-ssg/crosswalk/internal/diag"
	"github.com/crosswalk-ssg/crosswalk/internal/model"
	"github.com/yuin/goldmark/parser"
)

// charStride is how many bytes of source one entry of lineIndex.chars
// covers.
const charStride = 256

// lineIndex turns byte offsets in one Markdown source into file
// positions. It is built once per document, in one pass: where each line
// starts (found by binary search) and, every charStride bytes, how many
// characters come before (so a column costs at most charStride bytes of
// counting, wherever on a long line it is). Scanning from the line start
// for each position instead made 100,000 bad references on one line
// quadratic (40,000 took 4.9 s).
type lineIndex struct {
	m      model.Markdown
	starts []int // byte offset of each line's first byte
	chars  []int // chars[k]: characters in m.Source[:k*charStride]
}

func newLineIndex(m model.Markdown) *lineIndex {
	src := m.Source
	ix := &lineIndex{m: m, starts: make([]int, 1, bytes.Count(src, []byte("\n"))+1)}
	for i := 0; ; {
		j := bytes.IndexByte(src[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
		ix.starts = append(ix.starts, i)
	}
	ix.chars = make([]int, len(src)/charStride+1)
	n := 0
	for k := range ix.chars {
		ix.chars[k] = n
		n += countChars(src[k*charStride : min((k+1)*charStride, len(src))])
	}
	return ix
}

// countChars counts the UTF-8 sequences that start in b: for valid UTF-8
// (all content is) the same as utf8.RuneCount, and, unlike it, additive
// over any split of b.
func countChars(b []byte) int {
	n := 0
	for _, c := range b {
		if c&0xc0 != 0x80 {
			n++
		}
	}
	return n
}

// charsBefore returns how many characters precede the byte at offset.
func (ix *lineIndex) charsBefore(offset int) int {
	k := offset / charStride
	return ix.chars[k] + countChars(ix.m.Source[k*charStride:offset])
}

// position returns the file position of a byte offset; offsets outside
// the source are moved to its nearest end.
func (ix *lineIndex) position(offset int) diag.Position {
	offset = min(max(offset, 0), len(ix.m.Source))
	line, found := slices.BinarySearch(ix.starts, offset)
	if !found {
		line-- // offset is inside the line before
	}
	// Columns count characters, as the front matter decoder's do.
	col := ix.charsBefore(offset) - ix.charsBefore(ix.starts[line]) + 1
	return diag.Position{File: ix.m.File, Line: ix.m.Line + line, Col: col}
}

// Position converts a byte offset in m.Source to a file position. For
// many offsets in one source, Convert builds the index once.
func Position(m model.Markdown, offset int) diag.Position {
	return newLineIndex(m).position(offset)
}

// positionOf converts a byte offset of the source being converted, with
// an index built on first use and kept in the parser.Context.
func positionOf(pc parser.Context, offset int) diag.Position {
	ix, _ := pc.Get(indexKey).(*lineIndex)
	if ix == nil {
		m, _ := pc.Get(sourceKey).(model.Markdown)
		ix = newLineIndex(m)
		pc.Set(indexKey, ix)
	}
	return ix.position(offset)
}
