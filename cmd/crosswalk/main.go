// Command crosswalk builds a framework crosswalk website from front-matter
// Markdown.
//
// Usage:
//
//	crosswalk build [-source DIR] [-dest DIR | -zip FILE] [-base-url URL] [-quiet] [-v]
//	crosswalk check [-source DIR] [-base-url URL]
//	crosswalk serve [-source DIR] [-addr 127.0.0.1:1313] [-prefix /repo/] [-base-url URL]
//	crosswalk export [-source DIR] [-format csv|json|xlsx|oscal|all] -dest DIR
//	crosswalk import [-source DIR] -from FILE.csv -source-framework ID -target-framework ID [-into FILE.md] [-columns MAP]
//	crosswalk new DIR
//	crosswalk version
//
// Problems in the site are printed one per line as path:line:col: message,
// all of them, and the exit code is 1. See docs/content-model.md.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/crosswalk-ssg/crosswalk"
	"github.com/crosswalk-ssg/crosswalk/internal/build"
	"github.com/crosswalk-ssg/crosswalk/internal/diag"
	"github.com/crosswalk-ssg/crosswalk/internal/export"
	"github.com/crosswalk-ssg/crosswalk/internal/importcsv"
	"github.com/crosswalk-ssg/crosswalk/internal/write"
	"github.com/crosswalk-ssg/crosswalk/scaffold"
	"github.com/crosswalk-ssg/crosswalk/serve"
	"github.com/spf13/afero"
)

// version is set at link time (-ldflags "-X main.version=v1.2.3"); without
// it, the module version or VCS revision from the build info is shown.
var version = ""

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

const usage = `crosswalk builds a framework crosswalk website from Markdown.

Usage:
  crosswalk build [-source DIR] [-dest DIR | -zip FILE]   build the site (default: . → public/)
  crosswalk check [-source DIR]                           check the site without writing anything
  crosswalk serve [-source DIR] [-addr ADDR] [-prefix P]  preview with live reload
  crosswalk export [-format F] -dest DIR                  write the data files (csv, json, xlsx, oscal, all)
  crosswalk import -from FILE.csv -source-framework ID    write a crosswalk's Markdown from a mapping table
                   -target-framework ID [-source DIR]
  crosswalk new DIR                                       start a new site in DIR
  crosswalk version                                       print the version

Run "crosswalk COMMAND -h" for a command's flags.
`

// run is main without the process: it returns the exit code.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "build", "check":
		return buildCmd(args[0], args[1:], stdout, stderr)
	case "serve":
		return serveCmd(args[1:], stderr)
	case "new":
		return newSite(args[1:], stdout, stderr)
	case "export":
		return exportCmd(args[1:], stdout, stderr)
	case "import":
		return importCmd(args[1:], stdout, stderr)
	case "version":
		fmt.Fprintln(stdout, "crosswalk", versionString())
		return 0
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "crosswalk: unknown command %q\n\n%s", args[0], usage)
	return 2
}

