package scaffold

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/crosswalk-ssg/crosswalk"
	"github.com/crosswalk-ssg/crosswalk/internal/build"
	"github.com/crosswalk-ssg/crosswalk/internal/diag"
	"github.com/crosswalk-ssg/crosswalk/internal/linkcheck"
	"github.com/crosswalk-ssg/crosswalk/internal/sitetest"
	"github.com/spf13/afero"
	"gopkg.in/yaml.v3"
)

// wantFiles is the new site, as New reports it.
var wantFiles = []string{
	"README.md",
	"content/_index.md",
	"content/about.md",
	"content/crosswalks/example.md",
	"content/frameworks/example-controls/1-record.md",
	"content/frameworks/example-controls/2-supervise.md",
	"content/frameworks/example-controls/_index.md",
	"content/frameworks/example-principles/1-inventory.md",
	"content/frameworks/example-principles/2-oversight.md",
	"content/frameworks/example-principles/_index.md",
}

// buildSite checks the site in src without writing, builds it into
// memory, checks the output's links and returns the output files.
// baseURL, if not "", overrides the site's base_url as the -base-url flag
// does; the link check then resolves URLs under it (the 404 page's) in
// the output.
func buildSite(t *testing.T, src afero.Fs, baseURL string) (map[string][]byte, *build.Result) {
	t.Helper()
	var opts []sitetest.Option
	if baseURL != "" {
		opts = append(opts, sitetest.BaseURL(baseURL))
	}
	if msg := sitetest.Check(t, src, opts...); msg != "" {
		t.Fatalf("check: %s", msg)
	}
	files, res := sitetest.Build(t, src, opts...)
	problems, err := linkcheck.Check(sitetest.FS(files), linkcheck.Options{BaseURL: baseURL})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Errorf("link: %s", p)
	}
	if res.Frameworks != 2 || res.Crosswalks != 1 {
		t.Errorf("result = %v, want 2 frameworks and 1 crosswalk", res)
	}
	return files, res
}

func TestNewBuilds(t *testing.T) {
	mem := afero.NewMemMapFs()
	files, err := New(mem, "/site")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(files, wantFiles) {
		t.Errorf("New wrote\n%s\nwant\n%s", strings.Join(files, "\n"), strings.Join(wantFiles, "\n"))
	}
	for _, f := range files {
		info, err := mem.Stat(filepath.Join("/site", filepath.FromSlash(f)))
		if err != nil {
			t.Fatal(err)
		}
		if info.Mode().Perm() != 0o644 {
			t.Errorf("%s: mode %v, want 0644", f, info.Mode().Perm())
		}
	}
	if info, err := mem.Stat("/site/content/frameworks"); err != nil || info.Mode().Perm() != 0o755 {
		t.Errorf("content/frameworks: %v, %v; want a folder with mode 0755", info, err)
	}
	src := afero.NewBasePathFs(mem, "/site")
	out, res := buildSite(t, src, "")
	if res.Mappings != 4 || res.Elements != 12 {
		t.Errorf("result = %v, want 12 elements and 4 mappings", res)
	}
	for _, p := range []string{
		"index.html",
		"about/index.html",
		"frameworks/example-principles/index.html",
		"frameworks/example-principles/ep-1/index.html",
		"frameworks/example-principles/ep-2/index.html",
		"frameworks/example-controls/index.html",
		"frameworks/example-controls/record/index.html",
		"frameworks/example-controls/record-1/index.html",
		"frameworks/example-controls/supervise-2/index.html",
		"crosswalks/example-principles-example-controls/index.html",
	} {
		if _, ok := out[p]; !ok {
			t.Errorf("output lacks %s", p)
		}
	}
	// Without a base URL: .nojekyll, but no CNAME, sitemap, robots.txt or 404 page.
	if _, ok := out[".nojekyll"]; !ok {
		t.Error("output lacks .nojekyll")
	}
	for _, p := range []string{"CNAME", "sitemap.xml", "robots.txt", "404.html"} {
		if _, ok := out[p]; ok {
			t.Errorf("output has %s; the new site has no base URL or custom domain", p)
		}
	}
	home := sitetest.File(t, out, "index.html")
	if !strings.Contains(home, "Example content for a new crosswalk site; replace it with your own.") {
		t.Error("index.html lacks the footer of the site: block")
	}
	// Practices are sections of their principle's page.
	if _, ok := out["frameworks/example-principles/ep-1-1/index.html"]; ok {
		t.Error("practice EP-1.1 has a page of its own; want a section of EP-1")
	}
	about := sitetest.File(t, out, "about/index.html")
	for _, want := range []string{
		`href="../frameworks/example-principles/ep-1/index.html#ep-1-1"`,
		`href="../frameworks/example-controls/record-1/index.html"`,
		`href="../crosswalks/example-principles-example-controls/index.html"`,
	} {
		if !strings.Contains(about, want) {
			t.Errorf("about/index.html lacks %s", want)
		}
	}
}

