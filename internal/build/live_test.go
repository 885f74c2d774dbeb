package build_test

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/crosswalk-ssg/crosswalk"
	"github.com/crosswalk-ssg/crosswalk/internal/build"
	"github.com/crosswalk-ssg/crosswalk/internal/sitetest"
	"github.com/crosswalk-ssg/crosswalk/internal/write"
	"github.com/spf13/afero"
)

// liveFiles opens src as a Live site through cache, checks it, and
// returns every file it serves, or the problems Open or Check found.
func liveFiles(t *testing.T, cfg build.Config) (map[string][]byte, error) {
	t.Helper()
	l, err := build.Open(cfg)
	if err != nil {
		return nil, err
	}
	if err := l.Check(context.Background()); err != nil {
		return nil, err
	}
	files := map[string][]byte{}
	for _, name := range build.LiveNames(l) {
		data, err := l.File(context.Background(), name)
		if err != nil {
			t.Fatalf("File(%q): %v", name, err)
		}
		files[name] = data
	}
	return files, nil
}

// cleanFiles builds src from scratch into memory.
func cleanFiles(cfg build.Config) (map[string][]byte, error) {
	out := &write.Memory{}
	cfg.Output = out
	if _, err := build.Build(cfg); err != nil {
		return nil, err
	}
	return out.Files(), nil
}

// sameSite fails the test unless the Live site and the clean build agree:
// the same problems, or the same files with the same bytes.
func sameSite(t *testing.T, step string, live map[string][]byte, liveErr error, clean map[string][]byte, cleanErr error) {
	t.Helper()
	if (liveErr == nil) != (cleanErr == nil) || liveErr != nil && liveErr.Error() != cleanErr.Error() {
		t.Fatalf("%s: problems differ\nlive:  %v\nclean: %v", step, liveErr, cleanErr)
	}
	if cleanErr != nil {
		return
	}
	delete(clean, build.Marker)
	if got, want := slices.Sorted(maps.Keys(live)), slices.Sorted(maps.Keys(clean)); !slices.Equal(got, want) {
		t.Fatalf("%s: the live site has %d files, the clean build %d\nonly live:  %v\nonly clean: %v", step, len(got), len(want), minus(got, want), minus(want, got))
	}
	for name, want := range clean {
		if got := live[name]; !bytes.Equal(got, want) {
			t.Fatalf("%s: %s differs from the clean build's (%d bytes, want %d)", step, name, len(got), len(want))
		}
	}
}

func minus(a, b []string) []string {
	var out []string
	for _, s := range a {
		if !slices.Contains(b, s) {
			out = append(out, s)
		}
	}
	return out
}

// TestLiveEqualsCleanBuild: after any sequence of edits, the site Open and
// Check serve (its pages rendered on request, its files parsed again only
// when they changed) is the clean build's, byte for byte, or has the same
// problems. The edits are random, from fixed seeds: statements, titles,
// prose, mappings added, removed and broken, pages and static files added
// and removed, the site's title and base URL, a template.
func TestLiveEqualsCleanBuild(t *testing.T) {
	for seed := range uint64(3) {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			fsys := afero.NewMemMapFs()
			for name, data := range syntheticSite(3, 40) {
				afero.WriteFile(fsys, name, []byte(data), 0o644)
			}
			cache := build.NewCache()
			cfg := build.Config{Source: fsys, Defaults: crosswalk.Defaults, Workers: 2}
			live := cfg
			live.Cache = cache
			rng := rand.New(rand.NewPCG(seed, 14))
			for step := range 8 {
				what := editSite(t, fsys, rng)
				l, lerr := liveFiles(t, live)
				c, cerr := cleanFiles(cfg)
				sameSite(t, fmt.Sprintf("step %d (%s)", step, what), l, lerr, c, cerr)
				t.Logf("step %d: %s: %d files, problems: %v", step, what, len(c), cerr != nil)
			}
		})
	}
}

