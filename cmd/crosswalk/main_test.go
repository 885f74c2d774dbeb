package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// writeSite writes files (path → content) under dir.
func writeSite(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

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
	writeSite(t, dir, goodSite)
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
	writeSite(t, dir, map[string]string{
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
	writeSite(t, dir, goodSite)
	writeSite(t, dir, map[string]string{"notes/keep.txt": "mine"})
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
	writeSite(t, dir, goodSite)

	// -quiet: nothing on success; -v: stage timings; a notice without a base URL.
	code, out, errOut := runCLI("build", "-source", dir, "-dest", filepath.Join(dir, "public"), "-quiet")
	if code != 0 || out != "" || errOut != "" {
		t.Errorf("-quiet: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	code, _, errOut = runCLI("build", "-source", dir, "-dest", filepath.Join(dir, "public"), "-v")
	for _, want := range []string{"notice: no base URL", "load, model, link", "render", "write"} {
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
	if code != 1 || !strings.Contains(errOut, "inside the site's input folder content") {
		t.Errorf("-zip into content/: exit %d, stderr %q", code, errOut)
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

func TestProgress(t *testing.T) {
	var small, large bytes.Buffer
	p := progress(&small)
	for i := 1; i <= 100; i++ {
		p(i, 100)
	}
	if small.Len() != 0 {
		t.Errorf("progress shown for a small build: %q", small.String())
	}
	p = progress(&large)
	p(1, 500)
	p(2, 500) // within 100 ms of the last: not drawn
	p(500, 500)
	if got := large.String(); got != "\rrendering 1/500 pages\r\033[K" {
		t.Errorf("progress = %q", got)
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
		writeSite(t, dir, map[string]string{filepath.ToSlash(rel): string(data)})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
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
	csvName := "aiverify-2023-nist-ai-rmf-1-0.csv"
	into := filepath.Join(site, "content", "crosswalks", "aiverify-nist-ai-rmf.md")
	code, out, errOut := runCLI("import", "-site", site, "-from", filepath.Join(first, csvName), "-source", "ai-verify", "-target", "nist-ai-rmf", "-into", into)
	if code != 0 || out != "imported 77 mappings → "+into+"\n" {
		t.Fatalf("import: exit %d, %q %s", code, out, errOut)
	}
	if code, _, errOut := runCLI("check", "-source", site); code != 0 {
		t.Fatalf("check after import: %s", errOut)
	}
	if code, _, errOut := runCLI("export", "-source", site, "-format", "csv", "-dest", second); code != 0 {
		t.Fatalf("export again: %s", errOut)
	}
	a, _ := os.ReadFile(filepath.Join(first, csvName))
	b, _ := os.ReadFile(filepath.Join(second, csvName))
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
	want := "ai-verify.oscal-catalog.json,aiverify-2023-nist-ai-rmf-1-0.csv,aiverify-2023-nist-ai-rmf-1-0.json,aiverify-2023-nist-ai-rmf-1-0.oscal-mapping.json,aiverify-2023-nist-ai-rmf-1-0.xlsx,crosswalk.schema.json,nist-ai-rmf.oscal-catalog.json"
	if strings.Join(names, ",") != want {
		t.Errorf("export -format all wrote %v", names)
	}
}

func TestImportErrorsWriteNothing(t *testing.T) {
	site := t.TempDir()
	copyContent(t, site)
	table := filepath.Join(t.TempDir(), "bad.csv")
	writeSite(t, filepath.Dir(table), map[string]string{"bad.csv": "source_id,target_id,relationship\n1.1.1,MAP 9.9,subset-of\n1.1.1,GOVERN 1.1,overlaps\n"})
	into := filepath.Join(site, "content", "crosswalks", "aiverify-nist-ai-rmf.md")
	before, _ := os.ReadFile(into)
	code, _, errOut := runCLI("import", "-site", site, "-from", table, "-source", "ai-verify", "-target", "nist-ai-rmf", "-into", into)
	want := table + `:2:2: unknown target "MAP 9.9" in framework "nist-ai-rmf"` + "\n" +
		table + `:3:3: unknown relationship "overlaps": use one of equal-to, equivalent-to, subset-of, superset-of, intersects-with, no-relationship` + "\n" +
		"crosswalk import: 2 problem(s); nothing was written\n"
	if code != 1 || errOut != want {
		t.Errorf("exit %d, stderr:\n%s\nwant:\n%s", code, errOut, want)
	}
	after, _ := os.ReadFile(into)
	if !bytes.Equal(before, after) {
		t.Error("a failed import changed the crosswalk file")
	}
}
