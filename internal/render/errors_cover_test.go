package render_test

import (
	"sync"
	"testing"

	"github.com/crosswalk-ssg/crosswalk/internal/build"
	"github.com/crosswalk-ssg/crosswalk/internal/sitetest"
)

// TestTemplateErrors: a template that does not parse, or fails as it
// runs, is a problem positioned in the template file (path:line:col),
// reported as any other problem of the site; a template whose method
// call panics is one too, not a crash.
func TestTemplateErrors(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{
			name:  "a field a page does not have",
			files: map[string]string{"templates/page.html": "{{ define \"main\" }}\n<p>{{ .Nope }}</p>\n{{ end }}"},
			want:  `templates/page.html:2:6: executing "main" at <.Nope>: can't evaluate field Nope in type *render.Page`,
		},
		{
			name:  "a method that panics",
			files: map[string]string{"templates/page.html": "{{ define \"main\" }}\n<p>{{ .HoldsSummary nil nil }}</p>\n{{ end }}"},
			want:  `templates/page.html:2:6: executing "main" at <.HoldsSummary>: error calling HoldsSummary: runtime error: invalid memory address or nil pointer dereference`,
		},
		{
			name:  "an index out of range, in the template of one kind of page",
			files: map[string]string{"templates/framework.html": "{{ define \"main\" }}{{ index .Breadcrumbs 99 }}{{ end }}"},
			want:  `templates/framework.html:1:22: executing "main" at <index .Breadcrumbs 99>: error calling index: index out of range: 99`,
		},
		{
			name:  "a partial that fails on every page",
			files: map[string]string{"templates/_partials/footer.html": "<footer>\n{{ .Site.Nope }}</footer>"},
			want:  `templates/_partials/footer.html:2:8: executing "_partials/footer.html" at <.Site.Nope>: can't evaluate field Nope in type *render.Site`,
		},
		{
			name:  "a partial that does not parse",
			files: map[string]string{"templates/_partials/footer.html": "<footer>\n{{ if }}</footer>"},
			want:  `templates/_partials/footer.html:2: missing value for if`,
		},
		{
			name:  "a frame that does not parse",
			files: map[string]string{"templates/baseof.html": "<html>{{ block \"main\" . }}{{ end }}\n{{ range }}</html>"},
			want:  `templates/baseof.html:2: missing value for range`,
		},
		{
			name:  "a redirect page template that fails",
			files: map[string]string{"templates/alias.html": "<html>{{ .AliasURL.Nope }}</html>"},
			want:  `templates/alias.html:1:18: executing "alias.html" at <.AliasURL.Nope>: can't evaluate field Nope in type string`,
		},
		{
			name:  "a layout that does not exist",
			files: map[string]string{"content/contact.md": "---\ntitle: Contact\nlayout: fancy\n---\n"},
			want:  `content/contact.md:3:9: unknown layout "fancy": there is no templates/fancy.html`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := sitetest.Check(t, sitetest.Source(sitetest.With(fixture, tt.files))); got != tt.want {
				t.Errorf("problems:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

// TestUndefinedTemplate: calling a template that does not exist is an
// error that names the file, line and column of the call.
func TestUndefinedTemplate(t *testing.T) {
	got := sitetest.Check(t, sitetest.Source(sitetest.With(fixture, map[string]string{
		"templates/page.html": "{{ define \"main\" }}\n  {{ template \"nope\" . }}\n{{ end }}",
	})))
	// html/template writes this error as "html/template:page.html:2:14: …",
	// without a space after the colon; it is positioned all the same.
	if got != `templates/page.html:2:14: no such template "nope"` {
		t.Errorf("problems = %q, want one naming page.html:2:14", got)
	}
}

// TestMarkdownCheckedWhenLinkingFails: when the site fails to link, its
// pages are not rendered, but their Markdown is still checked, so one run
// reports every problem.
func TestMarkdownCheckedWhenLinkingFails(t *testing.T) {
	got := sitetest.Check(t, sitetest.Source(sitetest.With(fixture, map[string]string{
		"content/frameworks/s/p3.md": "---\nid: P3\nnumber: \"3\"\ntitle: Quiet\nstatement: Say nothing.\naliases: [../bad/]\n---\n",
		"content/contact.md":         "---\ntitle: Contact\n---\nSee [[Nope]].\n",
	})))
	want := `content/contact.md:4:5: unknown element "Nope"` + "\n" +
		`content/frameworks/s/p3.md:6:11: alias "../bad/" must start with /`
	if got != want {
		t.Errorf("problems:\n%s\nwant:\n%s", got, want)
	}
}

// TestFragments: a #fragment written in Markdown must be an id of the
// page it leads to, once decoded; links to files that are not pages are
// not checked.
func TestFragments(t *testing.T) {
	got := sitetest.Check(t, sitetest.Source(sitetest.With(fixture, map[string]string{
		"content/contact.md": "---\ntitle: Contact\n---\n" +
			"[a](#nowhere) [b](/frameworks/s/p1/#zzz) [c](/frameworks/t/f1-1/#f1-1-1) [d](/frameworks/t/f1-1/#f1%2D1%2D1) " +
			"[e](/style.css#x) [f](../frameworks/s/p1/#1%2D2) [g](/frameworks/s/p1/#1%2Dzz)\n",
	})))
	want := `content/contact.md:4:1: link "#nowhere": contact/index.html has no #nowhere` + "\n" +
		`content/contact.md:4:15: link "/frameworks/s/p1/#zzz": frameworks/s/p1/index.html has no #zzz` + "\n" +
		`content/contact.md:4:159: link "/frameworks/s/p1/#1%2Dzz": frameworks/s/p1/index.html has no #1-zz`
	if got != want {
		t.Errorf("problems:\n%s\nwant:\n%s", got, want)
	}
}

// TestWorkersAndProgress: every page is rendered and reported to the
// progress callback once, whatever the number of workers, and the output
// does not depend on it.
func TestWorkersAndProgress(t *testing.T) {
	var first map[string][]byte
	for _, workers := range []int{1, 3, 0} {
		var mu sync.Mutex
		var calls []int
		total := 0
		files, res := sitetest.Build(t, sitetest.Source(fixture), func(c *build.Config) {
			c.Workers = workers
			c.Progress = func(done, n int) {
				mu.Lock()
				calls = append(calls, done)
				total = n
				mu.Unlock()
			}
		})
		if len(calls) != res.Pages || total != res.Pages {
			t.Errorf("%d workers: %d progress calls for %d pages (total %d)", workers, len(calls), res.Pages, total)
		}
		seen := map[int]bool{}
		for _, d := range calls {
			seen[d] = true
		}
		if len(seen) != len(calls) || !seen[res.Pages] {
			t.Errorf("%d workers: progress counts %v", workers, calls)
		}
		if first == nil {
			first = files
			continue
		}
		for name, data := range first {
			if string(files[name]) != string(data) {
				t.Errorf("%d workers: %s differs from a build with one worker", workers, name)
			}
		}
	}
}
