package write

import (
	"strings"
	"testing"

	"github.com/spf13/afero"
)

func TestCommitReplacesAtomically(t *testing.T) {
	fs := afero.NewMemMapFs()
	out, err := Begin(fs, "/site/public")
	if err != nil {
		t.Fatal(err)
	}
	if err := out.WriteFile("a/index.html", []byte("one")); err != nil {
		t.Fatal(err)
	}
	if ok, _ := afero.Exists(fs, "/site/public/a/index.html"); ok {
		t.Fatal("file visible before Commit")
	}
	if err := out.Commit(); err != nil {
		t.Fatal(err)
	}
	// Second build: aborted; the first stays.
	out, err = Begin(fs, "/site/public")
	if err != nil {
		t.Fatal(err)
	}
	_ = out.WriteFile("a/index.html", []byte("two"))
	out.Abort()
	got, _ := afero.ReadFile(fs, "/site/public/a/index.html")
	if string(got) != "one" {
		t.Fatalf("after abort: %q", got)
	}
	// Third build: committed; stale files of the first are gone.
	out, _ = Begin(fs, "/site/public")
	_ = out.WriteFile("b.html", []byte("three"))
	if err := out.Commit(); err != nil {
		t.Fatal(err)
	}
	if ok, _ := afero.Exists(fs, "/site/public/a/index.html"); ok {
		t.Fatal("stale file survived")
	}
	entries, _ := afero.ReadDir(fs, "/site")
	if len(entries) != 1 {
		t.Fatalf("leftovers beside the output: %d entries", len(entries))
	}
}

func TestRefusesForeignFolder(t *testing.T) {
	fs := afero.NewMemMapFs()
	_ = afero.WriteFile(fs, "/home/me/notes.txt", []byte("precious"), 0o644)
	_, err := Begin(fs, "/home/me")
	if err == nil || !strings.Contains(err.Error(), "refusing to replace") {
		t.Fatalf("err = %v", err)
	}
}

func TestCheckName(t *testing.T) {
	for _, bad := range []string{"", "/etc/passwd", "../x", "a/../../x", "a\\b", "a//b", "./a", ".."} {
		if CheckName(bad) == nil {
			t.Errorf("CheckName(%q) accepted", bad)
		}
	}
	for _, good := range []string{"index.html", "a/b/index.html", ".nojekyll", "a..b/c"} {
		if err := CheckName(good); err != nil {
			t.Errorf("CheckName(%q) = %v", good, err)
		}
	}
}
