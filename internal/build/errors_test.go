package build_test

import (
	"strings"
	"testing"

	"github.com/crosswalk-ssg/crosswalk/internal/build"
	"github.com/crosswalk-ssg/crosswalk/internal/sitetest"
	"github.com/spf13/afero"
)

// baseSite is a valid site that each error case breaks in one place.
const baseSite = `
-- content/_index.md --
---
title: Home
---
-- content/frameworks/alpha/_index.md --
---
framework: {id: alpha, title: Alpha, version: "1", publisher: P, url: "https://a.example/", license: CC0}
levels: [{name: principle, page: true}, {name: check}]
---
-- content/frameworks/alpha/a.md --
---
id: A
title: First
children:
  - id: A.1
    statement: Do it.
---
-- content/frameworks/beta/_index.md --
---
framework: {id: beta, title: Beta, version: "2", publisher: Q, url: "https://b.example/", license: CC0}
levels: [{name: control, page: true}]
---
-- content/frameworks/beta/b.md --
---
id: B
title: Bee
---
-- content/crosswalks/ab.md --
---
crosswalk: {id: ab, title: AB, source: alpha, target: beta, status: official}
mappings:
  - source: A.1
    target: B
    relationship: subset-of
---
`

func TestBuildErrors(t *testing.T) {
	tests := []struct {
		name  string
		files string // txtar files added to (or replacing those of) baseSite
		want  []string
	}{
		{
			name: "unknown ids in a mapping",
			files: `
-- content/crosswalks/ab.md --
---
crosswalk: {id: ab, title: AB, source: alpha, target: beta, status: official}
mappings:
  - source: A.9
    target: b
    relationship: subset-of
---
`,
			want: []string{
				`content/crosswalks/ab.md:4:13: unknown source "A.9" in framework "alpha"`,
				`content/crosswalks/ab.md:5:13: unknown target "b" in framework "beta"; did you mean "B"?`,
			},
		},
		{
			name: "no-counterpart records: unknown, twice, and for an element a mapping names",
			files: `
-- content/crosswalks/ab.md --
---
crosswalk: {id: ab, title: AB, source: alpha, target: beta, status: official}
mappings:
  - source: A.1
    target: B
no_counterpart:
  - {source: A, reason: r}
  - {source: A, reason: again}
  - {target: B, reason: r}
  - {target: C-01, reason: r}
---
`,
			want: []string{
				`content/crosswalks/ab.md:8:14: A is recorded as having no counterpart twice (first at line 7)`,
				`content/crosswalks/ab.md:9:14: B is recorded as having no counterpart, but the mapping at line 4 names it`,
				`content/crosswalks/ab.md:10:14: unknown target "C-01" in framework "beta"`,
			},
		},
		{
			name: "an id that differs by zero padding, and an unknown entry point",
			files: `
-- content/_index.md --
---
title: Home
entry_points:
  - {framework: alfa, levels: 0}
---
-- content/crosswalks/ab.md --
---
crosswalk: {id: ab, title: AB, source: alpha, target: beta, status: official}
mappings:
  - source: A.01
    target: B
---
`,
			want: []string{
				`content/_index.md:4:17: unknown framework "alfa"`,
				`content/_index.md:4:31: levels 0: list at least one level (1 is the top level)`,
				`content/crosswalks/ab.md:4:13: unknown source "A.01" in framework "alpha"; did you mean "A.1"?`,
			},
		},
		{
			name: "mapping to a missing framework and an unknown relationship",
			files: `
-- content/crosswalks/ab.md --
---
crosswalk:
  id: ab
  title: AB
  source: alpha
  target: gamma
  status: official
mappings:
  - source: A.1
    target: B
    relationship: overlaps
---
`,
			want: []string{
				`content/crosswalks/ab.md:6:11: unknown framework "gamma"`,
				`content/crosswalks/ab.md:11:19: unknown relationship "overlaps": use one of equal-to, equivalent-to, subset-of, superset-of, intersects-with, no-relationship`,
			},
		},
		{
			name: "duplicate ids across files",
			files: `
-- content/frameworks/alpha/z.md --
---
title: Again
id: A.1
statement: Twice.
---
`,
			want: []string{`content/frameworks/alpha/z.md:3:1: duplicate id "A.1" in framework "alpha" (first defined at content/frameworks/alpha/a.md:5:5)`},
		},
		{
			name: "unknown and ambiguous cross-references, unresolved links",
			files: `
-- content/frameworks/alpha/z.md --
---
id: B
title: Alpha's own B
---
-- content/about.md --
---
title: About
---
See [[A.1]] and [[Nope]],
then [[B]] and [[beta:B]], [[gamma:B]].
A [dead link](/nowhere/) and [another](missing.md).
`,
			want: []string{
				`content/about.md:4:17: unknown element "Nope"`,
				`content/about.md:5:6: ambiguous element "B": qualify it as one of alpha:B, beta:B`,
				`content/about.md:5:28: unknown element "gamma:B"`,
				`content/about.md:6:3: link "/nowhere/": nothing is published at /nowhere/`,
				`content/about.md:6:30: link "missing.md": no content file content/missing.md`,
			},
		},
		{
			name: "malformed front matter",
			files: `
-- content/about.md --
---
title: About
tags: [a, b
---
-- content/news.md --
+++
title = "News
+++
-- content/frameworks/beta/c.md --
---
id: C
statment: typo
---
`,
			want: []string{
				`content/about.md:3: invalid YAML front matter: did not find expected ',' or ']'`,
				`content/frameworks/beta/c.md:2:1: element "C" needs a title or a statement`,
				`content/frameworks/beta/c.md:3:1: unknown key "statment"`,
				`content/news.md:2:14: invalid TOML front matter: strings cannot contain newlines`,
			},
		},
		{
			name: "two pages claim one URL",
			files: `
-- content/about.md --
---
title: About
permalink: /frameworks/beta/
---
-- content/about/_index.md --
---
title: About again
---
-- content/news.md --
---
title: News
permalink: /about/
---
`,
			want: []string{
				`content/about.md:3:12: frameworks/beta/index.html is already published by content/frameworks/beta/_index.md:2:13`,
				`content/news.md:3:12: about/index.html is already published by content/about/_index.md`,
			},
		},
		{
			name: "a missing layout and a template error",
			files: `
-- content/about.md --
---
title: About
layout: fancy
---
-- templates/page.html --
{{ define "main" }}
<p>{{ .Nope }}</p>
{{ end }}
`,
			want: []string{
				`content/about.md:3:9: unknown layout "fancy": there is no templates/fancy.html`,
			},
		},
		{
			name: "a template that fails to execute",
			files: `
-- content/about.md --
---
title: About
---
-- templates/page.html --
{{ define "main" }}
<p>{{ .Nope }}</p>
{{ end }}
`,
			want: []string{
				`templates/page.html:2:6: executing "main" at <.Nope>: can't evaluate field Nope in type *render.Page`,
			},
		},
		{
			name: "a template that does not parse",
			files: `
-- templates/page.html --
{{ define "main" }}
<p>{{ if }}</p>
{{ end }}
`,
			want: []string{`templates/page.html:2: missing value for if`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			src := sitetest.Source(sitetest.Txtar([]byte(baseSite + tt.files)))
			// A previous good build must survive the failed one.
			dest := afero.NewMemMapFs()
			_ = afero.WriteFile(dest, destDir+"/.crosswalk-build", nil, 0o644)
			_ = afero.WriteFile(dest, destDir+"/index.html", []byte("previous"), 0o644)
			_, err := buildDir(src, dest)
			if err == nil {
				t.Fatal("build succeeded, want errors")
			}
			if !build.IsSiteError(err) {
				t.Fatalf("error is not a list of site problems: %v", err)
			}
			if got := err.Error(); got != strings.Join(tt.want, "\n") {
				t.Errorf("errors:\n%s\nwant:\n%s", got, strings.Join(tt.want, "\n"))
			}
			prev, _ := afero.ReadFile(dest, destDir+"/index.html")
			entries, _ := afero.ReadDir(dest, "/")
			if string(prev) != "previous" || len(entries) != 1 {
				t.Errorf("previous output touched: index.html = %q, %d entries beside it", prev, len(entries))
			}
		})
	}
}

