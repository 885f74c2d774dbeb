package build_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/crosswalk-ssg/crosswalk"
	"github.com/crosswalk-ssg/crosswalk/internal/build"
	"github.com/crosswalk-ssg/crosswalk/internal/sitetest"
)

// diskSite is a site of two frameworks and one crosswalk, for the
// functions that work on the operating system's disk.
var diskSite = map[string]string{
	"content/_index.md": "---\ntitle: Home\n---\n",
	"content/frameworks/a/_index.md": "---\nframework: {id: a, title: A, version: \"1\", publisher: P, url: \"https://a.example/\", license: CC0}\n" +
		"levels: [{name: item, page: true}]\n---\n",
	"content/frameworks/a/one.md": "---\nid: A 1\nstatement: One.\n---\n",
	"content/frameworks/b/_index.md": "---\nframework: {id: b, title: B, version: \"1\", publisher: P, url: \"https://b.example/\", license: CC0}\n" +
		"levels: [{name: item, page: true}]\n---\n",
	"content/frameworks/b/one.md": "---\nid: B 1\nstatement: Uno.\n---\n",
	"content/crosswalks/a--b.md": "---\ncrosswalk: {id: a--b, title: A to B, source: a, target: b, status: draft, status_statement: A test.}\n" +
		"mappings:\n  - {source: A 1, target: B 1, relationship: equal-to}\n---\n",
}

