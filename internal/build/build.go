package build

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"time"

	"github.com/spf13/afero"

	"github.com/crosswalk-ssg/crosswalk/internal/diag"
	"github.com/crosswalk-ssg/crosswalk/internal/export"
	"github.com/crosswalk-ssg/crosswalk/internal/layout"
	"github.com/crosswalk-ssg/crosswalk/internal/link"
	"github.com/crosswalk-ssg/crosswalk/internal/markdown"
	"github.com/crosswalk-ssg/crosswalk/internal/model"
	"github.com/crosswalk-ssg/crosswalk/internal/render"
	"github.com/crosswalk-ssg/crosswalk/internal/source"
	"github.com/crosswalk-ssg/crosswalk/internal/theme"
	"github.com/crosswalk-ssg/crosswalk/internal/write"
)

// Config says what to build and where.
type Config struct {
	// Source is the site folder (content/, templates/, static/), read
	// with relative slash paths.
	Source afero.Fs
	// Dir is the site folder's real path on the operating system's disk
	// (OpenSite), which outputs may not overlap; "" for a site in memory.
	Dir string
	// Defaults holds the embedded templates/ and static/.
	Defaults fs.FS
	// Output receives the built site: a folder (NewDir), a zip (NewZip),
	// memory (write.Memory). Build commits it when the build succeeds and
	// aborts it otherwise. Nil checks the site without writing anything.
	Output Output
	// BaseURL overrides the site's base_url (the -base-url flag).
	BaseURL string
	// Workers is the number of pages rendered at once (GOMAXPROCS if < 1).
	Workers int
	// Progress, when set, is called after each page is rendered, from
	// any goroutine, with the number of pages done and the total.
	Progress func(done, total int)
	// Context, when set, stops the build once it is done: no more pages
	// are begun, the output is aborted and the error is the context's.
	Context context.Context
	// MaxFileSize is the size in bytes a content file may be at most
	// (DefaultMaxFileMB when < 1): the -max-file-mb flag, for a
	// crosswalk of hundreds of thousands of records.
	MaxFileSize int64
	// Cache, when set, keeps the parsed content files from one build to
	// the next, so that a build after an edit parses only the files that
	// changed ("crosswalk serve").
	Cache *Cache
}

// DefaultMaxFileMB is the size in MB (of 1<<20 bytes) a content file may
// be at most unless Config.MaxFileSize says otherwise.
const DefaultMaxFileMB = source.MaxFileSize / source.MB

// Cache keeps what one build read of the content files for the next:
// the parsed files (source.Cache) and the decoded crosswalks
// (model.Decoded). Builds that share a Cache run one at a time.
type Cache struct {
	files   *source.Cache
	decoded *model.Decoded
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{files: source.NewCache(), decoded: model.NewDecoded()} }

// Forget makes the next build read the files at these paths (slash,
// relative to the site folder) again, whatever their size and time say.
func (c *Cache) Forget(paths ...string) { c.files.Forget(paths...) }

// SetWatched tells the cache whether its client names every change to
// the site's content: edits with Forget, anything else with Rescan;
// builds then walk content/ only after Rescan (source.Cache.SetWatched).
func (c *Cache) SetWatched(watched bool) { c.files.SetWatched(watched) }

// Rescan makes the next build walk content/ again.
func (c *Cache) Rescan() { c.files.Rescan() }

// parsed and decodedFiles are the cache's parts; nil for no cache.
func (c *Cache) parsed() *source.Cache {
	if c == nil {
		return nil
	}
	return c.files
}

func (c *Cache) decodedFiles() *model.Decoded {
	if c == nil {
		return nil
	}
	return c.decoded
}

// Stage is how long one phase of a build took.
type Stage struct {
	Name     string
	Duration time.Duration
}

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

// builder is one build's state, filled in phase by phase: each phase
// reads what the ones before it left and adds its own part. Problems in
// the site go to errs; a phase returns an error only when the build
// cannot go on.
type builder struct {
	cfg  Config
	errs *diag.List
	res  Result

	files     []*source.File                   // load
	decoded   *model.Decoded                   // load: the crosswalk files, decoded as they are read
	theme     *theme.Theme                     // load
	static    []string                         // load
	templates *render.Templates                // templates
	site      *model.Site                      // model
	index     *link.Index                      // link
	offers    map[*model.Doc][]render.Download // export: what each page offers for download
	renderer  *render.Renderer                 // render
}

// phase is one named step of a build.
type phase struct {
	name string
	run  func() error
}

// run runs phases in order, timing each (Result.Stages), and stops at the
// first that fails.
func (b *builder) run(phases ...phase) error {
	for _, p := range phases {
		if ctx := b.cfg.Context; ctx != nil && ctx.Err() != nil {
			return ctx.Err()
		}
		start := time.Now()
		err := p.run()
		b.res.Stages = append(b.res.Stages, Stage{p.name, time.Since(start)})
		if err != nil {
			return err
		}
	}
	return nil
}

