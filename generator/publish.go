package generator

import (
	"bytes"
	"encoding/xml"
	"errors"
	"net/url"
	"strings"

	"github.com/crosswalk-ssg/crosswalk/generator/model"
	"github.com/crosswalk-ssg/crosswalk/generator/render"
	"github.com/crosswalk-ssg/crosswalk/generator/search"
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
// domain) and, when the base URL is known, sitemap.xml and robots.txt.
func generatedFiles(site *model.Site) []generatedFile {
	var out []generatedFile
	if index, err := search.Script(search.Docs(site)); err == nil {
		out = append(out, generatedFile{search.IndexFile, index})
	}
	out = append(out, generatedFile{NoJekyllFile, nil})
	if d := site.Config.CustomDomain; d != "" {
		out = append(out, generatedFile{CNAMEFile, []byte(d + "\n")})
	}
	if base := site.Config.BaseURL; base != "" {
		out = append(out, generatedFile{SitemapFile, sitemap(base, site.Docs)})
		out = append(out, generatedFile{RobotsFile, []byte("User-agent: *\nAllow: /\n\nSitemap: " + base + SitemapFile + "\n")})
	}
	return out
}

// sitemap lists every page but alias and 404 pages, in path order.
func sitemap(base string, docs []*model.Doc) []byte {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, d := range docs {
		if d.Kind == model.KindAlias || d.Kind == model.KindNotFound {
			continue
		}
		b.WriteString("<url><loc>")
		_ = xml.EscapeText(&b, []byte(base+render.CanonicalPath(d.Path)))
		b.WriteString("</loc></url>\n")
	}
	b.WriteString("</urlset>\n")
	return b.Bytes()
}
