package main

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// fakeClock is a clock that moves only when the test says so.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time          { return c.t }
func (c *fakeClock) advance(d time.Duration) { c.t = c.t.Add(d) }

func newFakeClock() *fakeClock {
	return &fakeClock{t: time.Date(2024, 1, 2, 10, 0, 0, 0, time.UTC)}
}

// TestProgressSmallBuild: below progressMinPages nothing is drawn, not
// even the clearing at the end.
func TestProgressSmallBuild(t *testing.T) {
	var out bytes.Buffer
	clock := newFakeClock()
	p := progressWith(&out, clock.now)
	total := progressMinPages - 1
	for i := 1; i <= total; i++ {
		clock.advance(time.Second)
		p(i, total)
	}
	if out.Len() != 0 {
		t.Errorf("progress shown for a build of %d pages: %q", total, out.String())
	}
}

// TestProgressThrottle: the first call draws, calls within progressEvery
// of the last drawing do not, the first at or after it does, and the end
// clears the line whatever the clock says.
func TestProgressThrottle(t *testing.T) {
	var out bytes.Buffer
	clock := newFakeClock()
	p := progressWith(&out, clock.now)
	p(1, 500) // the first call always draws
	clock.advance(progressEvery - time.Nanosecond)
	p(2, 500) // just within the interval: not drawn
	clock.advance(time.Nanosecond)
	p(3, 500) // exactly one interval after the last drawing: drawn
	clock.advance(progressEvery / 2)
	p(4, 500) // not drawn; the interval counts from the last drawing (3)
	clock.advance(progressEvery / 2)
	p(5, 500) // drawn
	p(500, 500)
	want := "\rrendering 1/500 pages" + "\rrendering 3/500 pages" + "\rrendering 5/500 pages" + "\r\033[K"
	if got := out.String(); got != want {
		t.Errorf("progress = %q, want %q", got, want)
	}
}

// TestProgressRate: over one simulated second of calls every millisecond,
// the counter is drawn ten times (the 10/s bound).
func TestProgressRate(t *testing.T) {
	var out bytes.Buffer
	clock := newFakeClock()
	p := progressWith(&out, clock.now)
	const total = 5000
	for i := 1; i < 1000; i++ {
		p(i, total)
		clock.advance(time.Millisecond)
	}
	if n := strings.Count(out.String(), "\rrendering "); n != 10 {
		t.Errorf("%d drawings in a simulated second, want 10:\n%q", n, out.String())
	}
	p(total, total)
	if !strings.HasSuffix(out.String(), "\r\033[K") {
		t.Errorf("the end does not clear the line: %q", out.String())
	}
}

// TestProgressUsesTheClock: progress is progressWith the real clock. Only
// the outcome the clock cannot change is checked: the first call draws
// (nothing was drawn before), the end clears.
func TestProgressUsesTheClock(t *testing.T) {
	var out bytes.Buffer
	p := progress(&out)
	p(1, 500)
	p(500, 500)
	if got := out.String(); got != "\rrendering 1/500 pages\r\033[K" {
		t.Errorf("progress = %q", got)
	}
}
