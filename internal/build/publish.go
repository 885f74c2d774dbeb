package build

import (
	"errors"
	"fmt"
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

type generatedFile struct {
	name string
	data []byte
}

// generatedFiles returns the files a site publishes besides its pages:
// the search index, and for GitHub Pages .nojekyll, CNAME (with a custom
// domain) and, when the base URL is known, sitemap.xml and robots.txt. A
// search index that cannot be encoded is an error, not a site shipped
// without search.
func generatedFiles(site *model.Site) ([]generatedFile, error) {
	index, err := search.Script(search.Docs(site))
	if err != nil {
		return nil, fmt.Errorf("cannot write the search index: %w", err)
	}
	out := []generatedFile{{layout.SearchIndex, index}}
	out = append(out, generatedFile{layout.NoJekyll, nil})
	if d := site.Config.CustomDomain; d != "" {
		out = append(out, generatedFile{layout.CNAME, []byte(d + "\n")})
	}
	if base := site.Config.BaseURL; base != "" {
		out = append(out, generatedFile{layout.Sitemap, layout.SitemapXML(base, sitemapPages(site.Docs))})
		out = append(out, generatedFile{layout.Robots, layout.RobotsTxt(base)})
	}
	return out, nil
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
