package layout

import (
	"net/url"
	"path"
	"strconv"
	"strings"
	"unicode"
)

// The folders of a site that a build reads: its inputs.
const (
	ContentDir   = "content"   // the Markdown
	TemplatesDir = "templates" // templates over the embedded ones
	StaticDir    = "static"    // files copied as they are, over the embedded ones
)

// InputDirs are the folders of a site a build reads, which no output may
// overlap and whose changes serve rebuilds on.
func InputDirs() []string { return []string{ContentDir, TemplatesDir, StaticDir} }

// The fixed output paths of a site. Every page and file is a slash path
// from the output folder's root; a folder's page is its index.html, so
// that file:// readers, which show no folder index, open every link.
const (
	HomePage     = "index.html"
	SearchPage   = "search/index.html"
	NotFoundPage = "404.html" // GitHub Pages serves it for every missing URL

	SearchIndex = "search-index.js" // a script, not JSON: file:// pages cannot fetch
	NoJekyll    = ".nojekyll"       // GitHub Pages: do not run Jekyll, which drops "_" files
	CNAME       = "CNAME"           // GitHub Pages: the custom domain
	Sitemap     = "sitemap.xml"
	Robots      = "robots.txt"

	// DownloadDir is the folder of the data files (CSV, JSON, XLSX, OSCAL).
	DownloadDir = "downloads"
	// SchemaDownload is the JSON Schema of the crosswalk JSON.
	SchemaDownload = DownloadDir + "/crosswalk.schema.json"
)

// GeneratedFiles are the files a build may write beside pages, static
// files and downloads; no page may claim their paths.
func GeneratedFiles() []string { return []string{SearchIndex, NoJekyll, CNAME, Sitemap, Robots} }

// The file name endings of a crosswalk's downloads, after its slug.
const (
	CSVEnding          = ".csv"
	JSONEnding         = ".json"
	XLSXEnding         = ".xlsx"
	OSCALMappingEnding = ".oscal-mapping.json"
	OSCALCatalogEnding = ".oscal-catalog.json"
)

// CrosswalkDownloadEndings lists a crosswalk's downloads in the order its
// page offers them.
func CrosswalkDownloadEndings() []string {
	return []string{CSVEnding, JSONEnding, XLSXEnding, OSCALMappingEnding}
}

// HasEnding reports whether the download named name has ending: ".json"
// is not the ending of the OSCAL files, which end in ".json" too.
func HasEnding(name, ending string) bool {
	if ending == JSONEnding {
		return strings.HasSuffix(name, JSONEnding) && !strings.HasSuffix(name, OSCALMappingEnding) && !strings.HasSuffix(name, OSCALCatalogEnding)
	}
	return strings.HasSuffix(name, ending)
}

// Slug turns an id into a path segment: lower case, with every run of
// characters other than letters and digits replaced by one "-"
// ("GOVERN 1.1" → "govern-1-1"). An id without letters or digits has the
// empty slug, which cannot be published.
func Slug(id string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(id) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	return b.String()
}

// FrameworkPage is the page of the framework with this id.
func FrameworkPage(frameworkID string) string { return "frameworks/" + frameworkID + "/" + HomePage }

// ElementPage is the page of an element that has a page of its own, by
// its framework's id and its own slug.
func ElementPage(frameworkID, elementSlug string) string {
	return "frameworks/" + frameworkID + "/" + elementSlug + "/" + HomePage
}

// CrosswalkPage is the page of the crosswalk with this id.
func CrosswalkPage(crosswalkID string) string {
	return "crosswalks/" + Slug(crosswalkID) + "/" + HomePage
}

// Crosswalk part pages, beside the crosswalk's page: a drill-down of a
// source element ("rows/<slug>/"), of a target element ("columns/<slug>/"),
// the records of a matrix cell ("cells/<row>--<column>/", each head's slug,
// with "_self" after it for the element alone: slugs hold neither "_" nor
// "--"), and the pages of the record table ("records/<n>/").
func CrosswalkRowPage(crosswalkID, elementSlug string) string {
	return "crosswalks/" + Slug(crosswalkID) + "/rows/" + elementSlug + "/" + HomePage
}

// CrosswalkColumnPage is the drill-down of a target element; see
// CrosswalkRowPage.
func CrosswalkColumnPage(crosswalkID, elementSlug string) string {
	return "crosswalks/" + Slug(crosswalkID) + "/columns/" + elementSlug + "/" + HomePage
}

// CrosswalkCellPage is the page of one matrix cell's records; rowSlug and
// columnSlug are its heads' CellSlug.
func CrosswalkCellPage(crosswalkID, rowSlug, columnSlug string) string {
	return "crosswalks/" + Slug(crosswalkID) + "/cells/" + rowSlug + "--" + columnSlug + "/" + HomePage
}

// CellsWithinID is the id of a drill-down's block of the cells within
// one head of the other side (the head's CellSlug): the records of the
// cell of the drill-down above whose row or column the drill-down opens.
func CellsWithinID(headSlug string) string { return "within-" + headSlug }

// CellSlug names a matrix head in a cell's path: the element's slug, with
// "_self" for the element alone.
func CellSlug(elementSlug string, self bool) string {
	if self {
		return elementSlug + "_self"
	}
	return elementSlug
}

