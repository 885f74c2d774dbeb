package write

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/spf13/afero"
)

// build writes files into a new Dir at dest and commits.
func build(t *testing.T, fsys afero.Fs, dest string, files map[string]string) error {
	t.Helper()
	d, err := NewDir(fsys, dest, "")
	if err != nil {
		return err
	}
	for name, text := range files {
		if err := d.WriteFile(name, []byte(text)); err != nil {
			d.Abort()
			return err
		}
	}
	return d.Commit()
}

// wantFolderMode fails unless dir has the mode of a folder made with
// 0755 beside it (the umask applied), as every folder a build makes has.
func wantFolderMode(t *testing.T, fsys afero.Fs, dir string) {
	t.Helper()
	ref := filepath.Join(filepath.Dir(dir), ".mode-reference")
	if err := fsys.Mkdir(ref, 0o755); err != nil {
		t.Fatal(err)
	}
	want, err := fsys.Stat(ref)
	if err != nil {
		t.Fatal(err)
	}
	if err := fsys.Remove(ref); err != nil {
		t.Fatal(err)
	}
	got, err := fsys.Stat(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got.Mode().Perm() != want.Mode().Perm() {
		t.Errorf("%s has mode %v, want %v, as a folder made with 0755", dir, got.Mode().Perm(), want.Mode().Perm())
	}
}

func read(fsys afero.Fs, name string) string {
	b, err := afero.ReadFile(fsys, name)
	if err != nil {
		return "(missing)"
	}
	return string(b)
}

func TestCommitReplacesAtomically(t *testing.T) {
	fs := afero.NewMemMapFs()
	if err := build(t, fs, "/site/public", map[string]string{"a/index.html": "one"}); err != nil {
		t.Fatal(err)
	}
	// Second build: aborted; the first stays.
	d, err := NewDir(fs, "/site/public", "")
	if err != nil {
		t.Fatal(err)
	}
	_ = d.WriteFile("a/index.html", []byte("two"))
	if got := read(fs, "/site/public/a/index.html"); got != "one" {
		t.Fatalf("before commit: %q", got)
	}
	d.Abort()
	if got := read(fs, "/site/public/a/index.html"); got != "one" {
		t.Fatalf("after abort: %q", got)
	}
	// Third build: committed; stale files of the first are gone.
	if err := build(t, fs, "/site/public", map[string]string{"b.html": "three"}); err != nil {
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
	_, err := NewDir(fs, "/home/me", "")
	if err == nil || !strings.Contains(err.Error(), "refusing to replace") {
		t.Fatalf("err = %v", err)
	}
	// Leftovers without the marker are not ours: never removed.
	_ = afero.WriteFile(fs, "/home/.me.crosswalk-new-x/keep.txt", []byte("keep"), 0o644)
	_ = afero.WriteFile(fs, "/home/.me.crosswalk-old-y/keep.txt", []byte("keep"), 0o644)
	_, _ = NewDir(fs, "/home/me", "")
	for _, p := range []string{"/home/.me.crosswalk-new-x/keep.txt", "/home/.me.crosswalk-old-y/keep.txt", "/home/me/notes.txt"} {
		if read(fs, p) == "(missing)" {
			t.Errorf("%s was removed", p)
		}
	}
}

// TestRemovesEmptyLeftover: a build killed between creating its folder
// and writing the Marker leaves an empty folder; the next build removes it
// (and leaves a non-empty one without the Marker alone).
func TestRemovesEmptyLeftover(t *testing.T) {
	fs := afero.NewMemMapFs()
	_ = fs.MkdirAll("/home/.me.crosswalk-new-empty", 0o755)
	_ = afero.WriteFile(fs, "/home/.me.crosswalk-new-full/keep.txt", []byte("keep"), 0o644)
	d, err := NewDir(fs, "/home/me", "")
	if err != nil {
		t.Fatal(err)
	}
	d.Abort()
	if ok, _ := afero.DirExists(fs, "/home/.me.crosswalk-new-empty"); ok {
		t.Error("the empty leftover is still there")
	}
	if read(fs, "/home/.me.crosswalk-new-full/keep.txt") != "keep" {
		t.Error("a leftover without the marker was touched")
	}
}

// TestLock: while one build holds a folder, another fails at once and
// says why; after Commit or Abort the next one may start.
func TestLock(t *testing.T) {
	for _, fsys := range []afero.Fs{afero.NewMemMapFs(), afero.NewOsFs()} {
		dest := filepath.Join(t.TempDir(), "public")
		first, err := NewDir(fsys, dest, "")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := NewDir(fsys, dest, ""); err == nil || !strings.Contains(err.Error(), "another crosswalk build is writing "+dest) {
			t.Errorf("%T: second build: %v", fsys, err)
		}
		first.Abort()
		second, err := NewDir(fsys, dest, "")
		if err != nil {
			t.Fatalf("%T: after abort: %v", fsys, err)
		}
		if err := second.Commit(); err != nil {
			t.Fatal(err)
		}
		if _, err := NewDir(fsys, dest, ""); err != nil {
			t.Errorf("%T: after commit: %v", fsys, err)
		}
	}
}

var errCrash = errors.New("crash")

// TestCrashRecovery stops Commit at each of its steps, as a kill would,
// with the two-rename swap and with the exchange. After each, the folder
// holds the old site or the new one, or (between the two renames) the old
// one is aside, and the next build, even one that fails, restores it: a
// crash never loses the only copy.
func TestCrashRecovery(t *testing.T) {
	for _, tt := range []struct {
		step       string
		noExchange bool
		want       string // what the folder holds after the crash, once the next NewDir has run
	}{
		{"start", true, "old"},
		{"aside", true, "old"},
		{"placed", true, "new"},
		{"start", false, "old"},
		{"exchanged", false, "new"},
	} {
		t.Run(fmt.Sprintf("%s/exchange=%v", tt.step, !tt.noExchange), func(t *testing.T) {
			fsys := afero.NewOsFs()
			dest := filepath.Join(t.TempDir(), "public")
			if err := build(t, fsys, dest, map[string]string{"index.html": "old"}); err != nil {
				t.Fatal(err)
			}
			d, err := NewDir(fsys, dest, "")
			if err != nil {
				t.Fatal(err)
			}
			_ = d.WriteFile("index.html", []byte("new"))
			d.noExchange = tt.noExchange
			d.hook = func(step string) error {
				if step == tt.step {
					return errCrash
				}
				return nil
			}
			if err := d.Commit(); !errors.Is(err, errCrash) {
				t.Fatalf("commit: %v", err)
			}
			d.release() // the process is gone: the kernel drops its lock
			// The next run recovers, then fails before writing anything.
			next, err := NewDir(fsys, dest, "")
			if err != nil {
				t.Fatal(err)
			}
			next.Abort()
			if got := read(fsys, filepath.Join(dest, "index.html")); got != tt.want {
				t.Errorf("after the crash and a failed build: index.html = %q, want %q", got, tt.want)
			}
			entries, _ := os.ReadDir(filepath.Dir(dest))
			for _, e := range entries {
				if strings.Contains(e.Name(), ".crosswalk-new-") || strings.Contains(e.Name(), ".crosswalk-old-") {
					t.Errorf("leftover %s", e.Name())
				}
			}
		})
	}
}

// TestConcurrentBuilds runs two builds into one folder at once, 20 times:
// one of them wins, the other fails saying a build is running, and the
// folder always holds one whole site with its marker.
func TestConcurrentBuilds(t *testing.T) {
	fsys := afero.NewOsFs()
	dest := filepath.Join(t.TempDir(), "public")
	for run := range 20 {
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i := range 2 {
			wg.Go(func() {
				files := map[string]string{}
				for f := range 50 {
					files[fmt.Sprintf("p%d/index.html", f)] = fmt.Sprintf("run %d build %d", run, i)
				}
				errs[i] = build(t, fsys, dest, files)
			})
		}
		wg.Wait()
		ok := 0
		for _, err := range errs {
			switch {
			case err == nil:
				ok++
			case !strings.Contains(err.Error(), "another crosswalk build is writing"):
				t.Fatalf("run %d: %v", run, err)
			}
		}
		if ok == 0 {
			t.Fatalf("run %d: both builds failed: %v", run, errs)
		}
		first := read(fsys, filepath.Join(dest, "p0/index.html"))
		for f := range 50 {
			if got := read(fsys, filepath.Join(dest, fmt.Sprintf("p%d/index.html", f))); got != first || !strings.HasPrefix(got, fmt.Sprintf("run %d ", run)) {
				t.Fatalf("run %d: p%d = %q, p0 = %q: a mixed or stale site", run, f, got, first)
			}
		}
		if read(fsys, filepath.Join(dest, Marker)) == "(missing)" {
			t.Fatalf("run %d: the marker is gone", run)
		}
	}
}

// TestReadersNeverSeeAMissingSite reads index.html in a loop during 40
// rebuilds: with renameat2(RENAME_EXCHANGE) it is never missing.
func TestReadersNeverSeeAMissingSite(t *testing.T) {
	fsys := afero.NewOsFs()
	dest := filepath.Join(t.TempDir(), "public")
	if err := build(t, fsys, dest, map[string]string{"index.html": "0"}); err != nil {
		t.Fatal(err)
	}
	if err := exchange(fsys, dest, dest); errors.Is(err, errNoExchange) {
		t.Skip("no atomic exchange on this system: the two-rename swap leaves a moment without the folder (docs/robustness.md)")
	}
	stop := make(chan struct{})
	missing, reads := 0, 0
	var wg sync.WaitGroup
	wg.Go(func() {
		for {
			select {
			case <-stop:
				return
			default:
			}
			if _, err := os.ReadFile(filepath.Join(dest, "index.html")); err != nil {
				missing++
			}
			reads++
		}
	})
	for i := range 40 {
		if err := build(t, fsys, dest, map[string]string{"index.html": fmt.Sprint(i + 1), "a/b.html": "x"}); err != nil {
			t.Fatal(err)
		}
	}
	close(stop)
	wg.Wait()
	if missing > 0 {
		t.Errorf("index.html was missing %d times in %d reads during 40 rebuilds", missing, reads)
	}
	if reads == 0 {
		t.Error("the reader never read")
	}
}

func TestNames(t *testing.T) {
	var n names
	for _, bad := range []string{"", "/etc/passwd", "../x", "a/../../x", "a\\b", "a//b", "./a", "..", "a\x00b", "CON", "aux.html",
		"a/b:c", "q?", "trail.", "new\nline", strings.Repeat("x", 256)} {
		if n.check(bad) == nil {
			t.Errorf("accepted %q", bad)
		}
	}
	for _, good := range []string{"index.html", "a/b/index.html", ".nojekyll", "a..b/c", "console.html", strings.Repeat("x", 255)} {
		if err := n.check(good); err != nil {
			t.Errorf("refused %q: %v", good, err)
		}
	}
	// Names that one file system keeps apart and another does not.
	for _, pair := range [][2]string{{"About/index.html", "about/index.html"}, {"caf\u00e9.html", "cafe\u0301.html"}} {
		var n names
		if err := n.check(pair[0]); err != nil {
			t.Fatal(err)
		}
		if err := n.check(pair[1]); err == nil || !strings.Contains(err.Error(), "differ only in case or Unicode form") {
			t.Errorf("%q after %q: %v", pair[1], pair[0], err)
		}
	}
}

func TestFileAtomically(t *testing.T) {
	dir := t.TempDir()
	fsys := afero.NewOsFs()
	name := filepath.Join(dir, "x.md")
	if err := os.WriteFile(name, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := FileAtomically(fsys, name, []byte("new")); err != nil {
		t.Fatal(err)
	}
	info, _ := os.Stat(name)
	if read(fsys, name) != "new" || info.Mode().Perm() != 0o600 {
		t.Errorf("content %q, mode %v: want new, 0600 kept", read(fsys, name), info.Mode().Perm())
	}
	if err := os.Symlink(name, filepath.Join(dir, "link.md")); err != nil {
		t.Fatal(err)
	}
	if err := FileAtomically(fsys, filepath.Join(dir, "link.md"), []byte("x")); err == nil || !strings.Contains(err.Error(), "symbolic link") {
		t.Errorf("through a symlink: %v", err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.md"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := FileAtomically(fsys, filepath.Join(dir, "pipe.md"), []byte("x")); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("into a named pipe: %v", err)
	}
	// A failure names the file asked for, never the temporary one.
	err := FileAtomically(fsys, filepath.Join(dir, "missing", "y.md"), []byte("x"))
	if err == nil || strings.Contains(err.Error(), "crosswalk-new") || !strings.Contains(err.Error(), "y.md") {
		t.Errorf("into a missing folder: %v", err)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), "crosswalk-new") {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}
}

func TestCheckPlace(t *testing.T) {
	site := t.TempDir()
	for _, d := range []string{"content", "static"} {
		_ = os.Mkdir(filepath.Join(site, d), 0o755)
	}
	outside := t.TempDir()
	link := filepath.Join(outside, "into-content")
	if err := os.Symlink(filepath.Join(site, "content"), link); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		kind   Place
		target string
		want   string // "" for allowed
	}{
		{SiteFolder, filepath.Join(site, "public"), ""},
		{SiteFolder, site, "is or contains the site folder"},
		{SiteFolder, filepath.Dir(site), "is or contains the site folder"},
		{SiteFolder, filepath.Join(site, "content", "out"), "overlaps the site's input folder"},
		{SiteFolder, filepath.Join(link, "out"), "overlaps the site's input folder"},
		{SiteZip, filepath.Join(site, "site.zip"), ""},
		{SiteZip, filepath.Join(site, "static", "site.zip"), "overlaps the site's input folder"},
		{DataFolder, filepath.Join(outside, "data"), ""},
		{DataFolder, filepath.Join(site, "static"), "overlaps the site's input folder"},
		{ContentFile, filepath.Join(site, "content", "crosswalks", "a.md"), ""},
		{ContentFile, filepath.Join(site, "static", "a.md"), "inside the site's static/ folder"},
	} {
		err := CheckPlace(tt.kind, site, tt.target)
		if tt.want == "" && err != nil || tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)) {
			t.Errorf("CheckPlace(%d, %s) = %v, want %q", tt.kind, tt.target, err, tt.want)
		}
	}
}