func TestBaseSiteBuilds(t *testing.T) {
	files, res := sitetest.Build(t, sitetest.Source(sitetest.Txtar([]byte(baseSite))))
	if res.Mappings != 1 || res.Elements != 3 {
		t.Errorf("result = %v", res)
	}
	checkLinks(t, sitetest.FS(files))
}

// TestErrorsFromAllStagesInOneRun breaks the site in the link stage and
// in Markdown at once: both are reported.
func TestErrorsFromAllStagesInOneRun(t *testing.T) {
	got := sitetest.Check(t, sitetest.Source(sitetest.Txtar([]byte(baseSite+`
-- content/crosswalks/ab.md --
---
crosswalk: {id: ab, title: AB, source: alpha, target: beta, status: official}
mappings:
  - {source: A.1, target: b, relationship: subset-of}
---
-- content/about.md --
---
title: About
---
See [[Nope]] and [[A.1]].
`))))
	want := `content/about.md:4:5: unknown element "Nope"` + "\n" +
		`content/crosswalks/ab.md:4:27: unknown target "b" in framework "beta"; did you mean "B"?`
	if got != want {
		t.Errorf("errors:\n%s\nwant:\n%s", got, want)
	}
}

// TestFragmentsAreChecked: a #fragment an author writes must exist on the
// page it points to, including heading ids made from Markdown.
func TestFragmentsAreChecked(t *testing.T) {
	got := sitetest.Check(t, sitetest.Source(sitetest.Txtar([]byte(baseSite+`
-- content/about.md --
---
title: About
---
## Our method

[ok](#our-method), [ok too](/frameworks/alpha/a/#a-1), [ok](a.md#A.1)
[bad](#nope) and [bad too](/frameworks/alpha/a/#zzz).
-- content/a.md --
---
title: A
---
`))))
	wantLines := []string{
		`content/about.md:6:56: link "a.md#A.1": a/index.html has no #A.1`,
		`content/about.md:7:1: link "#nope": about/index.html has no #nope`,
		`content/about.md:7:18: link "/frameworks/alpha/a/#zzz": frameworks/alpha/a/index.html has no #zzz`,
	}
	if got != strings.Join(wantLines, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", got, strings.Join(wantLines, "\n"))
	}
}
