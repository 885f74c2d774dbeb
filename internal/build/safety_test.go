package build_test

import (
	"io/fs"
	"os"
	"strings"
	"testing"

	"github.com/crosswalk-ssg/crosswalk/internal/sitetest"
	"github.com/spf13/afero"
)

// TestHostileValuesAreEscaped puts markup and script URLs into front
// matter and Markdown: every one reaches the page as text or as an inert
// URL, never as markup or a script.
func TestHostileValuesAreEscaped(t *testing.T) {
	src := withSmall(t, map[string]string{
		"content/frameworks/beta/_index.md": `---
framework:
  id: beta
  title: "<script>alert('title')</script>"
  version: "2.0"
  publisher: "<img src=x onerror=alert(1)>"
  url: "javascript:alert('url')"
  license: "\"><b>licence</b>"
levels:
  - name: function
    page: true
  - name: control
    page: true
---
Raw <script>alert('body')</script> and [a link](javascript:alert('link')).
`,
	})
	files, _ := sitetest.Build(t, src)
	page := sitetest.File(t, files, "frameworks/beta/index.html")
	// The URL may show as text, escaped; it must never be an href.
	for _, bad := range []string{"<script>alert", "<img src=x", "<b>licence", `href="javascript`, `src="javascript`} {
		if strings.Contains(page, bad) {
			t.Errorf("the framework page contains %q", bad)
		}
	}
	for _, want := range []string{"&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;", `href="#ZgotmplZ"`, "Raw &lt;script&gt;alert('body')&lt;/script&gt;", `<a href="">a link</a>`} {
		if !strings.Contains(page, want) {
			t.Errorf("the framework page lacks %s", want)
		}
	}
}

// TestEveryPageHasAPolicy: every HTML page of the default site carries
// the Content-Security-Policy that allows only the site's own files (a
// redirect page from an old URL, one that allows nothing).
func TestEveryPageHasAPolicy(t *testing.T) {
	files, _ := sitetest.Build(t, sitetest.Repo(t))
	const csp = `<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'">`
	n := 0
	for name, data := range files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		n++
		policy := csp
		if strings.Contains(string(data), `<meta http-equiv="refresh"`) {
			// A redirect page from an old URL loads nothing at all.
			policy = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; base-uri 'none'">`
		}
		if !strings.Contains(string(data), policy) {
			t.Errorf("%s has no Content-Security-Policy", name)
		}
		if strings.Contains(string(data), "<script>") || strings.Contains(string(data), " style=") || strings.Contains(string(data), " on") && strings.Contains(string(data), "onclick=") {
			t.Errorf("%s has inline script or style, which the policy blocks", name)
		}
	}
	if n < 100 {
		t.Errorf("only %d pages", n)
	}
}

// unreadable is a file system in which one file cannot be read.
type unreadable struct {
	afero.Fs
	name string
}

func (u unreadable) Open(name string) (afero.File, error) {
	if strings.TrimPrefix(name, "/") == u.name {
		return nil, &fs.PathError{Op: "open", Path: name, Err: os.ErrPermission}
	}
	return u.Fs.Open(name)
}

func (u unreadable) OpenFile(name string, flag int, perm os.FileMode) (afero.File, error) {
	if strings.TrimPrefix(name, "/") == u.name {
		return nil, &fs.PathError{Op: "open", Path: name, Err: os.ErrPermission}
	}
	return u.Fs.OpenFile(name, flag, perm)
}

// TestUnreadableFile: a file that cannot be read is a positioned error,
// and the build writes nothing.
func TestUnreadableFile(t *testing.T) {
	src := unreadable{Fs: sitetest.Source(small(t)), name: "content/about.md"}
	dest := afero.NewMemMapFs()
	_, err := buildDir(src, dest)
	want := "content/about.md: cannot read: permission denied\n" +
		`content/news/2024-01-02-launch.md:8:22: link "../about.md": no content file content/about.md`
	if err == nil || err.Error() != want {
		t.Errorf("err = %v", err)
	}
	if ok, _ := afero.Exists(dest, destDir); ok {
		t.Error("a failed build wrote its output folder")
	}
}
