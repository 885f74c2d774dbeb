// Package serve is the engine of "crosswalk serve": a preview server that
// reads the site, serves it, and reads it again whenever a file under the
// site's content/, templates/ or static/ folder changes.
//
// A build here is build.Open: the phases before rendering, through one
// build.Cache kept for the server's life, so that after an edit only the
// changed files are parsed and decoded and the site is linked anew. Pages
// are rendered when they are asked for (build.Live.File), with the
// renderer a build uses: what the server shows is what "crosswalk build"
// writes, and nothing is written anywhere, so a preview never touches
// public/ or any other folder. Rendering on request is what makes an edit
// cheap: one page, not every page. The watcher names the paths it saw
// change (Cache.Forget), which catches an edit that keeps a file's size
// and time, and waits 25 ms for an editor's save to settle.
//
// What only a whole build finds (a link to a #fragment no page has, a
// template that fails on one page) and the files around the pages (the
// data files, the search index, the sitemap) come from the check,
// build.Live.Check, which runs in the background a second after the last
// change, on one core, and is stopped by the next change before that
// change is opened, so that the two do not share the cores (it stops
// within a page, or a few hundred rows of a data file). Pages that offer
// downloads, and those files, wait for it. The server keeps the site
// being served and the last site that passed its check: a change that
// does not open (a typo in front matter) leaves the site on screen, and
// that site's check starts again if it had not ended;
// a change that opens is served at once, and if its check then fails, the
// last good site is served again. Either way the errors (path:line:col:
// message, as the CLI prints them) go to the log and to the open pages.
// Swapping sites is one pointer under a lock.
//
// Pages learn about builds over Server-Sent Events
// (<prefix>__crosswalk/events): "reload" when a site is served, "error"
// with the errors as JSON after a failed build or check, a comment line
// every 15 s to keep the connection open. SSE is one long GET answered by net/http alone: no
// WebSocket dependency, and the browser's EventSource reconnects by itself
// when the server restarts. Streams end when the client goes or the server
// shuts down, so a shutdown never waits for them.
//
// The script that listens (<prefix>__crosswalk/reload.js, embedded) is
// injected into HTML responses only, right before </body>, as they are
// served: the built files stay clean, and "crosswalk build" output is the
// same bytes as always. It reloads the page, or shows an overlay listing
// the errors, built with DOM calls and textContent (no eval, no inline
// handlers, no HTML from the server).
//
// The site is served under a prefix ("/" or "/repo/") as GitHub Pages
// serves a project site: "a/" is a/index.html, "a" (a folder) redirects to
// "a/", a missing file is the site's 404.html (or a plain 404), anything
// outside the prefix is 404. Paths are refused (400), not cleaned, when
// they are not clean and plain: an encoded slash or backslash, a
// backslash, a NUL, an empty, "." or ".." segment, written out or
// percent-encoded. Names are then looked up among the site's own files
// (its pages, static files and generated files), never on a disk, so no
// request can reach anything else. Only GET and HEAD are answered (405 otherwise); every
// response is Cache-Control: no-store. Listening on a loopback address (the
// default, 127.0.0.1:1313), the server answers only requests whose Host is
// localhost or a loopback address, which defeats DNS rebinding; listening
// on any other address prints a warning, since the preview is then
// reachable from other machines.
package serve
