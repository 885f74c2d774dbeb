package diag

import (
	"errors"
	"fmt"
	"reflect"
	"sync"
	"testing"
)

func TestPositionString(t *testing.T) {
	tests := []struct {
		pos  Position
		want string
	}{
		{Position{"a.md", 3, 7}, "a.md:3:7"},
		{Position{"a.md", 3, 0}, "a.md:3"},
		{Position{"a.md", 0, 0}, "a.md"},
	}
	for _, tt := range tests {
		if got := tt.pos.String(); got != tt.want {
			t.Errorf("%#v.String() = %q, want %q", tt.pos, got, tt.want)
		}
	}
}

func TestListSortsDedupesAndFlattens(t *testing.T) {
	var l List
	var wg sync.WaitGroup
	for i := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			l.Add(Position{"b.md", 2, 1}, "second")
			l.Add(Position{"a.md", 10 - i, 1}, "line %d", 10-i)
		}()
	}
	wg.Wait()
	l.Append(Errors{Errorf(Position{"a.md", 1, 1}, "nested")}, errors.New("no position"), nil)
	err := l.Err()
	want := "no position\na.md:1:1: nested\na.md:8:1: line 8\na.md:9:1: line 9\na.md:10:1: line 10\nb.md:2:1: second"
	if err == nil || err.Error() != want {
		t.Fatalf("Err() =\n%v\nwant\n%s", err, want)
	}
	var es Errors
	if !errors.As(fmt.Errorf("wrapped: %w", err), &es) || len(es) != 6 {
		t.Fatalf("errors.As(Errors) failed or wrong length: %v", es)
	}
}

func TestEmptyListIsNil(t *testing.T) {
	var l List
	if err := l.Err(); err != nil {
		t.Fatalf("Err() = %v, want nil", err)
	}
}

func TestErrorfKind(t *testing.T) {
	tests := []struct {
		format string
		args   []any
		want   string
	}{
		{"unknown target %q in framework %q%s", []any{"X", "f", `; did you mean "x"?`}, "unknown target … in framework …"},
		{"row has %d fields, the header has %d", []any{3, 7}, "row has … fields, the header has …"},
		{"duplicate mapping %s → %s (first at row %d)", []any{"a", "b", 2}, "duplicate mapping … → … (first at row …)"},
		{"pad %-10s|%5.2f|%[1]s|%x", []any{"a", 1.5, 255}, "pad …|…|…|…"},
		{"100%% sure: %v", []any{true}, "100% sure: …"},
		{"a page needs a title", nil, "a page needs a title"},
		{"ends with a verb: %", nil, "ends with a verb: …"},
		// Nothing but verbs: the kind comes from the message.
		{"%s", []any{`unknown relationship "overlaps": use one of a, b; did you mean "a"?`}, "unknown relationship …: use one of a, b"},
		{"%s", []any{`extraneous or missing " in a quoted field (on line 3)`}, `extraneous or missing " in a quoted field (on line …)`},
		{"%v: %v", []any{"x", errors.New(`id "1.2" and 1.10 clash`)}, "x: id … and … clash"},
	}
	for _, tt := range tests {
		if got := Errorf(Position{}, tt.format, tt.args...).Kind; got != tt.want {
			t.Errorf("Errorf(%q).Kind = %q, want %q", tt.format, got, tt.want)
		}
	}
}

func TestSummary(t *testing.T) {
	var l List
	for i := range 3 {
		l.Add(Position{"a.md", i + 1, 1}, "unknown target %q in framework %q%s", fmt.Sprint("T", i), "f", "")
	}
	l.Add(Position{"a.md", 9, 1}, "duplicate mapping %s → %s (first at row %d)", "a", "b", 2)
	l.Add(Position{"b.md", 1, 1}, "a page needs a title")
	l.Add(Position{"b.md", 2, 1}, "unknown element %q", "Z")
	l.Add(Position{"b.md", 3, 1}, "unknown element %q", "Y")
	l.Append(errors.New(`cannot read "c.md"`), errors.New(`cannot read "d.md"`))
	var es Errors
	if !errors.As(l.Err(), &es) {
		t.Fatal("no Errors")
	}
	want := []Count{
		{"unknown target … in framework …", 3},
		{"cannot read …", 2},
		{"unknown element …", 2},
		{"a page needs a title", 1},
		{"duplicate mapping … → … (first at row …)", 1},
	}
	if got := es.Summary(); !reflect.DeepEqual(got, want) {
		t.Errorf("Summary() =\n%v\nwant\n%v", got, want)
	}
	if got := Errors(nil).Summary(); len(got) != 0 {
		t.Errorf("Summary of no errors = %v", got)
	}
}

// TestDedupeIgnoresKind: the same message at the same place is one error,
// whatever format made it.
func TestDedupeIgnoresKind(t *testing.T) {
	var l List
	l.Add(Position{"a.md", 1, 1}, "unknown element %q", "X")
	l.Add(Position{"a.md", 1, 1}, "%s", `unknown element "X"`)
	if es := l.Err().(Errors); len(es) != 1 {
		t.Errorf("got %d errors, want 1: %v", len(es), es)
	}
}

// A file name with a newline or an escape code cannot forge a line of
// output: it is quoted.
func TestPositionQuotesControlCharacters(t *testing.T) {
	for _, tt := range []struct{ file, want string }{
		{"content/a.md", "content/a.md:3:4"},
		{"content/a\nfake.md:1:1: all is well", `"content/a\nfake.md:1:1: all is well":3:4`},
		{"content/\x1b[2Ja.md", `"content/\x1b[2Ja.md":3:4`},
	} {
		if got := (Position{File: tt.file, Line: 3, Col: 4}).String(); got != tt.want {
			t.Errorf("Position{%q}.String() = %s, want %s", tt.file, got, tt.want)
		}
	}
}
