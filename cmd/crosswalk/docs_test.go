package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/crosswalk-ssg/crosswalk/internal/sitetest"
)

var (
	importFile = regexp.MustCompile("(?s)<!-- import-file: (\\S+) -->\n```[a-z]*\n(.*?)```\n")
	importRun  = regexp.MustCompile("(?s)<!-- import-run -->\n```sh\n(.*?)```\n")
)

// TestImportWorkedExample runs the worked example of docs/content-model.md
// ("a framework and a crosswalk from spreadsheets") as written: its files,
// its commands through the command itself, and the pages it names.
func TestImportWorkedExample(t *testing.T) {
	doc, err := os.ReadFile("../../docs/content-model.md")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	files := map[string]string{}
	for _, f := range importFile.FindAllSubmatch(doc, -1) {
		files[string(f[1])] = string(f[2])
	}
	if len(files) != 4 {
		t.Fatalf("found %d example files, want 4", len(files))
	}
	sitetest.WriteDir(t, dir, files)
	run := importRun.FindSubmatch(doc)
	if run == nil {
		t.Fatal("no <!-- import-run --> block")
	}
	t.Chdir(dir)
	lines := strings.Split(strings.TrimSpace(string(run[1])), "\n")
	for _, line := range lines {
		args := shellWords(t, line)
		if args[0] != "crosswalk" {
			t.Fatalf("not a crosswalk command: %s", line)
		}
		if code, _, errOut := runCLI(args[1:]...); code != 0 {
			t.Fatalf("%s: exit %d\n%s", line, code, errOut)
		}
	}
	// No element file was written by hand: every one is an import's.
	for name := range files {
		if strings.HasPrefix(name, "demo/content/frameworks/") {
			t.Errorf("the example writes %s by hand", name)
		}
	}
	page, err := os.ReadFile(filepath.Join(dir, "demo/public/frameworks/demo-principles/p1-1/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	text := sitetest.MainText(t, page)
	for _, want := range []string{
		"Name who is accountable for each AI system.",
		"Guidance Write the name in the system's record.",
		"Demo Principles P1.1 is equal to Demo Controls AC-1 Owner",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("P1.1's page lacks %q:\n%s", want, text)
		}
	}
	for _, p := range []string{"demo/public/frameworks/demo-controls/nt-1/index.html", "demo/public/frameworks/demo-controls/ac/index.html", "demo/content/crosswalks/demo-principles--demo-controls.md"} {
		if _, err := os.Stat(filepath.Join(dir, p)); err != nil {
			t.Error(err)
		}
	}
}

// shellWords splits a command line as a POSIX shell does for the words
// the example uses: separated by spaces, double quotes grouping.
func shellWords(t *testing.T, line string) []string {
	t.Helper()
	var words []string
	var w strings.Builder
	inWord, quoted := false, false
	for _, r := range line {
		switch {
		case r == '"':
			quoted, inWord = !quoted, true
		case r == ' ' && !quoted:
			if inWord {
				words = append(words, w.String())
				w.Reset()
			}
			inWord = false
		case r == '\\' || r == '\'' || r == '$':
			t.Fatalf("the example's commands use only plain words and double quotes: %s", line)
		default:
			w.WriteRune(r)
			inWord = true
		}
	}
	if quoted {
		t.Fatalf("unclosed quote: %s", line)
	}
	if inWord {
		words = append(words, w.String())
	}
	return words
}
