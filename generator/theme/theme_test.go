package theme

import (
	"strings"
	"testing"
	"testing/fstest"

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

	files, err := th.Files(TemplatesDir)
	if err != nil || strings.Join(files, ",") != "_partials/nav.html,page.html" {
		t.Fatalf("template files = %v, %v", files, err)
	}
	static, _ := th.Files(StaticDir)
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
	files, err := th.Files(TemplatesDir)
	if err != nil || len(files) != 1 {
		t.Fatalf("files = %v, %v", files, err)
	}
	if files, _ := th.Files(StaticDir); len(files) != 0 {
		t.Fatalf("static = %v", files)
	}
}