func buildCmd(cmd string, args []string, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("crosswalk "+cmd, flag.ContinueOnError)
	flags.SetOutput(stderr)
	sourceDir := flags.String("source", ".", "the site `folder`, holding content/ and optionally templates/ and static/")
	baseURL := flags.String("base-url", "", "the site's absolute `URL` (e.g. https://you.github.io/repo/), for canonical links, sitemap.xml, robots.txt and 404.html; overrides site.base_url")
	var destDir, zipFile string
	var quiet, verbose bool
	if cmd == "build" {
		flags.StringVar(&destDir, "dest", "public", "the output `folder`; replaced as a whole when the build succeeds")
		flags.StringVar(&zipFile, "zip", "", "write the site as a zip `file` (an offline bundle) instead of the output folder")
		flags.BoolVar(&quiet, "quiet", false, "print nothing but errors")
		flags.BoolVar(&verbose, "v", false, "print how long each stage took")
	}
	if err := flags.Parse(args); err != nil {
		return 2
	}
	if flags.NArg() > 0 {
		fmt.Fprintf(stderr, "crosswalk %s: unexpected argument %q\n", cmd, flags.Arg(0))
		return 2
	}
	src, err := write.RealPath(*sourceDir)
	if err != nil {
		fmt.Fprintf(stderr, "crosswalk: %v\n", err)
		return 1
	}
	cfg := siteConfig(src, *baseURL)
	out := ""
	undo := func() {} // what a failed build undoes
	switch {
	case cmd != "build":
	case zipFile != "":
		// The zip's folder is created, as an output folder would be; a
		// failed build removes what it created.
		made, err := makeFolder(filepath.Dir(zipFile))
		if err != nil {
			fmt.Fprintf(stderr, "crosswalk build: %v\n", err)
			return 1
		}
		undo = func() { removeFolders(made) }
		if cfg.Output, err = write.NewZip(afero.NewOsFs(), zipFile, src); err != nil {
			undo()
			fmt.Fprintf(stderr, "crosswalk build: %v\n", err)
			return 1
		}
		out = zipFile
	case destDir == "":
		fmt.Fprintf(stderr, "crosswalk build: -dest must name a folder\n")
		return 2
	default:
		// Resolved, so that a symbolic link cannot smuggle the output
		// folder into the site's inputs past the overlap check.
		real, err := write.RealPath(destDir)
		if err == nil {
			cfg.Output, err = write.NewDir(afero.NewOsFs(), real, src)
		}
		if err != nil {
			fmt.Fprintf(stderr, "crosswalk build: %v\n", err)
			return 1
		}
		out = destDir
	}
	if !quiet && isTerminal(stderr) {
		cfg.Progress = progress(stderr)
	}
	res, err := build.Build(cfg)
	if err != nil {
		undo()
		if zipFile != "" {
			err = fileError(err, zipFile)
		}
		return printErr(stderr, cmd, err)
	}
	if quiet {
		return 0
	}
	for _, n := range res.Notices {
		fmt.Fprintf(stderr, "notice: %s\n", n)
	}
	if verbose {
		for _, st := range res.Stages {
			fmt.Fprintf(stderr, "  %-28s %s\n", st.Name, st.Duration.Round(time.Microsecond))
		}
	}
	if cmd == "check" {
		fmt.Fprintf(stdout, "ok: %s (nothing written)\n", res)
	} else {
		fmt.Fprintf(stdout, "built %s → %s\n", res, out)
	}
	return 0
}

// siteConfig is the part of a build's configuration every command shares.
func siteConfig(src, baseURL string) build.Config {
	return build.Config{
		Source:   afero.NewReadOnlyFs(afero.NewBasePathFs(afero.NewOsFs(), src)),
		Defaults: crosswalk.Defaults,
		BaseURL:  baseURL,
	}
}

// summaryAfter is the number of problems beyond which printErr ends the
// list with a count per kind of problem.
const summaryAfter = 20

// printErr prints a build's error: every site problem, then, for more
// than summaryAfter, one line per kind of problem with its count (most
// frequent first, as diag.Errors.Summary gives them), then the total.
func printErr(stderr io.Writer, cmd string, err error) int {
	var es diag.Errors
	if errors.As(err, &es) {
		fmt.Fprintln(stderr, err)
		if len(es) > summaryAfter {
			counts := es.Summary()
			width := len(strconv.Itoa(counts[0].N))
			for _, c := range counts {
				fmt.Fprintf(stderr, "  %*d × %s\n", width, c.N, c.Kind)
			}
		}
		fmt.Fprintf(stderr, "crosswalk %s: %d problem(s); nothing was written\n", cmd, len(es))
	} else {
		fmt.Fprintf(stderr, "crosswalk %s: %v\n", cmd, err)
	}
	return 1
}

// exportFormats maps -format values to the downloads they select, by
// file name ending.
var exportFormats = map[string][]string{
	"csv":   {".csv"},
	"json":  {".json"},
	"xlsx":  {".xlsx"},
	"oscal": {".oscal-mapping.json", ".oscal-catalog.json"},
	"all":   {""},
}

