package crosswalk_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// module is this repository's module path.
const module = "github.com/crosswalk-ssg/crosswalk"

// The layering rules, written once. docs/architecture.md explains them and
// lists each package's imports (TestArchitectureDocListsImports keeps that
// list true).

// stages are the pipeline's packages in order. Each may import only the
// packages listed before it: a stage looks back, never forward, so the
// folders read as the pipeline and no stage can reach into a later one.
var stages = []string{
	// Foundations, used by every stage after them.
	"internal/diag",   // positioned errors: every stage reports problems as path:line:col
	"internal/vocab",  // the relationship, status and method vocabularies, and the one "did you mean" hint
	"internal/layout", // the URL layout: slugs, page paths, download names, sitemap, and the output-name rules
	// load → model → link
	"internal/source", // load: read content files and split their front matter, with positions
	"internal/model",  // model: decode front matter into frameworks, elements, crosswalks and pages
	"internal/link",   // link: resolve ids and mappings, place every page at its URL
	// render: Markdown, the theme, the search index, then pages
	"internal/markdown", // render: Markdown to HTML, one goldmark instance with our extenders
	"internal/theme",    // render: the site's templates and static files over the embedded ones
	"internal/search",   // render: the offline search index of the linked site
	"internal/render",   // render: every page through the templates, with what the orchestrator passes it
	// publish
	"internal/export",      // publish: the data files (CSV, JSON, XLSX, OSCAL) of the linked site
	"internal/frontmatter", // import: the one writer of YAML front matter
	"internal/catalog",     // import: a framework as plain data, and the framework folder written from it
	"internal/importcsv",   // import: a mapping table into a crosswalk's front matter, read back as the build reads it; a framework table into plain data
	"internal/importoscal", // import: an OSCAL catalog read into a framework's elements, prose in NIST's reading form
	"internal/write",       // publish: the outputs (folder swapped in, zip, memory, discard) and where crosswalk may write
	// The orchestrator runs the stages; it is the clients' one door.
	"internal/build", // the orchestrator: Build in phases, Export, Import
}

// clients use the pipeline. They may import only these packages of ours,
// and each other: the orchestrator (its Config, outputs and results),
// diag (to print a site's problems) and the embedded theme. A client that
// reached into a stage would make that stage's internals an API.
var clients = []string{"cmd/crosswalk", "serve", "scaffold", "scripts/convert-shared-data"}

// modules are the folders of the repository's Go modules: the product, and
// its tools (scripts/, a module of its own so that the product's go test
// ./... and go build ./... leave them out), whose packages the rules cover
// too.
var modules = []string{".", "scripts"}

// toolMayImport are the packages of ours that the repository's own
// tools (scripts/) may import besides clientMayImport: the one writer of
// front matter, so that the content a tool makes is written as every
// import writes it.
var toolMayImport = []string{"internal/frontmatter"}

// clientMayImport are the packages of ours a client may import.
var clientMayImport = []string{"", "internal/build", "internal/diag"}

// testOnly are support packages for tests: imported from _test.go files
// only, never built into the binary.
var testOnly = []string{"internal/linkcheck", "internal/browsertest", "internal/testenv", "internal/sitetest"}

// root is the module's root package: the embedded default theme. It
// imports nothing of ours, so that every package may use it.
const root = ""

// pkg is what go list says of one package.
type pkg struct {
	ImportPath string
	Imports    []string // direct imports of its non-test files
}

// rel is a package path relative to the module ("" for the root), or
// "!" for a package outside it.
func rel(path string) string {
	switch {
	case path == module:
		return ""
	case strings.HasPrefix(path, module+"/"):
		return strings.TrimPrefix(path, module+"/")
	}
	return "!"
}

// goList runs go list -deps -json over the module, with extra arguments
// (an -overlay), and returns the module's packages (-deps reaches every
// package a build of ./... compiles, so none escapes the rules).
func goList(t *testing.T, extra ...string) []pkg {
	t.Helper()
	var pkgs []pkg
	seen := map[string]bool{}
	for _, dir := range modules {
		args := append([]string{"list", "-deps", "-json=ImportPath,Imports"}, extra...)
		cmd := exec.Command("go", append(args, "./...")...)
		cmd.Dir = dir
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("go list in %s: %v\n%s", dir, err, stderr.String())
		}
		dec := json.NewDecoder(bytes.NewReader(out))
		for dec.More() {
			var p pkg
			if err := dec.Decode(&p); err != nil {
				t.Fatal(err)
			}
			if rel(p.ImportPath) != "!" && !seen[p.ImportPath] {
				seen[p.ImportPath] = true
				pkgs = append(pkgs, p)
			}
		}
	}
	return pkgs
}

