package markdown

import (
	"github.com/crosswalk-ssg/crosswalk/internal/diag"
	"github.com/crosswalk-ssg/crosswalk/internal/model"
	"github.com/yuin/goldmark/parser"
)

// lineIndex turns byte offsets in one Markdown source into file
// positions: diag's index of the source, placed at the source's file and
// first line.
type lineIndex struct {
	m  model.Markdown
	ix *diag.LineIndex
}

func newLineIndex(m model.Markdown) *lineIndex {
	return &lineIndex{m: m, ix: diag.NewLineIndex(m.Source)}
}

// position returns the file position of a byte offset; offsets outside
// the source are moved to its nearest end.
func (ix *lineIndex) position(offset int) diag.Position {
	line, col := ix.ix.LineCol(offset)
	return diag.Position{File: ix.m.File, Line: ix.m.Line + line - 1, Col: col}
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
