package build_test

import (
	"archive/zip"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/crosswalk-ssg/crosswalk"
	"github.com/crosswalk-ssg/crosswalk/internal/build"
	"github.com/crosswalk-ssg/crosswalk/internal/linkcheck"
	"github.com/crosswalk-ssg/crosswalk/internal/sitetest"
	"github.com/spf13/afero"
)

// withSmall returns the small fixture site with extra files.
func withSmall(t *testing.T, extra map[string]string) afero.Fs {
	t.Helper()
	return sitetest.Source(sitetest.With(small(t), extra))
}

func TestGitHubPagesFiles(t *testing.T) {
	for _, tt := range []struct{ base, canonicalHome string }{
		{"https://crosswalk.example.org", "https://crosswalk.example.org/"},
		{"https://you.github.io/repo/", "https://you.github.io/repo/"},
	} {
		t.Run(tt.base, func(t *testing.T) {
			files, res := sitetest.Build(t, sitetest.Source(small(t)), sitetest.BaseURL(tt.base))
			if len(res.Notices) != 0 {
				t.Errorf("notices with a base URL: %v", res.Notices)
			}
			out := sitetest.FS(files)
			base := tt.canonicalHome
			sitemap := sitetest.File(t, files, "sitemap.xml")
			locs := regexp.MustCompile(`<loc>([^<]*)</loc>`).FindAllStringSubmatch(sitemap, -1)
			var got []string
			for _, m := range locs {
				got = append(got, m[1])
			}
			want := []string{base + "about/"}
			// The crosswalk's part pages: a cell page per non-empty cell of
			// its matrix, the drill-downs of elements with children.
			for _, part := range []string{"cells/a1--b/", "cells/a2--b/", "columns/b/", "", "rows/1-1/", "rows/a1/"} {
				want = append(want, base+"crosswalks/alpha-beta/"+part)
			}
			want = append(want, base+"frameworks/alpha/a1/", base+"frameworks/alpha/a2/",
				base+"frameworks/alpha/", base+"frameworks/beta/b-1-1/", base+"frameworks/beta/b-1-2/", base+"frameworks/beta/b/",
				base+"frameworks/beta/", base, base+"news/", base+"news/launch/", base+"search/")
			if !slices.Equal(got, want) {
				t.Errorf("sitemap locs:\n%v\nwant\n%v", got, want)
			}
			if !strings.HasPrefix(sitemap, `<?xml version="1.0" encoding="UTF-8"?>`) {
				t.Error("sitemap.xml has no XML declaration")
			}
			if robots := sitetest.File(t, files, "robots.txt"); !strings.Contains(robots, "Sitemap: "+base+"sitemap.xml\n") {
				t.Errorf("robots.txt = %q", robots)
			}
			about := sitetest.File(t, files, "about/index.html")
			if !strings.Contains(about, `<link rel="canonical" href="`+base+`about/">`) {
				t.Error("about page lacks its canonical link")
			}
			if !strings.Contains(sitetest.File(t, files, "index.html"), `<link rel="canonical" href="`+base+`">`) {
				t.Error("home page lacks its canonical link")
			}
			// 404.html is served at any depth: every URL in it is absolute
			// under the base URL and names a file of the site.
			notFound := sitetest.File(t, files, "404.html")
			urls := regexp.MustCompile(`(?:href|src)="([^"#]*)`).FindAllStringSubmatch(notFound, -1)
			if len(urls) < 5 {
				t.Fatalf("404.html has %d URLs", len(urls))
			}
			for _, m := range urls {
				if m[1] == "" {
					continue // a fragment of the page itself
				}
				if !strings.HasPrefix(m[1], base) {
					t.Errorf("404.html: %q is not under the base URL", m[1])
					continue
				}
				if _, err := fs.Stat(out, strings.TrimPrefix(m[1], base)); err != nil {
					t.Errorf("404.html: %q does not name a file of the site", m[1])
				}
			}
			problems, err := linkcheck.Check(out, linkcheck.Options{BaseURL: base})
			if err != nil || len(problems) != 0 {
				t.Errorf("link check: %v %v", problems, err)
			}
			sitetest.File(t, files, ".nojekyll")
			if _, ok := files["CNAME"]; ok {
				t.Error("CNAME written without a custom domain")
			}
		})
	}
}

func TestWithoutBaseURL(t *testing.T) {
	files, res := sitetest.Build(t, sitetest.Source(small(t)))
	if len(res.Notices) != 1 || !strings.Contains(res.Notices[0], "no base URL") {
		t.Errorf("notices = %v", res.Notices)
	}
	for _, name := range []string{"sitemap.xml", "robots.txt", "404.html", "CNAME"} {
		if _, ok := files[name]; ok {
			t.Errorf("%s written without a base URL", name)
		}
	}
	sitetest.File(t, files, ".nojekyll")
	if strings.Contains(sitetest.File(t, files, "index.html"), `rel="canonical"`) {
		t.Error("canonical link without a base URL")
	}
}

