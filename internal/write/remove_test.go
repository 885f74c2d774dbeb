package write

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/spf13/afero"
)

// removals is an afero.Fs that records what is removed, in order.
type removals struct {
	afero.Fs
	mu    sync.Mutex
	names []string
}

func (r *removals) Remove(name string) error {
	r.mu.Lock()
	r.names = append(r.names, name)
	r.mu.Unlock()
	return r.Fs.Remove(name)
}

func (r *removals) RemoveAll(name string) error {
	r.mu.Lock()
	r.names = append(r.names, name)
	r.mu.Unlock()
	return r.Fs.RemoveAll(name)
}

// wideTree writes a site-shaped tree under dir: the Marker, files at the
// top, and folders three levels deep, wider than the removers at every
// level, each holding an index.html.
func wideTree(t *testing.T, fsys afero.Fs, dir string) int {
	t.Helper()
	n := 0
	put := func(name string) {
		p := filepath.Join(dir, name)
		if err := fsys.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := afero.WriteFile(fsys, p, []byte(name), 0o644); err != nil {
			t.Fatal(err)
		}
		n++
	}
	put(Marker)
	put("index.html")
	put("style.css")
	for a := range 3 {
		for b := range 2 * removers {
			for c := range 3 {
				put(fmt.Sprintf("s%d/g%d/e%d/index.html", a, b, c))
			}
			put(fmt.Sprintf("s%d/g%d/index.html", a, b))
		}
	}
	return n
}

// TestRemoveMarked: the folder goes, with everything in it, several
// folders at once, and the Marker last of all its files; a symbolic link
// inside is removed, not followed.
func TestRemoveMarked(t *testing.T) {
	for _, tt := range []struct {
		name string
		fs   afero.Fs
		dir  string
	}{
		{"memory", afero.NewMemMapFs(), "/site/.public.crosswalk-old-1"},
		{"disk", afero.NewOsFs(), filepath.Join(t.TempDir(), ".public.crosswalk-old-1")},
	} {
		t.Run(tt.name, func(t *testing.T) {
			files := wideTree(t, tt.fs, tt.dir)
			outside := ""
			if tt.name == "disk" {
				outside = filepath.Join(t.TempDir(), "keep.txt")
				if err := os.WriteFile(outside, []byte("keep"), 0o644); err != nil {
					t.Fatal(err)
				}
				if err := os.Symlink(filepath.Dir(outside), filepath.Join(tt.dir, "s0", "link")); err != nil {
					t.Fatal(err)
				}
			}
			rec := &removals{Fs: tt.fs}
			if err := removeMarked(rec, tt.dir); err != nil {
				t.Fatal(err)
			}
			if ok, _ := afero.Exists(tt.fs, tt.dir); ok {
				t.Fatalf("%s is still there", tt.dir)
			}
			// Every file but the Marker is removed one by one, then the
			// folder with the Marker in it.
			if len(rec.names) < files || rec.names[len(rec.names)-1] != tt.dir {
				t.Fatalf("%d removals for %d files, last %q", len(rec.names), files, rec.names[len(rec.names)-1])
			}
			for _, name := range rec.names[:len(rec.names)-1] {
				if filepath.Base(name) == Marker && filepath.Dir(name) == tt.dir {
					t.Errorf("the Marker was removed before the rest: %q", name)
				}
			}
			if outside != "" {
				if data, err := os.ReadFile(outside); err != nil || string(data) != "keep" {
					t.Errorf("the link's target is gone: %v", err)
				}
			}
		})
	}
	// A folder that is not there is no error.
	if err := removeMarked(afero.NewMemMapFs(), "/nothing"); err != nil {
		t.Errorf("missing folder: %v", err)
	}
}