func TestMemory(t *testing.T) {
	m := &Memory{Root: "/site"}
	_ = m.WriteFile("a/index.html", []byte("one"))
	if m.FS() != nil || m.Files() != nil {
		t.Error("a site before the first Commit")
	}
	if err := m.Commit(); err != nil {
		t.Fatal(err)
	}
	first := m.FS()
	_ = m.WriteFile("b.html", []byte("two"))
	m.Abort()
	if got := read(first, "/site/a/index.html"); got != "one" || len(m.Files()) != 1 {
		t.Errorf("after abort: %q, %d files", got, len(m.Files()))
	}
	if err := m.WriteFile("About.html", nil); err != nil {
		t.Fatal(err)
	}
	if err := m.WriteFile("about.html", nil); err == nil {
		t.Error("Memory accepts names that fold alike, which the other outputs refuse")
	}
}

// TestMemoryKeep: a Memory with Keep keeps only the files it says, and
// checks the names of the others all the same.
func TestMemoryKeep(t *testing.T) {
	m := &Memory{Keep: func(name string) bool { return !strings.HasSuffix(name, ".html") }}
	for _, name := range []string{"a/index.html", "downloads/a.csv"} {
		if err := m.WriteFile(name, []byte(name)); err != nil {
			t.Fatal(err)
		}
	}
	if err := m.WriteFile("Downloads/a.csv", nil); err == nil {
		t.Error("a name that folds like a kept one was accepted")
	}
	if err := m.WriteFile("A/index.html", nil); err == nil {
		t.Error("a name that folds like a dropped one was accepted")
	}
	if err := m.Commit(); err != nil {
		t.Fatal(err)
	}
	if files := m.Files(); len(files) != 1 || string(files["downloads/a.csv"]) != "downloads/a.csv" {
		t.Errorf("kept %v, want downloads/a.csv only", files)
	}
}

