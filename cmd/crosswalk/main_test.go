package main

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/crosswalk-ssg/crosswalk/internal/sitetest"
)

var goodSite = map[string]string{
	"content/_index.md": "---\ntitle: Home\n---\nHello [[X 1]].\n",
	"content/frameworks/x/_index.md": "---\nframework: {id: x, title: X, version: \"1\", publisher: P, url: \"https://x.example/\", license: CC0}\n" +
		"levels: [{name: item, page: true}]\n---\n",
	"content/frameworks/x/one.md": "---\nid: X 1\nstatement: One.\n---\n",
}

func runCLI(args ...string) (int, string, string) {
	var stdout, stderr bytes.Buffer
	code := run(args, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func TestBuildCheckAndFailedBuild(t *testing.T) {
	dir := t.TempDir()
	sitetest.WriteDir(t, dir, goodSite)
	public := filepath.Join(dir, "public")

	code, out, errOut := runCLI("build", "-source", dir, "-dest", public)
	if code != 0 {
		t.Fatalf("build: exit %d, stderr %s", code, errOut)
	}
	summary := regexp.MustCompile(`^built 4 pages, \d+ static files, 1 frameworks, 1 elements, 0 crosswalks, 0 mappings in \d+ms → .*public\n$`)
	if !summary.MatchString(out) {
		t.Errorf("summary = %q", out)
	}
	before, err := os.ReadFile(filepath.Join(public, "index.html"))
	if err != nil || !bytes.Contains(before, []byte(`href="frameworks/x/x-1/index.html"`)) {
		t.Fatalf("index.html: %v\n%s", err, before)
	}

	code, out, _ = runCLI("check", "-source", dir)
	if code != 0 || !strings.HasPrefix(out, "ok: 4 pages") {
		t.Errorf("check: exit %d, %q", code, out)
	}

	// Break two files: both problems are reported, exit 1, old site kept.
	sitetest.WriteDir(t, dir, map[string]string{
		"content/_index.md":           "---\ntitle: Home\n---\nHello [[X 2]].\n",
		"content/frameworks/x/two.md": "---\nid: X 1\nstatement: Again.\n---\n",
	})
	for _, cmd := range [][]string{{"check", "-source", dir}, {"build", "-source", dir, "-dest", public}} {
		code, _, errOut = runCLI(cmd...)
		want := "content/_index.md:4:7: unknown element \"X 2\"\n" +
			"content/frameworks/x/two.md:2:1: duplicate id \"X 1\" in framework \"x\" (first defined at content/frameworks/x/one.md:2:1)\n" +
			"crosswalk " + cmd[0] + ": 2 problem(s); nothing was written\n"
		if code != 1 || errOut != want {
			t.Errorf("%s: exit %d, stderr:\n%s\nwant:\n%s", cmd[0], code, errOut, want)
		}
	}
	after, _ := os.ReadFile(filepath.Join(public, "index.html"))
	if !bytes.Equal(before, after) {
		t.Error("failed build changed the previous site")
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if strings.Join(names, ",") != "content,public" {
		t.Errorf("site folder holds %v after a failed build; want content,public", names)
	}
}

func TestRefusals(t *testing.T) {
	dir := t.TempDir()
	sitetest.WriteDir(t, dir, goodSite)
	sitetest.WriteDir(t, dir, map[string]string{"notes/keep.txt": "mine"})
	if err := os.Symlink(filepath.Join(dir, "content"), filepath.Join(dir, "via-link")); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"build", "-source", dir, "-dest", filepath.Join(dir, "content", "out")}, 1, "overlaps the site's input folder"},
		{[]string{"build", "-source", dir, "-dest", dir}, 1, "is or contains the site folder"},
		{[]string{"build", "-source", dir, "-dest", filepath.Join(dir, "notes")}, 1, "was not written by crosswalk"},
		{[]string{"build", "-source", filepath.Join(dir, "nope")}, 1, "cannot read the site's content/ folder"},
		{[]string{"build", "-source", dir, "-dest", filepath.Join(dir, "via-link", "out")}, 1, "overlaps the site's input folder"},
		{[]string{"build", "-source", dir, "-dest="}, 2, "-dest must name a folder"},
		{[]string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{[]string{"build", "extra"}, 2, `unexpected argument "extra"`},
		{[]string{}, 2, "Usage:"},
	}
	for _, tt := range tests {
		code, _, errOut := runCLI(tt.args...)
		if code != tt.code || !strings.Contains(errOut, tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", tt.args, code, errOut, tt.code, tt.want)
		}
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "notes", "keep.txt")); string(data) != "mine" {
		t.Error("a refused build touched a foreign folder")
	}
	if _, err := os.Stat(filepath.Join(dir, "content", "out")); err == nil {
		t.Error("a build through a symbolic link wrote into content/")
	}
}

