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