// TestSiteContent holds the example content to what it is for: obviously
// fictional placeholders under an open licence, a draft crosswalk that says
// it is an example, and the home page's site: block.
func TestSiteContent(t *testing.T) {
	mem := afero.NewMemMapFs()
	if _, err := New(mem, "/site"); err != nil {
		t.Fatal(err)
	}
	var errs diag.List
	l, err := build.Load(build.Config{Source: afero.NewBasePathFs(mem, "/site"), Defaults: crosswalk.Defaults}, &errs)
	if err != nil {
		t.Fatal(err)
	}
	if err := errs.Err(); err != nil {
		t.Fatal(err)
	}
	site := l.Index.Site
	if c := site.Config; c.BaseURL != "" || c.CustomDomain != "" || c.Language != "en" ||
		c.Footer != "Example content for a new crosswalk site; replace it with your own." {
		t.Errorf("site config = %+v", c)
	}
	for _, fw := range site.Frameworks {
		if fw.Publisher != "Example Organisation" || fw.License != "CC0-1.0" || !strings.HasPrefix(fw.URL, "https://example.org/") {
			t.Errorf("framework %s: publisher %q, license %q, url %q", fw.ID, fw.Publisher, fw.License, fw.URL)
		}
		if len(fw.Roots) != 2 {
			t.Errorf("framework %s has %d top-level elements, want 2", fw.ID, len(fw.Roots))
		}
		for _, e := range fw.Roots {
			if len(e.Children) != 2 {
				t.Errorf("%s has %d children, want 2", e.ID, len(e.Children))
			}
		}
		for _, e := range fw.Elements {
			if !strings.HasPrefix(e.Statement, "Placeholder: ") {
				t.Errorf("%s: statement %q is not marked as a placeholder", e.ID, e.Statement)
			}
		}
	}
	cw := site.Crosswalks[0]
	if cw.Status != "draft" || !strings.Contains(cw.StatusStatement, "example records") {
		t.Errorf("crosswalk status %q, statement %q", cw.Status, cw.StatusStatement)
	}
	relationships := map[string]bool{}
	for _, m := range cw.Mappings {
		relationships[string(m.Relationship)] = true
	}
	if len(relationships) != len(cw.Mappings) {
		t.Errorf("the %d mappings use %d relationships; want a different one each", len(cw.Mappings), len(relationships))
	}
	var menu []string
	for _, p := range site.Pages {
		if p.Menu == "main" {
			menu = append(menu, p.File)
		}
	}
	if !slices.Equal(menu, []string{"content/about.md"}) {
		t.Errorf("menu pages = %v", menu)
	}

	// The site: block has exactly the keys the generator reads.
	home, err := afero.ReadFile(mem, "/site/content/_index.md")
	if err != nil {
		t.Fatal(err)
	}
	front, _, ok := bytes.Cut(bytes.TrimPrefix(home, []byte("---\n")), []byte("\n---\n"))
	if !ok {
		t.Fatal("content/_index.md: no front matter")
	}
	var fm struct {
		Title string
		Site  yaml.Node
	}
	if err := yaml.Unmarshal(front, &fm); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for i := 0; i < len(fm.Site.Content); i += 2 {
		keys = append(keys, fm.Site.Content[i].Value)
	}
	if fm.Title == "" || !slices.Equal(keys, []string{"base_url", "language", "custom_domain", "footer"}) {
		t.Errorf("home: title %q, site keys %v", fm.Title, keys)
	}

	// The theme comes from the binary.
	for _, dir := range []string{"/site/templates", "/site/static"} {
		if ok, _ := afero.Exists(mem, dir); ok {
			t.Errorf("%s exists; the new site should use the embedded theme", dir)
		}
	}
}