// CrosswalkRecordsPage is page n (from 1) of a crosswalk's record table.
func CrosswalkRecordsPage(crosswalkID string, n int) string {
	return "crosswalks/" + Slug(crosswalkID) + "/records/" + strconv.Itoa(n) + "/" + HomePage
}

// CrosswalkGapsPage is the page of a crosswalk's gaps in one of its
// frameworks.
func CrosswalkGapsPage(crosswalkID, frameworkID string) string {
	return "crosswalks/" + Slug(crosswalkID) + "/gaps/" + Slug(frameworkID) + "/" + HomePage
}

// CrosswalkDownload is the path of one of a crosswalk's downloads, by its
// ending (CSVEnding, …).
func CrosswalkDownload(crosswalkID, ending string) string {
	return DownloadDir + "/" + Slug(crosswalkID) + ending
}

// IsCrosswalkDownload reports whether p is one of the crosswalk's downloads.
func IsCrosswalkDownload(p, crosswalkID string) bool {
	return strings.HasPrefix(p, DownloadDir+"/"+Slug(crosswalkID)+".")
}

// CatalogDownload is the path of a framework's OSCAL catalog.
func CatalogDownload(frameworkID string) string {
	return DownloadDir + "/" + frameworkID + OSCALCatalogEnding
}

// ContentPage returns the output path of an ordinary page: from its
// permalink when it has one, else from its file path below contentDir
// ("content/about/x.md" → "about/x/index.html", "content/_index.md" →
// "index.html").
func ContentPage(file, contentDir, permalink string) string {
	if permalink != "" {
		return PermalinkPage(permalink)
	}
	rel := strings.TrimSuffix(strings.TrimPrefix(file, contentDir+"/"), ".md")
	if path.Base(rel) == "_index" {
		rel = path.Dir(rel)
	}
	if rel == "." {
		return HomePage
	}
	return rel + "/" + HomePage
}

// PermalinkPage turns a site-root URL path into an output file path:
// "/a/b/" and "/a/b" → "a/b/index.html", "/a/b.html" → "a/b.html".
func PermalinkPage(u string) string {
	u = strings.Trim(u, "/")
	switch {
	case u == "":
		return HomePage
	case path.Ext(u) == ".html" || path.Ext(u) == ".xml" || path.Ext(u) == ".txt":
		return u
	}
	return u + "/" + HomePage
}

// CheckPermalink returns why p cannot be a permalink or an alias, or "":
// it is a site-root path ("/about/") of plain segments, so that it names
// the same file on every server and in a zip.
func CheckPermalink(p string) string {
	switch {
	case !strings.HasPrefix(p, "/"):
		return "must start with /"
	case strings.ContainsAny(p, "\\?#%:"):
		return "must not contain \\ ? # % or :"
	case strings.Contains(p, "//"):
		return "must not contain an empty segment (//)"
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == "." || seg == ".." {
			return "must not contain . or .. segments"
		}
	}
	return ""
}

// Rel returns the URL of the output file to as seen from the output file
// from, both slash paths from the site root: Rel("a/b/index.html",
// "c/index.html") is "../../c/index.html". Each segment is escaped, so the
// result is always a relative URL path that names a file: links work from
// file:// and under any GitHub Pages project prefix.
func Rel(from, to string) string {
	// The folders of from that to shares are skipped; each one after is
	// a "../". Computed on the strings themselves: a page has links by
	// the dozen, and splitting both paths for each was a tenth of
	// rendering a large site.
	dir, rest, ups := path.Dir(from), to, 0
	if dir == "." {
		dir = ""
	}
	for shared := true; dir != ""; {
		seg, tail, _ := strings.Cut(dir, "/")
		dir = tail
		if shared && len(rest) > len(seg) && rest[len(seg)] == '/' && rest[:len(seg)] == seg {
			rest = rest[len(seg)+1:]
			continue
		}
		shared = false
		ups++
	}
	var b strings.Builder
	b.Grow(3*ups + len(rest))
	for range ups {
		b.WriteString("../")
	}
	if plainPath(rest) {
		b.WriteString(rest)
		return b.String()
	}
	for i, s := range strings.Split(rest, "/") {
		if i > 0 {
			b.WriteByte('/')
		}
		// PathEscape keeps ":", which in a first segment would read as a
		// URL scheme ("a:b/index.html").
		b.WriteString(strings.ReplaceAll(url.PathEscape(s), ":", "%3A"))
	}
	return b.String()
}

// plainPath reports whether p holds only what a URL path carries as it
// is: ASCII letters and digits, "-", "_", ".", "~" and "/" (slugs do).
func plainPath(p string) bool {
	for i := 0; i < len(p); i++ {
		switch c := p[i]; {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '-', c == '_', c == '.', c == '~', c == '/':
		default:
			return false
		}
	}
	return true
}

// AnchorRel returns the URL of the anchor on the page to, as seen from the
// page from: just "#anchor" on the same page, the page's Rel URL when
// anchor is "".
func AnchorRel(from, to, anchor string) string {
	if anchor == "" {
		return Rel(from, to)
	}
	if to == from {
		return "#" + anchor
	}
	return Rel(from, to) + "#" + anchor
}

// Canonical turns an output path into the path a server shows for it:
// "a/index.html" → "a/", "index.html" → "". Folder URLs end in "/", as
// GitHub Pages serves them.
func Canonical(outputPath string) string {
	if outputPath == HomePage {
		return ""
	}
	return strings.TrimSuffix(outputPath, HomePage)
}
