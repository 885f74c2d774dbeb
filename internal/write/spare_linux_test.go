package write

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/spf13/afero"
)

// TestSpareRebuilds: builds one after another into one folder, each of
// them into the spare the one before kept. After each, the folder holds
// exactly that build's files (none of an earlier site's left over, folders
// included) and the Marker; the spare beside it holds the site before,
// with a .gitignore that keeps it out of a repository, which never
// reaches the site. A file unchanged since it was first written is the
// same file throughout; a changed one is rewritten in the spare. The
// first build may find no folder or an empty one (made by hand, or by a
// checkout): either way the second build has a spare to rewrite.
func TestSpareRebuilds(t *testing.T) {
	for _, start := range []string{"no folder", "an empty folder"} {
		t.Run(start, func(t *testing.T) { testSpareRebuilds(t, start == "an empty folder") })
	}
}

func testSpareRebuilds(t *testing.T, emptyFolder bool) {
	fsys := afero.NewOsFs()
	dest := filepath.Join(t.TempDir(), "public")
	spare := filepath.Join(filepath.Dir(dest), spareName("public"))
	if emptyFolder {
		must(t, os.Mkdir(dest, 0o755))
	}
	builds := []map[string]string{
		{"index.html": "home", "a/index.html": "a", "a/b/index.html": "b", "gone/x.html": "x", "f.txt": "f"},
		{"index.html": "home", "a/index.html": "a, 2", "a/b/index.html": "b", "f.txt": "f", "new/n.html": "n"},
		{"index.html": "home", "a/index.html": "a, 3", "a/b/index.html": "b, 3", "new/n.html": "n", "f.txt/index.html": "now a folder"},
		{"index.html": "home", "a/index.html": "a, 3", "a/b": "now a file", "new/n.html": "n"},
		{"index.html": "home", "a/index.html": "a, 3", "a/b": "now a file", "new/n.html": "n"},
	}
	var home os.FileInfo
	for i, files := range builds {
		if err := build(t, fsys, dest, files); err != nil {
			t.Fatalf("build %d: %v", i+1, err)
		}
		want := map[string]string{Marker: markerText}
		for name, text := range files {
			want[name] = text
		}
		if got := tree(t, dest); !equalTree(got, want) {
			t.Errorf("build %d: the site holds %v, want %v", i+1, got, want)
		}
		wantFolderMode(t, fsys, dest)
		if i == 0 {
			home = stat(t, filepath.Join(dest, "index.html"))
			_, err := os.Lstat(spare)
			switch {
			case !emptyFolder && err == nil:
				t.Error("a spare after the first build, with no folder before it")
			case emptyFolder:
				// The empty folder the site replaced is the spare.
				if got := tree(t, spare); !equalTree(got, map[string]string{Marker: markerText, ".gitignore": spareIgnore}) {
					t.Errorf("after the first build, into an empty folder, the spare holds %v", got)
				}
			}
			continue
		}
		if !os.SameFile(home, stat(t, filepath.Join(dest, "index.html"))) {
			t.Errorf("build %d: the unchanged index.html was written again", i+1)
		}
		if got := read(fsys, filepath.Join(spare, ".gitignore")); got != spareIgnore {
			t.Errorf("build %d: the spare's .gitignore = %q", i+1, got)
		}
		if got := tree(t, spare); got[Marker] != markerText || got["index.html"] != "home" {
			t.Errorf("build %d: the spare holds %v, not the site before", i+1, got)
		}
		for name := range files {
			if !ownNames(t, dest, name) {
				t.Errorf("build %d: %s has a name outside the site and its spare", i+1, name)
			}
		}
	}
	// The last two builds are the same site: nothing is written.
	last := tree(t, dest)
	for name := range last {
		if name == Marker {
			continue
		}
		if links(t, filepath.Join(dest, name)) != 2 {
			t.Errorf("%s, unchanged, is not the spare's file: written again", name)
		}
	}

	// A build that fails halfway leaves the site as it was, and the spare
	// it half rewrote is the next build's starting point, no more.
	d, err := NewDir(fsys, dest, "")
	if err != nil {
		t.Fatal(err)
	}
	must(t, d.WriteFile("index.html", []byte("failed")))
	must(t, d.WriteFile("half/index.html", []byte("failed")))
	d.Abort()
	if got := tree(t, dest); !equalTree(got, last) {
		t.Errorf("after a failed build the site holds %v, want %v", got, last)
	}
	final := map[string]string{"index.html": "home", "a/index.html": "a, 5"}
	if err := build(t, fsys, dest, final); err != nil {
		t.Fatal(err)
	}
	final[Marker] = markerText
	if got := tree(t, dest); !equalTree(got, final) {
		t.Errorf("after a failed build and a good one the site holds %v, want %v", got, final)
	}
}

