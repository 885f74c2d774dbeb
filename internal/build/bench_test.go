package build_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crosswalk-ssg/crosswalk"
	"github.com/crosswalk-ssg/crosswalk/internal/build"
	"github.com/crosswalk-ssg/crosswalk/internal/sitetest"
	"github.com/spf13/afero"
)

// BenchmarkBuildDefaultSite builds the repository's own site into memory.
func BenchmarkBuildDefaultSite(b *testing.B) {
	src := sitetest.Source(sitetest.ReadTree(b, sitetest.Repo(b), "content"))
	b.ReportAllocs()
	for b.Loop() {
		sitetest.Build(b, src)
	}
}

// syntheticSite makes a site of two frameworks with fanout + fanout² + fanout³ elements each
// (three levels, every element its own page) and a crosswalk of mappings
// records between their leaves.
func syntheticSite(fanout, mappings int) map[string]string {
	files := map[string]string{}
	files["content/_index.md"] = "---\ntitle: Synthetic\n---\nA generated site.\n"
	var leaves [2][]string
	for f, fw := range []string{"left", "right"} {
		files["content/frameworks/"+fw+"/_index.md"] = fmt.Sprintf("---\nframework: {id: %s, title: %s, version: \"1\", publisher: P, url: \"https://x.example/\", license: CC0}\n"+
			"levels: [{name: a, page: true}, {name: b, page: true}, {name: c, page: true}]\n---\n", fw, fw)
		for i := range fanout {
			var s strings.Builder
			fmt.Fprintf(&s, "---\nid: %s %d\nstatement: Top %d.\nchildren:\n", strings.ToUpper(fw[:1]), i, i)
			for j := range fanout {
				fmt.Fprintf(&s, "  - id: %s %d.%d\n    statement: Middle %d.%d.\n    children:\n", strings.ToUpper(fw[:1]), i, j, i, j)
				for k := range fanout {
					id := fmt.Sprintf("%s %d.%d.%d", strings.ToUpper(fw[:1]), i, j, k)
					fmt.Fprintf(&s, "      - id: %s\n        statement: Leaf %d.%d.%d says something about risk.\n", id, i, j, k)
					leaves[f] = append(leaves[f], id)
				}
			}
			s.WriteString("---\nProse for a top-level element.\n")
			files[fmt.Sprintf("content/frameworks/%s/%03d.md", fw, i)] = s.String()
		}
	}
	var s strings.Builder
	s.WriteString("---\ncrosswalk: {id: lr, title: LR, source: left, target: right, status: draft, status_statement: Generated.}\nmappings:\n")
	n := 0
	for i := 0; n < mappings; i++ {
		src := leaves[0][i%len(leaves[0])]
		tgt := leaves[1][(i*7+i/len(leaves[0]))%len(leaves[1])]
		fmt.Fprintf(&s, "  - {source: %q, target: %q, relationship: intersects-with, rationale: Generated.}\n", src, tgt)
		n++
	}
	s.WriteString("---\n")
	files["content/crosswalks/lr.md"] = s.String()
	return files
}

// BenchmarkBuildSynthetic builds 2×1,110 elements with 5,000 mappings.
func BenchmarkBuildSynthetic(b *testing.B) {
	src := sitetest.Source(syntheticSite(10, 5000))
	b.ReportAllocs()
	for b.Loop() {
		_, res := sitetest.Build(b, src)
		b.ReportMetric(float64(res.Pages), "pages")
	}
}

// BenchmarkBuildScale builds 2×5,219 elements (10,438 in all) with 50,000
// mappings, the size TestBuildScaleMemory bounds to 384 MiB of heap, and reports the
// peak heap in use, sampled while the build runs.
func BenchmarkBuildScale(b *testing.B) {
	benchBuildToDisk(b, sitetest.Source(syntheticSite(17, 50000)))
}

// benchBuildToDisk builds src to a folder on disk, as the CLI writes it
// (memory output would count the whole output as the generator's
// memory), and reports the pages and the peak heap in use.
func benchBuildToDisk(b *testing.B, src afero.Fs) {
	b.ReportAllocs()
	for b.Loop() {
		peak := samplePeakHeap()
		dest := os.Getenv("CROSSWALK_BENCH_DEST")
		if dest == "" {
			dest = filepath.Join(b.TempDir(), "public")
		}
		res, err := build.Build(build.Config{Source: src, Defaults: crosswalk.Defaults, Output: newDir(b, afero.NewOsFs(), dest)})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(res.Pages), "pages")
		b.ReportMetric(float64(peak())/(1<<20), "peak-heap-MiB")
	}
}

// BenchmarkBuildCorpus builds the site in $CROSSWALK_BENCH_SITE (a folder,
// such as one made by ../shared/bench/to_crosswalk.py) to disk, as the
// CLI does, for profiling a harness corpus: go test -bench BuildCorpus
// -cpuprofile cpu.out. Without the variable it skips. Each build goes
// into an empty folder, or, with $CROSSWALK_BENCH_DEST, into that one,
// as a rebuild does.
func BenchmarkBuildCorpus(b *testing.B) {
	dir := os.Getenv("CROSSWALK_BENCH_SITE")
	if dir == "" {
		b.Skip("set CROSSWALK_BENCH_SITE to a site folder")
	}
	benchBuildToDisk(b, afero.NewBasePathFs(afero.NewReadOnlyFs(afero.NewOsFs()), dir))
}

// BenchmarkOpenAfterEdit is serve's work after one element's file is
// saved, without the server: the statement of one element of the site in
// $CROSSWALK_BENCH_SITE is changed, the site is opened again through the
// cache of parsed files (build.Open) and the element's page is rendered.
// Without the variable it skips.
func BenchmarkOpenAfterEdit(b *testing.B) {
	dir := os.Getenv("CROSSWALK_BENCH_SITE")
	if dir == "" {
		b.Skip("set CROSSWALK_BENCH_SITE to a site folder")
	}
	src := afero.NewCopyOnWriteFs(afero.NewReadOnlyFs(afero.NewBasePathFs(afero.NewOsFs(), dir)), afero.NewMemMapFs())
	const file, page = "content/frameworks/alpha/e0.md", "frameworks/alpha/e0/index.html"
	data, err := afero.ReadFile(src, file)
	if err != nil {
		b.Fatalf("the benchmark edits %s of a harness site: %v", file, err)
	}
	cfg := build.Config{Source: src, Defaults: crosswalk.Defaults, Cache: build.NewCache()}
	if _, err := build.Open(cfg); err != nil {
		b.Fatal(err)
	}
	for i := 0; b.Loop(); i++ {
		mark := fmt.Sprintf("Edited statement %d.", i)
		if err := afero.WriteFile(src, file, []byte(strings.Replace(string(data), "statement: ", "statement: "+mark+" ", 1)), 0o644); err != nil {
			b.Fatal(err)
		}
		cfg.Cache.Forget(file)
		l, err := build.Open(cfg)
		if err != nil {
			b.Fatal(err)
		}
		out, err := l.File(context.Background(), page)
		if err != nil || !strings.Contains(string(out), mark) {
			b.Fatalf("the page does not show the edit: %v", err)
		}
	}
}