// Build builds the site into cfg.Output, phase by phase:
//
//	load       read content/*.md and the list of the theme's static files
//	model      decode the files into frameworks, crosswalks and pages
//	link       resolve ids and mappings, place every page at its URL
//	templates  parse the theme's templates
//	export     the data files and generated files, and what each page offers for download
//	render     every page, in parallel, straight to the output
//	publish    static files, then commit the output
//
// Problems in the site are returned as a diag.Errors listing all of them;
// the output is aborted then, and nothing is published.
func Build(cfg Config) (*Result, error) {
	start := time.Now()
	if cfg.Output == nil {
		cfg.Output = &write.Discard{}
	}
	if cfg.Context == nil {
		cfg.Context = context.Background()
	}
	b := &builder{cfg: cfg, errs: &diag.List{}}
	err := b.run(append(b.reading(),
		phase{"export", b.export},
		phase{"render", b.render},
		phase{"publish", b.publish},
	)...)
	if err != nil {
		cfg.Output.Abort()
		return nil, err
	}
	b.res.Duration = time.Since(start)
	return &b.res, nil
}

// reading are the phases before the export: what Build and Open share.
func (b *builder) reading() []phase {
	return []phase{
		{"load", b.load},
		{"model", b.model},
		{"link", b.link},
		{"templates", b.parseTemplates},
	}
}

// load reads the site's content files and the list of static files
// (theme overlay: the site's own over the embedded defaults).
func (b *builder) load() error {
	// A crosswalk file is decoded as soon as it is read, so that its
	// parsed front matter (at 50,000 records, most of the peak memory of
	// a large build) is let go before the other files are parsed.
	if b.decoded = b.cfg.Cache.decodedFiles(); b.decoded == nil {
		b.decoded = model.NewDecodedOnce()
	}
	files, err := b.cfg.Cache.parsed().ReadDirFunc(b.cfg.Source, model.ContentDir, b.cfg.MaxFileSize, b.errs, b.decoded.DecodeEarly)
	if err != nil {
		return fmt.Errorf("cannot read the site's %s/ folder: %w", model.ContentDir, err)
	}
	b.files = files
	b.theme = theme.New(b.cfg.Source, b.cfg.Defaults)
	if b.static, err = b.theme.Files(theme.StaticDir, b.errs); err != nil {
		return fmt.Errorf("cannot read static files: %w", err)
	}
	return nil
}

// parseTemplates parses the theme's templates. It runs whatever the
// phases before it found, so that a template's syntax error is reported
// with the site's other problems; Load, which does not render, leaves it
// out.
func (b *builder) parseTemplates() error {
	var err error
	if b.templates, err = render.ParseTemplates(b.theme, b.errs); err != nil {
		return fmt.Errorf("cannot read templates: %w", err)
	}
	return nil
}

// model decodes the files and settles the base URL (-base-url over
// site.base_url).
func (b *builder) model() error {
	site := b.decoded.Decode(b.files, b.errs)
	// The model holds what the build needs of the files; their parsed
	// front matter (a YAML tree per file, the largest part of a big
	// site's memory) is let go here.
	b.files = nil
	if b.cfg.BaseURL != "" {
		site.Config.BaseURL = b.cfg.BaseURL
		site.Config.BaseURLAt = diag.Position{File: "-base-url"}
	}
	if site.Config.BaseURL != "" {
		u, err := normalizeBaseURL(site.Config.BaseURL)
		if err != nil {
			b.errs.Add(site.Config.BaseURLAt, "base URL %q: %v", site.Config.BaseURL, err)
		}
		site.Config.BaseURL = u
	}
	b.site = site
	return nil
}

// link resolves the site. Pages may not claim the path of a static file,
// a download or a generated file, which are reserved first.
func (b *builder) link() error {
	reserved := append(append([]string{write.Marker}, layout.GeneratedFiles()...), export.Paths(b.site)...)
	b.index = link.Link(b.site, append(reserved, b.static...), b.errs)
	return nil
}

// export makes the data files and the generated files, and decides what
// each page offers for download. The data files go to the output at once
// and are not kept: only their names and sizes are, for the pages, so a
// large crosswalk's files do not stay in memory while pages render. It is
// the first phase that needs a site without problems (stopOnProblems).
func (b *builder) export() error {
	if err := b.stopOnProblems(); err != nil {
		return err
	}
	if err := b.writeGenerated(); err != nil {
		return err
	}
	if b.site.Config.BaseURL == "" {
		b.res.Notices = append(b.res.Notices, "no base URL (site.base_url in content/_index.md, or -base-url): sitemap.xml, robots.txt, 404.html and canonical links are left out")
	}
	var made []render.Download
	err := export.Each(b.cfg.Context, b.site, func(d export.Download) error {
		if err := b.cfg.Context.Err(); err != nil {
			return err // between one data file and the next
		}
		if d.Withheld != "" {
			b.res.Notices = append(b.res.Notices, d.Path+" is not published: "+d.Withheld)
		} else if err := writeAsMade(b.cfg.Context, b.cfg.Output, d.Path, func(w io.Writer) error {
			_, err := d.WriteTo(w)
			return err
		}); err != nil {
			if ctxErr := b.cfg.Context.Err(); ctxErr != nil {
				return ctxErr
			}
			b.errs.Add(diag.Position{File: d.Path}, "cannot write: %v", err)
		}
		made = append(made, downloadView(d)) // after writing: its size is known
		return nil
	})
	if err != nil {
		return err
	}
	b.offers = pageDownloads(b.site, made)
	return nil
}

