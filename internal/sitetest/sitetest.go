package sitetest

import (
	"bytes"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/crosswalk-ssg/crosswalk"
	"github.com/crosswalk-ssg/crosswalk/internal/build"
	"github.com/crosswalk-ssg/crosswalk/internal/write"
	"github.com/spf13/afero"
	"golang.org/x/tools/txtar"
)

// module is the module path whose go.mod Repo looks for.
const module = "github.com/crosswalk-ssg/crosswalk"

// checkName panics unless name is a path as the generator reads them.
// A mistyped fixture is a bug in the test, so it stops the test loudly
// rather than being dropped.
func checkName(name string) {
	if err := nameError(name); err != nil {
		panic(err.Error())
	}
}

// nameError says why name is not a path as the generator reads them, or
// is nil: the one rule of both Source and WriteDir.
func nameError(name string) error {
	if !fs.ValidPath(name) || name == "." || strings.Contains(name, `\`) {
		return fmt.Errorf("sitetest: %q is not a relative slash path such as content/about.md", name)
	}
	return nil
}

// Source returns files (path → contents) as a read-only site in memory.
// It panics if a path is not an io/fs path (see the package comment).
func Source(files map[string]string) afero.Fs {
	mem := afero.NewMemMapFs()
	for _, name := range slices.Sorted(maps.Keys(files)) {
		checkName(name)
		if err := afero.WriteFile(mem, name, []byte(files[name]), 0o644); err != nil {
			panic(fmt.Sprintf("sitetest: %v", err)) // a MemMapFs does not fail
		}
	}
	return afero.NewReadOnlyFs(mem)
}

// WriteDir writes files (path → contents) into the folder dir on the
// operating system's disk, creating folders as needed, for the tests that
// need a site on disk: the CLI, serve's watcher, the folder output. It
// fails the test if a path is not an io/fs path or a file cannot be
// written.
func WriteDir(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if err := nameError(name); err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(files[name]), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// With returns a copy of files with extra added; a file in extra replaces
// the one of the same path, and an empty text removes it.
func With(files, extra map[string]string) map[string]string {
	out := maps.Clone(files)
	if out == nil {
		out = map[string]string{}
	}
	for name, text := range extra {
		checkName(name)
		if text == "" {
			delete(out, name)
			continue
		}
		out[name] = text
	}
	return out
}

// Txtar returns the files of a txtar archive ("-- content/a.md --" lines
// before each file). Its comment is ignored.
func Txtar(archive []byte) map[string]string {
	files := map[string]string{}
	for _, f := range txtar.Parse(archive).Files {
		checkName(f.Name)
		files[f.Name] = string(f.Data)
	}
	return files
}

// ReadTxtar reads the txtar archive at name (relative to the test's
// package folder, such as "testdata/sites/small.txtar").
func ReadTxtar(t testing.TB, name string) map[string]string {
	t.Helper()
	data, err := os.ReadFile(filepath.FromSlash(name))
	if err != nil {
		t.Fatal(err)
	}
	return Txtar(data)
}

// ReadTree returns the files under dir of fsys, by their paths in fsys.
func ReadTree(t testing.TB, fsys afero.Fs, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := fs.WalkDir(afero.NewIOFS(fsys), dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := afero.ReadFile(fsys, p)
		files[p] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// Repo returns the repository's own site (its content/, templates/ and
// static/), read-only from disk, from any package folder of the module.
func Repo(t testing.TB) afero.Fs {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		mod, err := os.ReadFile(filepath.Join(dir, "go.mod"))
		if err == nil && bytes.HasPrefix(mod, []byte("module "+module+"\n")) {
			return afero.NewReadOnlyFs(afero.NewBasePathFs(afero.NewOsFs(), dir))
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatalf("sitetest: no go.mod of %s above the test's folder", module)
		}
		dir = parent
	}
}

// Option changes the configuration of a test build.
type Option func(*build.Config)

// BaseURL sets the base URL, as the -base-url flag does.
func BaseURL(u string) Option { return func(c *build.Config) { c.BaseURL = u } }

// config is the configuration of a build of src with the embedded theme.
func config(src afero.Fs, out write.Output, opts []Option) build.Config {
	cfg := build.Config{Source: src, Defaults: crosswalk.Defaults, Output: out}
	for _, o := range opts {
		o(&cfg)
	}
	return cfg
}

// Build builds src with the embedded theme into memory and returns the
// output files by path ("index.html", "frameworks/a/index.html"), and
// the build's result. The test fails at once if the site does not build.
func Build(t testing.TB, src afero.Fs, opts ...Option) (map[string][]byte, *build.Result) {
	t.Helper()
	out := &write.Memory{}
	res, err := build.Build(config(src, out, opts))
	if err != nil {
		t.Fatalf("build failed:\n%v", err)
	}
	return out.Files(), res
}

// Check builds src without writing anything and returns the text of the
// problems found in it, one per line, or "" when it builds. An error that
// is not about the site (a failure to read or write) fails the test.
func Check(t testing.TB, src afero.Fs, opts ...Option) string {
	t.Helper()
	_, err := build.Build(config(src, nil, opts))
	if err == nil {
		return ""
	}
	if !build.IsSiteError(err) {
		t.Fatalf("build failed, not because of the site: %v", err)
	}
	return err.Error()
}

// FS returns output files as a file system, for code that reads one
// (linkcheck, fs.Stat).
func FS(files map[string][]byte) fs.FS {
	m := fstest.MapFS{}
	for name, data := range files {
		m[name] = &fstest.MapFile{Data: data, Mode: 0o644}
	}
	return m
}

// File returns the output file name as text; the test fails at once if
// the build did not write it.
func File(t testing.TB, files map[string][]byte, name string) string {
	t.Helper()
	data, ok := files[name]
	if !ok {
		t.Fatalf("the build wrote no %s", name)
	}
	return string(data)
}
