package source

import (
	"bytes"
	"runtime"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"
)

// Large front matter is parsed in pieces, on every core (decodeChunked).
// At 50,000 records a crosswalk's front matter is 6.5 MB of YAML, and
// yaml.v3 takes 0.39 s on one core for it, with the build's other files
// waiting (ReadDirFunc parses a large file alone, to bound memory); in
// pieces, on two cores, 0.29 s (the pieces' garbage is collected as they
// are parsed, which the cores share).
const (
	chunkedFrom = 1 << 20   // front matter at least this large is parsed in pieces
	chunkBytes  = 256 << 10 // about this much YAML in each piece
)

// decodeChunked parses YAML front matter as yaml.Unmarshal would, with
// the items of its largest top-level block sequence (a crosswalk's
// "mappings") parsed in pieces, on every core, and put together. It
// returns the document's root with yaml.v3's lines and columns (those of
// the front matter), or false when it cannot be sure to give what
// parsing the whole gives: the caller then parses the whole, which also
// reports any error at its place.
//
// It is sure because of what it splits and where: the sequence is the
// value of a top-level key alone on its line ("mappings:"), its items
// are the lines that start with "- " at one indentation, k, and
// everything up to the next item or the sequence's end is indented more
// (or blank, or a comment). A YAML block sequence's items are documents
// of their own but for anchors: a piece that names an anchor of another
// fails to parse, as does a piece cut inside a quoted or flow scalar (it
// is left open), and any failure falls back. The rest of the document is
// parsed with the sequence's lines emptied, so its lines and columns are
// those of the whole, and the key's value (null there) is replaced by
// the sequence. Line breaks other than LF and CRLF are left to the whole
// parse: yaml.v3 counts them as lines and the pieces' lines would shift.
func decodeChunked(data []byte) (*yaml.Node, bool) { return decodeInPieces(data, chunkBytes) }

// decodeInPieces is decodeChunked with pieces of about size bytes.
func decodeInPieces(data []byte, size int) (*yaml.Node, bool) {
	if bytes.ContainsAny(data, "\u0085\u2028\u2029") || loneCR(data) {
		return nil, false
	}
	seq, ok := findSequence(data)
	if !ok || len(seq.items) < 2 {
		return nil, false
	}
	pieces := seq.pieces(size)
	if len(pieces) < 2 {
		return nil, false
	}
	// The rest: the sequence's lines emptied, so that what follows is on
	// the lines it is on in the whole.
	start := seq.items[0]
	rest := make([]byte, 0, len(data)-(seq.end-start))
	rest = append(rest, data[:start]...)
	rest = append(rest, bytes.Repeat([]byte("\n"), bytes.Count(data[start:seq.end], []byte("\n")))...)
	rest = append(rest, data[seq.end:]...)
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		next  int
		roots = make([]*yaml.Node, len(pieces))
		bad   bool
	)
	work := func() {
		for {
			mu.Lock()
			i := next
			next++
			mu.Unlock()
			if i >= len(pieces) {
				return
			}
			root, ok := parsePiece(data, pieces[i])
			mu.Lock()
			roots[i], bad = root, bad || !ok
			mu.Unlock()
		}
	}
	for range min(runtime.GOMAXPROCS(0), len(pieces)) - 1 {
		wg.Go(work)
	}
	var doc yaml.Node
	rerr := yaml.Unmarshal(rest, &doc)
	work()
	wg.Wait()
	if bad || rerr != nil || doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 {
		return nil, false
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, false
	}
	var value *yaml.Node
	for i := 0; i+1 < len(root.Content); i += 2 {
		k := root.Content[i]
		if k.Kind == yaml.ScalarNode && k.Line == seq.keyLine && k.Column == 1 {
			value = root.Content[i+1]
		}
	}
	if value == nil || value.Kind != yaml.ScalarNode || value.Tag != "!!null" || value.Value != "" {
		return nil, false
	}
	items := make([]*yaml.Node, 0, len(seq.items))
	for _, r := range roots {
		items = append(items, r.Content...)
	}
	if len(items) != len(seq.items) {
		return nil, false // an item start that was not one: let the whole parse say
	}
	whole := roots[0]
	whole.Content = items
	*value = *whole
	return root, true
}

// loneCR reports whether data has a CR that is not part of a CRLF.
func loneCR(data []byte) bool {
	for i := bytes.IndexByte(data, '\r'); i >= 0; {
		if i+1 >= len(data) || data[i+1] != '\n' {
			return true
		}
		j := bytes.IndexByte(data[i+1:], '\r')
		if j < 0 {
			return false
		}
		i += 1 + j
	}
	return false
}

// blockSequence is a top-level key's block sequence in front matter: its
// lines run from its first item's (items[0]) to end, the end of the last
// line that is part of it; items are the offsets of its items' first
// lines, and keyLine is the key's line, yaml.v3's count (from 1).
type blockSequence struct {
	keyLine int
	end     int
	indent  int   // the items' indentation
	after   int   // where the line of the first token after the sequence begins
	eof     bool  // no token follows: after is the end of the front matter
	items   []int // where each item's first line begins
	lines   []int // the line (from 0) of each item
}

