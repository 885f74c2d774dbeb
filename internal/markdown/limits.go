package markdown

import (
	"bytes"
	"cmp"
	"slices"

	"github.com/yuin/goldmark/util"
)

// Limits on the Markdown of one file. goldmark's cost grows with the
// square of some kinds of nesting, so input beyond these is reported,
// with its position, before goldmark parses it. Each is far above what a
// framework text uses; docs/robustness.md gives the measurements.
const (
	// MaxIndent is the widest white space, in columns, in front of a
	// line's text (a tab counts as 4), counting that after its ">"
	// markers (lists nest inside a block quote by the indentation after
	// its ">"): about 100 levels of nested lists. 2,000 nested list
	// levels took 9 s to parse.
	MaxIndent = 256
	// MaxNesting is how many block quotes and lists the markers at the
	// start of one line (">", "-", "+", "*", "1." or "1)") may open:
	// 8,000 ">" on one line took 0.05 s, 16,000 took 0.18 s, and a 9 MB
	// file of them did not finish in 300 s.
	MaxNesting = 32
	// MaxBrackets is how deeply "[" and "]" may nest in one paragraph (a
	// run of lines between blank lines); an unclosed "[" counts as open
	// to the paragraph's end. 64,000 nested pairs took 2.5 s.
	MaxBrackets = 32
	// MaxLinkDefs is how many link reference definitions ("[label]: url")
	// one file may hold: goldmark removes each from its paragraph by
	// copying the rest, so 80,000 in one paragraph took 11.6 s.
	MaxLinkDefs = 10000
)

// limitError is a limit exceeded at a byte offset of the source, with
// its message as a format and arguments for diag.List.Add.
type limitError struct {
	offset int
	format string
	args   []any
}