// violations returns every import that breaks a rule, one line each.
func violations(pkgs []pkg) []string {
	rank := map[string]int{}
	for i, s := range stages {
		rank[s] = i
	}
	known := func(p string) bool {
		_, isStage := rank[p]
		return isStage || p == root || slices.Contains(clients, p) || slices.Contains(testOnly, p)
	}
	var out []string
	for _, p := range pkgs {
		from := rel(p.ImportPath)
		if !known(from) {
			out = append(out, fmt.Sprintf("%s is in no layer: add it to the rules in layering_test.go", from))
			continue
		}
		for _, imp := range p.Imports {
			to := rel(imp)
			if to == "!" {
				continue
			}
			switch {
			case slices.Contains(testOnly, from):
				// Test support may use anything, other test support too.
			case slices.Contains(testOnly, to):
				out = append(out, fmt.Sprintf("%s imports %s, which is for tests only", from, to))
			case from == root:
				out = append(out, fmt.Sprintf("the root package imports %s; it is the embedded theme and imports nothing of ours", to))
			case slices.Contains(clients, from):
				tool := strings.HasPrefix(from, "scripts/") && slices.Contains(toolMayImport, to)
				if !slices.Contains(clientMayImport, to) && !slices.Contains(clients, to) && !tool {
					out = append(out, fmt.Sprintf("client %s imports %s, a stage's internals; go through internal/build", from, to))
				}
			default:
				r, isStage := rank[to]
				switch {
				case !isStage && slices.Contains(clients, to):
					out = append(out, fmt.Sprintf("%s imports the client %s", from, to))
				case isStage && r >= rank[from]:
					out = append(out, fmt.Sprintf("%s imports %s, a later stage: stages only look back", from, to))
				}
			}
		}
	}
	slices.Sort(out)
	return out
}

// TestLayering enforces the rules above on the module as it is.
func TestLayering(t *testing.T) {
	t.Parallel()
	for _, v := range violations(goList(t)) {
		t.Error(v)
	}
}

// TestLayeringCatchesForbiddenImports adds, through a go list -overlay
// (nothing is written to the repository), a file that makes export import
// write (a later stage) and one that makes serve import render (a stage's
// internals), and checks that the rules report exactly those two.
func TestLayeringCatchesForbiddenImports(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	bad := map[string]string{
		"internal/export/zz_forbidden.go": "package export\n\nimport _ \"" + module + "/internal/write\"\n",
		"serve/zz_forbidden.go":           "package serve\n\nimport _ \"" + module + "/internal/render\"\n",
	}
	replace := map[string]string{}
	for name, src := range bad {
		f := filepath.Join(dir, strings.ReplaceAll(name, "/", "_"))
		if err := os.WriteFile(f, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		replace[filepath.Join(wd, name)] = f
	}
	overlay, _ := json.Marshal(map[string]any{"Replace": replace})
	overlayFile := filepath.Join(dir, "overlay.json")
	if err := os.WriteFile(overlayFile, overlay, 0o644); err != nil {
		t.Fatal(err)
	}
	// Only what the overlay adds counts, so that this test shows the
	// rules at work even while TestLayering fails for another reason.
	before := violations(goList(t))
	var got []string
	for _, v := range violations(goList(t, "-overlay", overlayFile)) {
		if !slices.Contains(before, v) {
			got = append(got, v)
		}
	}
	want := []string{
		"client serve imports internal/render, a stage's internals; go through internal/build",
		"internal/export imports internal/write, a later stage: stages only look back",
	}
	if !slices.Equal(got, want) {
		t.Errorf("violations:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestArchitectureDocListsImports checks that the import list in
// docs/architecture.md (between the "imports:begin" and "imports:end"
// markers, one "package: import, import" line each) is what go list says.
func TestArchitectureDocListsImports(t *testing.T) {
	t.Parallel()
	doc, err := os.ReadFile("docs/architecture.md")
	if err != nil {
		t.Fatal(err)
	}
	var documented []string
	in := false
	for sc := bufio.NewScanner(bytes.NewReader(doc)); sc.Scan(); {
		line := strings.TrimSpace(sc.Text())
		switch {
		case strings.Contains(line, "imports:begin"):
			in = true
		case strings.Contains(line, "imports:end"):
			in = false
		case in && line != "" && !strings.HasPrefix(line, "```"):
			documented = append(documented, line)
		}
	}
	want := importLines(goList(t))
	if !slices.Equal(documented, want) {
		t.Errorf("docs/architecture.md lists:\n%s\n\ngo list says:\n%s", strings.Join(documented, "\n"), strings.Join(want, "\n"))
	}
}

// importLines lists each package of ours with its direct imports of ours,
// as docs/architecture.md shows them.
func importLines(pkgs []pkg) []string {
	var lines []string
	for _, p := range pkgs {
		name := rel(p.ImportPath)
		if name == root {
			name = "crosswalk (root)"
		}
		var imps []string
		for _, imp := range p.Imports {
			if r := rel(imp); r != "!" {
				if r == root {
					r = "crosswalk (root)"
				}
				imps = append(imps, r)
			}
		}
		slices.Sort(imps)
		line := name + ":"
		if len(imps) > 0 {
			line += " " + strings.Join(imps, ", ")
		}
		lines = append(lines, line)
	}
	slices.Sort(lines)
	return lines
}
