package render

import (
	"github.com/crosswalk-ssg/crosswalk/internal/markdown"
	"github.com/crosswalk-ssg/crosswalk/internal/model"
)

// noteConversion keeps what converting d's Markdown gave, from page()
// until the page is rendered: its headings for the table of contents
// (Page.TOC) and its ids and HTML for the fragment check (recordIDs),
// which RenderAll runs on the page's bytes, without its Page.
func (r *Renderer) noteConversion(d *model.Doc, md markdown.Result) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.converted == nil {
		r.converted = map[*model.Doc]markdown.Result{}
	}
	r.converted[d] = md
}

// forgetConversion drops what noteConversion kept for d, for a page that
// failed to render (recordIDs drops it for the others).
func (r *Renderer) forgetConversion(d *model.Doc) {
	r.mu.Lock()
	defer r.mu.Unlock()
	delete(r.converted, d)
}

// conversion returns what noteConversion kept for d.
func (r *Renderer) conversion(d *model.Doc) markdown.Result {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.converted[d]
}

// headings returns the entries of the page's table of contents that its
// Markdown gives: the h2 and h3, wherever they stand (markdown's package
// documentation says which headings have ids: all of them).
func (p *Page) headings() []TOCEntry {
	if p.renderer == nil {
		return nil
	}
	var out []TOCEntry
	for _, h := range p.renderer.conversion(p.Doc).Headings {
		if h.Level == 2 || h.Level == 3 {
			out = append(out, TOCEntry{ID: h.ID, Title: h.Title, Level: h.Level})
		}
	}
	return out
}
