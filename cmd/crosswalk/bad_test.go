package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/crosswalk-ssg/crosswalk/internal/sitetest"
)

var updateBad = flag.Bool("update", false, "rewrite testdata/bad/*/want from the current output")

// generatedBad are bad sites made at test time, for what cannot be
// committed: a file too large for the repository, a link out of the site,
// a named pipe. Each starts from the site of the case "unknown-relationship"
// with that case's own problem removed.
var generatedBad = map[string]func(t *testing.T, site string){
	"file-20mb": func(t *testing.T, site string) {
		sitetest.WriteDir(t, site, map[string]string{"content/huge.md": "---\ntitle: Huge\n---\n" + strings.Repeat("x", 20<<20)})
	},
	"symlink-out-of-site": func(t *testing.T, site string) {
		outside := filepath.Join(t.TempDir(), "secret.md")
		sitetest.WriteDir(t, filepath.Dir(outside), map[string]string{"secret.md": "---\ntitle: Secret\n---\nprivate\n"})
		for _, link := range []string{"content/secret.md", "static/secret.txt", "templates/secret.html"} {
			p := filepath.Join(site, link)
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(outside, p); err != nil {
				t.Fatal(err)
			}
		}
	},
	"many-link-definitions": func(t *testing.T, site string) {
		var b strings.Builder
		b.WriteString("---\ntitle: Links\n---\n")
		for i := range 10_001 {
			fmt.Fprintf(&b, "[d%d]: https://example.org/%d\n\n", i, i)
		}
		sitetest.WriteDir(t, site, map[string]string{"content/links.md": b.String()})
	},
	"named-pipe": func(t *testing.T, site string) {
		if err := syscall.Mkfifo(filepath.Join(site, "content", "pipe.md"), 0o644); err != nil {
			t.Skipf("no named pipes here: %v", err)
		}
	},
}

// copyTree copies the folder src to dst.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.Walk(src, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		sitetest.WriteDir(t, dst, map[string]string{filepath.ToSlash(rel): string(data)})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestBadInput builds every site of testdata/bad and compares what the
// CLI prints with the case's want file: every problem at its
// path:line:col, exit code 1, no panic, and the previous output folder
// untouched. go test ./cmd/crosswalk -run TestBadInput -update rewrites
// the want files; read the diff before committing it.
func TestBadInput(t *testing.T) {
	cases, err := filepath.Glob(filepath.Join("testdata", "bad", "*"))
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, c := range cases {
		names[filepath.Base(c)] = true
	}
	for name := range generatedBad {
		names[name] = true
	}
	if len(names) < 25 {
		t.Fatalf("only %d bad-input cases", len(names))
	}
	for name := range names {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			caseDir := filepath.Join("testdata", "bad", name)
			site := filepath.Join(t.TempDir(), "site")
			if setup, ok := generatedBad[name]; ok {
				copyTree(t, filepath.Join("testdata", "bad", "unknown-relationship", "site"), site)
				sitetest.WriteDir(t, site, map[string]string{"content/crosswalks/fg.md": "---\ncrosswalk: {id: fg, title: F to G, source: f, target: g, status: official}\nmappings:\n  - {source: F 1.1, target: G 1, relationship: subset-of}\n---\n"})
				setup(t, site)
			} else {
				copyTree(t, filepath.Join(caseDir, "site"), site)
			}
			// A previous site that a failed build must leave as it is.
			public := filepath.Join(filepath.Dir(site), "public")
			sitetest.WriteDir(t, public, map[string]string{".crosswalk-build": "", "index.html": "previous"})

			code, stdout, stderr := runCLI("build", "-source", site, "-dest", public)
			if code != 1 || stdout != "" {
				t.Errorf("exit %d (want 1), stdout %q", code, stdout)
			}
			if strings.Contains(stderr, "panic") || strings.Contains(stderr, "goroutine ") {
				t.Fatalf("panic:\n%s", stderr)
			}
			got := strings.ReplaceAll(stderr, site, "SITE")
			wantFile := filepath.Join(caseDir, "want")
			if *updateBad {
				sitetest.WriteDir(t, caseDir, map[string]string{"want": got})
			}
			want, err := os.ReadFile(wantFile)
			if err != nil {
				t.Fatalf("%v (run with -update to record it)", err)
			}
			if got != string(want) {
				t.Errorf("output:\n%s\nwant:\n%s", got, want)
			}
			prev, _ := os.ReadFile(filepath.Join(public, "index.html"))
			entries, _ := os.ReadDir(filepath.Dir(site))
			if !bytes.Equal(prev, []byte("previous")) || len(entries) != 2 {
				t.Errorf("previous output touched (index.html %q, %d entries beside the site)", prev, len(entries))
			}
		})
	}
}

// TestCheckRefusesWhatBuildRefuses: check applies the same name rules as
// build (and serve and -zip, which share write's outputs), so a site that
// check passes builds.
func TestCheckRefusesWhatBuildRefuses(t *testing.T) {
	site := filepath.Join(t.TempDir(), "site")
	copyTree(t, filepath.Join("testdata", "bad", "output-names", "site"), site)
	want, err := os.ReadFile(filepath.Join("testdata", "bad", "output-names", "want"))
	if err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCLI("check", "-source", site)
	got := strings.ReplaceAll(stderr, "crosswalk check:", "crosswalk build:")
	if code != 1 || got != string(want) {
		t.Errorf("check: exit %d\n%s\nwant the build's\n%s", code, stderr, want)
	}
}