func TestSiteConfig(t *testing.T) {
	src := withSmall(t, map[string]string{"content/_index.md": `---
title: Fixture crosswalk
site:
  title: The Fixture Site
  base_url: https://x.example/sub
  language: en-GB
  custom_domain: crosswalk.example.org
  footer: Text under CC BY 4.0.
---
Home.
`})
	files, _ := sitetest.Build(t, src)
	if got := sitetest.File(t, files, "CNAME"); got != "crosswalk.example.org\n" {
		t.Errorf("CNAME = %q", got)
	}
	about := sitetest.File(t, files, "about/index.html")
	for _, want := range []string{`<html lang="en-GB">`, `<title>About · The Fixture Site</title>`, `<p>Text under CC BY 4.0.</p>`, `href="https://x.example/sub/about/"`} {
		if !strings.Contains(about, want) {
			t.Errorf("about page lacks %s", want)
		}
	}
}

func TestSiteConfigErrors(t *testing.T) {
	src := withSmall(t, map[string]string{"content/_index.md": `---
title: Fixture
site:
  base_url: ftp://x.example/
  custom_domain: https://bad/
  colour: blue
---
`})
	got := sitetest.Check(t, src)
	want := `content/_index.md:4:13: base URL "ftp://x.example/": give an absolute http:// or https:// URL, such as https://you.github.io/repo/` + "\n" +
		`content/_index.md:5:18: custom_domain "https://bad/": give a host name such as crosswalk.example.org (no scheme, no path)` + "\n" +
		`content/_index.md:6:3: unknown key "colour"`
	if got != want {
		t.Errorf("errors:\n%s\nwant:\n%s", got, want)
	}
	got = sitetest.Check(t, sitetest.Source(small(t)), sitetest.BaseURL("example.org"))
	if got != `-base-url: base URL "example.org": give an absolute http:// or https:// URL, such as https://you.github.io/repo/` {
		t.Errorf("-base-url error = %s", got)
	}
}

func TestAliases(t *testing.T) {
	src := withSmall(t, map[string]string{
		"content/about.md": "---\ntitle: About\naliases: [/old-about/, /very/old/about.html]\n---\nAbout.\n",
		"content/frameworks/alpha/a2.md": "---\nid: A2\nnumber: \"2\"\ntitle: Care\nstatement: Take care.\naliases: [/alpha/care/]\nchildren:\n" +
			"  - id: \"2.1\"\n    statement: Be careful.\n    aliases: [/alpha/careful/]\n---\n",
	})
	files, _ := sitetest.Build(t, src)
	for alias, target := range map[string]string{
		"old-about/index.html":     "../about/index.html",
		"very/old/about.html":      "../../about/index.html",
		"alpha/care/index.html":    "../../frameworks/alpha/a2/index.html",
		"alpha/careful/index.html": "../../frameworks/alpha/a2/index.html#2-1",
	} {
		page := sitetest.File(t, files, alias)
		if !strings.Contains(page, `<meta http-equiv="refresh" content="0; url=`+target+`">`) || !strings.Contains(page, `<a href="`+target+`">`) {
			t.Errorf("%s does not redirect to %s:\n%s", alias, target, page)
		}
	}
	checkLinks(t, sitetest.FS(files)) // the redirects lead to pages (and anchors) that exist

	src = withSmall(t, map[string]string{
		"content/about.md": "---\ntitle: About\naliases: [/news/launch/, ../up/]\n---\n",
	})
	got := sitetest.Check(t, src)
	want := `content/about.md:3:11: news/launch/index.html is already published by content/news/2024-01-02-launch.md:4:12` + "\n" +
		`content/about.md:3:26: alias "../up/" must start with /`
	if got != want {
		t.Errorf("errors:\n%s\nwant:\n%s", got, want)
	}
}

