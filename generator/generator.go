package generator

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
	"time"

	"github.com/crosswalk-ssg/crosswalk/generator/diag"
	"github.com/crosswalk-ssg/crosswalk/generator/export"
	"github.com/crosswalk-ssg/crosswalk/generator/link"
	"github.com/crosswalk-ssg/crosswalk/generator/markdown"
	"github.com/crosswalk-ssg/crosswalk/generator/model"
	"github.com/crosswalk-ssg/crosswalk/generator/render"
	"github.com/crosswalk-ssg/crosswalk/generator/search"
	"github.com/crosswalk-ssg/crosswalk/generator/source"
	"github.com/crosswalk-ssg/crosswalk/generator/theme"
	"github.com/crosswalk-ssg/crosswalk/generator/write"
	"github.com/spf13/afero"
)

// Config says what to build and where.
type Config struct {
	// Source is the site folder (content/, templates/, static/), read
	// with relative slash paths.
	Source afero.Fs
	// Defaults holds the embedded templates/ and static/.
	Defaults fs.FS
	// Dest is the file system the output folder lives in, and DestDir
	// the folder. An empty DestDir checks the site without writing.
	Dest    afero.Fs
	DestDir string
	// SourceDir is the site folder's path in Dest's file system, when
	// both are the same disk; it is used only to refuse an output folder
	// that would overwrite the site's input.
	SourceDir string
	// ZipFile, when set, is a .zip file in Dest's file system to write
	// the site to instead of DestDir (an offline bundle).
	ZipFile string
	// BaseURL overrides the site's base_url (the -base-url flag).
	BaseURL string
	// Workers is the number of pages rendered at once (GOMAXPROCS if < 1).
	Workers int
	// Progress, when set, is called after each page is rendered, from
	// any goroutine, with the number of pages done and the total.
	Progress func(done, total int)
}

// Stage is how long one stage of a build took.
type Stage struct {
	Name     string
	Duration time.Duration
}

// The files a build writes besides pages and static files. A static file
// of the same name replaces the generated one.
const (
	NoJekyllFile = ".nojekyll" // GitHub Pages: do not run Jekyll, which drops "_" files
	CNAMEFile    = "CNAME"
	SitemapFile  = "sitemap.xml"
	RobotsFile   = "robots.txt"
)

// Result summarises a successful build.
type Result struct {
	Pages       int
	StaticFiles int
	Frameworks  int
	Elements    int
	Crosswalks  int
	Mappings    int
	Duration    time.Duration
	Stages      []Stage
	Notices     []string // things the author should know that are not errors
}

// String is the one-line summary the CLI prints.
func (r *Result) String() string {
	return fmt.Sprintf("%d pages, %d static files, %d frameworks, %d elements, %d crosswalks, %d mappings in %s",
		r.Pages, r.StaticFiles, r.Frameworks, r.Elements, r.Crosswalks, r.Mappings, r.Duration.Round(time.Millisecond))
}

// Loaded is a site read and linked, ready to render.
type Loaded struct {
	Index  *link.Index
	Theme  *theme.Theme
	Static []string // static files, relative to static/ and to the output root
}

// Load runs the first stages of a build: it reads the site, decodes it and
// links it. Problems are added to errs; the error is for I/O failures.
func Load(cfg Config, errs *diag.List) (*Loaded, error) {
	// load
	files, err := source.ReadDir(cfg.Source, model.ContentDir, errs)
	if err != nil {
		return nil, fmt.Errorf("cannot read the site's %s/ folder: %w", model.ContentDir, err)
	}
	th := theme.New(cfg.Source, cfg.Defaults)
	static, err := th.Files(theme.StaticDir, errs)
	if err != nil {
		return nil, fmt.Errorf("cannot read static files: %w", err)
	}
	// model
	site := model.Decode(files, errs)
	if cfg.BaseURL != "" {
		site.Config.BaseURL = cfg.BaseURL
		site.Config.BaseURLAt = diag.Position{File: "-base-url"}
	}
	if site.Config.BaseURL != "" {
		u, err := normalizeBaseURL(site.Config.BaseURL)
		if err != nil {
			errs.Add(site.Config.BaseURLAt, "base URL %q: %v", site.Config.BaseURL, err)
		}
		site.Config.BaseURL = u
	}
	// link: pages may not claim the path of a static or generated file.
	reserved := append([]string{write.Marker, search.IndexFile, NoJekyllFile, CNAMEFile, SitemapFile, RobotsFile}, export.Paths(site)...)
	ix := link.Link(site, append(reserved, static...), errs)
	return &Loaded{Index: ix, Theme: th, Static: static}, nil
}

