package diag

import (
	"errors"
	"fmt"
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
