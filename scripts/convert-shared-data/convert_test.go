package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/crosswalk-ssg/crosswalk"
	"github.com/crosswalk-ssg/crosswalk/internal/build"
)

// repoContent is the default site's content, which make content made.
const repoContent = "../../content"

// TestReproducesContent runs what make content runs, on a copy of the
// repository's content/: this converter over ../shared/data, then crosswalk
// import of the official CSV. The result must be content/ byte for byte,
// so the checked-in site is exactly what the source data give.
func TestReproducesContent(t *testing.T) {
	data := filepath.Join("..", "..", "..", "shared", "data")
	if _, err := os.Stat(data); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("the source data must be present in CI: %v", err)
		}
		t.Skipf("no source data: %v", err)
	}
	site := t.TempDir()
	want := readTree(t, repoContent)
	for name, text := range want {
		p := filepath.Join(site, "content", filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, text, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := run(data, filepath.Join(site, "content")); err != nil {
		t.Fatal(err)
	}
	cfg, err := build.OpenSite(site, crosswalk.Defaults, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := build.Import(build.ImportRequest{
		Site: cfg, Table: filepath.Join(data, "crosswalk-nist-ai-rmf-ai-verify-official.csv"),
		Into:            filepath.Join(site, "content", "crosswalks", "nist-ai-rmf--ai-verify.md"),
		SourceFramework: "nist-ai-rmf", TargetFramework: "ai-verify",
		Columns: map[string]string{"source_id": "nist_ai_rmf", "target_id": "ai_verify"},
	}); err != nil {
		t.Fatal(err)
	}
	got := readTree(t, filepath.Join(site, "content"))
	for name, w := range want {
		if g, ok := got[name]; !ok {
			t.Errorf("%s is gone", name)
		} else if !bytes.Equal(g, w) {
			t.Errorf("%s differs from the repository's: run make content and commit the result", name)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("%s is new: run make content and commit the result", name)
		}
	}
}

// TestRunTwiceIsStable: a second run over its own output changes nothing.
func TestRunTwiceIsStable(t *testing.T) {
	data := filepath.Join("..", "..", "..", "shared", "data")
	if _, err := os.Stat(data); err != nil {
		t.Skipf("no source data: %v", err)
	}
	out := t.TempDir()
	if err := run(data, out); err != nil {
		t.Fatal(err)
	}
	first := readTree(t, out)
	if err := run(data, out); err != nil {
		t.Fatal(err)
	}
	second := readTree(t, out)
	if len(first) != len(second) || len(first) == 0 {
		t.Fatalf("%d files, then %d", len(first), len(second))
	}
	for name, b := range first {
		if !bytes.Equal(b, second[name]) {
			t.Errorf("%s changes on a second run", name)
		}
	}
}

func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
