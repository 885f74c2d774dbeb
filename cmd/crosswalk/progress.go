package main

import (
	"fmt"
	"io"
	"os"
	"time"
)

// isTerminal reports whether w is a terminal (a character device).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// progress returns a Progress callback that shows a rendering counter on a
// terminal for builds of more than a few hundred pages, at most ten times
// a second, and clears it at the end.
func progress(w io.Writer) func(done, total int) {
	return progressWith(w, time.Now)
}

// Progress is drawn for builds of at least progressMinPages pages, at most
// once per progressEvery.
const (
	progressMinPages = 300
	progressEvery    = 100 * time.Millisecond
)

// progressWith is progress with the clock now, which tests replace.
func progressWith(w io.Writer, now func() time.Time) func(done, total int) {
	var last time.Time
	return func(done, total int) {
		if total < progressMinPages {
			return
		}
		if done == total {
			fmt.Fprintf(w, "\r\033[K")
			return
		}
		if t := now(); t.Sub(last) >= progressEvery {
			last = t
			fmt.Fprintf(w, "\rrendering %d/%d pages", done, total)
		}
	}
}
