package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/crosswalk-ssg/crosswalk"
	"github.com/crosswalk-ssg/crosswalk/internal/build"
)

// repoContent is the default site's content, which make content made.
const repoContent = "../../content"

// handWritten are the files of content/ that no tool makes: the home
// page, the attribution page and the annex pages (whose texts were not
// available; they say so and where the originals are).
var handWritten = []string{"_index.md", "about/attribution.md", "annexes/_index.md", "annexes/annex-a.md", "annexes/annex-c.md"}

// officialCrosswalk is the one file the converter writes in part: its
// records come from crosswalk import of the official CSV.
const officialCrosswalk = "crosswalks/nist-ai-rmf--ai-verify.md"

// TestReproducesContent runs what make content runs: this converter over
// ../shared/data into an empty folder, then crosswalk import of the
// official CSV into the crosswalk file it wrote. Every file it writes must
// be content/'s byte for byte, and content/ may hold nothing else but
// handWritten, so the checked-in site is exactly what the source data
// give.
func TestReproducesContent(t *testing.T) {
	data := filepath.Join("..", "..", "..", "shared", "data")
	if _, err := os.Stat(data); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("the source data must be present in CI: %v", err)
		}
		t.Skipf("no source data: %v", err)
	}
	site := t.TempDir()
	out := filepath.Join(site, "content")
	if err := run(data, out); err != nil {
		t.Fatal(err)
	}
	generated := readTree(t, out)
	if _, ok := generated[officialCrosswalk]; !ok {
		t.Fatalf("the converter wrote no %s", officialCrosswalk)
	}
	cfg, err := build.OpenSite(site, crosswalk.Defaults, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := build.Import(build.ImportRequest{
		Site: cfg, Table: filepath.Join(data, "crosswalk-nist-ai-rmf-ai-verify-official.csv"),
		Into:            filepath.Join(out, filepath.FromSlash(officialCrosswalk)),
		SourceFramework: "nist-ai-rmf", TargetFramework: "ai-verify",
		Columns: map[string]string{"source_id": "nist_ai_rmf", "target_id": "ai_verify"},
	}); err != nil {
		t.Fatal(err)
	}
	got := readTree(t, out)
	want := readTree(t, repoContent)
	for name, g := range got {
		if w, ok := want[name]; !ok {
			t.Errorf("%s is made but not in content/: run make content and commit the result", name)
		} else if !bytes.Equal(g, w) {
			t.Errorf("%s differs from content/'s: run make content and commit the result", name)
		}
	}
	for name := range want {
		if _, ok := got[name]; !ok && !slices.Contains(handWritten, name) {
			t.Errorf("content/%s is neither made by make content nor listed as hand-written", name)
		}
	}
	for _, name := range handWritten {
		if _, ok := got[name]; ok {
			t.Errorf("%s is listed as hand-written, but the converter writes it", name)
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
