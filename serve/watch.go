package serve

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/crosswalk-ssg/crosswalk/internal/build"
	"github.com/fsnotify/fsnotify"
)

const (
	// quiet is how long the files must stay unchanged before a rebuild:
	// an editor's save is often several events.
	quiet = 25 * time.Millisecond
	// maxDelay bounds the wait when changes never stop.
	maxDelay = time.Second
	// checkDelay is how long after a rebuild its check starts, unless
	// another change comes first.
	checkDelay = time.Second
)

// watcher watches the site's input folders, recursively: fsnotify watches
// single folders, so every subfolder is added, and new ones as they come.
// The site folder itself is watched (not recursively) to notice an input
// folder made after the start.
type watcher struct {
	siteDir string
	fw      *fsnotify.Watcher
	errs    []error // folders that could not be watched at the start
}

func newWatcher(siteDir string) (*watcher, error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &watcher{siteDir: siteDir, fw: fw}
	if err := fw.Add(siteDir); err != nil {
		fw.Close()
		return nil, err
	}
	for _, d := range build.InputDirs() {
		dir := filepath.Join(siteDir, d)
		if _, err := os.Stat(dir); err == nil {
			w.errs = append(w.errs, w.addTree(dir)...)
		}
	}
	return w, nil
}

// problems returns the folders that could not be watched.
func (w *watcher) problems() []error {
	if w == nil {
		return nil
	}
	return w.errs
}

func (w *watcher) close() { w.fw.Close() }

// addTree watches dir and every folder below it, except hidden ones.
func (w *watcher) addTree(dir string) []error {
	var errs []error
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			errs = append(errs, fmt.Errorf("cannot watch %s: %w", p, err))
			return nil
		}
		if !d.IsDir() {
			return nil
		}
		if p != dir && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		if err := w.fw.Add(p); err != nil {
			errs = append(errs, fmt.Errorf("cannot watch %s: %w", p, err))
		}
		return nil
	})
	return errs
}

// relevant reports whether an event is a change to a site input: a file
// or folder under content/, templates/ or static/ (or one of those folders
// itself), not hidden and not an editor's temporary file, and not a mere
// change of permissions or times.
func (w *watcher) relevant(ev fsnotify.Event) bool {
	if ev.Op == fsnotify.Chmod || ev.Op == 0 {
		return false
	}
	rel, err := filepath.Rel(w.siteDir, ev.Name)
	if err != nil || rel == "." || strings.HasPrefix(rel, "..") {
		return false
	}
	parts := strings.Split(filepath.ToSlash(rel), "/")
	top := false
	for _, d := range build.InputDirs() {
		top = top || parts[0] == d
	}
	if !top {
		return false
	}
	for _, p := range parts {
		if strings.HasPrefix(p, ".") {
			return false
		}
	}
	return !tempFile(parts[len(parts)-1])
}

// tempFile reports whether name is an editor's temporary or backup file.
func tempFile(name string) bool {
	if strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") || name == "4913" { // vim's write test
		return true
	}
	for _, ext := range []string{".swp", ".swx", ".tmp"} {
		if strings.HasSuffix(name, ext) {
			return true
		}
	}
	return false
}

// debounce decides when a burst of changes is over: the rebuild waits
// until the files have stayed unchanged for quiet, but not longer than
// maxDelay after the first change it will build. It holds no clock: the
// caller passes the time of each change.
type debounce struct {
	quiet, maxDelay time.Duration
	waiting         bool      // changes await a rebuild
	first           time.Time // the first of them
}

// change records a change at now and returns how long to wait from now
// before rebuilding.
func (d *debounce) change(now time.Time) time.Duration {
	if !d.waiting {
		d.waiting, d.first = true, now
	}
	wait := d.quiet
	if left := d.first.Add(d.maxDelay).Sub(now); left < wait {
		wait = max(left, 0)
	}
	return wait
}

// built forgets the changes: the next one starts a new burst.
func (d *debounce) built() { d.waiting, d.first = false, time.Time{} }

// A watchEvent is what the watcher made of one file event, for the hooks.
type watchEvent struct {
	fsnotify.Event
	// relevant is true when the event is a change to a site input; the
	// rebuild was then (re)scheduled to start after wait.
	relevant bool
	wait     time.Duration
	// pending is true when a rebuild is scheduled, by this event or an
	// earlier one; false means the watcher is idle.
	pending bool
}

// watch rebuilds the site after each burst of changes, until ctx ends.
func (s *Server) watch(ctx context.Context, w *watcher) {
	defer w.close()
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	d := debounce{quiet: quiet, maxDelay: maxDelay}
	// The watcher names every change to the cache (Forget, Rescan), so
	// that a rebuild walks content/ only when files came or went; unless
	// a folder could not be watched, whose changes it would not see.
	s.cache.SetWatched(len(w.errs) == 0)
	for {
		select {
		case <-ctx.Done():
			timer.Stop()
			return
		case ev, ok := <-w.fw.Events:
			if !ok {
				return
			}
			we := watchEvent{Event: ev, relevant: w.relevant(ev)}
			if we.relevant {
				if ev.Has(fsnotify.Create) {
					if info, err := os.Stat(ev.Name); err == nil && info.IsDir() {
						for _, err := range w.addTree(ev.Name) {
							s.logf("warning: %v\n", err)
							s.cache.SetWatched(false) // its changes would go unseen
						}
					}
				}
				we.wait = d.change(time.Now())
				timer.Reset(we.wait)
				if rel, err := filepath.Rel(w.siteDir, ev.Name); err == nil {
					s.cache.Forget(filepath.ToSlash(rel))
				}
				if ev.Op != fsnotify.Write {
					s.cache.Rescan() // a file made, removed or renamed
				}
			}
			if h := s.cfg.hooks; h != nil && h.watched != nil {
				we.pending = d.waiting
				h.watched(we)
			}
		case err, ok := <-w.fw.Errors:
			if !ok {
				return
			}
			s.logf("warning: watching files: %v\n", err)
			s.cache.Rescan() // an event may be lost
		case <-timer.C:
			d.built()
			s.update(checkDelay) // checked in the background
		}
	}
}
