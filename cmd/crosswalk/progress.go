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
	const minPages = 300
	var last time.Time
	return func(done, total int) {
		if total < minPages {
			return
		}
		if done == total {
			fmt.Fprintf(w, "\r\033[K")
			return
		}
		if now := time.Now(); now.Sub(last) >= 100*time.Millisecond {
			last = now
			fmt.Fprintf(w, "\rrendering %d/%d pages", done, total)
		}
	}
}
