// Command crosswalk builds a framework crosswalk website from front-matter
// Markdown.
//
// Usage:
//
//	crosswalk build [-source DIR] [-dest DIR]   build the site (default: . → public/)
//	crosswalk check [-source DIR]               everything build does, without writing
//	crosswalk version                           print the version
//
// Problems in the site are printed one per line as path:line:col: message,
// all of them, and the exit code is 1. See docs/content-model.md.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"

	"github.com/crosswalk-ssg/crosswalk"
	"github.com/crosswalk-ssg/crosswalk/generator"
	"github.com/crosswalk-ssg/crosswalk/generator/diag"
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
  crosswalk build [-source DIR] [-dest DIR]   build the site into DIR (default: public)
  crosswalk check [-source DIR]               check the site without writing anything
  crosswalk version                           print the version

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
	destDir := ""
	if cmd == "build" {
		flags.StringVar(&destDir, "dest", "public", "the output `folder`; replaced as a whole when the build succeeds")
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
	cfg := generator.Config{
		Source:    afero.NewReadOnlyFs(afero.NewBasePathFs(afero.NewOsFs(), src)),
		Defaults:  crosswalk.Defaults,
		Dest:      afero.NewOsFs(),
		SourceDir: src,
	}
	if cmd == "build" {
		if destDir == "" {
			fmt.Fprintf(stderr, "crosswalk build: -dest must name a folder\n")
			return 2
		}
		// Resolved, so that a symbolic link cannot smuggle the output
		// folder into the site's inputs past the overlap check.
		if cfg.DestDir, err = realPath(destDir); err != nil {
			fmt.Fprintf(stderr, "crosswalk: %v\n", err)
			return 1
		}
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
	if cmd == "check" {
		fmt.Fprintf(stdout, "ok: %s (nothing written)\n", res)
	} else {
		fmt.Fprintf(stdout, "built %s → %s\n", res, destDir)
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
