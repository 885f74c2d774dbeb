package diag

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// Position is a place in a source file. Line and Col are 1-based; zero
// means unknown, and String leaves out what is unknown.
type Position struct {
	File string // slash path relative to the site folder, e.g. "content/_index.md"
	Line int
	Col  int
}

// String formats the position as "file:line:col".
func (p Position) String() string {
	var b strings.Builder
	b.WriteString(p.File)
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
	return &Error{Pos: pos, Msg: fmt.Sprintf(format, args...)}
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
// exact duplicates removed, or nil when there are none.
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
	errs = slices.CompactFunc(errs, func(a, b *Error) bool { return *a == *b })
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