// exportCmd writes the site's data files to a folder, for pipelines.
func exportCmd(args []string, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("crosswalk export", flag.ContinueOnError)
	flags.SetOutput(stderr)
	sourceDir := flags.String("source", ".", "the site `folder`")
	format := flags.String("format", "all", "which `files`: csv, json (with its schema), xlsx, oscal or all")
	destDir := flags.String("dest", "", "the `folder` to write to (created if missing; existing files of the same name are replaced)")
	if err := flags.Parse(args); err != nil {
		return 2
	}
	endings, ok := exportFormats[*format]
	if !ok || *destDir == "" || flags.NArg() > 0 {
		fmt.Fprintf(stderr, "usage: crosswalk export [-source DIR] [-format csv|json|xlsx|oscal|all] -dest DIR\n")
		return 2
	}
	src, err := write.RealPath(*sourceDir)
	if err == nil {
		*destDir, err = write.RealPath(*destDir)
	}
	if err == nil {
		err = write.CheckPlace(write.DataFolder, src, *destDir)
	}
	if err != nil {
		fmt.Fprintf(stderr, "crosswalk export: %v\n", err)
		return 1
	}
	downloads, err := build.Export(siteConfig(src, ""))
	if err != nil {
		return printErr(stderr, "export", err)
	}
	fsys := afero.NewOsFs()
	if err := fsys.MkdirAll(*destDir, 0o755); err != nil {
		fmt.Fprintf(stderr, "crosswalk export: %v\n", err)
		return 1
	}
	n := 0
	for _, d := range downloads {
		if !selected(d.Name(), endings) && !(*format == "json" && d.Path == export.SchemaPath) {
			continue
		}
		if d.Withheld != "" {
			fmt.Fprintf(stderr, "crosswalk export: notice: %s is not written: %s\n", d.Name(), d.Withheld)
			continue
		}
		if err := writeFile(filepath.Join(*destDir, d.Name()), d.Data); err != nil {
			fmt.Fprintf(stderr, "crosswalk export: %v\n", err)
			return 1
		}
		n++
	}
	fmt.Fprintf(stdout, "exported %d files → %s\n", n, *destDir)
	return 0
}

func selected(name string, endings []string) bool {
	for _, e := range endings {
		if strings.HasSuffix(name, e) && !(e == ".json" && strings.Contains(name, ".oscal-")) {
			return true
		}
	}
	return false
}

// importUsage is the import command's usage line.
const importUsage = "usage: crosswalk import [-source DIR] -from FILE.csv -source-framework ID -target-framework ID [-into FILE.md] [-columns name=heading,…]\n"

