package export

import "strings"

// linkable reports whether a URL of the content (a framework's url, a
// crosswalk's url, a source's url) is published in the data files. It is
// the rule of html/template, through which the pages link the same URLs
// (templates/framework.html, templates/crosswalk.html): a URL without a
// scheme, or whose scheme is http, https or mailto (any case), is linked;
// any other scheme, javascript:, vbscript:, data:, file: among them, is
// not: html/template writes "#ZgotmplZ" in its place. html/template keeps
// that rule unexported (isSafeURL in html/template/url.go), so it is
// written here once; internal/markdown empties links in Markdown by
// goldmark's html.IsDangerousURL, which lets data:image/… URLs through for
// images, and a url field names a document, never an image. The URL is
// read trimmed of surrounding spaces, as the OSCAL export writes it.
//
// The JSON writes "" for a URL that is not linkable, and OSCAL leaves out
// the link (an rlink's href is required) and the <URL> in its Markdown.
func linkable(u string) bool {
	u = strings.TrimSpace(u)
	if scheme, _, ok := strings.Cut(u, ":"); ok && !strings.Contains(scheme, "/") {
		return strings.EqualFold(scheme, "http") || strings.EqualFold(scheme, "https") || strings.EqualFold(scheme, "mailto")
	}
	return true
}

// publishedURL returns u when it is linkable, else "".
func publishedURL(u string) string {
	if linkable(u) {
		return u
	}
	return ""
}