func openDiskSite(t *testing.T, extra map[string]string) build.Config {
	t.Helper()
	dir := t.TempDir()
	sitetest.WriteDir(t, dir, sitetest.With(diskSite, extra))
	cfg, err := build.OpenSite(dir, crosswalk.Defaults, "")
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

// TestOpenSiteBuildsIntoDirAndZip: a site opened from disk builds into a
// folder (swapped in, with the marker) and into a zip whose missing
// folders are created at commit.
func TestOpenSiteBuildsIntoDirAndZip(t *testing.T) {
	cfg := openDiskSite(t, nil)
	if real, _ := filepath.EvalSymlinks(cfg.Dir); real != cfg.Dir {
		t.Errorf("Dir %s is not the real path %s", cfg.Dir, real)
	}
	dest := filepath.Join(t.TempDir(), "public")
	out, err := build.NewDir(dest, cfg.Dir)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Output = out
	res, err := build.Build(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(res.String(), "8 pages, 7 static files, 2 frameworks, 2 elements, 1 crosswalks, 1 mappings in ") || res.Mappings != 1 || res.Frameworks != 2 {
		t.Errorf("result %s, %+v", res, res)
	}
	for _, f := range []string{build.Marker, "index.html", "frameworks/a/a-1/index.html", "downloads/a-b.csv"} {
		if _, err := os.Stat(filepath.Join(dest, f)); err != nil {
			t.Error(err)
		}
	}
	zipFile := filepath.Join(t.TempDir(), "new", "folder", "site.zip")
	if cfg.Output, err = build.NewZip(zipFile, cfg.Dir); err != nil {
		t.Fatal(err)
	}
	if _, err := build.Build(cfg); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(zipFile); err != nil {
		t.Error(err)
	}
	if _, err := build.NewDir(filepath.Join(cfg.Dir, "content", "out"), cfg.Dir); err == nil {
		t.Error("NewDir accepted a folder inside content/")
	}
}

// TestExportTo writes each format's files, and only those.
func TestExportTo(t *testing.T) {
	cfg := openDiskSite(t, nil)
	tests := map[string][]string{
		"csv":  {"a-b.csv"},
		"json": {"a-b.json", "crosswalk.schema.json"},
		"xlsx": {"a-b.xlsx"},
		// The mapping collection is withheld: the crosswalk does not say
		// how it was made (mapping_method), which OSCAL requires.
		"oscal": {"a.oscal-catalog.json", "b.oscal-catalog.json"},
	}
	all := []string{}
	for format, want := range tests {
		all = append(all, want...)
		dest := filepath.Join(t.TempDir(), "data")
		res, err := build.ExportTo(cfg, dest, format)
		if err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		got := slices.Sorted(slices.Values(res.Files))
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("%s: wrote %q, want %q", format, got, want)
		}
		if withheld := slices.ContainsFunc(res.Notices, func(n string) bool {
			return strings.HasPrefix(n, "a-b.oscal-mapping.json is not written: ")
		}); withheld != (format == "oscal") {
			t.Errorf("%s: notices %q", format, res.Notices)
		}
		entries, _ := os.ReadDir(dest)
		if len(entries) != len(want) {
			t.Errorf("%s: the folder holds %d files, want %d", format, len(entries), len(want))
		}
	}
	res, err := build.ExportTo(cfg, t.TempDir(), "all")
	if err != nil {
		t.Fatal(err)
	}
	if got := slices.Sorted(slices.Values(res.Files)); !slices.Equal(got, slices.Sorted(slices.Values(all))) {
		t.Errorf("all: wrote %q, want %q", got, all)
	}
	if _, err := build.ExportTo(cfg, t.TempDir(), "pdf"); err == nil || !strings.Contains(err.Error(), "give one of csv, json, xlsx, oscal, all") {
		t.Errorf("unknown format: %v", err)
	}
	if _, err := build.ExportTo(cfg, filepath.Join(cfg.Dir, "static", "data"), "csv"); err == nil {
		t.Error("ExportTo wrote into static/")
	}
	// Export does not render, so a broken template does not stop it.
	broken := openDiskSite(t, map[string]string{"templates/page.html": "{{ if }}"})
	if _, err := build.ExportTo(broken, t.TempDir(), "csv"); err != nil {
		t.Errorf("ExportTo of a site with a broken template: %v", err)
	}
	if _, err := build.Build(broken); err == nil || !strings.Contains(err.Error(), "templates/page.html:1") {
		t.Errorf("Build of a site with a broken template: %v", err)
	}
	// A site in memory has no folder to keep the data files out of.
	inMemory := build.Config{Source: sitetest.Source(diskSite), Defaults: crosswalk.Defaults}
	if _, err := build.ExportTo(inMemory, t.TempDir(), "csv"); err == nil || !strings.Contains(err.Error(), "OpenSite") {
		t.Errorf("ExportTo of a site in memory: %v", err)
	}
	if _, err := build.Import(build.ImportRequest{Site: inMemory}); err == nil || !strings.Contains(err.Error(), "OpenSite") {
		t.Errorf("Import into a site in memory: %v", err)
	}
}

// TestImport writes a crosswalk file from a table, keeps an existing
// file's metadata, and reports a bad table at its cell with nothing
// written.
func TestImport(t *testing.T) {
	cfg := openDiskSite(t, map[string]string{"content/crosswalks/a--b.md": ""})
	table := filepath.Join(t.TempDir(), "t.csv")
	if err := os.WriteFile(table, []byte("source_id,target_id\nA 1,B 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	req := build.ImportRequest{Site: cfg, Table: table, SourceFramework: "a", TargetFramework: "b"}
	res, err := build.Import(req)
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(cfg.Dir, "content", "crosswalks", "a--b.md"); res.File != want || res.Mappings != 1 {
		t.Errorf("imported %d into %s, want 1 into %s", res.Mappings, res.File, want)
	}
	written, _ := os.ReadFile(res.File)
	if !strings.Contains(string(written), "source: A 1") || !strings.Contains(string(written), "status: draft") {
		t.Errorf("the crosswalk file:\n%s", written)
	}
	if _, err := build.Build(cfg); err != nil {
		t.Errorf("the imported site does not build: %v", err)
	}

	if err := os.WriteFile(table, []byte("source_id,target_id\nA 9,B 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(res.File)
	_, err = build.Import(req)
	if !build.IsSiteError(err) || !strings.Contains(err.Error(), table+":2:1: unknown source \"A 9\"") {
		t.Errorf("bad table: %v", err)
	}
	if after, _ := os.ReadFile(res.File); string(after) != string(before) {
		t.Error("a failed import changed the crosswalk file")
	}
	req.Into = filepath.Join(cfg.Dir, "templates", "x.md")
	if err := os.WriteFile(table, []byte("source_id,target_id\nA 1,B 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := build.Import(req); err == nil || !strings.Contains(err.Error(), "templates/") {
		t.Errorf("import into templates/: %v", err)
	}
}

// TestFrameworks returns the site's frameworks even when the crosswalk
// an import will replace is broken, but not when a framework is.
func TestFrameworks(t *testing.T) {
	cfg := openDiskSite(t, map[string]string{"content/crosswalks/a--b.md": "---\ncrosswalk: {id: a--b, title: T, source: a, target: nope}\n---\n"})
	fws, err := build.Frameworks(cfg)
	if err != nil || fws["a"] == nil || fws["b"] == nil {
		t.Errorf("Frameworks = %v, %v", fws, err)
	}
	cfg = openDiskSite(t, map[string]string{"content/frameworks/b/one.md": "---\nid: B 1\nstatment: typo\n---\n"})
	if _, err := build.Frameworks(cfg); !build.IsSiteError(err) || !strings.Contains(err.Error(), "content/frameworks/b/one.md") {
		t.Errorf("a broken framework: %v", err)
	}
}