// importCmd turns a mapping table into a crosswalk's Markdown file.
func importCmd(args []string, stdout, stderr io.Writer) int {
	if msg := renamedImportFlag(args); msg != "" {
		fmt.Fprintf(stderr, "crosswalk import: %s\n%s", msg, importUsage)
		return 2
	}
	flags := flag.NewFlagSet("crosswalk import", flag.ContinueOnError)
	flags.SetOutput(stderr)
	siteDir := flags.String("source", ".", "the site `folder`, holding content/, whose frameworks the table refers to")
	from := flags.String("from", "", "the mapping table, a CSV `file`")
	sourceFW := flags.String("source-framework", "", "the source framework's `id` (the table's source_id column holds its ids)")
	targetFW := flags.String("target-framework", "", "the target framework's `id` (the table's target_id column holds its ids)")
	into := flags.String("into", "", "the crosswalk `file` to write (default: content/crosswalks/SOURCE--TARGET.md in the site; missing folders are created); an existing file keeps its metadata and prose")
	columns := flags.String("columns", "", "headings of the table for our columns, as `name=heading,…` (e.g. target_id=NIST subcategory)")
	if err := flags.Parse(args); err != nil {
		return 2
	}
	sourceGiven := false
	flags.Visit(func(f *flag.Flag) { sourceGiven = sourceGiven || f.Name == "source" })
	if sourceGiven && !isSite(*siteDir) && isFrameworkHere(*siteDir) {
		fmt.Fprintf(stderr, "crosswalk import: -source is the site folder; did you mean -source-framework %s?\n", *siteDir)
		return 2
	}
	if *from == "" || *sourceFW == "" || *targetFW == "" || flags.NArg() > 0 {
		fmt.Fprint(stderr, importUsage)
		return 2
	}
	opts := importcsv.Options{Source: *sourceFW, Target: *targetFW, Columns: map[string]string{}}
	for _, pair := range strings.Split(*columns, ",") {
		if pair = strings.TrimSpace(pair); pair == "" {
			continue
		}
		name, heading, ok := strings.Cut(pair, "=")
		if !ok {
			fmt.Fprintf(stderr, "crosswalk import: -columns: %q is not name=heading\n", pair)
			return 2
		}
		opts.Columns[strings.TrimSpace(name)] = strings.TrimSpace(heading)
	}
	site, err := write.RealPath(*siteDir)
	if err != nil {
		fmt.Fprintf(stderr, "crosswalk import: %v\n", err)
		return 1
	}
	frameworks, err := build.Frameworks(siteConfig(site, ""))
	if err != nil {
		return printErr(stderr, "import", err)
	}
	table, err := os.ReadFile(*from)
	if err != nil {
		fmt.Fprintf(stderr, "crosswalk import: %v\n", err)
		return 1
	}
	target := *into
	if target == "" {
		target = filepath.Join(site, "content", "crosswalks", *sourceFW+"--"+*targetFW+".md")
	}
	existing, err := os.ReadFile(target)
	if err != nil && !errors.Is(err, os.ErrNotExist) && !errors.Is(err, syscall.ENOTDIR) { // ENOTDIR: writeFile says why
		fmt.Fprintf(stderr, "crosswalk import: %v\n", err)
		return 1
	}
	if existing != nil {
		if opts.Vocabulary, err = importcsv.Vocabulary(existing); err != nil {
			return printErr(stderr, "import", inFile(err, target))
		}
	}
	records, notices, err := importcsv.Read(bytes.NewReader(table), *from, frameworks, opts)
	if err != nil {
		return printErr(stderr, "import", err)
	}
	out, err := importcsv.Write(records, existing, *from, opts, frameworks)
	if err != nil {
		return printErr(stderr, "import", inFile(err, target))
	}
	if err := write.CheckPlace(write.ContentFile, site, target); err != nil {
		fmt.Fprintf(stderr, "crosswalk import: %v\n", err)
		return 1
	}
	if err := writeFile(target, out); err != nil {
		fmt.Fprintf(stderr, "crosswalk import: %v\n", err)
		return 1
	}
	for _, n := range notices {
		fmt.Fprintf(stderr, "crosswalk import: notice: %s\n", n)
	}
	fmt.Fprintf(stdout, "imported %d mappings → %s\n", len(records), target)
	return 0
}

// renamedImportFlag returns what to say when args use a flag import no
// longer has (-site, -target), or "". Every import flag takes a value, so
// the argument after a flag without "=" is skipped.
func renamedImportFlag(args []string) string {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" || !strings.HasPrefix(a, "-") || a == "-" {
			return ""
		}
		name, _, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		switch name {
		case "site":
			return "-site is now -source: the site folder, as in every command"
		case "target":
			return "-target is now -target-framework ID, and the source framework is -source-framework ID (-source is the site folder, as in every command)"
		}
		if !hasValue {
			i++
		}
	}
	return ""
}

// isSite reports whether dir is a folder holding content/.
func isSite(dir string) bool {
	info, err := os.Stat(filepath.Join(dir, "content"))
	return err == nil && info.IsDir()
}

// isFrameworkHere reports whether id is a framework of the site in the
// current folder.
func isFrameworkHere(id string) bool {
	if !isSite(".") {
		return false
	}
	here, err := write.RealPath(".")
	if err != nil {
		return false
	}
	frameworks, err := build.Frameworks(siteConfig(here, ""))
	return err == nil && frameworks[id] != nil
}

// inFile puts the crosswalk file's path in the positions importcsv reports
// as importcsv.ExistingFile, since it is not told the path.
func inFile(err error, path string) error {
	var es diag.Errors
	if errors.As(err, &es) {
		for _, e := range es {
			if e.Pos.File == importcsv.ExistingFile {
				e.Pos.File = path
			}
		}
	}
	return err
}

// writeFile writes data to the file name atomically (write.FileAtomically),
// creating its missing folders first. Its errors name name, never the
// temporary file written beside it.
func writeFile(name string, data []byte) error {
	if _, err := makeFolder(filepath.Dir(name)); err != nil {
		return err
	}
	if err := write.FileAtomically(afero.NewOsFs(), name, data); err != nil {
		return fmt.Errorf("cannot write %s: %v", name, write.Cause(err))
	}
	return nil
}

