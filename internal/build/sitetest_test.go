package build_test

import (
	"bytes"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/crosswalk-ssg/crosswalk"
	"github.com/crosswalk-ssg/crosswalk/internal/build"
	"github.com/crosswalk-ssg/crosswalk/internal/linkcheck"
	"github.com/crosswalk-ssg/crosswalk/internal/sitetest"
	"github.com/crosswalk-ssg/crosswalk/internal/write"
	"github.com/spf13/afero"
	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite testdata/golden files from the current output")

// destDir is where the tests that need a folder output (rather than
// sitetest's in-memory one) write, in a MemMapFs.
const destDir = "/out"

// small returns the files of testdata/sites/small.txtar, a site with
// every page kind.
func small(t testing.TB) map[string]string {
	t.Helper()
	return sitetest.ReadTxtar(t, "testdata/sites/small.txtar")
}

// buildDir builds src into a folder output at destDir of dest, as the CLI
// does: for what concerns the folder (its marker file, a previous build
// left alone by a failed one).
func buildDir(src, dest afero.Fs) (*build.Result, error) {
	out, err := write.NewDir(dest, destDir, "")
	if err != nil {
		return nil, err
	}
	return build.Build(build.Config{Source: src, Defaults: crosswalk.Defaults, Output: out})
}

// TestGoldenSmallSite compares every output file of the small fixture
// site, built into a folder, with testdata/golden/small.txtar (go test
// -update rewrites it).
func TestGoldenSmallSite(t *testing.T) {
	dest := afero.NewMemMapFs()
	res, err := buildDir(sitetest.Source(small(t)), dest)
	if err != nil {
		t.Fatalf("build failed:\n%v", err)
	}
	files := sitetest.ReadTree(t, afero.NewBasePathFs(dest, destDir), ".")
	// Static files are copied verbatim; the golden file is about what the
	// generator writes.
	for name := range files {
		if name == "style.css" || name == "search.js" || name == "filters.js" || name == "favicon.svg" || strings.HasPrefix(name, "vendor/") ||
			strings.HasSuffix(name, ".xlsx") { // binary; read back by the export package's tests
			delete(files, name)
		}
	}
	var archive txtar.Archive
	archive.Comment = []byte("Output of testdata/sites/small.txtar; regenerate with go test ./internal/build -update\n")
	names := sortedKeys(files)
	for _, name := range names {
		archive.Files = append(archive.Files, txtar.File{Name: name, Data: []byte(files[name])})
	}
	got := txtar.Format(&archive)
	golden := filepath.Join("testdata", "golden", "small.txtar")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/build -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		wantFiles := sitetest.Txtar(want)
		for _, name := range names {
			if files[name] != wantFiles[name] {
				t.Errorf("%s differs from the golden file:\n%s", name, firstDiff(wantFiles[name], files[name]))
			}
			delete(wantFiles, name)
		}
		for name := range wantFiles {
			t.Errorf("%s is in the golden file but was not built", name)
		}
		t.Log("if the change is intended, run go test ./internal/build -update")
	}
	if res.Pages != 18 || res.Elements != 7 || res.Mappings != 4 {
		t.Errorf("result = %+v; want 18 pages (with search, and 5 crosswalk part pages), 7 elements, 4 mappings", res)
	}
	checkLinks(t, afero.NewIOFS(afero.NewBasePathFs(dest, destDir)))
}

// checkLinks fails the test for every link problem in the output.
func checkLinks(t testing.TB, out fs.FS) {
	t.Helper()
	problems, err := linkcheck.Check(out, linkcheck.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Errorf("link: %s", p)
	}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// firstDiff shows the first differing line of two texts.
func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return "line " + strconv.Itoa(i+1) + ":\n  want: " + wl + "\n  got:  " + gl
		}
	}
	return "(same lines, different bytes)"
}

// TestDeterministic builds the default site twice and compares every byte.
func TestDeterministic(t *testing.T) {
	a, _ := sitetest.Build(t, sitetest.Repo(t))
	b, _ := sitetest.Build(t, sitetest.Repo(t))
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for name, data := range a {
		if !bytes.Equal(data, b[name]) {
			t.Errorf("%s differs between two builds", name)
		}
	}
}

// TestSiteOverridesTemplatesAndStatic checks that a site's own template
// and static file replace the embedded ones by name, and that embedded
// files it does not override are still used.
func TestSiteOverridesTemplatesAndStatic(t *testing.T) {
	files, _ := sitetest.Build(t, sitetest.Source(sitetest.With(small(t), map[string]string{
		"templates/post.html": `{{ define "main" }}<p class="custom-post">{{ .Title }}</p>{{ end }}`,
		"static/style.css":    "body{color:red}",
		"static/logo.svg":     "<svg/>",
	})))
	post := sitetest.File(t, files, "news/launch/index.html")
	if !strings.Contains(post, `<p class="custom-post">Launch</p>`) || !strings.Contains(post, `<a class="skip-link"`) {
		t.Errorf("post page does not use the site's post.html inside the embedded baseof.html:\n%s", post)
	}
	if css := sitetest.File(t, files, "style.css"); css != "body{color:red}" {
		t.Errorf("style.css = %q, want the site's", css)
	}
	if _, ok := files["logo.svg"]; !ok {
		t.Error("site static file not copied")
	}
	if _, ok := files["favicon.svg"]; !ok {
		t.Error("embedded static file the site does not override not copied")
	}
}

// newDir returns a folder output at dir in fsys, ending the test if it
// cannot be had.
func newDir(tb testing.TB, fsys afero.Fs, dir string) write.Output {
	tb.Helper()
	d, err := write.NewDir(fsys, dir, "")
	if err != nil {
		tb.Fatal(err)
	}
	return d
}

// newZip returns a zip output at name on disk.
func newZip(tb testing.TB, name string) write.Output {
	tb.Helper()
	z, err := write.NewZip(afero.NewOsFs(), name, "")
	if err != nil {
		tb.Fatal(err)
	}
	return z
}
