package build

import (
	"context"
	"errors"
	"fmt"
	"path"
	"strings"

	"github.com/crosswalk-ssg/crosswalk/internal/diag"
	"github.com/crosswalk-ssg/crosswalk/internal/export"
	"github.com/crosswalk-ssg/crosswalk/internal/layout"
	"github.com/crosswalk-ssg/crosswalk/internal/model"
	"github.com/crosswalk-ssg/crosswalk/internal/render"
	"github.com/crosswalk-ssg/crosswalk/internal/theme"
	"github.com/crosswalk-ssg/crosswalk/internal/write"
)

// Live is a site read, linked and ready to render, whose pages are
// rendered when they are asked for: what "crosswalk serve" shows while
// the author edits. Open runs the phases a build runs before rendering
// (with Config.Cache, only the changed files are parsed again), so an
// edit costs a new link of the site, not a new render of every page.
// Check runs the rest of a build: it makes the data files and the
// generated files, which File then serves, and renders every page once,
// to report what only a whole build finds (a link to a #fragment that no
// page has, a template that fails on one page). File gives the bytes a
// build writes.
type Live struct {
	b      *builder
	pages  *render.Renderer      // pages that offer no downloads
	byPath map[string]*model.Doc // every page, by output path
	static map[string]bool       // static files, by output path
	dirs   map[string]bool       // folders of pages and static files
	// offering are the pages that may offer downloads: they show the
	// files' sizes, so they wait for Check's data files.
	offering map[*model.Doc]bool
	// data are the names that only Check's data files can answer.
	data map[string]bool

	ready    chan struct{}     // closed when the fields below are set
	made     map[string][]byte // the data files, generated files and static files
	offers   *render.Renderer
	dataDirs map[string]bool
	madeErr  error // why made is nil
}

// Open reads and links the site as Build does, and stops where Build
// would stop if the site has problems: the error is a diag.Errors listing
// all of them (Markdown included), or an I/O failure.
func Open(cfg Config) (*Live, error) {
	b := &builder{cfg: cfg, errs: &diag.List{}}
	err := b.run(append(b.reading(), phase{"check", b.stopOnProblems})...)
	if err != nil {
		return nil, err
	}
	l := &Live{
		b:        b,
		pages:    render.New(b.index, b.templates, b.markdown()),
		byPath:   map[string]*model.Doc{},
		static:   map[string]bool{},
		dirs:     map[string]bool{},
		offering: map[*model.Doc]bool{},
		data:     map[string]bool{},
		ready:    make(chan struct{}),
	}
	for _, d := range b.site.Docs {
		l.byPath[d.Path] = d
		addDirs(l.dirs, d.Path)
	}
	for _, name := range b.static {
		l.static[name] = true
		addDirs(l.dirs, name)
	}
	// What a page offers follows from which downloads there may be
	// (export.Paths); their sizes come with the files.
	var maybe []render.Download
	for _, p := range export.Paths(b.site) {
		maybe = append(maybe, render.Download{Path: p})
		l.data[p] = true
	}
	for doc := range pageDownloads(b.site, maybe) {
		l.offering[doc] = true
	}
	for _, name := range layout.GeneratedFiles() {
		l.data[name] = true
	}
	return l, nil
}

// addDirs adds the folders that hold name to dirs.
func addDirs(dirs map[string]bool, name string) {
	for dir := path.Dir(name); dir != "." && !dirs[dir]; dir = path.Dir(dir) {
		dirs[dir] = true
	}
}

// Pages is the number of pages the site has.
func (l *Live) Pages() int { return len(l.byPath) }

// Check makes the data files, the generated files and the static files
// (which File serves from then on) and renders every page with
// Config.Workers, keeping none, to report the problems a build reports.
// It returns them as a build does: a diag.Errors, or ctx's error when
// ctx ends first. Call it once.
func (l *Live) Check(ctx context.Context) error {
	src := l.b
	b := &builder{cfg: src.cfg, errs: &diag.List{}, theme: src.theme, static: src.static, templates: src.templates, site: src.site, index: src.index}
	b.cfg.Context = ctx
	made := &write.Memory{Keep: func(name string) bool { return l.byPath[name] == nil }}
	b.cfg.Output = made
	err := b.run(
		phase{"export", b.export},
		phase{"publish", func() error {
			b.publishFiles()
			if err := b.errs.Err(); err != nil {
				return err
			}
			return made.Commit()
		}},
	)
	if err != nil {
		l.madeErr = fmt.Errorf("the site's data files were not made: %w", err)
	} else {
		l.made = made.Files()
		l.offers = render.New(b.index, b.templates, b.markdown())
		l.offers.SetDownloads(b.offers)
		l.dataDirs = map[string]bool{}
		for name := range l.made {
			addDirs(l.dataDirs, name)
		}
	}
	close(l.ready)
	if err != nil {
		return err
	}
	b.cfg.Output = &write.Discard{}
	if err := b.run(phase{"render", b.render}); err != nil {
		return err
	}
	return b.errs.Err()
}

// ErrNotFound is File's error for a name the site does not have.
var ErrNotFound = errors.New("not found")

// File returns the file of the site at name (a slash path from the
// output root, such as "index.html" or "frameworks/x/index.html"),
// rendering a page when it is one. A page that offers downloads, and the
// data and generated files, wait for Check to make the data files (or
// for ctx to end). The error is ErrNotFound for a name the site does not
// have, a diag.Errors for a page that does not render.
func (l *Live) File(ctx context.Context, name string) ([]byte, error) {
	if l.static[name] {
		return l.b.theme.ReadFile(theme.StaticDir + "/" + name)
	}
	d := l.byPath[name]
	if d == nil && !l.data[name] {
		return nil, ErrNotFound
	}
	if d != nil && !l.offering[d] {
		return l.renderPage(l.pages, d)
	}
	if err := l.wait(ctx); err != nil {
		return nil, err
	}
	if d != nil {
		return l.renderPage(l.offers, d)
	}
	data, ok := l.made[name]
	if !ok {
		return nil, ErrNotFound
	}
	return data, nil
}

// wait waits for Check's data files.
func (l *Live) wait(ctx context.Context) error {
	select {
	case <-l.ready:
	case <-ctx.Done():
		return ctx.Err()
	}
	return l.madeErr
}

func (l *Live) renderPage(r *render.Renderer, d *model.Doc) ([]byte, error) {
	var errs diag.List
	out := r.RenderPage(d, &errs)
	if err := errs.Err(); err != nil {
		return nil, err
	}
	if out == nil {
		return nil, fmt.Errorf("%s did not render", d.Path)
	}
	return out, nil
}

// IsDir reports whether name (a slash path from the output root, without
// a trailing slash) is a folder of the site. The data files' folders are
// known once Check has made them.
func (l *Live) IsDir(name string) bool {
	name = strings.TrimSuffix(name, "/")
	if l.dirs[name] {
		return true
	}
	select {
	case <-l.ready:
		return l.dataDirs[name]
	default:
		return false
	}
}
