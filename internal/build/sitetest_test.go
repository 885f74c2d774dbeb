package build

import (
	"bytes"
	"flag"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/crosswalk-ssg/crosswalk"
	"github.com/crosswalk-ssg/crosswalk/internal/linkcheck"
	"github.com/crosswalk-ssg/crosswalk/internal/write"
	"github.com/spf13/afero"
	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite testdata/golden files from the current output")

// destDir is where test builds write, in a MemMapFs.
const destDir = "/out"

// siteFs turns a txtar archive into a site folder in memory.
func siteFs(t testing.TB, archive []byte) afero.Fs {
	t.Helper()
	fsys := afero.NewMemMapFs()
	for _, f := range txtar.Parse(archive).Files {
		if err := afero.WriteFile(fsys, f.Name, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return fsys
}

// readSite reads testdata/sites/NAME.txtar into memory.
func readSite(t testing.TB, name string) afero.Fs {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "sites", name+".txtar"))
	if err != nil {
		t.Fatal(err)
	}
	return siteFs(t, data)
}

// repoSite is the repository's own default site, read-only from disk.
func repoSite() afero.Fs {
	return afero.NewReadOnlyFs(afero.NewBasePathFs(afero.NewOsFs(), "../.."))
}

// buildTo builds src into destDir of dest.
func buildTo(src, dest afero.Fs) (*Result, error) {
	out, err := write.NewDir(dest, destDir, "")
	if err != nil {
		return nil, err
	}
	return Build(Config{Source: src, Defaults: crosswalk.Defaults, Output: out})
}

// mustBuild builds src into a fresh in-memory output and returns it as
// an fs.FS rooted at the output folder.
func mustBuild(t testing.TB, src afero.Fs) (fs.FS, *Result) {
	t.Helper()
	dest := afero.NewMemMapFs()
	res, err := buildTo(src, dest)
	if err != nil {
		t.Fatalf("build failed:\n%v", err)
	}
	return afero.NewIOFS(afero.NewBasePathFs(dest, destDir)), res
}

// outputFiles returns every output file by path.
func outputFiles(t testing.TB, out fs.FS) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := fs.WalkDir(out, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		files[p], err = fs.ReadFile(out, p)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
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

// TestGoldenSmallSite compares every output file of the small fixture
// site with testdata/golden/small.txtar (go test -update rewrites it).
func TestGoldenSmallSite(t *testing.T) {
	out, res := mustBuild(t, readSite(t, "small"))
	files := outputFiles(t, out)
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
	for _, name := range sortedKeys(files) {
		archive.Files = append(archive.Files, txtar.File{Name: name, Data: files[name]})
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
		wantFiles := map[string][]byte{}
		for _, f := range txtar.Parse(want).Files {
			wantFiles[f.Name] = f.Data
		}
		for _, name := range sortedKeys(files) {
			if !bytes.Equal(files[name], wantFiles[name]) {
				t.Errorf("%s differs from the golden file:\n%s", name, firstDiff(wantFiles[name], files[name]))
			}
			delete(wantFiles, name)
		}
		for name := range wantFiles {
			t.Errorf("%s is in the golden file but was not built", name)
		}
		t.Log("if the change is intended, run go test ./internal/build -update")
	}
	if res.Pages != 13 || res.Elements != 7 || res.Mappings != 4 {
		t.Errorf("result = %+v; want 13 pages (with search), 7 elements, 4 mappings", res)
	}
	checkLinks(t, out)
}

// firstDiff shows the first differing line of two texts.
func firstDiff(want, got []byte) string {
	w, g := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
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
	first, _ := mustBuild(t, repoSite())
	second, _ := mustBuild(t, repoSite())
	a, b := outputFiles(t, first), outputFiles(t, second)
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
	src := readSite(t, "small")
	_ = afero.WriteFile(src, "templates/post.html", []byte(`{{ define "main" }}<p class="custom-post">{{ .Title }}</p>{{ end }}`), 0o644)
	_ = afero.WriteFile(src, "static/style.css", []byte("body{color:red}"), 0o644)
	_ = afero.WriteFile(src, "static/logo.svg", []byte("<svg/>"), 0o644)
	out, _ := mustBuild(t, src)
	post, _ := fs.ReadFile(out, "news/launch/index.html")
	if !bytes.Contains(post, []byte(`<p class="custom-post">Launch</p>`)) || !bytes.Contains(post, []byte(`<a class="skip-link"`)) {
		t.Errorf("post page does not use the site's post.html inside the embedded baseof.html:\n%s", post)
	}
	css, _ := fs.ReadFile(out, "style.css")
	if string(css) != "body{color:red}" {
		t.Errorf("style.css = %q, want the site's", css)
	}
	if _, err := fs.Stat(out, "logo.svg"); err != nil {
		t.Errorf("site static file not copied: %v", err)
	}
	if _, err := fs.Stat(out, write.Marker); err != nil {
		t.Errorf("marker file missing: %v", err)
	}
}

// pathOf resolves href, as found on the page at page, to an output path
// and fragment.
func pathOf(page, href string) string {
	p, frag, _ := strings.Cut(href, "#")
	target := page
	if p != "" {
		target = path.Join(path.Dir(page), p)
	}
	if frag != "" {
		return target + "#" + frag
	}
	return target
}

func writeFile(fsys afero.Fs, name, data string) error {
	return afero.WriteFile(fsys, name, []byte(data), 0o644)
}

func linkcheckCheck(out fs.FS) ([]linkcheck.Problem, error) {
	return linkcheck.Check(out, linkcheck.Options{})
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
