// Command crosswalk builds a framework crosswalk website from front-matter
// Markdown.
//
// Usage:
//
//	crosswalk build [-source DIR] [-dest DIR | -zip FILE] [-base-url URL] [-quiet] [-v]
//	crosswalk check [-source DIR] [-base-url URL]
//	crosswalk serve [-source DIR] [-addr 127.0.0.1:1313] [-prefix /repo/] [-base-url URL]
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
	"strings"
	"syscall"
	"time"

	"github.com/crosswalk-ssg/crosswalk"
	"github.com/crosswalk-ssg/crosswalk/generator"
	"github.com/crosswalk-ssg/crosswalk/generator/diag"
	"github.com/crosswalk-ssg/crosswalk/generator/scaffold"
	"github.com/crosswalk-ssg/crosswalk/generator/serve"
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
		return build(args[0], args[1:], stdout, stderr)
	case "serve":
		return serveCmd(args[1:], stderr)
	case "new":
		return newSite(args[1:], stdout, stderr)
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

func build(cmd string, args []string, stdout, stderr io.Writer) int {
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
	src, err := realPath(*sourceDir)
	if err != nil {
		fmt.Fprintf(stderr, "crosswalk: %v\n", err)
		return 1
	}
	cfg := siteConfig(src, *baseURL)
	cfg.Dest = afero.NewOsFs()
	out := ""
	switch {
	case cmd != "build":
	case zipFile != "":
		if cfg.ZipFile, err = realPath(zipFile); err != nil {
			fmt.Fprintf(stderr, "crosswalk: %v\n", err)
			return 1
		}
		if err := outsideInputs(cfg.ZipFile, src); err != nil {
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
		if cfg.DestDir, err = realPath(destDir); err != nil {
			fmt.Fprintf(stderr, "crosswalk: %v\n", err)
			return 1
		}
		out = destDir
	}
	if !quiet && isTerminal(stderr) {
		cfg.Progress = progress(stderr)
	}
	res, err := generator.Build(cfg)
	if err != nil {
		var es diag.Errors
		if errors.As(err, &es) {
			fmt.Fprintln(stderr, err)
			fmt.Fprintf(stderr, "crosswalk %s: %d problem(s); nothing was written\n", cmd, len(es))
		} else {
			fmt.Fprintf(stderr, "crosswalk %s: %v\n", cmd, err)
		}
		return 1
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
func siteConfig(src, baseURL string) generator.Config {
	return generator.Config{
		Source:    afero.NewReadOnlyFs(afero.NewBasePathFs(afero.NewOsFs(), src)),
		Defaults:  crosswalk.Defaults,
		SourceDir: src,
		BaseURL:   baseURL,
	}
}

// outsideInputs refuses an output file inside the site's input folders.
func outsideInputs(file, site string) error {
	for _, in := range []string{"content", "templates", "static"} {
		rel, err := filepath.Rel(filepath.Join(site, in), file)
		if err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return fmt.Errorf("%s is inside the site's input folder %s; write it elsewhere", file, in)
		}
	}
	return nil
}

// isTerminal reports whether w is a terminal (a character device).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// progress returns a Progress callback that shows a rendering counter on a
// terminal for builds of more than a few hundred pages, at most ten times
// a second, and clears it at the end.
func progress(w io.Writer) func(done, total int) {
	const minPages = 300
	var last time.Time
	return func(done, total int) {
		if total < minPages {
			return
		}
		if done == total {
			fmt.Fprintf(w, "\r\033[K")
			return
		}
		if now := time.Now(); now.Sub(last) >= 100*time.Millisecond {
			last = now
			fmt.Fprintf(w, "\rrendering %d/%d pages", done, total)
		}
	}
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
	src, err := realPath(*sourceDir)
	if err != nil {
		fmt.Fprintf(stderr, "crosswalk: %v\n", err)
		return 1
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	p := "/" + strings.Trim(*prefix, "/") + "/"
	if p == "//" {
		p = "/"
	}
	err = serve.Run(ctx, serve.Config{Build: siteConfig(src, *baseURL), SiteDir: src, Addr: *addr, Prefix: p, Log: stderr})
	if err != nil {
		fmt.Fprintf(stderr, "crosswalk serve: %v\n", err)
		return 1
	}
	return 0
}

// realPath returns p as an absolute path with every symbolic link in its
// existing part resolved; a part that does not exist yet is kept as is.
func realPath(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	var rest []string
	for dir := abs; ; dir = filepath.Dir(dir) {
		if real, err := filepath.EvalSymlinks(dir); err == nil {
			return filepath.Join(append([]string{real}, rest...)...), nil
		}
		if filepath.Dir(dir) == dir {
			return abs, nil
		}
		rest = append([]string{filepath.Base(dir)}, rest...)
	}
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
