package source

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/crosswalk-ssg/crosswalk/internal/diag"
	"github.com/spf13/afero"
)

// TestCache: a file whose size and time stay is not parsed again, and
// its problems are reported again; a changed file, a file Forget names
// and a new file are parsed; a removed file leaves the cache.
func TestCache(t *testing.T) {
	fsys := afero.NewMemMapFs()
	write := func(name, data string, mod time.Time) {
		t.Helper()
		if err := afero.WriteFile(fsys, name, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := fsys.Chtimes(name, mod, mod); err != nil {
			t.Fatal(err)
		}
	}
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	write("content/a.md", "---\ntitle: A\n---\n", t0)
	write("content/bad.md", "---\ntitle: [x\n---\n", t0)
	c := NewCache()
	read := func() (map[string]*File, string) {
		t.Helper()
		var errs diag.List
		files, err := c.ReadDir(fsys, "content", &errs)
		if err != nil {
			t.Fatal(err)
		}
		byPath := map[string]*File{}
		for _, f := range files {
			byPath[f.Path] = f
		}
		msg := ""
		if err := errs.Err(); err != nil {
			msg = err.Error()
		}
		return byPath, msg
	}
	first, problems := read()
	if len(first) != 1 || problems == "" {
		t.Fatalf("first read: %d files, problems %q", len(first), problems)
	}
	again, problemsAgain := read()
	if again["content/a.md"] != first["content/a.md"] {
		t.Error("an unchanged file was parsed again")
	}
	if problemsAgain != problems {
		t.Errorf("an unchanged broken file reports %q, want %q as before", problemsAgain, problems)
	}

	// The same size and time, but Forget names it: parsed again.
	write("content/a.md", "---\ntitle: Z\n---\n", t0)
	if f, _ := read(); f["content/a.md"] != first["content/a.md"] {
		// The cache cannot see such an edit; that is what Forget is for.
		t.Fatal("a file of the same size and time was parsed again")
	}
	c.Forget("content/a.md")
	forgot, _ := read()
	if title := forgot["content/a.md"].FrontMatter.Content[1].Value; title != "Z" {
		t.Errorf("after Forget the title is %q, want Z", title)
	}

	// A new time, a fixed file, a new file, a removed one.
	write("content/a.md", "---\ntitle: Y\n---\n", t0.Add(time.Second))
	write("content/bad.md", "---\ntitle: fixed\n---\n", t0)
	write("content/new.md", "---\ntitle: N\n---\n", t0)
	files, problems := read()
	if len(files) != 3 || problems != "" || files["content/a.md"].FrontMatter.Content[1].Value != "Y" {
		t.Fatalf("after edits: %d files, problems %q", len(files), problems)
	}
	fsys.Remove("content/new.md")
	files, _ = read()
	if _, ok := c.files["content/new.md"]; ok || len(files) != 2 {
		t.Errorf("a removed file stays in the cache (%d files read)", len(files))
	}
}

// TestCacheWatched: while watched, ReadDir lists the last walk's files
// and reads again only those Forget names, until Rescan; a file Forget
// names that is gone makes it walk.
func TestCacheWatched(t *testing.T) {
	fsys := afero.NewMemMapFs()
	write := func(name, data string) {
		t.Helper()
		if err := afero.WriteFile(fsys, name, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("content/a.md", "---\ntitle: A\n---\n")
	write("content/notes.txt", "not Markdown")
	c := NewCache()
	c.SetWatched(true)
	read := func() ([]string, string) {
		t.Helper()
		var errs diag.List
		files, err := c.ReadDir(fsys, "content", &errs)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, f := range files {
			out = append(out, f.Path+"="+f.FrontMatter.Content[1].Value)
		}
		msg := ""
		if err := errs.Err(); err != nil {
			msg = err.Error()
		}
		return out, msg
	}
	first, problems := read()
	if fmt.Sprint(first) != "[content/a.md=A]" || !strings.Contains(problems, "content/notes.txt: not a Markdown file") {
		t.Fatalf("first read: %v, %q", first, problems)
	}
	write("content/a.md", "---\ntitle: Longer title\n---\n")
	write("content/b.md", "---\ntitle: B\n---\n")
	if got, again := read(); fmt.Sprint(got) != "[content/a.md=A]" || again != problems {
		t.Errorf("without Forget or Rescan: %v, %q; want the last walk's files and problems", got, again)
	}
	c.Forget("content/a.md")
	if got, _ := read(); fmt.Sprint(got) != "[content/a.md=Longer title]" {
		t.Errorf("after Forget: %v", got)
	}
	c.Rescan()
	if got, _ := read(); fmt.Sprint(got) != "[content/a.md=Longer title content/b.md=B]" {
		t.Errorf("after Rescan: %v", got)
	}
	fsys.Remove("content/b.md")
	c.Forget("content/b.md") // without Rescan: the file named is gone, so it walks
	if got, _ := read(); fmt.Sprint(got) != "[content/a.md=Longer title]" {
		t.Errorf("after removing a file Forget named: %v", got)
	}
	c.SetWatched(false)
	write("content/c.md", "---\ntitle: C\n---\n")
	if got, _ := read(); fmt.Sprint(got) != "[content/a.md=Longer title content/c.md=C]" {
		t.Errorf("no longer watched: %v, want a walk", got)
	}
}

// TestReadDirFuncOrder: files are read beside the walk, but come back,
// and go to parsed, in the walk's order, each once, a large file among
// them (parsed alone) included, with each file's problems.
func TestReadDirFuncOrder(t *testing.T) {
	fs := afero.NewMemMapFs()
	var want []string
	for i := range 300 {
		name := fmt.Sprintf("content/d%d/f%03d.md", i%7, i)
		text := fmt.Sprintf("---\ntitle: T%d\n---\nbody %d\n", i, i)
		switch {
		case i == 150:
			text = "---\nmappings:\n" + strings.Repeat("  - {source: A, target: B}\n", largeFile/20) + "---\n"
		case i%50 == 0:
			text = "---\ntitle: [unclosed\n---\n"
		}
		if err := afero.WriteFile(fs, name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		want = append(want, name)
	}
	slices.Sort(want)
	var errs diag.List
	var handed []string
	files, err := NewCache().ReadDirFunc(fs, "content", 64*MB, &errs, func(f *File) { handed = append(handed, f.Path) })
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range files {
		got = append(got, f.Path)
	}
	parsedOK := slices.DeleteFunc(slices.Clone(want), func(p string) bool {
		n, _ := strconv.Atoi(p[len(p)-6 : len(p)-3])
		return n%50 == 0 && n != 150
	})
	if !slices.Equal(got, parsedOK) {
		t.Errorf("files in this order:\n%v\nwant the walk's:\n%v", got, parsedOK)
	}
	if !slices.Equal(handed, parsedOK) {
		t.Errorf("handed to parsed in this order:\n%v\nwant the walk's:\n%v", handed, parsedOK)
	}
	if n := errs.Len(); n != 5 {
		t.Errorf("%d problems, want one for each of the 5 files with bad front matter: %v", n, errs.Err())
	}
}
