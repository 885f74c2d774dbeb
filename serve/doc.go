// Package serve is the engine of "crosswalk serve": a preview server that
// builds the site, serves it, and rebuilds it whenever a file under the
// site's content/, templates/ or static/ folder changes.
//
// Every build goes into a fresh in-memory file system (afero.MemMapFs), not
// to disk: a preview never touches public/ or any other folder, a half
// finished build is never visible, and swapping builds is one pointer
// under a lock. The server keeps the last good build and swaps a new one
// in only when it succeeds, so a typo leaves the previous site on screen
// while its errors (path:line:col: message, as the CLI prints them) go to
// the log and to the open pages.
//
// Pages learn about builds over Server-Sent Events
// (<prefix>__crosswalk/events): "reload" after a good build, "error" with
// the errors as JSON after a failed one, a comment line every 15 s to keep
// the connection open. SSE is one long GET answered by net/http alone: no
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
// percent-encoded. Names are then joined to the build's root and checked to
// stay under it. Only GET and HEAD are answered (405 otherwise); every
// response is Cache-Control: no-store. Listening on a loopback address (the
// default, 127.0.0.1:1313), the server answers only requests whose Host is
// localhost or a loopback address, which defeats DNS rebinding; listening
// on any other address prints a warning, since the preview is then
// reachable from other machines.
package serve
