package write

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/spf13/afero"
)

// TestKeepUnchangedFiles: a build into a folder that holds the previous
// site links the files whose bytes have not changed (the same file, which
// outlives the previous site) and writes the others; the result reads as
// a build into an empty folder would, and an aborted build leaves the
// previous site as it was. A file's one other name, if it has one, is the
// spare's (the site before, kept to build the next one into).
func TestKeepUnchangedFiles(t *testing.T) {
	fsys := afero.NewOsFs()
	dest := filepath.Join(t.TempDir(), "public")
	first := map[string]string{"index.html": "home", "a/index.html": "one", "a/b/index.html": "two", "empty.txt": "", "c.html": "three"}
	if err := build(t, fsys, dest, first); err != nil {
		t.Fatal(err)
	}
	before := map[string]os.FileInfo{}
	for name := range first {
		before[name] = stat(t, filepath.Join(dest, name))
	}

	// Aborted: nothing changes.
	d, err := NewDir(fsys, dest, "")
	if err != nil {
		t.Fatal(err)
	}
	for name, text := range first {
		if err := d.WriteFile(name, []byte(text)); err != nil {
			t.Fatal(err)
		}
	}
	d.Abort()
	for name, text := range first {
		p := filepath.Join(dest, name)
		if got := read(fsys, p); got != text || !ownNames(t, dest, name) {
			t.Errorf("after an aborted build, %s holds %q with %d names, want %q with its own and the spare's", name, got, links(t, p), text)
		}
	}

	second := map[string]string{"index.html": "home", "a/index.html": "one, changed", "a/b/index.html": "two", "empty.txt": "", "c.html": "thre", "d.html": "new"}
	if err := build(t, fsys, dest, second); err != nil {
		t.Fatal(err)
	}
	for name, text := range second {
		p := filepath.Join(dest, name)
		if got := read(fsys, p); got != text {
			t.Errorf("%s = %q, want %q", name, got, text)
		}
		kept := before[name] != nil && os.SameFile(before[name], stat(t, p))
		if want := first[name] == text && before[name] != nil; kept != want {
			t.Errorf("%s kept: %v, want %v", name, kept, want)
		}
		if !ownNames(t, dest, name) {
			t.Errorf("%s has %d names, want its own and at most the spare's", name, links(t, p))
		}
	}
	if entries, _ := os.ReadDir(filepath.Dir(dest)); len(entries) != 2 || entries[0].Name() != spareName("public") {
		t.Errorf("beside the output: %v, want the site and its spare", entries)
	}
}

// ownNames reports whether the site's file name in dest has no name but
// its own and, at most, the spare's for the same name.
func ownNames(t *testing.T, dest, name string) bool {
	t.Helper()
	p := filepath.Join(dest, name)
	switch links(t, p) {
	case 1:
		return true
	case 2:
		spare, err := os.Lstat(filepath.Join(filepath.Dir(dest), spareName(filepath.Base(dest)), name))
		return err == nil && os.SameFile(stat(t, p), spare)
	}
	return false
}

// TestKeepOnlyOwnFiles: a previous site's file that is not a plain file of
// its own (a symbolic link, a file with a second name elsewhere, or one in
// a folder that is a symbolic link) is never linked into the new site,
// even with the same bytes, so that no file outside the output comes to
// be a file of the site; the file outside is left as it was.
func TestKeepOnlyOwnFiles(t *testing.T) {
	fsys := afero.NewOsFs()
	root := t.TempDir()
	dest := filepath.Join(root, "public")
	outside := filepath.Join(root, "outside")
	if err := os.MkdirAll(filepath.Join(outside, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"linked.html", "named.html", "sub/in.html"} {
		if err := os.WriteFile(filepath.Join(outside, name), []byte("same"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := build(t, fsys, dest, map[string]string{"plain.html": "same", "sub/x.html": "x"}); err != nil {
		t.Fatal(err)
	}
	// The previous site's files, changed by hand.
	must(t, os.Symlink(filepath.Join(outside, "linked.html"), filepath.Join(dest, "linked.html")))
	must(t, os.Link(filepath.Join(outside, "named.html"), filepath.Join(dest, "named.html")))
	must(t, os.RemoveAll(filepath.Join(dest, "sub")))
	must(t, os.Symlink(filepath.Join(outside, "sub"), filepath.Join(dest, "sub")))
	plain := stat(t, filepath.Join(dest, "plain.html"))

	if err := build(t, fsys, dest, map[string]string{"plain.html": "same", "linked.html": "same", "named.html": "same", "sub/in.html": "same"}); err != nil {
		t.Fatal(err)
	}
	if !os.SameFile(plain, stat(t, filepath.Join(dest, "plain.html"))) {
		t.Error("the plain unchanged file was not kept")
	}
	for _, name := range []string{"linked.html", "named.html", "sub/in.html"} {
		p, out := filepath.Join(dest, name), filepath.Join(outside, name)
		if info, err := os.Lstat(p); err != nil || !info.Mode().IsRegular() {
			t.Errorf("%s is not a plain file: %v", name, err)
		}
		if os.SameFile(stat(t, p), stat(t, out)) {
			t.Errorf("%s is the file outside the output", name)
		}
		if got := read(fsys, out); got != "same" {
			t.Errorf("outside %s = %q", name, got)
		}
	}

	// The previous site, with the files changed by hand, is now the spare,
	// which the next build writes into: still nothing outside changes.
	if err := build(t, fsys, dest, map[string]string{"linked.html": "changed", "named.html": "changed", "sub/in.html": "changed"}); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"linked.html", "named.html", "sub/in.html"} {
		if got := read(fsys, filepath.Join(dest, name)); got != "changed" {
			t.Errorf("%s = %q, want %q", name, got, "changed")
		}
		if got := read(fsys, filepath.Join(outside, name)); got != "same" {
			t.Errorf("outside %s = %q after a build into the spare that held a link to it", name, got)
		}
	}
	if n := links(t, filepath.Join(outside, "named.html")); n != 1 {
		t.Errorf("outside named.html has %d names, want one: the spare's is gone", n)
	}
}

func stat(t *testing.T, p string) os.FileInfo {
	t.Helper()
	info, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	return info
}

func links(t *testing.T, p string) uint64 {
	t.Helper()
	return uint64(stat(t, p).Sys().(*syscall.Stat_t).Nlink)
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
