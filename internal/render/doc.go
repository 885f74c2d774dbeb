// Package render turns linked documents into HTML pages with html/template.
//
// Templates are read from the theme overlay (the site's templates/ over
// the embedded defaults) and named by their path, so an error reads
// "templates/element.html:12:5". Each page kind is rendered by the most
// specific template that exists, as in Hugo: the page's layout key, then
// templates/<section>/<kind>.html, then templates/<kind>.html, all framed
// by templates/baseof.html and able to call templates/_partials/*.html.
//
// Templates receive a *Page. What a page shows that needs computing (the
// counterparts of an element in both directions, their roll-up onto a
// parent, a crosswalk's matrix and gaps) is computed here in Go from the
// link stage's indexes, so templates stay declarative, and every URL a
// template writes comes from a Page method that makes it relative to the
// page. Pages are rendered concurrently by a fixed pool of workers; the
// output of each page depends on nothing but the site, so the bytes are
// the same on every run.
package render
