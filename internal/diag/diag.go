package diag

import (
	"cmp"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Position is a place in a source file. Line and Col are 1-based; zero
// means unknown, and String leaves out what is unknown.
type Position struct {
	File string // slash path relative to the site folder, e.g. "content/_index.md"
	Line int
	Col  int
}

// String formats the position as "file:line:col". A file name holding a
// newline, an escape code or another control character is quoted, so that
// a file name cannot forge or break a line of the terminal's output.
func (p Position) String() string {
	var b strings.Builder
	if strings.ContainsFunc(p.File, unicode.IsControl) {
		b.WriteString(strconv.Quote(p.File))
	} else {
		b.WriteString(p.File)
	}
	if p.Line > 0 {
		b.WriteString(":" + strconv.Itoa(p.Line))
		if p.Col > 0 {
			b.WriteString(":" + strconv.Itoa(p.Col))
		}
	}
	return b.String()
}

// Error is one problem found in the site's input.
type Error struct {
	Pos Position
	Msg string
	// Kind says what kind of problem it is, for Summary: the format the
	// message was made from, with each verb (or run of adjacent verbs)
	// shown as "…", so that `unknown target %q in framework %q%s` is the
	// kind "unknown target … in framework …". A format that is nothing
	// but verbs ("%s") says nothing of the kind; the kind is then the
	// message with its quoted strings and numbers shown as "…" and a
	// closing "; did you mean …?" hint left out, as it is for an error
	// made without a format (Append of a plain error, Kind "").
	Kind string
}

// Error returns "path:line:col: message".
func (e *Error) Error() string {
	if e.Pos.File == "" {
		return e.Msg
	}
	return e.Pos.String() + ": " + e.Msg
}

// Errorf returns an *Error at pos.
func Errorf(pos Position, format string, args ...any) *Error {
	msg := fmt.Sprintf(format, args...)
	kind := formatKind(format)
	if !hasLetter(kind) {
		kind = messageKind(msg)
	}
	return &Error{Pos: pos, Msg: msg, Kind: kind}
}

// List collects errors from any number of goroutines.
type List struct {
	mu   sync.Mutex
	errs []*Error
}

// Add records an error at pos.
func (l *List) Add(pos Position, format string, args ...any) {
	l.Append(Errorf(pos, format, args...))
}

// Append records errors; a plain error without a position is kept as is.
func (l *List) Append(errs ...error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, err := range errs {
		if err == nil {
			continue
		}
		var list Errors
		if errors.As(err, &list) {
			l.errs = append(l.errs, list...)
			continue
		}
		var e *Error
		if !errors.As(err, &e) {
			e = &Error{Msg: err.Error()}
		}
		l.errs = append(l.errs, e)
	}
}

// Len reports how many errors were recorded.
func (l *List) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.errs)
}

// Err returns the recorded errors as Errors, sorted by position and with
// exact duplicates (same position, same message) removed, or nil when there are none.
func (l *List) Err() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.errs) == 0 {
		return nil
	}
	errs := slices.Clone(l.errs)
	slices.SortStableFunc(errs, func(a, b *Error) int {
		return cmp.Or(
			cmp.Compare(a.Pos.File, b.Pos.File),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Col, b.Pos.Col),
			cmp.Compare(a.Msg, b.Msg),
		)
	})
	errs = slices.CompactFunc(errs, func(a, b *Error) bool { return a.Pos == b.Pos && a.Msg == b.Msg })
	return Errors(errs)
}

// Errors is a sorted set of errors; it prints one per line.
type Errors []*Error

// Error joins the messages with newlines.
func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Count is how many errors of one kind there are.
type Count struct {
	Kind string
	N    int
}

// Summary counts the errors by kind (Error.Kind), most frequent first and
// kinds of the same count in alphabetical order.
func (es Errors) Summary() []Count {
	n := map[string]int{}
	for _, e := range es {
		n[e.kind()]++
	}
	out := make([]Count, 0, len(n))
	for k, c := range n {
		out = append(out, Count{Kind: k, N: c})
	}
	slices.SortFunc(out, func(a, b Count) int { return cmp.Or(cmp.Compare(b.N, a.N), cmp.Compare(a.Kind, b.Kind)) })
	return out
}

// kind returns e.Kind, or the kind of its message when it has none.
func (e *Error) kind() string {
	if e.Kind != "" {
		return e.Kind
	}
	return messageKind(e.Msg)
}

// ellipsis stands for what varies from one error of a kind to the next.
const ellipsis = "…"

// formatKind returns a fmt format with each verb, and each run of
// adjacent verbs, replaced by ellipsis; "%%" stays "%".
func formatKind(format string) string {
	var b strings.Builder
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c != '%' {
			b.WriteByte(c)
			continue
		}
		if i+1 < len(format) && format[i+1] == '%' {
			b.WriteByte('%')
			i++
			continue
		}
		// flags, width, precision and argument indexes, then the verb
		for i+1 < len(format) && strings.IndexByte("+-# 0123456789.*[]", format[i+1]) >= 0 {
			i++
		}
		if i+1 < len(format) {
			_, size := utf8.DecodeRuneInString(format[i+1:])
			i += size
		}
		if !strings.HasSuffix(b.String(), ellipsis) {
			b.WriteString(ellipsis)
		}
	}
	return b.String()
}

var (
	hint   = regexp.MustCompile(`; did you mean .*\?$`)
	quoted = regexp.MustCompile(`"(?:[^"\\]|\\.)*"|\b[0-9]+(?:\.[0-9]+)*\b`)
	runs   = regexp.MustCompile(`(?:` + ellipsis + `)+`)
)

// messageKind returns the kind of a message made without a telling
// format: its closing "did you mean" hint left out, and its quoted
// strings and numbers replaced by ellipsis.
func messageKind(msg string) string {
	k := hint.ReplaceAllString(msg, "")
	k = quoted.ReplaceAllString(k, ellipsis)
	return runs.ReplaceAllString(k, ellipsis)
}

func hasLetter(s string) bool {
	return strings.IndexFunc(s, unicode.IsLetter) >= 0
}