// TestCreate writes a file piece by piece with every output's Create and
// checks that it is there, whole, after Commit, and that Create checks
// names as WriteFile does.
func TestCreate(t *testing.T) {
	pieces := []string{"one,", strings.Repeat("x", 100<<10), ",three\n"} // past Dir's buffer
	want := strings.Join(pieces, "")
	create := func(t *testing.T, out Output) {
		t.Helper()
		w, err := out.Create("downloads/big.csv")
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range pieces {
			if _, err := io.WriteString(w, p); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		if _, err := out.Create("../escape.csv"); err == nil {
			t.Error("Create accepted a name that leaves the output")
		}
		if err := out.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	t.Run("dir", func(t *testing.T) {
		fsys := afero.NewMemMapFs()
		d, err := NewDir(fsys, "/site/public", "")
		if err != nil {
			t.Fatal(err)
		}
		create(t, d)
		if got := read(fsys, "/site/public/downloads/big.csv"); got != want {
			t.Errorf("the file holds %d bytes, want %d", len(got), len(want))
		}
	})
	t.Run("memory", func(t *testing.T) {
		m := &Memory{Root: "/site"}
		create(t, m)
		if got := read(m.FS(), "/site/downloads/big.csv"); got != want {
			t.Errorf("the file holds %d bytes, want %d", len(got), len(want))
		}
	})
	t.Run("discard", func(t *testing.T) { create(t, &Discard{}) })
}

// TestWriteFileKeepsNoData: every Output is done with the bytes WriteFile
// was given once it returns, as io.Writer's Write is, so that render can
// write page after page from one buffer.
func TestWriteFileKeepsNoData(t *testing.T) {
	write := func(t *testing.T, out Output) {
		t.Helper()
		buf := []byte("first page")
		if err := out.WriteFile("a/index.html", buf); err != nil {
			t.Fatal(err)
		}
		copy(buf, "XXXXXXXXXX")
		if err := out.WriteFile("b/index.html", buf); err != nil {
			t.Fatal(err)
		}
		if err := out.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	want := map[string]string{"a/index.html": "first page", "b/index.html": "XXXXXXXXXX"}
	t.Run("dir", func(t *testing.T) {
		fsys := afero.NewMemMapFs()
		d, err := NewDir(fsys, "/site/public", "")
		if err != nil {
			t.Fatal(err)
		}
		write(t, d)
		for name, w := range want {
			if got := read(fsys, "/site/public/"+name); got != w {
				t.Errorf("%s: %q, want %q", name, got, w)
			}
		}
	})
	t.Run("memory", func(t *testing.T) {
		m := &Memory{Root: "/site"}
		write(t, m)
		for name, w := range want {
			if got := string(m.Files()[name]); got != w {
				t.Errorf("%s: %q, want %q", name, got, w)
			}
		}
	})
	t.Run("zip", func(t *testing.T) {
		fsys := afero.NewMemMapFs()
		z, err := NewZip(fsys, "/out/site.zip", "")
		if err != nil {
			t.Fatal(err)
		}
		write(t, z)
		data, _ := afero.ReadFile(fsys, "/out/site.zip")
		r, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range r.File {
			rc, _ := f.Open()
			got, _ := io.ReadAll(rc)
			rc.Close()
			if w := want[strings.TrimPrefix(f.Name, "site/")]; string(got) != w {
				t.Errorf("%s: %q, want %q", f.Name, got, w)
			}
		}
	})
}
