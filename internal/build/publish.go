package build

import (
	"errors"
	"io"
	"net/url"
	"strings"

	"github.com/crosswalk-ssg/crosswalk/internal/export"
	"github.com/crosswalk-ssg/crosswalk/internal/layout"
	"github.com/crosswalk-ssg/crosswalk/internal/model"
	"github.com/crosswalk-ssg/crosswalk/internal/render"
	"github.com/crosswalk-ssg/crosswalk/internal/search"
)

// normalizeBaseURL checks that u is an absolute http(s) URL of a folder
// and returns it ending in "/".
func normalizeBaseURL(u string) (string, error) {
	p, err := url.Parse(u)
	switch {
	case err != nil:
		return "", err
	case p.Scheme != "http" && p.Scheme != "https":
		return "", errors.New("give an absolute http:// or https:// URL, such as https://you.github.io/repo/")
	case p.Host == "":
		return "", errors.New("the URL has no host")
	case p.RawQuery != "" || p.Fragment != "":
		return "", errors.New("the URL must not have a query or a fragment")
	}
	if !strings.HasSuffix(u, "/") {
		u += "/"
	}
	return u, nil
}

// generatedFile is a file of generatedFiles: its data, or for a large
// one (the search index) what writes it as it is made.
type generatedFile struct {
	name  string
	data  []byte
	write func(io.Writer) error
}

// generatedFiles returns the files a site publishes besides its pages:
// the search index, and for GitHub Pages .nojekyll, CNAME (with a custom
// domain) and, when the base URL is known, sitemap.xml and robots.txt.
func generatedFiles(site *model.Site) []generatedFile {
	out := []generatedFile{
		{name: layout.SearchIndex, write: func(w io.Writer) error { return search.WriteScript(w, search.Documents(site)) }},
		{name: layout.NoJekyll},
	}
	if d := site.Config.CustomDomain; d != "" {
		out = append(out, generatedFile{name: layout.CNAME, data: []byte(d + "\n")})
	}
	if base := site.Config.BaseURL; base != "" {
		out = append(out, generatedFile{name: layout.Sitemap, data: layout.SitemapXML(base, sitemapPages(site.Docs))})
		out = append(out, generatedFile{name: layout.Robots, data: layout.RobotsTxt(base)})
	}
	return out
}

// downloadView is what a page shows of a download: its name, format,
// size and why it is withheld, not its data.
func downloadView(d export.Download) render.Download {
	return render.Download{Path: d.Path, Name: d.Name(), Format: d.Format, Size: d.Size(), Description: d.Description, Withheld: d.Withheld}
}

// pageDownloads decides which data files each page offers: a crosswalk
// page its own files, the JSON Schema and both frameworks' catalogs; a
// framework page its catalog and the files of its crosswalks.
func pageDownloads(site *model.Site, all []render.Download) map[*model.Doc][]render.Download {
	byPage := map[*model.Doc][]render.Download{}
	byPath := map[string]render.Download{}
	for _, d := range all {
		byPath[d.Path] = d
	}
	add := func(doc *model.Doc, d render.Download) {
		if doc != nil {
			byPage[doc] = append(byPage[doc], d)
		}
	}
	for _, cw := range site.Crosswalks {
		if cw.Doc == nil {
			continue
		}
		for _, d := range all {
			if !layout.IsCrosswalkDownload(d.Path, cw.ID) {
				continue
			}
			add(cw.Doc, d)
			if cw.Source != nil {
				add(cw.Source.Doc, d)
			}
			if cw.Target != nil {
				add(cw.Target.Doc, d)
			}
		}
		if s, ok := byPath[layout.SchemaDownload]; ok {
			add(cw.Doc, s)
		}
	}
	for _, fw := range site.Frameworks {
		d, ok := byPath[layout.CatalogDownload(fw.ID)]
		if !ok || fw.Doc == nil {
			continue
		}
		byPage[fw.Doc] = append([]render.Download{d}, byPage[fw.Doc]...)
		for _, cw := range site.Crosswalks {
			if cw.Source == fw || cw.Target == fw {
				add(cw.Doc, d)
			}
		}
	}
	return byPage
}

// sitemapPages lists the paths of every page but alias and 404 pages, in
// path order.
func sitemapPages(docs []*model.Doc) []string {
	var pages []string
	for _, d := range docs {
		if d.Kind != model.KindAlias && d.Kind != model.KindNotFound {
			pages = append(pages, d.Path)
		}
	}
	return pages
}
