package theme

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/crosswalk-ssg/crosswalk/internal/diag"
	"github.com/spf13/afero"
)

func TestSiteFilesOverrideDefaultsByName(t *testing.T) {
	defaults := fstest.MapFS{
		"templates/page.html":          {Data: []byte("default page")},
		"templates/_partials/nav.html": {Data: []byte("default nav")},
		"static/style.css":             {Data: []byte("default css")},
	}
	site := afero.NewMemMapFs()
	_ = afero.WriteFile(site, "templates/page.html", []byte("site page"), 0o644)
	_ = afero.WriteFile(site, "static/extra.js", []byte("site js"), 0o644)
	_ = afero.WriteFile(site, "static/.DS_Store", []byte("junk"), 0o644)
	th := New(site, defaults)

	var errs diag.List
	files, err := th.Files(TemplatesDir, &errs)
	if err != nil || strings.Join(files, ",") != "_partials/nav.html,page.html" {
		t.Fatalf("template files = %v, %v", files, err)
	}
	static, _ := th.Files(StaticDir, &errs)
	if strings.Join(static, ",") != "extra.js,style.css" {
		t.Fatalf("static files = %v", static)
	}
	for name, want := range map[string]string{
		"templates/page.html":          "site page",
		"templates/_partials/nav.html": "default nav",
		"static/style.css":             "default css",
	} {
		got, err := th.ReadFile(name)
		if err != nil || string(got) != want {
			t.Errorf("ReadFile(%s) = %q, %v; want %q", name, got, err, want)
		}
	}
}

func TestNoSiteFolders(t *testing.T) {
	th := New(afero.NewMemMapFs(), fstest.MapFS{"templates/home.html": {Data: []byte("x")}})
	var errs diag.List
	files, err := th.Files(TemplatesDir, &errs)
	if err != nil || len(files) != 1 {
		t.Fatalf("files = %v, %v", files, err)
	}
	if files, _ := th.Files(StaticDir, &errs); len(files) != 0 {
		t.Fatalf("static = %v", files)
	}
}

// TestSymlinksAreNotFollowed: a link in static/ or templates/ that leads
// out of the site is reported, and its target is never read.
func TestSymlinksAreNotFollowed(t *testing.T) {
	dir := t.TempDir()
	secret := filepath.Join(t.TempDir(), "secret.txt")
	if err := os.WriteFile(secret, []byte("private"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{"static", "templates"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(secret, filepath.Join(dir, d, "leak.txt")); err != nil {
			t.Fatal(err)
		}
	}
	th := New(afero.NewReadOnlyFs(afero.NewBasePathFs(afero.NewOsFs(), dir)), nil)
	var errs diag.List
	for _, d := range []string{StaticDir, TemplatesDir} {
		files, err := th.Files(d, &errs)
		if err != nil || len(files) != 0 {
			t.Errorf("%s: files %v, %v", d, files, err)
		}
	}
	want := "static/leak.txt: symbolic links are not followed; copy the file into the site instead\ntemplates/leak.txt: symbolic links are not followed; copy the file into the site instead"
	if err := errs.Err(); err == nil || err.Error() != want {
		t.Errorf("errors:\n%v\nwant:\n%s", err, want)
	}
}