// TestZipRoundTrip writes the default site as a zip, unzips it, and checks
// every link of the unzipped files as a browser opening them from disk
// would, and that the zip holds exactly what the folder build holds.
func TestZipRoundTrip(t *testing.T) {
	dir := t.TempDir()
	zipPath := filepath.Join(dir, "crosswalk-site.zip")
	if _, err := build.Build(build.Config{Source: sitetest.Repo(t), Defaults: crosswalk.Defaults, Output: newZip(t, zipPath)}); err != nil {
		t.Fatal(err)
	}
	r, err := zip.OpenReader(zipPath)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	unzipped := filepath.Join(dir, "unzipped")
	var names []string
	for _, f := range r.File {
		if !strings.HasPrefix(f.Name, "crosswalk-site/") {
			t.Fatalf("entry %s outside the top folder", f.Name)
		}
		names = append(names, strings.TrimPrefix(f.Name, "crosswalk-site/"))
		p := filepath.Join(unzipped, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	site := os.DirFS(filepath.Join(unzipped, "crosswalk-site"))
	problems, err := linkcheck.Check(site, linkcheck.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Errorf("unzipped site: %s", p)
	}
	built, _ := sitetest.Build(t, sitetest.Repo(t))
	if want := sortedKeys(built); !slices.Equal(names, want) {
		t.Errorf("zip holds %d files, a build into memory %d", len(names), len(want))
	}
	if _, err := fs.Stat(site, "index.html"); err != nil {
		t.Error("no index.html at the top of the unzipped folder")
	}
}

// TestCrosswalkWithoutRecords: a crosswalk with no mapping record builds
// (checking and exporting alike); only its OSCAL mapping-collection, which
// OSCAL requires to have a map, is left out, with a notice saying why.
func TestCrosswalkWithoutRecords(t *testing.T) {
	src := sitetest.Source(sitetest.Txtar([]byte(baseSite + `
-- content/crosswalks/ab.md --
---
crosswalk: {id: ab, title: AB, source: alpha, target: beta, status: official, mapping_method: human, matching_rationale: semantic}
mappings: []
---
`)))
	if msg := sitetest.Check(t, src); msg != "" {
		t.Errorf("check: %s", msg)
	}
	_, res := sitetest.Build(t, src)
	found := false
	for _, n := range res.Notices {
		found = found || strings.Contains(n, "ab.oscal-mapping.json is not published: OSCAL requires at least one map")
	}
	if !found {
		t.Errorf("notices = %q", res.Notices)
	}
	if _, err := build.Export(build.Config{Source: src, Defaults: crosswalk.Defaults}); err != nil {
		t.Errorf("export: %v", err)
	}
}

// TestRebuildIntoPreviousSite: a build into a folder that holds the
// previous build, after an edit, gives the same files, byte for byte, as
// a build into an empty folder; where the operating system allows, the
// files the edit did not change are the previous site's (write.Dir keeps
// them), and those it changed are not.
func TestRebuildIntoPreviousSite(t *testing.T) {
	osfs := afero.NewOsFs()
	dest := filepath.Join(t.TempDir(), "public")
	build1 := func(src afero.Fs, dest string) {
		t.Helper()
		if _, err := build.Build(build.Config{Source: src, Defaults: crosswalk.Defaults, Output: newDir(t, osfs, dest)}); err != nil {
			t.Fatalf("build failed:\n%v", err)
		}
	}
	build1(withSmall(t, nil), dest)
	before := map[string]os.FileInfo{}
	for name := range sitetest.ReadTree(t, afero.NewBasePathFs(osfs, dest), ".") {
		info, err := os.Stat(filepath.Join(dest, name))
		if err != nil {
			t.Fatal(err)
		}
		before[name] = info
	}
	edited := withSmall(t, map[string]string{"content/frameworks/alpha/a2.md": "---\nid: A2\nnumber: \"2\"\ntitle: Care\nstatement: Take great care.\n---\n"})
	build1(edited, dest)
	fresh := filepath.Join(t.TempDir(), "public")
	build1(edited, fresh)
	_, want := sameTree(t, osfs, dest, fresh)
	kept := 0
	for name := range want {
		info, err := os.Stat(filepath.Join(dest, name))
		if err != nil {
			t.Fatal(err)
		}
		if before[name] != nil && os.SameFile(before[name], info) {
			kept++
			if name == "frameworks/alpha/a2/index.html" {
				t.Errorf("%s, which the edit changed, is the previous site's file", name)
			}
		}
	}
	if runtime.GOOS == "linux" && kept == 0 {
		t.Error("no unchanged file was kept from the previous site")
	}
	t.Logf("%d of %d files kept", kept, len(want))

	// Two more builds go into the spare, the site before the previous
	// one, which the build rewrites: an element added, which the spare
	// never had, and then the first site again, which the spare's copy
	// of the added element's folder must leave.
	added := withSmall(t, map[string]string{"content/frameworks/alpha/a9.md": "---\nid: A9\nnumber: \"9\"\ntitle: Added\nstatement: Added later.\n---\n"})
	for i, src := range []afero.Fs{added, withSmall(t, nil)} {
		build1(src, dest)
		fresh := filepath.Join(t.TempDir(), "public")
		build1(src, fresh)
		t.Logf("rebuild %d into the spare", i+1)
		sameTree(t, osfs, dest, fresh)
	}
}

// sameTree fails unless the folders got and want hold the same files with
// the same bytes.
func sameTree(t *testing.T, osfs afero.Fs, got, want string) (map[string]string, map[string]string) {
	t.Helper()
	g := sitetest.ReadTree(t, afero.NewBasePathFs(osfs, got), ".")
	w := sitetest.ReadTree(t, afero.NewBasePathFs(osfs, want), ".")
	if !slices.Equal(sortedKeys(g), sortedKeys(w)) {
		t.Fatalf("files after the rebuild:\n%q\nafter a build into an empty folder:\n%q", sortedKeys(g), sortedKeys(w))
	}
	for name, text := range w {
		if g[name] != text {
			t.Errorf("%s differs from a build into an empty folder:\n%s", name, firstDiff(text, g[name]))
		}
	}
	return g, w
}
