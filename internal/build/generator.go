package build

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"time"

	"github.com/crosswalk-ssg/crosswalk/internal/diag"
	"github.com/crosswalk-ssg/crosswalk/internal/export"
	"github.com/crosswalk-ssg/crosswalk/internal/link"
	"github.com/crosswalk-ssg/crosswalk/internal/markdown"
	"github.com/crosswalk-ssg/crosswalk/internal/model"
	"github.com/crosswalk-ssg/crosswalk/internal/render"
	"github.com/crosswalk-ssg/crosswalk/internal/search"
	"github.com/crosswalk-ssg/crosswalk/internal/source"
	"github.com/crosswalk-ssg/crosswalk/internal/theme"
	"github.com/crosswalk-ssg/crosswalk/internal/write"
	"github.com/spf13/afero"
)

// Config says what to build and where.
type Config struct {
	// Source is the site folder (content/, templates/, static/), read
	// with relative slash paths.
	Source afero.Fs
	// Defaults holds the embedded templates/ and static/.
	Defaults fs.FS
	// Output receives the built site: a folder (write.NewDir), a zip
	// (write.NewZip), memory (write.Memory). Build commits it when the
	// build succeeds and aborts it otherwise. Nil checks the site without
	// writing anything (write.Discard).
	Output write.Output
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

// Build builds the site into cfg.Output: load, model and link (Load),
// render, then publish. Problems in the site are returned as a
// diag.Errors listing all of them; the output is aborted then, and nothing
// is published.
func Build(cfg Config) (*Result, error) {
	start := time.Now()
	res := &Result{}
	out := cfg.Output
	if out == nil {
		out = &write.Discard{}
	}
	stage := func(name string, since time.Time) time.Time {
		now := time.Now()
		res.Stages = append(res.Stages, Stage{name, now.Sub(since)})
		return now
	}
	fail := func(err error) (*Result, error) {
		out.Abort()
		return nil, err
	}
	var errs diag.List
	l, err := Load(cfg, &errs)
	if err != nil {
		return fail(err)
	}
	t := stage("load, model, link", start)
	r, err := render.New(l.Index, l.Theme, markdown.New(markdown.Options{UnsafeHTML: l.Index.Site.Config.UnsafeHTML}), &errs)
	if err != nil {
		return fail(err)
	}
	if errs.Len() > 0 {
		// Templates cannot run on a site that failed to link, but its
		// Markdown can still be checked, so one run reports everything.
		r.CheckMarkdown(&errs)
		return fail(errs.Err())
	}
	site := l.Index.Site
	downloads, err := export.All(site)
	if err != nil {
		return fail(err)
	}
	generated, err := generatedFiles(site)
	if err != nil {
		return fail(err)
	}
	r.SetDownloads(pageDownloads(site, downloads))
	if site.Config.BaseURL == "" {
		res.Notices = append(res.Notices, "no base URL (site.base_url in content/_index.md, or -base-url): sitemap.xml, robots.txt, 404.html and canonical links are left out")
	}
	res.Frameworks, res.Crosswalks = len(site.Frameworks), len(site.Crosswalks)

	// render: each page goes to the output as soon as it is rendered
	r.Progress = cfg.Progress
	res.Pages = r.RenderAll(out.WriteFile, cfg.Workers, &errs)
	t = stage("render", t)

	// publish: the files around the pages, then commit
	res.StaticFiles = publishFiles(out, l, downloads, generated, res, &errs)
	t = stage("static and generated files", t)
	if err := errs.Err(); err != nil {
		return fail(err)
	}
	if err := out.Commit(); err != nil {
		return nil, err
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

// publishFiles writes the static files, the downloads and the generated
// files to out and returns how many static files it wrote. A static file
// replaces a generated file of the same name.
func publishFiles(out write.Output, l *Loaded, downloads []export.Download, generated []generatedFile, res *Result, errs *diag.List) int {
	static := map[string]bool{}
	n := 0
	for _, name := range l.Static {
		static[name] = true
		data, err := l.Theme.ReadFile(theme.StaticDir + "/" + name)
		if err == nil {
			err = out.WriteFile(name, data)
		}
		if err != nil {
			errs.Add(diag.Position{File: theme.StaticDir + "/" + name}, "cannot copy: %v", err)
			continue
		}
		n++
	}
	for _, d := range downloads {
		if d.Withheld != "" {
			res.Notices = append(res.Notices, d.Path+" is not published: "+d.Withheld)
			continue
		}
		if err := out.WriteFile(d.Path, d.Data); err != nil {
			errs.Add(diag.Position{File: d.Path}, "cannot write: %v", err)
		}
	}
	for _, f := range generated {
		if static[f.name] {
			continue // the site's own file wins
		}
		if err := out.WriteFile(f.name, f.data); err != nil {
			errs.Add(diag.Position{File: f.name}, "cannot write: %v", err)
		}
	}
	return n
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