// makeFolder creates the folder dir and its missing parents, as os.MkdirAll
// does, and returns the folders it created, outermost first, so that a
// caller can remove them again (removeFolders).
func makeFolder(dir string) ([]string, error) {
	var missing []string
	for d := filepath.Clean(dir); ; d = filepath.Dir(d) {
		info, err := os.Stat(d)
		if err == nil {
			if !info.IsDir() {
				return nil, fmt.Errorf("cannot create the folder %s: %s is a file", dir, d)
			}
			break
		}
		if !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, syscall.ENOTDIR) {
			return nil, fmt.Errorf("cannot create the folder %s: %v", dir, write.Cause(err))
		}
		missing = append(missing, d)
		if filepath.Dir(d) == d {
			break
		}
	}
	slices.Reverse(missing)
	for i, d := range missing {
		if err := os.Mkdir(d, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
			removeFolders(missing[:i])
			return nil, fmt.Errorf("cannot create the folder %s: %v", d, write.Cause(err))
		}
	}
	return missing, nil
}

// removeFolders removes the folders makeFolder created, innermost first,
// each only if it is empty.
func removeFolders(dirs []string) {
	for i := len(dirs) - 1; i >= 0; i-- {
		_ = os.Remove(dirs[i])
	}
}

// fileError words an error of writing the file name, which a build
// returns with the path it failed on: when that path is name or a file
// beside it named after it (write's temporary file), the error names name
// instead.
func fileError(err error, name string) error {
	ours := func(p string) bool {
		return filepath.Dir(p) == filepath.Dir(name) && strings.Contains(filepath.Base(p), filepath.Base(name))
	}
	var pe *fs.PathError
	if errors.As(err, &pe) && ours(pe.Path) {
		return fmt.Errorf("cannot write %s: %v", name, pe.Err)
	}
	var le *os.LinkError
	if errors.As(err, &le) && (ours(le.Old) || ours(le.New)) {
		return fmt.Errorf("cannot write %s: %v", name, le.Err)
	}
	return err
}

// newSite writes a starter site into a new or empty folder.
func newSite(args []string, stdout, stderr io.Writer) int {
	if len(args) != 1 || strings.HasPrefix(args[0], "-") {
		fmt.Fprintf(stderr, "usage: crosswalk new DIR\n")
		return 2
	}
	files, err := scaffold.New(afero.NewOsFs(), args[0])
	if err != nil {
		fmt.Fprintf(stderr, "crosswalk new: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "created %d files in %s; next: crosswalk serve -source %s\n", len(files), args[0], args[0])
	return 0
}

// serveCmd previews a site with live reload until interrupted.
func serveCmd(args []string, stderr io.Writer) int {
	flags := flag.NewFlagSet("crosswalk serve", flag.ContinueOnError)
	flags.SetOutput(stderr)
	sourceDir := flags.String("source", ".", "the site `folder`")
	addr := flags.String("addr", "127.0.0.1:1313", "the `address` to listen on; keep it on loopback unless others must reach it")
	prefix := flags.String("prefix", "/", "serve the site under this URL `path`, as a GitHub Pages project site (/repo/)")
	baseURL := flags.String("base-url", "", "the site's absolute `URL`, as for build")
	if err := flags.Parse(args); err != nil {
		return 2
	}
	if flags.NArg() > 0 {
		fmt.Fprintf(stderr, "crosswalk serve: unexpected argument %q\n", flags.Arg(0))
		return 2
	}
	src, err := write.RealPath(*sourceDir)
	if err != nil {
		fmt.Fprintf(stderr, "crosswalk: %v\n", err)
		return 1
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err = serve.Run(ctx, serve.Config{Build: siteConfig(src, *baseURL), SiteDir: src, Addr: *addr, Prefix: *prefix, Log: stderr})
	if err != nil {
		fmt.Fprintf(stderr, "crosswalk serve: %v\n", err)
		return 1
	}
	return 0
}

func versionString() string {
	if version != "" {
		return version
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown)"
	}
	v := info.Main.Version
	for _, s := range info.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			v += " " + s.Value[:12]
		}
	}
	return v
}