func TestNewRefusesNonEmptyFolder(t *testing.T) {
	mem := afero.NewMemMapFs()
	if err := afero.WriteFile(mem, "/site/notes.txt", []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	files, err := New(mem, "/site")
	want := "/site exists and is not empty; crosswalk new needs a new or empty folder"
	if err == nil || err.Error() != want {
		t.Fatalf("err = %v, want %s", err, want)
	}
	if files != nil {
		t.Errorf("files = %v, want none", files)
	}
	var found []string
	if err := afero.Walk(mem, "/site", func(p string, info fs.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			found = append(found, filepath.ToSlash(p))
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(found, []string{"/site/notes.txt"}) {
		t.Errorf("after the refusal the folder holds %v", found)
	}
}

func TestNewRefusesFile(t *testing.T) {
	mem := afero.NewMemMapFs()
	if err := afero.WriteFile(mem, "/site", []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := New(mem, "/site"); err == nil || !strings.Contains(err.Error(), "is not a folder") {
		t.Fatalf("err = %v, want a refusal", err)
	}
}

// TestNewRefusesNoName: "" is not the current folder, which would get a
// site written over whatever is in it.
func TestNewRefusesNoName(t *testing.T) {
	mem := afero.NewMemMapFs()
	_ = afero.WriteFile(mem, "README.md", []byte("mine"), 0o644)
	for _, dir := range []string{"", " "} {
		if _, err := New(mem, dir); err == nil || !strings.Contains(err.Error(), "needs the name of a new or empty folder") {
			t.Errorf("New(%q): %v", dir, err)
		}
	}
	if got, _ := afero.ReadFile(mem, "README.md"); string(got) != "mine" {
		t.Errorf("README.md = %q", got)
	}
}

func TestNewIntoEmptyFolder(t *testing.T) {
	mem := afero.NewMemMapFs()
	if err := mem.MkdirAll("/site", 0o755); err != nil {
		t.Fatal(err)
	}
	files, err := New(mem, "/site")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(files, wantFiles) {
		t.Errorf("files = %v", files)
	}
	buildSite(t, afero.NewBasePathFs(mem, "/site"), "")
}

// TestNewWithBaseURL builds the new site as the Pages workflow does, with
// a base URL given on the command line.
func TestNewWithBaseURL(t *testing.T) {
	mem := afero.NewMemMapFs()
	if _, err := New(mem, "/site"); err != nil {
		t.Fatal(err)
	}
	out, _ := buildSite(t, afero.NewBasePathFs(mem, "/site"), "https://you.github.io/your-repo/")
	for _, p := range []string{".nojekyll", "sitemap.xml", "robots.txt", "404.html"} {
		if _, ok := out[p]; !ok {
			t.Errorf("output lacks %s", p)
		}
	}
	sitemap := sitetest.File(t, out, "sitemap.xml")
	if !strings.Contains(sitemap, "https://you.github.io/your-repo/crosswalks/example-principles-example-controls/") {
		t.Errorf("sitemap.xml lacks the crosswalk's absolute URL:\n%s", sitemap)
	}
}

// TestNewOnDisk writes the site to the real disk, into a new folder (with
// a missing parent) and into an existing empty one, and builds it from
// there as the CLI does.
func TestNewOnDisk(t *testing.T) {
	tmp := t.TempDir()
	osfs := afero.NewOsFs()
	for _, dir := range []string{filepath.Join(t.TempDir(), "sites", "my-site"), tmp} {
		files, err := New(osfs, dir)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(files, wantFiles) {
			t.Errorf("%s: files = %v", dir, files)
		}
		for _, f := range files {
			want, err := fs.ReadFile(site, siteRoot+"/"+f)
			if err != nil {
				t.Fatal(err)
			}
			got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f)))
			if err != nil || !bytes.Equal(got, want) {
				t.Errorf("%s: %v; contents differ from the embedded file", f, err)
			}
		}
		buildSite(t, afero.NewReadOnlyFs(afero.NewBasePathFs(osfs, dir)), "")
	}
	// tmp now holds a site: a second New is refused.
	if _, err := New(osfs, tmp); err == nil {
		t.Error("New into a folder holding a site succeeded")
	}
}