// editSite makes one random edit to the synthetic site in fsys and says
// what it did.
func editSite(t *testing.T, fsys afero.Fs, rng *rand.Rand) string {
	t.Helper()
	read := func(name string) string {
		data, err := afero.ReadFile(fsys, name)
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	write := func(name, data string) {
		if err := afero.WriteFile(fsys, name, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// replaceNth replaces the n-th (mod count) occurrence of old in s.
	replaceNth := func(s, old, new string, n int) string {
		count := strings.Count(s, old)
		if count == 0 {
			return s
		}
		n %= count
		i := 0
		for range n + 1 {
			j := strings.Index(s[i:], old)
			i += j + len(old)
		}
		i -= len(old)
		return s[:i] + new + s[i+len(old):]
	}
	fw := []string{"left", "right"}[rng.IntN(2)]
	file := fmt.Sprintf("content/frameworks/%s/%03d.md", fw, rng.IntN(3))
	cw := "content/crosswalks/lr.md"
	word := fmt.Sprint("edit", rng.IntN(1000))
	switch rng.IntN(11) {
	case 0:
		write(file, replaceNth(read(file), "says something", "says "+word, rng.IntN(9)))
		return "a statement in " + file
	case 1:
		// A title, in front of a statement: the element's label changes
		// on its own page, its family's and its counterparts'.
		s := read(file)
		n := strings.Count(s, "statement: Leaf")
		if n == 0 {
			return "nothing"
		}
		at := 0
		for range rng.IntN(n) + 1 {
			at += strings.Index(s[at:], "statement: Leaf") + 1
		}
		at--
		indent := s[strings.LastIndex(s[:at], "\n")+1 : at]
		write(file, s[:at]+"title: "+word+"\n"+indent+s[at:])
		return "a title in " + file
	case 2:
		write(file, read(file)+"\nMore prose, "+word+".\n")
		return "prose in " + file
	case 3:
		write(cw, replaceNth(read(cw), "relationship: intersects-with", "relationship: subset-of", rng.IntN(40)))
		return "a relationship"
	case 4:
		s := read(cw)
		lines := strings.SplitAfter(s, "\n")
		i := 3 + rng.IntN(max(len(lines)-5, 1))
		if j := slices.IndexFunc(lines, func(l string) bool { return strings.Contains(l, "R 9.9.9") }); j >= 0 {
			i = j // the broken one first
		}
		if strings.HasPrefix(lines[i], "  - {") {
			lines = slices.Delete(lines, i, i+1)
		}
		write(cw, strings.Join(lines, ""))
		return "a mapping removed"
	case 5:
		s := read(cw)
		target := fmt.Sprintf("R %d.%d.%d", rng.IntN(3), rng.IntN(3), rng.IntN(3))
		if rng.IntN(4) == 0 {
			target = "R 9.9.9" // no such element: a problem, until a later edit removes it
		}
		line := fmt.Sprintf("  - {source: \"L %d.%d.%d\", target: %q, relationship: intersects-with, rationale: %s.}\n", rng.IntN(3), rng.IntN(3), rng.IntN(3), target, word)
		write(cw, strings.Replace(s, "mappings:\n", "mappings:\n"+line, 1))
		return "a mapping added"
	case 6:
		name := fmt.Sprintf("content/notes/n%d.md", rng.IntN(3))
		if ok, _ := afero.Exists(fsys, name); ok {
			fsys.Remove(name)
			return "a page removed"
		}
		// A link to a #fragment the crosswalk page may lack: a problem
		// only a whole build finds, once every page is rendered.
		frag := []string{"matrix", "mappings", "record-3", "no-such-part"}[rng.IntN(4)]
		write(name, fmt.Sprintf("---\ntitle: Note %s\nmenu: main\n---\nSee [[L 0.0.0]] and [the crosswalk](../crosswalks/lr.md#%s).\n", word, frag))
		return "a page added"
	case 7:
		name := "static/extra.css"
		if ok, _ := afero.Exists(fsys, name); ok && rng.IntN(2) == 0 {
			fsys.Remove(name)
			return "a static file removed"
		}
		write(name, "body { color: #"+fmt.Sprintf("%03x", rng.IntN(4096))+"; }\n")
		return "a static file written"
	case 8:
		home := "content/_index.md"
		s := read(home)
		if strings.Contains(s, "base_url") {
			s = strings.Replace(s, "site: {base_url: \"https://example.org/x/\"}\n", "", 1)
		} else {
			s = strings.Replace(s, "---\ntitle:", "---\nsite: {base_url: \"https://example.org/x/\"}\ntitle:", 1)
		}
		write(home, strings.Replace(s, "title: Synthetic", "title: Synthetic "+word, 1))
		return "the site's title and base URL"
	case 9:
		return moveFrameworkIndex(t, fsys, fw)
	default:
		name := "templates/_partials/footer.html"
		if ok, _ := afero.Exists(fsys, name); ok {
			fsys.Remove(name)
			return "a template removed"
		}
		write(name, `<footer>`+word+` {{ .Site.Title }}</footer>`)
		return "a template written"
	}
}

// moveFrameworkIndex removes framework fw's _index.md, or puts it back:
// without it, its element files are outside a framework (a problem), and
// what was decoded of them before must still be there when it returns.
func moveFrameworkIndex(t *testing.T, fsys afero.Fs, fw string) string {
	t.Helper()
	index, attic := "content/frameworks/"+fw+"/_index.md", "attic/"+fw+"_index.md"
	if ok, _ := afero.Exists(fsys, index); ok {
		fsys.MkdirAll("attic", 0o755)
		if err := fsys.Rename(index, attic); err != nil {
			t.Fatal(err)
		}
		return "framework " + fw + "'s index removed"
	}
	if err := fsys.Rename(attic, index); err != nil {
		t.Fatal(err)
	}
	return "framework " + fw + "'s index put back"
}

// TestLiveFrameworkIndexBack: a framework's index removed, then put
// back, with no other change: the element files, unchanged all along,
// are its elements again, as in a clean build.
func TestLiveFrameworkIndexBack(t *testing.T) {
	fsys := afero.NewMemMapFs()
	for name, data := range syntheticSite(3, 40) {
		afero.WriteFile(fsys, name, []byte(data), 0o644)
	}
	cfg := build.Config{Source: fsys, Defaults: crosswalk.Defaults, Workers: 2}
	live := cfg
	live.Cache = build.NewCache()
	for step := range 3 {
		what := "the site"
		if step > 0 {
			what = moveFrameworkIndex(t, fsys, "left")
		}
		l, lerr := liveFiles(t, live)
		c, cerr := cleanFiles(cfg)
		sameSite(t, what, l, lerr, c, cerr)
		if step == 1 && cerr == nil {
			t.Fatal("a site whose framework lost its index has no problems")
		}
	}
}

// TestLiveDefaultSite: the repository's own site, opened and checked,
// serves the bytes its build writes.
func TestLiveDefaultSite(t *testing.T) {
	src := sitetest.Source(sitetest.ReadTree(t, sitetest.Repo(t), "content"))
	cfg := build.Config{Source: src, Defaults: crosswalk.Defaults}
	l, lerr := liveFiles(t, cfg)
	c, cerr := cleanFiles(cfg)
	sameSite(t, "default site", l, lerr, c, cerr)
}

// TestLiveCheckFindsWhatOnlyAWholeBuildFinds: a site with a link to a
// #fragment no page has, or with a template that fails on one kind of
// page, opens (each page can be linked), renders its other pages on
// request, and fails Check with the problems Build reports.
func TestLiveCheckFindsWhatOnlyAWholeBuildFinds(t *testing.T) {
	for name, extra := range map[string]map[string]string{
		"fragment": {"content/note.md": "---\ntitle: Note\n---\nSee [the matrix](crosswalks/lr.md#no-such-part).\n"},
		"template": {"templates/element.html": `{{ define "main" }}{{ index .Site.Frameworks 9 }}{{ end }}`},
	} {
		t.Run(name, func(t *testing.T) {
			src := sitetest.Source(sitetest.With(syntheticSite(2, 10), extra))
			cfg := build.Config{Source: src, Defaults: crosswalk.Defaults}
			_, want := build.Build(cfg)
			if want == nil {
				t.Fatal("the site builds; the test needs one that does not")
			}
			l, err := build.Open(cfg)
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			if _, err := l.File(context.Background(), "index.html"); err != nil {
				t.Errorf("the home page does not render on request: %v", err)
			}
			if got := l.Check(context.Background()); got == nil || got.Error() != want.Error() {
				t.Errorf("Check: %v\nwant what Build reports: %v", got, want)
			}
		})
	}
}
