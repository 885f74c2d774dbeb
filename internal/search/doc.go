// Package search builds the site's offline search index: one document per
// element, framework, crosswalk and page, written as a JavaScript file that
// assigns a global (search-index.js). A script, unlike JSON read with
// fetch, loads from file://, where fetch, workers, ES modules and
// WebAssembly are all refused; the browser-side search (static/search.js)
// indexes these documents with the vendored MiniSearch library when the
// search page opens. URLs are relative to the site root, so the search
// page prefixes them with its own path to the root.
package search
