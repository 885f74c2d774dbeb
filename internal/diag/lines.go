package diag

import (
	"bytes"
	"slices"
)

// charStride is how many bytes of text one entry of LineIndex.chars
// covers.
const charStride = 256

// LineIndex turns byte offsets in one text into lines and columns, and
// lines into offsets: the one index of every reader that reports
// positions (Markdown, mapping tables, OSCAL catalogs). It is built once
// per text, in one pass: where each line starts (found by binary search)
// and, every charStride bytes, how many characters come before, so a
// column costs at most charStride bytes of counting, wherever on a long
// line it is. Scanning from the line start for each position instead made
// 100,000 bad references on one line quadratic (40,000 took 4.9 s).
type LineIndex struct {
	src    []byte
	starts []int // byte offset of each line's first byte
	chars  []int // chars[k]: characters in src[:k*charStride]
}

// NewLineIndex indexes src.
func NewLineIndex(src []byte) *LineIndex {
	ix := &LineIndex{src: src, starts: make([]int, 1, bytes.Count(src, []byte("\n"))+1)}
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
// the same as utf8.RuneCount, and, unlike it, additive over any split of b.
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
func (ix *LineIndex) charsBefore(offset int) int {
	k := offset / charStride
	return ix.chars[k] + countChars(ix.src[k*charStride:offset])
}

// LineCol returns the 1-based line and column of a byte offset, the
// column counted in characters, as the front matter decoder counts them.
// Offsets outside the text are moved to its nearest end.
func (ix *LineIndex) LineCol(offset int) (line, col int) {
	offset = min(max(offset, 0), len(ix.src))
	i, found := slices.BinarySearch(ix.starts, offset)
	if !found {
		i-- // offset is inside the line before
	}
	return i + 1, ix.charsBefore(offset) - ix.charsBefore(ix.starts[i]) + 1
}

// LineStart returns the byte offset at which the 1-based line starts, or
// the text's length for a line it does not have.
func (ix *LineIndex) LineStart(line int) int {
	if line < 1 || line > len(ix.starts) {
		return len(ix.src)
	}
	return ix.starts[line-1]
}
