package render

// headings returns the entries of the page's table of contents that its
// Markdown gives: the h2 and h3, wherever they stand (markdown's package
// documentation says which headings have ids: all of them).
func (p *Page) headings() []TOCEntry {
	var out []TOCEntry
	for _, h := range p.markdown.Headings {
		if h.Level == 2 || h.Level == 3 {
			out = append(out, TOCEntry{ID: h.ID, Title: h.Title, Level: h.Level})
		}
	}
	return out
}