// stopOnProblems returns the problems found so far, if there are any,
// after checking every page's Markdown too, so that one run reports
// everything: what must come before rendering.
func (b *builder) stopOnProblems() error {
	if b.errs.Len() > 0 {
		b.markdownChecker().CheckMarkdown(b.errs)
		return b.errs.Err()
	}
	return nil
}

// writeAsMade writes the file at path to out as write makes it
// (Output.Create), so that a large file (a crosswalk's downloads, the
// search index) goes to the output piece by piece, and stops at the next
// piece once ctx is done.
func writeAsMade(ctx context.Context, out Output, path string, write func(io.Writer) error) error {
	w, err := out.Create(path)
	if err != nil {
		return err
	}
	if err := write(ctxWriter{ctx, w}); err != nil {
		w.Close()
		return err
	}
	return w.Close()
}

// ctxWriter is a writer that fails once its context is done.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c ctxWriter) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.w.Write(p)
}

// markdownChecker is a renderer for a site that failed to link: its
// templates cannot run, but its Markdown can be converted.
func (b *builder) markdownChecker() *render.Renderer {
	return render.New(b.index, b.templates, b.markdown())
}

// markdown is the build's one Markdown converter.
func (b *builder) markdown() *markdown.Converter {
	return markdown.New(markdown.Options{UnsafeHTML: b.site.Config.UnsafeHTML})
}

// render renders every page, each written to the output as soon as it is
// rendered.
func (b *builder) render() error {
	b.renderer = render.New(b.index, b.templates, b.markdown())
	b.renderer.SetDownloads(b.offers)
	b.renderer.Progress = b.cfg.Progress
	var err error
	b.res.Pages, err = b.renderer.RenderAll(b.cfg.Context, b.cfg.Output.WriteFile, b.cfg.Workers, b.errs)
	return err
}

// publish writes the files around the pages and commits the output, if
// no phase reported a problem.
func (b *builder) publish() error {
	b.res.StaticFiles = b.publishFiles()
	if err := b.errs.Err(); err != nil {
		return err
	}
	if err := b.cfg.Output.Commit(); err != nil {
		return err
	}
	b.res.Frameworks, b.res.Crosswalks = len(b.site.Frameworks), len(b.site.Crosswalks)
	for _, fw := range b.site.Frameworks {
		b.res.Elements += len(fw.Elements)
	}
	for _, cw := range b.site.Crosswalks {
		b.res.Mappings += len(cw.Mappings)
	}
	return nil
}

// writeGenerated writes the generated files (generatedFiles) to the
// output rather than holding them until publish, the search index as it
// is made: a large site's index is megabytes. A static file
// replaces a generated file of the same name, so that one is not written.
func (b *builder) writeGenerated() error {
	files := generatedFiles(b.site)
	static := map[string]bool{}
	for _, name := range b.static {
		static[name] = true
	}
	for _, f := range files {
		if static[f.name] {
			continue // the site's own file wins
		}
		var err error
		if f.write != nil {
			err = writeAsMade(b.cfg.Context, b.cfg.Output, f.name, f.write)
		} else {
			err = b.cfg.Output.WriteFile(f.name, f.data)
		}
		if err != nil {
			if ctxErr := b.cfg.Context.Err(); ctxErr != nil {
				return ctxErr
			}
			b.errs.Add(diag.Position{File: f.name}, "cannot write: %v", err)
		}
	}
	return nil
}

// publishFiles writes the static files to the output and returns how
// many it wrote.
func (b *builder) publishFiles() int {
	out := b.cfg.Output
	n := 0
	for _, name := range b.static {
		data, err := b.theme.ReadFile(theme.StaticDir + "/" + name)
		if err == nil {
			err = out.WriteFile(name, data)
		}
		if err != nil {
			b.errs.Add(diag.Position{File: theme.StaticDir + "/" + name}, "cannot copy: %v", err)
			continue
		}
		n++
	}
	return n
}

// Load runs the load, model and link phases: it reads the site, decodes
// it and links it, without the templates. Problems are added to errs; the error is for I/O failures.
func Load(cfg Config, errs *diag.List) (*Loaded, error) {
	b := &builder{cfg: cfg, errs: errs}
	if err := b.run(phase{"load", b.load}, phase{"model", b.model}, phase{"link", b.link}); err != nil {
		return nil, err
	}
	return &Loaded{Index: b.index, Theme: b.theme, Static: b.static}, nil
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
