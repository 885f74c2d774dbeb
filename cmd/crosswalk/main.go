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
//	crosswalk import [-source DIR] -from FILE.json|FILE.csv -framework ID [-columns MAP] [-title T] [-version V] [-publisher P] [-published DATE] [-url URL] [-license L] [-ids site]
//	crosswalk new DIR
//	crosswalk version
//
// Problems in the site are printed one per line as path:line:col: message,
// all of them, and the exit code is 1. See docs/content-model.md.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
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
  crosswalk import -from FILE.json|.csv -framework ID     write a framework's folder from an OSCAL catalog or a table
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
	maxFileMB := maxFileFlag(flags)
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
	maxSize, ok := maxFileSize(cmd, *maxFileMB, stderr)
	if !ok {
		return 2
	}
	cfg, err := build.OpenSite(*sourceDir, crosswalk.Defaults, *baseURL)
	if err != nil {
		fmt.Fprintf(stderr, "crosswalk: %v\n", err)
		return 1
	}
	cfg.MaxFileSize = maxSize
	out := ""
	switch {
	case cmd != "build":
	case zipFile != "":
		if cfg.Output, err = build.NewZip(zipFile, cfg.Dir); err != nil {
			fmt.Fprintf(stderr, "crosswalk build: %v\n", err)
			return 1
		}
		out = zipFile
	case destDir == "":
		fmt.Fprintf(stderr, "crosswalk build: -dest must name a folder\n")
		return 2
	default:
		if cfg.Output, err = build.NewDir(destDir, cfg.Dir); err != nil {
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

// maxFileFlag defines -max-file-mb, the size a content file may be, for
// build, check and serve alike.
func maxFileFlag(flags *flag.FlagSet) *int64 {
	return flags.Int64("max-file-mb", build.DefaultMaxFileMB, "the size in `MB` a content file may be at most, 1 to 4096 (a crosswalk of 50,000 records takes about 6.5 MB)")
}

// maxFileSize is -max-file-mb in bytes, or false (with the problem
// printed) when it is out of range.
func maxFileSize(cmd string, mb int64, stderr io.Writer) (int64, bool) {
	if mb < 1 || mb > 4096 {
		fmt.Fprintf(stderr, "crosswalk %s: -max-file-mb must be from 1 to 4096, not %d\n", cmd, mb)
		return 0, false
	}
	return mb << 20, true
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
	if !slices.Contains(build.ExportFormats(), *format) || *destDir == "" || flags.NArg() > 0 {
		fmt.Fprintf(stderr, "usage: crosswalk export [-source DIR] [-format %s] -dest DIR\n", strings.Join(build.ExportFormats(), "|"))
		return 2
	}
	cfg, err := build.OpenSite(*sourceDir, crosswalk.Defaults, "")
	if err != nil {
		fmt.Fprintf(stderr, "crosswalk export: %v\n", err)
		return 1
	}
	res, err := build.ExportTo(cfg, *destDir, *format)
	if res != nil {
		for _, n := range res.Notices {
			fmt.Fprintf(stderr, "crosswalk export: notice: %s\n", n)
		}
	}
	if build.IsSiteError(err) {
		return printErr(stderr, "export", err)
	} else if err != nil {
		fmt.Fprintf(stderr, "crosswalk export: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "exported %d files → %s\n", len(res.Files), res.Dir)
	return 0
}

// importUsage is the import command's usage lines.
const importUsage = "usage: crosswalk import [-source DIR] -from FILE.csv -source-framework ID -target-framework ID [-into FILE.md] [-columns name=heading,…]\n" +
	"       crosswalk import [-source DIR] -from FILE.json|FILE.csv -framework ID [-columns name=heading,…] [-title T] [-version V] [-publisher P] [-published DATE] [-url URL] [-license L] [-ids site]\n"

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
	columns := flags.String("columns", "", "headings of the table for our columns, as `name=heading,…` (e.g. target_id=NIST subcategory, or id=Control ID for a framework table)")
	framework := flags.String("framework", "", "import a framework: its `id` in the site, the folder content/frameworks/ID/ to write from an OSCAL catalog (.json) or a framework table (.csv)")
	meta := map[string]*string{}
	for _, name := range metaFlags {
		meta[name] = flags.String(name, "", metaUsage[name])
	}
	if err := flags.Parse(args); err != nil {
		return 2
	}
	if *framework != "" {
		if *sourceFW != "" || *targetFW != "" || *into != "" {
			fmt.Fprintf(stderr, "crosswalk import: -framework imports a framework; -source-framework, -target-framework and -into are for a mapping table\n%s", importUsage)
			return 2
		}
		return importFramework(*siteDir, *from, *framework, *columns, meta, flags.NArg(), stdout, stderr)
	}
	for _, name := range metaFlags {
		if *meta[name] != "" {
			fmt.Fprintf(stderr, "crosswalk import: -%s is for a framework import (-framework ID)\n%s", name, importUsage)
			return 2
		}
	}
	sourceGiven := false
	flags.Visit(func(f *flag.Flag) { sourceGiven = sourceGiven || f.Name == "source" })
	if sourceGiven && !isSite(*siteDir) && isFrameworkHere(*siteDir) {
		fmt.Fprintf(stderr, "crosswalk import: -source is the site folder; did you mean -source-framework %s?\n", *siteDir)
		return 2
	}
	if *from == "" || *sourceFW == "" || *targetFW == "" || flags.NArg() > 0 {
		if *sourceFW == "" && *targetFW == "" && *from != "" {
			fmt.Fprintf(stderr, "crosswalk import: give -framework ID to import a framework, or -source-framework and -target-framework to import a mapping table\n")
		}
		fmt.Fprint(stderr, importUsage)
		return 2
	}
	req := build.ImportRequest{Table: *from, Into: *into, SourceFramework: *sourceFW, TargetFramework: *targetFW}
	return importWith(stderr, *siteDir, *columns, func(site build.Config, columns map[string]string) ([]string, error) {
		req.Site, req.Columns = site, columns
		res, err := build.Import(req)
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(stdout, "imported %d mappings → %s\n", res.Mappings, res.File)
		return res.Notices, nil
	})
}

// importWith reads -columns, opens the site and runs do, then prints
// do's problems (path:line:col, all of them) or its notices; it returns
// the exit code.
func importWith(stderr io.Writer, siteDir, columns string, do func(site build.Config, columns map[string]string) (notices []string, err error)) int {
	cols, err := parseColumns(columns)
	if err != nil {
		fmt.Fprintf(stderr, "crosswalk import: %v\n", err)
		return 2
	}
	site, err := build.OpenSite(siteDir, crosswalk.Defaults, "")
	if err != nil {
		fmt.Fprintf(stderr, "crosswalk import: %v\n", err)
		return 1
	}
	notices, err := do(site, cols)
	if build.IsSiteError(err) {
		return printErr(stderr, "import", err)
	} else if err != nil {
		fmt.Fprintf(stderr, "crosswalk import: %v\n", err)
		return 1
	}
	for _, n := range notices {
		fmt.Fprintf(stderr, "crosswalk import: notice: %s\n", n)
	}
	return 0
}

// metaFlags are the framework import's metadata flags, in the order they
// are checked and listed.
var metaFlags = []string{"title", "version", "publisher", "published", "url", "license", "ids"}

var metaUsage = map[string]string{
	"title":     "the framework's `title`, over the source's",
	"version":   "the framework's `version`, over the source's",
	"publisher": "who publishes the framework (`name`), over the source's; an OSCAL catalog names its publisher only in the publisher role",
	"published": "the framework's publication `date` (YYYY-MM-DD), over the source's",
	"url":       "where the framework's original is (`URL`), over the source's",
	"license":   "the `licence` of the framework's text, over the source's",
	"ids":       "`site` when the publisher numbers nothing and the ids are this site's own (shown as such, never as the publisher's), or publisher to undo that",
}

// parseColumns reads -columns: name=heading pairs, separated by commas.
func parseColumns(s string) (map[string]string, error) {
	out := map[string]string{}
	for _, pair := range strings.Split(s, ",") {
		if pair = strings.TrimSpace(pair); pair == "" {
			continue
		}
		name, heading, ok := strings.Cut(pair, "=")
		if !ok {
			return nil, fmt.Errorf("-columns: %q is not name=heading", pair)
		}
		out[strings.TrimSpace(name)] = strings.TrimSpace(heading)
	}
	return out, nil
}

// importFramework writes a framework's folder from an OSCAL catalog or a
// framework table.
func importFramework(siteDir, from, id, columns string, meta map[string]*string, nargs int, stdout, stderr io.Writer) int {
	if from == "" || nargs > 0 {
		fmt.Fprint(stderr, importUsage)
		return 2
	}
	if ids := *meta["ids"]; ids != "" && ids != "site" && ids != "publisher" {
		fmt.Fprintf(stderr, "crosswalk import: -ids %q: give site (the ids are this site's own) or publisher (the default)\n", ids)
		return 2
	}
	req := build.FrameworkImportRequest{
		From: from, Framework: id,
		Title: *meta["title"], Version: *meta["version"], Publisher: *meta["publisher"], Published: *meta["published"],
		URL: *meta["url"], License: *meta["license"], IDs: *meta["ids"],
	}
	return importWith(stderr, siteDir, columns, func(site build.Config, columns map[string]string) ([]string, error) {
		req.Site, req.Columns = site, columns
		res, err := build.ImportFramework(req)
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(stdout, "imported %d elements → %s (%d files)\n", res.Elements, res.Folder, res.Files)
		return res.Notices, nil
	})
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
	cfg, err := build.OpenSite(".", crosswalk.Defaults, "")
	if err != nil {
		return false
	}
	frameworks, err := build.Frameworks(cfg)
	return err == nil && frameworks[id] != nil
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
	maxFileMB := maxFileFlag(flags)
	if err := flags.Parse(args); err != nil {
		return 2
	}
	if flags.NArg() > 0 {
		fmt.Fprintf(stderr, "crosswalk serve: unexpected argument %q\n", flags.Arg(0))
		return 2
	}
	maxSize, ok := maxFileSize("serve", *maxFileMB, stderr)
	if !ok {
		return 2
	}
	cfg, err := build.OpenSite(*sourceDir, crosswalk.Defaults, *baseURL)
	if err != nil {
		fmt.Fprintf(stderr, "crosswalk: %v\n", err)
		return 1
	}
	cfg.MaxFileSize = maxSize
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err = serve.Run(ctx, serve.Config{Build: cfg, SiteDir: cfg.Dir, Addr: *addr, Prefix: *prefix, Log: stderr})
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
