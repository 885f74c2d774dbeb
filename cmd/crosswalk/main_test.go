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