// TestSpareNeverWritesOutside: the spare is a folder anyone who can write
// beside the output can change. Whatever is found in it where the new
// site has a file or a folder (a symbolic link to a file or a folder
// outside, a second name of a file outside, a named pipe, a file where a
// folder goes, a folder where a file goes, a file of another mode) is
// removed, never written through or waited on: the files outside stay
// as they were, and the site is what the build wrote.
func TestSpareNeverWritesOutside(t *testing.T) {
	fsys := afero.NewOsFs()
	root := t.TempDir()
	dest := filepath.Join(root, "public")
	spare := filepath.Join(root, spareName("public"))
	outside := filepath.Join(root, "outside")
	must(t, os.MkdirAll(filepath.Join(outside, "dir"), 0o755))
	for _, name := range []string{"file.html", "named.html", "dir/index.html"} {
		must(t, os.WriteFile(filepath.Join(outside, name), []byte("outside"), 0o644))
	}
	site := map[string]string{
		"index.html": "home", "linked.html": "1", "named.html": "2", "pipe.html": "3",
		"dir/index.html": "4", "folder/index.html": "5", "file.html": "6", "mode.html": "7",
	}
	for range 2 {
		if err := build(t, fsys, dest, site); err != nil {
			t.Fatal(err)
		}
	}
	// The spare, changed by hand.
	in := func(name string) string { return filepath.Join(spare, name) }
	must(t, os.Remove(in("linked.html")))
	must(t, os.Symlink(filepath.Join(outside, "file.html"), in("linked.html")))
	must(t, os.Remove(in("named.html")))
	must(t, os.Link(filepath.Join(outside, "named.html"), in("named.html")))
	must(t, os.Remove(in("pipe.html")))
	must(t, syscall.Mkfifo(in("pipe.html"), 0o644))
	must(t, os.RemoveAll(in("dir")))
	must(t, os.Symlink(filepath.Join(outside, "dir"), in("dir")))
	must(t, os.RemoveAll(in("folder")))
	must(t, os.WriteFile(in("folder"), []byte("a file"), 0o644))
	must(t, os.Remove(in("file.html")))
	must(t, os.MkdirAll(in("file.html/x"), 0o755))
	must(t, os.Remove(in("mode.html")))
	must(t, os.WriteFile(in("mode.html"), []byte("old"), 0o600))

	changed := map[string]string{}
	for name, text := range site {
		changed[name] = text + ", changed"
	}
	if err := build(t, fsys, dest, changed); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{Marker: markerText}
	for name, text := range changed {
		want[name] = text
	}
	if got := tree(t, dest); !equalTree(got, want) {
		t.Errorf("the site holds %v, want %v", got, want)
	}
	for _, name := range []string{"file.html", "named.html", "dir/index.html"} {
		if got := read(fsys, filepath.Join(outside, name)); got != "outside" {
			t.Errorf("outside %s = %q", name, got)
		}
	}
	if n := links(t, filepath.Join(outside, "named.html")); n != 1 {
		t.Errorf("outside named.html has %d names", n)
	}
	if info := stat(t, filepath.Join(dest, "mode.html")); info.Mode().Perm() != 0o644 {
		t.Errorf("mode.html has mode %v, want 0644", info.Mode().Perm())
	}
}

// TestSpareNotOurs: a spare that is not crosswalk's (a symbolic link to a
// folder with a Marker, a folder without one) is neither written into nor
// removed; the build writes into a fresh folder, as without a spare.
func TestSpareNotOurs(t *testing.T) {
	for _, link := range []bool{true, false} {
		fsys := afero.NewOsFs()
		root := t.TempDir()
		dest := filepath.Join(root, "public")
		spare := filepath.Join(root, spareName("public"))
		outside := filepath.Join(root, "outside")
		must(t, os.MkdirAll(outside, 0o755))
		must(t, os.WriteFile(filepath.Join(outside, "index.html"), []byte("outside"), 0o644))
		if link {
			must(t, os.WriteFile(filepath.Join(outside, Marker), []byte(markerText), 0o644))
			must(t, os.Symlink(outside, spare))
		} else {
			must(t, os.Rename(outside, spare))
			outside = spare
		}
		for range 3 {
			if err := build(t, fsys, dest, map[string]string{"index.html": "site"}); err != nil {
				t.Fatal(err)
			}
		}
		if got := read(fsys, filepath.Join(dest, "index.html")); got != "site" {
			t.Errorf("link=%v: the site's index.html = %q", link, got)
		}
		wantFolderMode(t, fsys, dest)
		if got := read(fsys, filepath.Join(outside, "index.html")); got != "outside" {
			t.Errorf("link=%v: the folder at the spare's name holds %q", link, got)
		}
		entries, _ := os.ReadDir(root)
		for _, e := range entries {
			if strings.Contains(e.Name(), ".crosswalk-new-") || strings.Contains(e.Name(), ".crosswalk-old-") {
				t.Errorf("link=%v: leftover %s", link, e.Name())
			}
		}
	}
}

// tree reads every file under dir, by slash path, without following links.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if !e.Type().IsRegular() {
			files[filepath.ToSlash(rel)] = "(" + e.Type().String() + ")"
			return nil
		}
		b, err := os.ReadFile(p)
		files[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func equalTree(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}
