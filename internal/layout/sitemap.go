package layout

import (
	"bytes"
	"encoding/xml"
)

// SitemapXML lists the pages at these output paths, in the order given,
// as sitemap.xml under the site's base URL (ending in "/"): each at its
// Canonical URL, as search engines should index it.
func SitemapXML(baseURL string, pages []string) []byte {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, p := range pages {
		b.WriteString("<url><loc>")
		_ = xml.EscapeText(&b, []byte(baseURL+Canonical(p)))
		b.WriteString("</loc></url>\n")
	}
	b.WriteString("</urlset>\n")
	return b.Bytes()
}

// RobotsTxt allows every crawler and points it at the sitemap.
func RobotsTxt(baseURL string) []byte {
	return []byte("User-agent: *\nAllow: /\n\nSitemap: " + baseURL + Sitemap + "\n")
}