func TestVersion(t *testing.T) {
	code, out, _ := runCLI("version")
	if code != 0 || !strings.HasPrefix(out, "crosswalk ") {
		t.Errorf("version: %d %q", code, out)
	}
}

func TestBuildFlags(t *testing.T) {
	dir := t.TempDir()
	sitetest.WriteDir(t, dir, goodSite)

	// -quiet: nothing on success; -v: stage timings; a notice without a base URL.
	code, out, errOut := runCLI("build", "-source", dir, "-dest", filepath.Join(dir, "public"), "-quiet")
	if code != 0 || out != "" || errOut != "" {
		t.Errorf("-quiet: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	code, _, errOut = runCLI("build", "-source", dir, "-dest", filepath.Join(dir, "public"), "-v")
	for _, want := range []string{"notice: no base URL", "load ", "model ", "link ", "templates ", "export ", "render ", "publish "} {
		if code != 0 || !strings.Contains(errOut, want) {
			t.Errorf("-v: exit %d, stderr lacks %q:\n%s", code, want, errOut)
		}
	}
	if strings.Contains(errOut, "rendering ") {
		t.Error("progress shown on a non-terminal")
	}

	// -base-url: sitemap and 404; no notice.
	code, _, errOut = runCLI("build", "-source", dir, "-dest", filepath.Join(dir, "public"), "-base-url", "https://x.example/repo")
	if code != 0 || strings.Contains(errOut, "notice") {
		t.Errorf("-base-url: exit %d, stderr %q", code, errOut)
	}
	for _, f := range []string{"sitemap.xml", "404.html", "robots.txt", ".nojekyll"} {
		if _, err := os.Stat(filepath.Join(dir, "public", f)); err != nil {
			t.Errorf("-base-url: %v", err)
		}
	}
	code, _, errOut = runCLI("build", "-source", dir, "-base-url", "nope")
	if code != 1 || !strings.Contains(errOut, `-base-url: base URL "nope"`) {
		t.Errorf("bad -base-url: exit %d, stderr %q", code, errOut)
	}

	// -zip writes the bundle and leaves the folder alone.
	zipPath := filepath.Join(t.TempDir(), "bundle.zip")
	code, out, errOut = runCLI("build", "-source", dir, "-zip", zipPath)
	if code != 0 || !strings.HasSuffix(out, "→ "+zipPath+"\n") {
		t.Errorf("-zip: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if info, err := os.Stat(zipPath); err != nil || info.Size() < 1000 {
		t.Errorf("-zip: %v", err)
	}
	code, _, errOut = runCLI("build", "-source", dir, "-zip", filepath.Join(dir, "content", "x.zip"))
	if code != 1 || !strings.Contains(errOut, "overlaps the site's input folder "+filepath.Join(dir, "content")) {
		t.Errorf("-zip into content/: exit %d, stderr %q", code, errOut)
	}
}

// TestMaxFileMB: -max-file-mb sets the size a content file may be, for
// check, build and serve alike, and is refused out of its range.
func TestMaxFileMB(t *testing.T) {
	dir := t.TempDir()
	sitetest.WriteDir(t, dir, goodSite)
	sitetest.WriteDir(t, dir, map[string]string{"content/long.md": "---\ntitle: Long\n---\n" + strings.Repeat("Words of a long page.\n\n", 60_000)})
	code, _, errOut := runCLI("check", "-source", dir, "-max-file-mb", "1")
	if want := "content/long.md: file is 1.3 MB; a content file may be at most 1 MB (-max-file-mb raises the limit)\n"; code != 1 || !strings.HasPrefix(errOut, want) {
		t.Errorf("-max-file-mb 1: exit %d, stderr %q, want %q first", code, errOut, want)
	}
	if code, _, errOut := runCLI("check", "-source", dir, "-max-file-mb", "2"); code != 0 {
		t.Errorf("-max-file-mb 2: exit %d, stderr %q", code, errOut)
	}
	if code, _, errOut := runCLI("build", "-source", dir, "-dest", filepath.Join(dir, "public"), "-quiet"); code != 0 {
		t.Errorf("default limit: exit %d, stderr %q", code, errOut)
	}
	for _, args := range [][]string{{"build", "-max-file-mb", "0"}, {"check", "-max-file-mb", "-3"}, {"serve", "-max-file-mb", "4097"}} {
		code, _, errOut := runCLI(append(args, "-source", dir)...)
		if want := "crosswalk " + args[0] + ": -max-file-mb must be from 1 to 4096, not " + args[2] + "\n"; code != 2 || errOut != want {
			t.Errorf("%v: exit %d, stderr %q, want %q", args, code, errOut, want)
		}
	}
}

func TestNewThenBuildAndCheck(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "my-site")
	code, out, errOut := runCLI("new", dir)
	if code != 0 || !strings.HasPrefix(out, "created ") {
		t.Fatalf("new: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if code, _, errOut := runCLI("check", "-source", dir); code != 0 {
		t.Fatalf("check of a new site: %s", errOut)
	}
	if code, _, errOut := runCLI("build", "-source", dir, "-dest", filepath.Join(dir, "public")); code != 0 {
		t.Fatalf("build of a new site: %s", errOut)
	}
	if code, _, errOut := runCLI("new", dir); code != 1 || !strings.Contains(errOut, "is not empty") {
		t.Errorf("new into a non-empty folder: exit %d, %q", code, errOut)
	}
	if code, _, _ := runCLI("new"); code != 2 {
		t.Errorf("new without a folder: exit %d", code)
	}
}

// copyContent copies the repository's content/ into dir.
func copyContent(t *testing.T, dir string) {
	t.Helper()
	err := filepath.Walk("../../content", func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		rel, _ := filepath.Rel("../..", p)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		sitetest.WriteDir(t, dir, map[string]string{filepath.ToSlash(rel): string(data)})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// onlyFile returns the one file matching pattern.
func onlyFile(t *testing.T, pattern string) string {
	t.Helper()
	names, err := filepath.Glob(pattern)
	if err != nil || len(names) != 1 {
		t.Fatalf("%s: want one file, got %v %v", pattern, names, err)
	}
	return names[0]
}

// TestExportImportRoundTrip: the default crosswalk exported as CSV,
// imported over its own Markdown file and exported again gives the same
// bytes; the Markdown file still builds; export writes each format.
func TestExportImportRoundTrip(t *testing.T) {
	site := t.TempDir()
	copyContent(t, site)
	first, second := t.TempDir(), t.TempDir()
	if code, _, errOut := runCLI("export", "-source", site, "-format", "csv", "-dest", first); code != 0 {
		t.Fatalf("export: %s", errOut)
	}
	table := onlyFile(t, filepath.Join(first, "*.csv"))
	into := onlyFile(t, filepath.Join(site, "content", "crosswalks", "*.md"))
	f, err := os.Open(table)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil || len(rows) < 2 || rows[0][0] != "source_framework" || rows[0][5] != "target_framework" {
		t.Fatalf("the exported CSV: %v, %.3q", err, rows)
	}
	sourceFW, targetFW := rows[1][0], rows[1][5]
	code, out, errOut := runCLI("import", "-source", site, "-from", table, "-source-framework", sourceFW, "-target-framework", targetFW, "-into", into)
	if want := fmt.Sprintf("imported %d mappings → %s\n", len(rows)-1, into); code != 0 || out != want || errOut != "" {
		t.Fatalf("import: exit %d, %q %s; want %q", code, out, errOut, want)
	}
	if code, _, errOut := runCLI("check", "-source", site); code != 0 {
		t.Fatalf("check after import: %s", errOut)
	}
	if code, _, errOut := runCLI("export", "-source", site, "-format", "csv", "-dest", second); code != 0 {
		t.Fatalf("export again: %s", errOut)
	}
	a, _ := os.ReadFile(table)
	b, _ := os.ReadFile(filepath.Join(second, filepath.Base(table)))
	if len(a) == 0 || !bytes.Equal(a, b) {
		t.Errorf("CSV → import → export is not byte-identical (%d vs %d bytes)", len(a), len(b))
	}

	all := t.TempDir()
	if code, out, errOut := runCLI("export", "-source", site, "-dest", all); code != 0 || out != "exported 7 files → "+all+"\n" {
		t.Fatalf("export all: exit %d %q %s", code, out, errOut)
	}
	entries, _ := os.ReadDir(all)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	stem := strings.TrimSuffix(filepath.Base(table), ".csv")
	want := []string{sourceFW + ".oscal-catalog.json", targetFW + ".oscal-catalog.json", "crosswalk.schema.json",
		stem + ".csv", stem + ".json", stem + ".oscal-mapping.json", stem + ".xlsx"}
	slices.Sort(want)
	if !slices.Equal(names, want) {
		t.Errorf("export -format all wrote %v, want %v", names, want)
	}
}

// importSite is a site of two frameworks and no crosswalk (no
// content/crosswalks/ folder).
var importSite = map[string]string{
	"content/_index.md": "---\ntitle: Home\n---\nHello.\n",
	"content/frameworks/x/_index.md": "---\nframework: {id: x, title: X, version: \"1\", publisher: P, url: \"https://x.example/\", license: CC0}\n" +
		"levels: [{name: item, page: true}]\n---\n",
	"content/frameworks/x/one.md": "---\nid: X 1\nstatement: One.\n---\n",
	"content/frameworks/x/two.md": "---\nid: X 2\nstatement: Two.\n---\n",
	"content/frameworks/y/_index.md": "---\nframework: {id: y, title: Y, version: \"1\", publisher: P, url: \"https://y.example/\", license: CC0}\n" +
		"levels: [{name: item, page: true}]\n---\n",
	"content/frameworks/y/a-1.md": "---\nid: A-1\nstatement: A one.\n---\n",
	"content/frameworks/y/a-2.md": "---\nid: A-2\nstatement: A two.\n---\n",
	"content/frameworks/y/t1.md":  "---\nid: T1003.001\nstatement: T.\n---\n",
}

// newImport writes importSite and a table; it returns the site and the
// table's path.
func newImport(t *testing.T, table string) (site, file string) {
	t.Helper()
	site = filepath.Join(t.TempDir(), "site")
	sitetest.WriteDir(t, site, importSite)
	file = filepath.Join(t.TempDir(), "t.csv")
	sitetest.WriteDir(t, filepath.Dir(file), map[string]string{"t.csv": table})
	return site, file
}

// TestImportCreatesFolder: the default target's folder,
// content/crosswalks/, is created when missing, and the site builds with
// the new crosswalk.
func TestImportCreatesFolder(t *testing.T) {
	site, table := newImport(t, "source_id,target_id,relationship\nX 1,A-1,subset-of\nX 2,A-2,\n")
	code, out, errOut := runCLI("import", "-source", site, "-from", table, "-source-framework", "x", "-target-framework", "y")
	into := filepath.Join(site, "content", "crosswalks", "x--y.md")
	if code != 0 || out != "imported 2 mappings → "+into+"\n" || errOut != "" {
		t.Fatalf("import: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	data, err := os.ReadFile(into)
	if err != nil || !bytes.Contains(data, []byte("  - source: X 1\n    target: A-1\n    relationship: subset-of\n  - source: X 2\n    target: A-2\n---\n")) {
		t.Fatalf("%s: %v\n%s", into, err, data)
	}
	if code, out, errOut := runCLI("check", "-source", site); code != 0 || !strings.Contains(out, "1 crosswalks, 2 mappings") {
		t.Errorf("check: exit %d, %q %s", code, out, errOut)
	}

	// -into a file in folders that do not exist yet, from another folder:
	// created as well.
	deep := filepath.Join(t.TempDir(), "a", "b", "x-y.md")
	if code, _, errOut := runCLI("import", "-source", site, "-from", table, "-source-framework", "x", "-target-framework", "y", "-into", deep); code != 0 {
		t.Fatalf("import -into %s: %s", deep, errOut)
	}
	if _, err := os.Stat(deep); err != nil {
		t.Error(err)
	}

	// A folder that cannot be made: a clear error naming the user's path.
	blocked := filepath.Join(site, "notes")
	sitetest.WriteDir(t, site, map[string]string{"notes": "a file"})
	code, _, errOut = runCLI("import", "-source", site, "-from", table, "-source-framework", "x", "-target-framework", "y", "-into", filepath.Join(blocked, "cw", "x-y.md"))
	if want := "crosswalk import: cannot create the folder " + filepath.Join(blocked, "cw") + ": " + blocked + " is a file\n"; code != 1 || errOut != want {
		t.Errorf("import into a file's folder: exit %d, stderr %q, want %q", code, errOut, want)
	}
}

// TestImportErrorsWriteNothing: a table with problems writes nothing,
// not even the crosswalk's folder, and an existing file is left alone.
func TestImportErrorsWriteNothing(t *testing.T) {
	site, table := newImport(t, "source_id,target_id,relationship\nX 1,A-9,subset-of\nX 2,A-1,overlaps\n")
	code, _, errOut := runCLI("import", "-source", site, "-from", table, "-source-framework", "x", "-target-framework", "y")
	want := table + `:2:2: unknown target "A-9" in framework "y"` + "\n" +
		table + `:3:3: unknown relationship "overlaps": use one of equal-to, equivalent-to, subset-of, superset-of, intersects-with, no-relationship` + "\n" +
		"crosswalk import: 2 problem(s); nothing was written\n"
	if code != 1 || errOut != want {
		t.Errorf("exit %d, stderr:\n%s\nwant:\n%s", code, errOut, want)
	}
	if _, err := os.Stat(filepath.Join(site, "content", "crosswalks")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a failed import created content/crosswalks/: %v", err)
	}

	// Over an existing file: its problems are named at its path.
	into := filepath.Join(site, "content", "crosswalks", "x--y.md")
	before := "---\ncrosswalk: [\n---\n"
	sitetest.WriteDir(t, site, map[string]string{"content/crosswalks/x--y.md": before})
	code, _, errOut = runCLI("import", "-source", site, "-from", table, "-source-framework", "x", "-target-framework", "y")
	want = into + ":2: invalid YAML front matter: did not find expected node content\ncrosswalk import: 1 problem(s); nothing was written\n"
	if code != 1 || errOut != want {
		t.Errorf("over a broken file: exit %d, stderr:\n%s\nwant:\n%s", code, errOut, want)
	}
	if after, _ := os.ReadFile(into); string(after) != before {
		t.Error("a failed import changed the crosswalk file")
	}
}

// TestImportFlags: -source is the site folder, as in every command; the
// frameworks are -source-framework and -target-framework.
func TestImportFlags(t *testing.T) {
	site, table := newImport(t, "source_id,target_id\nX 1,A-1\n")
	t.Chdir(site) // a site in the current folder, whose frameworks are x and y
	const usage = "usage: crosswalk import [-source DIR] -from FILE.csv -source-framework ID -target-framework ID [-into FILE.md] [-columns name=heading,…]\n" +
		"       crosswalk import [-source DIR] -from FILE.json|FILE.csv -framework ID [-columns name=heading,…] [-title T] [-version V] [-publisher P] [-published DATE] [-url URL] [-license L] [-ids site]\n"
	tests := []struct {
		args []string
		code int
		want string // stderr
	}{
		{[]string{"-from", table, "-source", "x", "-target-framework", "y"}, 2,
			"crosswalk import: -source is the site folder; did you mean -source-framework x?\n"},
		{[]string{"-from", table, "-source", "x", "-source-framework", "x", "-target-framework", "y"}, 2,
			"crosswalk import: -source is the site folder; did you mean -source-framework x?\n"},
		{[]string{"-from", table, "-source", "x", "-target", "y"}, 2,
			"crosswalk import: -target is now -target-framework ID, and the source framework is -source-framework ID (-source is the site folder, as in every command)\n" + usage},
		{[]string{"-site", site, "-from", table, "-source-framework", "x", "-target-framework", "y"}, 2,
			"crosswalk import: -site is now -source: the site folder, as in every command\n" + usage},
		{[]string{"--site=" + site}, 2,
			"crosswalk import: -site is now -source: the site folder, as in every command\n" + usage},
		{[]string{"-from", table, "-source-framework", "x"}, 2, usage},
		{[]string{"-from", table, "-source-framework", "x", "-target-framework", "y", "extra"}, 2, usage},
		{[]string{"-from", table}, 2,
			"crosswalk import: give -framework ID to import a framework, or -source-framework and -target-framework to import a mapping table\n" + usage},
		// A framework import takes no mapping flags, and a mapping import no metadata.
		{[]string{"-from", table, "-framework", "z", "-source-framework", "x"}, 2,
			"crosswalk import: -framework imports a framework; -source-framework, -target-framework and -into are for a mapping table\n" + usage},
		{[]string{"-from", table, "-source-framework", "x", "-target-framework", "y", "-license", "CC0"}, 2,
			"crosswalk import: -license is for a framework import (-framework ID)\n" + usage},
		{[]string{"-from", table, "-framework", "z", "-ids", "ours"}, 2,
			"crosswalk import: -ids \"ours\": give site (the ids are this site's own) or publisher (the default)\n"},
		{[]string{"-framework", "z"}, 2, usage},
		{[]string{"-from", table, "-framework", "z", "-published", "last spring"}, 1,
			"crosswalk import: -published \"last spring\": give the date as YYYY-MM-DD\n"},
		// Metadata flags on a mapping import are named in a fixed order.
		{[]string{"-from", table, "-source-framework", "x", "-target-framework", "y", "-version", "2", "-license", "CC0"}, 2,
			"crosswalk import: -version is for a framework import (-framework ID)\n" + usage},
		{[]string{"-from", table, "-framework", "Bad Id"}, 1,
			"crosswalk import: framework id \"Bad Id\": use lower case letters, digits and single hyphens\n"},
		// A -source that is neither a site nor a framework: the build's own error.
		{[]string{"-from", table, "-source", "nope", "-source-framework", "x", "-target-framework", "y"}, 1,
			"crosswalk import: cannot read the site's content/ folder: lstat " + filepath.Join(site, "nope", "content") + ": no such file or directory\n"},
	}
	for _, tt := range tests {
		code, out, errOut := runCLI(append([]string{"import"}, tt.args...)...)
		if code != tt.code || out != "" || errOut != tt.want {
			t.Errorf("%q: exit %d, stdout %q, stderr:\n%s\nwant %d and:\n%s", tt.args, code, out, errOut, tt.code, tt.want)
		}
	}
	// A value that looks like an old flag is a value: -columns takes it.
	code, _, errOut := runCLI("import", "-columns", "-site", "-from", table, "-source-framework", "x", "-target-framework", "y")
	if code != 2 || errOut != "crosswalk import: -columns: \"-site\" is not name=heading\n" {
		t.Errorf("-columns -site: exit %d, %q", code, errOut)
	}
	// The default -source is the current folder.
	code, out, errOut := runCLI("import", "-from", table, "-source-framework", "x", "-target-framework", "y")
	if code != 0 || out != "imported 1 mappings → "+filepath.Join(site, "content", "crosswalks", "x--y.md")+"\n" {
		t.Errorf("import in the site folder: exit %d, %q %s", code, out, errOut)
	}
}

// TestImportNoTempNames: when writing fails, the message names the user's
// file, never the temporary file written beside it. A name of 245 bytes is
// a valid file name whose temporary file's name is too long.
func TestImportNoTempNames(t *testing.T) {
	site, table := newImport(t, "source_id,target_id\nX 1,A-1\n")
	into := filepath.Join(t.TempDir(), strings.Repeat("n", 242)+".md")
	code, _, errOut := runCLI("import", "-source", site, "-from", table, "-source-framework", "x", "-target-framework", "y", "-into", into)
	if want := "crosswalk import: cannot write " + into + ": file name too long\n"; code != 1 || errOut != want {
		t.Errorf("exit %d, stderr %q\nwant %q", code, errOut, want)
	}
}

// TestImportDuplicates: identical duplicate rows are kept once, with a
// notice; a repeated pair that differs stays an error.
func TestImportDuplicates(t *testing.T) {
	site, table := newImport(t, "source_id,target_id,relationship\nX 1,A-1,subset-of\nX 2,A-2,\nX 1,A-1,subset-of\nX 2,A-2,\n")
	code, out, errOut := runCLI("import", "-source", site, "-from", table, "-source-framework", "x", "-target-framework", "y")
	want := "crosswalk import: notice: " + table + ":4: duplicate mapping X 1 → A-1, identical to row 2: row 2 is kept, this row is dropped\n" +
		"crosswalk import: notice: " + table + ":5: duplicate mapping X 2 → A-2, identical to row 3: row 3 is kept, this row is dropped\n"
	if code != 0 || !strings.HasPrefix(out, "imported 2 mappings") || errOut != want {
		t.Errorf("exit %d, stdout %q, stderr:\n%s\nwant:\n%s", code, out, errOut, want)
	}

	sitetest.WriteDir(t, filepath.Dir(table), map[string]string{"t.csv": "source_id,target_id,relationship\nX 1,A-1,subset-of\nX 1,A-1,intersects-with\n"})
	code, _, errOut = runCLI("import", "-source", site, "-from", table, "-source-framework", "x", "-target-framework", "y", "-into", filepath.Join(site, "content", "crosswalks", "other.md"))
	want = table + ":3:1: duplicate mapping X 1 → A-1 (first at row 2)\ncrosswalk import: 1 problem(s); nothing was written\n"
	if code != 1 || errOut != want {
		t.Errorf("differing duplicate: exit %d, stderr:\n%s\nwant:\n%s", code, errOut, want)
	}
}

// TestImportIDHints: ids that differ from known ones only by zero padding,
// case or separators get a hint.
func TestImportIDHints(t *testing.T) {
	site, table := newImport(t, "source_id,target_id\nx 01,A-01\nX 2,T1003.01\nX 3,a 2\n")
	code, _, errOut := runCLI("import", "-source", site, "-from", table, "-source-framework", "x", "-target-framework", "y")
	want := table + `:2:1: unknown source "x 01" in framework "x"; did you mean "X 1"?` + "\n" +
		table + `:2:2: unknown target "A-01" in framework "y"; did you mean "A-1"?` + "\n" +
		table + `:3:2: unknown target "T1003.01" in framework "y"; did you mean "T1003.001"?` + "\n" +
		table + `:4:1: unknown source "X 3" in framework "x"` + "\n" +
		table + `:4:2: unknown target "a 2" in framework "y"; did you mean "A-2"?` + "\n" +
		"crosswalk import: 5 problem(s); nothing was written\n"
	if code != 1 || errOut != want {
		t.Errorf("exit %d, stderr:\n%s\nwant:\n%s", code, errOut, want)
	}
}

// TestErrorSummary: a list of more than 20 problems ends with a count per
// kind of problem, most frequent first; a shorter one does not.
func TestErrorSummary(t *testing.T) {
	var b strings.Builder
	b.WriteString("source_id,target_id,relationship\n")
	for i := range 22 {
		fmt.Fprintf(&b, "X 1,B-%d,\n", i)
	}
	b.WriteString("X 9,A-1,overlaps\nX 2,A-2,Subset of\n")
	site, table := newImport(t, b.String())
	code, _, errOut := runCLI("import", "-source", site, "-from", table, "-source-framework", "x", "-target-framework", "y")
	lines := strings.Split(strings.TrimSuffix(errOut, "\n"), "\n")
	if len(lines) != 25+4 {
		t.Fatalf("exit %d, %d lines:\n%s", code, len(lines), errOut)
	}
	want := []string{
		"  22 × unknown target … in framework …",
		"   2 × unknown relationship …: use one of equal-to, equivalent-to, subset-of, superset-of, intersects-with, no-relationship",
		"   1 × unknown source … in framework …",
		"crosswalk import: 25 problem(s); nothing was written",
	}
	if code != 1 || !slices.Equal(lines[25:], want) || lines[0] != table+`:2:2: unknown target "B-0" in framework "y"` {
		t.Errorf("exit %d, stderr ends:\n%s\nwant:\n%s", code, strings.Join(lines[25:], "\n"), strings.Join(want, "\n"))
	}

	// 20 problems: no summary.
	b.Reset()
	b.WriteString("source_id,target_id\n")
	for i := range 20 {
		fmt.Fprintf(&b, "X 1,B-%d\n", i)
	}
	sitetest.WriteDir(t, filepath.Dir(table), map[string]string{"t.csv": b.String()})
	_, _, errOut = runCLI("import", "-source", site, "-from", table, "-source-framework", "x", "-target-framework", "y")
	if strings.Contains(errOut, "×") || !strings.HasSuffix(errOut, "\ncrosswalk import: 20 problem(s); nothing was written\n") {
		t.Errorf("20 problems:\n%s", errOut)
	}
}

// TestBuildSummary: build prints the same summary.
func TestBuildSummary(t *testing.T) {
	dir := t.TempDir()
	sitetest.WriteDir(t, dir, goodSite)
	var body strings.Builder
	for i := range 21 {
		fmt.Fprintf(&body, "[[X %d]] ", i+2)
	}
	sitetest.WriteDir(t, dir, map[string]string{"content/about.md": "---\ntitle: About\n---\n" + body.String() + "\n"})
	code, _, errOut := runCLI("check", "-source", dir)
	if want := "\n  21 × unknown element …\ncrosswalk check: 21 problem(s); nothing was written\n"; code != 1 || !strings.HasSuffix(errOut, want) || strings.Count(errOut, "\n") != 23 {
		t.Errorf("exit %d, stderr:\n%s\nwant it to end:%s", code, errOut, want)
	}
}

// TestBuildZipFolder: -zip into a folder that does not exist creates it;
// a failed build removes what it created; a write that fails names the
// zip, never its temporary file.
func TestBuildZipFolder(t *testing.T) {
	dir := t.TempDir()
	sitetest.WriteDir(t, dir, goodSite)
	out := t.TempDir()
	zipPath := filepath.Join(out, "a", "b", "site.zip")
	code, stdout, errOut := runCLI("build", "-source", dir, "-zip", zipPath)
	if code != 0 || !strings.HasSuffix(stdout, "→ "+zipPath+"\n") {
		t.Fatalf("-zip into a new folder: exit %d, stdout %q, stderr %q", code, stdout, errOut)
	}
	if info, err := os.Stat(zipPath); err != nil || info.Size() < 1000 {
		t.Errorf("-zip: %v", err)
	}

	// A failed build leaves no folder behind.
	sitetest.WriteDir(t, dir, map[string]string{"content/about.md": "---\ntitle: About\n---\n[[X 9]]\n"})
	code, _, errOut = runCLI("build", "-source", dir, "-zip", filepath.Join(out, "c", "d", "site.zip"))
	if code != 1 || !strings.HasSuffix(errOut, "crosswalk build: 1 problem(s); nothing was written\n") {
		t.Errorf("failed build: exit %d, %q", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(out, "c")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a failed build left the folder it created: %v", err)
	}
	sitetest.WriteDir(t, dir, map[string]string{"content/about.md": "---\ntitle: About\n---\nAbout.\n"})

	// A folder that cannot be made.
	sitetest.WriteDir(t, out, map[string]string{"file": "x"})
	code, _, errOut = runCLI("build", "-source", dir, "-zip", filepath.Join(out, "file", "e", "site.zip"))
	if want := "crosswalk build: cannot create the folder " + filepath.Join(out, "file", "e") + ": " + filepath.Join(out, "file") + " is a file\n"; code != 1 || errOut != want {
		t.Errorf("-zip under a file: exit %d, stderr %q, want %q", code, errOut, want)
	}

	// A write that fails: the temporary file's name is too long.
	long := filepath.Join(out, strings.Repeat("z", 241)+".zip")
	code, _, errOut = runCLI("build", "-source", dir, "-zip", long)
	if want := "crosswalk build: cannot write " + long + ": file name too long\n"; code != 1 || errOut != want {
		t.Errorf("-zip with a long name: exit %d, stderr %q\nwant %q", code, errOut, want)
	}
}