// piece is a run of whole items, from start to end, with the line it
// starts on (from 0), and what follows it in the text parsed: as parsed,
// a piece ends as the items end in the whole document. yaml.v3 places an
// empty value ("-" alone, "? key" without a value) at the token after
// it, so a piece is followed by what starts the line of that token: "-"
// at the items' indentation, where the next item begins, or "..." at
// column 1, where the next top-level key (or the document's end marker)
// does. The extra empty item, or the end of the document, is not read.
type piece struct {
	start, end, line int
	next             string
}

// pieces cuts the sequence into runs of items of about size bytes each.
func (s blockSequence) pieces(size int) []piece {
	var out []piece
	for i := 0; i < len(s.items); {
		j := i + 1
		for j < len(s.items) && s.items[j]-s.items[i] < size {
			j++
		}
		p := piece{start: s.items[i], end: s.after, line: s.lines[i]}
		switch {
		case j < len(s.items):
			p.end, p.next = s.items[j], strings.Repeat(" ", s.indent)+"-\n"
		case !s.eof:
			p.next = "...\n"
		}
		out = append(out, p)
		i = j
	}
	return out
}

// findSequence finds the largest block sequence that is the value of a
// top-level key alone on its line, as decodeChunked describes.
func findSequence(data []byte) (blockSequence, bool) {
	var best blockSequence
	found := false
	line := 0
	for off := 0; off < len(data); {
		end, next := lineBounds(data, off)
		l := data[off:end]
		if isBareKey(l) {
			if s, ok := sequenceAfter(data, next, line+1); ok {
				s.keyLine = line + 1
				if !found || s.end-s.items[0] > best.end-best.items[0] {
					best, found = s, true
				}
			}
		}
		off, line = next, line+1
	}
	return best, found
}

// sequenceAfter reads the block sequence that starts at or after off
// (blank lines and comments before it), on line line (from 0).
func sequenceAfter(data []byte, off, line int) (blockSequence, bool) {
	s := blockSequence{indent: -1}
	for ; off < len(data); line++ {
		end, next := lineBounds(data, off)
		l := data[off:end]
		n := leading(l)
		if n < len(l) && l[n] == '\t' && n <= max(s.indent, 0) {
			return s, false // a tab where indentation is read: the whole parse says what it is
		}
		switch {
		case n == len(l) || l[n] == '#':
			// Blank or a comment: the sequence's only if more of it follows.
		case s.indent < 0 && itemStart(l, n):
			s.indent = n
			s.items, s.lines = append(s.items, off), append(s.lines, line)
			s.end = end
		case s.indent < 0:
			return s, false // the key's value is not a block sequence
		case n == s.indent && itemStart(l, n):
			s.items, s.lines = append(s.items, off), append(s.lines, line)
			s.end = end
		case n > s.indent:
			s.end = end
		case n == 0:
			s.after = off
			return s, true // the next top-level key (or whatever it is)
		default:
			return s, false // less indented than the items, not a key: odd
		}
		off = next
	}
	s.after, s.eof = len(data), true
	return s, s.indent >= 0
}

// lineBounds returns the end of the line at off (before its LF, and
// before a CR there) and where the next line begins.
func lineBounds(data []byte, off int) (end, next int) {
	i := bytes.IndexByte(data[off:], '\n')
	if i < 0 {
		end, next = len(data), len(data)
	} else {
		end, next = off+i, off+i+1
	}
	if end > off && data[end-1] == '\r' {
		end--
	}
	return end, next
}

// leading counts a line's leading spaces; a tab there is not YAML
// indentation, so it counts as text, which makes the line odd.
func leading(l []byte) int {
	n := 0
	for n < len(l) && l[n] == ' ' {
		n++
	}
	return n
}

// itemStart reports whether l, after n spaces, begins a sequence item:
// "-" alone or followed by a space.
func itemStart(l []byte, n int) bool {
	return n < len(l) && l[n] == '-' && (n+1 == len(l) || l[n+1] == ' ')
}

// isBareKey reports whether l is a plain top-level key with nothing
// after its colon but spaces: "mappings:".
func isBareKey(l []byte) bool {
	l = bytes.TrimRight(l, " ")
	if len(l) < 2 || l[len(l)-1] != ':' {
		return false
	}
	for i, c := range l[:len(l)-1] {
		letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
		if !letter && (i == 0 || !(c >= '0' && c <= '9' || c == '-')) {
			return false
		}
	}
	return true
}

// parsePiece parses a run of items as a document of its own, a block
// sequence, followed by what p says, and moves its nodes to the lines of
// the whole front matter: the piece starts at a line's start, so columns
// stay as they are.
func parsePiece(data []byte, p piece) (*yaml.Node, bool) {
	text := append(data[p.start:p.end:p.end], p.next...)
	var doc yaml.Node
	if err := yaml.Unmarshal(text, &doc); err != nil || doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 {
		return nil, false
	}
	root := doc.Content[0]
	if root.Kind != yaml.SequenceNode || root.Style != 0 {
		return nil, false
	}
	if strings.HasSuffix(p.next, "-\n") {
		// The item that stands for the next piece's first: empty.
		last := len(root.Content) - 1
		if last < 0 || root.Content[last].Kind != yaml.ScalarNode || root.Content[last].Tag != "!!null" {
			return nil, false
		}
		root.Content = root.Content[:last]
	}
	shiftLines(root, p.line)
	return root, true
}

// shiftLines adds by to the line of n and of every node under it.
func shiftLines(n *yaml.Node, by int) {
	n.Line += by
	for _, c := range n.Content {
		shiftLines(c, by)
	}
}