// checkLimits scans src once and returns, in source order, the first
// place each limit is exceeded; nil when src is within all of them. The
// scan is linear in len(src): it is what keeps hostile input from
// reaching goldmark.
func checkLimits(src []byte) []limitError {
	s := limitScanner{bracketAt: -1}
	for start := 0; start <= len(src); {
		end := bytes.IndexByte(src[start:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += start
		}
		s.line(start, src[start:end])
		start = end + 1
	}
	s.endParagraph()
	if s.defs > MaxLinkDefs {
		s.add(s.defAt, "%d link reference definitions; a file may hold at most %d (this is number %d)", s.defs, MaxLinkDefs, MaxLinkDefs+1)
	}
	// At most one of each kind, found in one pass.
	slices.SortStableFunc(s.errs, func(a, b limitError) int { return cmp.Compare(a.offset, b.offset) })
	return s.errs
}

type limitScanner struct {
	errs []limitError

	indentDone, nestingDone, bracketsDone bool

	// brackets in the current paragraph
	depth     int
	bracketAt int // offset of the "[" beyond MaxBrackets, or -1
	deepest   int // the paragraph's deepest nesting, once beyond

	defs  int // link reference definitions, counted by their first line
	defAt int // offset of the one beyond MaxLinkDefs
}

func (s *limitScanner) add(offset int, format string, args ...any) {
	s.errs = append(s.errs, limitError{offset, format, args})
}

// line checks one line starting at offset start (without its "\n").
func (s *limitScanner) line(start int, line []byte) {
	// The container prefix: white space, ">" and list markers.
	// White space counts towards the indentation at the start of the
	// line and after a ">", where it can nest lists inside the quote,
	// but not after a list marker: there, more than 4 spaces make code.
	i, width, quotes, lists, nestAt := 0, 0, 0, 0, -1
	counting := true
	var noBreak [2]int // see thematicBreak
prefix:
	for i < len(line) {
		switch c := line[i]; {
		case c == ' ' || c == '\t':
			switch {
			case !counting:
			case c == '\t':
				width += 4
			default:
				width++
			}
			i++
			continue
		case c == '>':
			quotes++
			if quotes+lists == MaxNesting+1 {
				nestAt = start + i
			}
			counting = true
			i++
		default:
			n := listMarker(line[i:])
			if n == 0 || thematicBreak(line, i, &noBreak) {
				break prefix
			}
			lists++
			if quotes+lists == MaxNesting+1 {
				nestAt = start + i
			}
			counting = false
			i += n
		}
	}
	if nestAt >= 0 && !s.nestingDone {
		s.nestingDone = true
		what := "block quotes and lists"
		switch {
		case lists == 0:
			what = "block quotes"
		case quotes == 0:
			what = "lists"
		}
		s.add(nestAt, "%s nested %d deep on one line; a line may open at most %d block quotes and lists", what, quotes+lists, MaxNesting)
	}
	if width > MaxIndent && !s.indentDone && nestAt < 0 {
		s.indentDone = true
		s.add(start, "line indented %d columns; Markdown may nest about 100 levels (%d columns) deep", width, MaxIndent)
	}

	text := line[i:]
	if len(bytes.TrimRight(text, " \t\r")) == 0 && quotes+lists == 0 {
		s.endParagraph()
		return
	}
	if linkDefStart(text) {
		s.defs++
		if s.defs == MaxLinkDefs+1 {
			s.defAt = start + i
		}
	}
	if s.bracketsDone && s.bracketAt < 0 {
		return
	}
	for j := 0; j < len(line); j++ {
		switch line[j] {
		case '\\':
			if j+1 < len(line) && util.IsPunct(line[j+1]) {
				j++
			}
		case '[':
			s.depth++
			if s.depth > MaxBrackets && s.bracketAt < 0 && !s.bracketsDone {
				s.bracketAt = start + j
			}
			s.deepest = max(s.deepest, s.depth)
		case ']':
			if s.depth > 0 {
				s.depth--
			}
		}
	}
}

// endParagraph is called at a blank line and at the end of the source.
func (s *limitScanner) endParagraph() {
	if s.bracketAt >= 0 {
		s.add(s.bracketAt, "brackets nested %d deep; a paragraph may nest [ and ] at most %d deep (an unclosed [ counts)", s.deepest, MaxBrackets)
		s.bracketAt, s.bracketsDone = -1, true
	}
	s.depth, s.deepest = 0, 0
}

// listMarker returns the length of the list marker b starts with ("-",
// "+", "*", or up to 9 digits and "." or ")", followed by white space or
// the end of the line), or 0.
func listMarker(b []byte) int {
	n := 0
	switch {
	case b[0] == '-' || b[0] == '+' || b[0] == '*':
		n = 1
	case b[0] >= '0' && b[0] <= '9':
		for n < len(b) && n < 9 && b[n] >= '0' && b[n] <= '9' {
			n++
		}
		if n == len(b) || (b[n] != '.' && b[n] != ')') {
			return 0
		}
		n++
	default:
		return 0
	}
	if n < len(b) && b[n] != ' ' && b[n] != '\t' && b[n] != '\r' {
		return 0
	}
	return n
}

// thematicBreak reports whether line[i:] is a thematic break ("- - -",
// "***"), which is not a list however it starts. noBreak holds, for "-"
// and "*", an offset before which no break of that character starts
// (the first byte found that is neither it nor white space), so that
// the markers of one line are not each scanned to its end.
func thematicBreak(line []byte, i int, noBreak *[2]int) bool {
	c, k := line[i], 0
	switch c {
	case '-':
	case '*':
		k = 1
	default:
		return false // "_" starts no list, "+" and digits no break
	}
	if i < noBreak[k] {
		return false
	}
	n := 0
	for j := i; j < len(line); j++ {
		switch line[j] {
		case c:
			n++
		case ' ', '\t', '\r':
		default:
			noBreak[k] = j
			return false
		}
	}
	return n >= 3
}

// linkDefStart reports whether a line's text (after its container prefix)
// may start a link reference definition: "[label]:", or a "[" whose label
// goes on past the line. A definition always starts a line, so counting
// these bounds the number of definitions from above. Footnotes ("[^1]:")
// are not link reference definitions.
func linkDefStart(text []byte) bool {
	if len(text) < 2 || text[0] != '[' || text[1] == '^' {
		return false
	}
	for j := 1; j < len(text); j++ {
		switch text[j] {
		case '\\':
			if j+1 < len(text) && util.IsPunct(text[j+1]) {
				j++
			}
		case '[':
			return false // a label holds no unescaped brackets
		case ']':
			return j+1 < len(text) && text[j+1] == ':'
		}
	}
	return true
}
