// Package linkcheck verifies the links of a built static site before it is
// published. Crosswalk output must work both when opened straight from disk
// (file://) and when served by GitHub Pages under an arbitrary path prefix
// (https://user.github.io/project/), so every internal link has to be a
// relative URL that names an existing file: root-relative ("/x") and
// protocol-relative ("//host/x") URLs break under both, directory URLs ("a/")
// only work where a server appends index.html, ".." must not climb above the
// site root, and assets (scripts, stylesheets, icons, images, media, frames,
// embedded objects, SVG sprites) must not be loaded from another host.
// [Check] tokenizes every .html file of an fs.FS exactly once with
// golang.org/x/net/html, collecting the ids and <a name> anchors of each page
// and every URL in href, src, srcset, poster, action, data and
// meta-refresh attributes; it then resolves each relative URL against its
// page's directory (ignoring the query, percent-decoding the path), requires
// the target file to exist and, when the target is an HTML page, requires the
// fragment to match one of its anchors. Links to other sites (http:, mailto:,
// tel:, ...) are not fetched, javascript: URLs are rejected, and data: URLs
// are accepted. Problems come back sorted by page and line so tests can
// compare them exactly.
package linkcheck