// Build builds the site. Problems in the site are returned as a
// diag.Errors listing all of them; nothing is written then.
func Build(cfg Config) (*Result, error) {
	start := time.Now()
	res := &Result{}
	stage := func(name string, since time.Time) time.Time {
		now := time.Now()
		res.Stages = append(res.Stages, Stage{name, now.Sub(since)})
		return now
	}
	if err := checkDest(cfg); err != nil {
		return nil, err
	}
	var errs diag.List
	l, err := Load(cfg, &errs)
	if err != nil {
		return nil, err
	}
	t := stage("load, model, link", start)
	r, err := render.New(l.Index, l.Theme, markdown.New(markdown.Options{UnsafeHTML: l.Index.Site.Config.UnsafeHTML}), &errs)
	if err != nil {
		return nil, err
	}
	if errs.Len() > 0 {
		// Templates cannot run on a site that failed to link, but its
		// Markdown can still be checked, so one run reports everything.
		r.CheckMarkdown(&errs)
		return nil, errs.Err()
	}
	site := l.Index.Site
	downloads, err := export.All(site)
	if err != nil {
		return nil, err
	}
	r.SetDownloads(downloads)
	if site.Config.BaseURL == "" {
		res.Notices = append(res.Notices, "no base URL (site.base_url in content/_index.md, or -base-url): sitemap.xml, robots.txt, 404.html and canonical links are left out")
	}

	// render, streaming each page to the sink
	var sink write.Sink = write.Discard{}
	var commit func() error
	var abort func()
	switch {
	case cfg.ZipFile != "":
		z, err := write.BeginZip(cfg.Dest, cfg.ZipFile)
		if err != nil {
			return nil, err
		}
		sink, commit, abort = z, z.Commit, func() {}
	case cfg.DestDir != "":
		out, err := write.Begin(cfg.Dest, cfg.DestDir)
		if err != nil {
			return nil, err
		}
		sink, commit, abort = out, out.Commit, out.Abort
	}
	res.Frameworks, res.Crosswalks = len(site.Frameworks), len(site.Crosswalks)
	r.Progress = cfg.Progress
	res.Pages = r.RenderAll(sink, cfg.Workers, &errs)
	t = stage("render", t)

	// the files around the pages
	static := map[string]bool{}
	for _, name := range l.Static {
		static[name] = true
		data, err := l.Theme.ReadFile(theme.StaticDir + "/" + name)
		if err == nil {
			err = sink.WriteFile(name, data)
		}
		if err != nil {
			errs.Add(diag.Position{File: theme.StaticDir + "/" + name}, "cannot copy: %v", err)
			continue
		}
		res.StaticFiles++
	}
	for _, d := range downloads {
		if d.Withheld != "" {
			res.Notices = append(res.Notices, d.Path+" is not published: "+d.Withheld)
			continue
		}
		if err := sink.WriteFile(d.Path, d.Data); err != nil {
			errs.Add(diag.Position{File: d.Path}, "cannot write: %v", err)
		}
	}
	for _, f := range generatedFiles(site) {
		if static[f.name] {
			continue // the site's own file wins
		}
		if err := sink.WriteFile(f.name, f.data); err != nil {
			errs.Add(diag.Position{File: f.name}, "cannot write: %v", err)
		}
	}
	t = stage("static and generated files", t)

	// write: swap the new site in only if everything succeeded
	if err := errs.Err(); err != nil {
		if abort != nil {
			abort()
		}
		return nil, err
	}
	if commit != nil {
		if err := commit(); err != nil {
			return nil, err
		}
	}
	stage("write", t)
	for _, fw := range site.Frameworks {
		res.Elements += len(fw.Elements)
	}
	for _, cw := range site.Crosswalks {
		res.Mappings += len(cw.Mappings)
	}
	res.Duration = time.Since(start)
	return res, nil
}

// checkDest refuses an output folder that is, contains or sits inside
// the site folder's inputs, or that contains the site folder.
func checkDest(cfg Config) error {
	if cfg.DestDir == "" || cfg.SourceDir == "" {
		return nil
	}
	dest := filepath.Clean(cfg.DestDir)
	site := filepath.Clean(cfg.SourceDir)
	inside := func(p, dir string) bool {
		rel, err := filepath.Rel(dir, p)
		return err == nil && (rel == "." || (rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))))
	}
	if inside(site, dest) {
		return fmt.Errorf("output folder %s is or contains the site folder %s; choose another -dest", dest, site)
	}
	for _, in := range []string{model.ContentDir, theme.TemplatesDir, theme.StaticDir} {
		dir := filepath.Join(site, in)
		if inside(dest, dir) || inside(dir, dest) {
			return fmt.Errorf("output folder %s overlaps the site's input folder %s; choose another -dest", dest, dir)
		}
	}
	return nil
}

// IsSiteError reports whether err lists problems in the site's input (as
// opposed to a failure to read or write files).
func IsSiteError(err error) bool {
	var es diag.Errors
	return errors.As(err, &es)
}

// Export reads and links the site and returns its data files (what a
// build publishes under downloads/), without rendering pages.
func Export(cfg Config) ([]export.Download, error) {
	var errs diag.List
	l, err := Load(cfg, &errs)
	if err != nil {
		return nil, err
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return export.All(l.Index.Site)
}

// Frameworks reads and links the site and returns its frameworks by id,
// for importing a mapping table. Problems outside the frameworks (say, in
// the crosswalk an import is about to replace) do not stop it.
func Frameworks(cfg Config) (map[string]*model.Framework, error) {
	var errs diag.List
	l, err := Load(cfg, &errs)
	if err != nil {
		return nil, err
	}
	var fwErrs diag.List
	if es, ok := errs.Err().(diag.Errors); ok {
		for _, e := range es {
			if strings.HasPrefix(e.Pos.File, model.ContentDir+"/frameworks/") {
				fwErrs.Append(e)
			}
		}
	}
	if err := fwErrs.Err(); err != nil {
		return nil, err
	}
	out := map[string]*model.Framework{}
	for _, fw := range l.Index.Site.Frameworks {
		out[fw.ID] = fw
	}
	return out, nil
}
