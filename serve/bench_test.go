package serve

import (
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/spf13/afero"

	"github.com/crosswalk-ssg/crosswalk"
	"github.com/crosswalk-ssg/crosswalk/internal/build"
)

// BenchmarkRebuildAfterEdit measures what a reader of `crosswalk serve`
// waits for after saving one element's file: the statement of one
// element of the site in $CROSSWALK_BENCH_SITE (a harness corpus, such as
// the 10,000-element tree of ../shared/bench) is changed, the server
// reads the site again as its watcher does (the changed file parsed, the
// site linked), and the element's page is rendered and served with the
// new text. The check of each build runs in the background, as it does
// in use, and is stopped by the next edit. The watcher's wait for the
// files to settle (25 ms) is not in it. Without the variable it skips.
func BenchmarkRebuildAfterEdit(b *testing.B) {
	dir := os.Getenv("CROSSWALK_BENCH_SITE")
	if dir == "" {
		b.Skip("set CROSSWALK_BENCH_SITE to a site folder")
	}
	// Edits go to memory, over the folder read-only.
	src := afero.NewCopyOnWriteFs(afero.NewReadOnlyFs(afero.NewBasePathFs(afero.NewOsFs(), dir)), afero.NewMemMapFs())
	const file = "content/frameworks/alpha/e0.md"
	data, err := afero.ReadFile(src, file)
	if err != nil {
		b.Fatalf("the benchmark edits %s of a harness site: %v", file, err)
	}
	s, err := New(Config{Build: build.Config{Source: src, Defaults: crosswalk.Defaults}})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	h := s.Handler()
	for i := 0; b.Loop(); i++ {
		mark := "Edited statement " + strconv.Itoa(i) + "."
		edited := strings.Replace(string(data), "statement: ", "statement: "+mark+" ", 1)
		if err := afero.WriteFile(src, file, []byte(edited), 0o644); err != nil {
			b.Fatal(err)
		}
		s.update([]string{file})
		rec := httptest.NewRecorder()
		req := httptest.NewRequest("GET", "/frameworks/alpha/e0/index.html", nil)
		req.Host = "127.0.0.1:1313" // the server answers loopback hosts only
		h.ServeHTTP(rec, req)
		if !strings.Contains(rec.Body.String(), mark) {
			b.Fatalf("the page does not show the edit (%d)", rec.Code)
		}
	}
}
