// Package markdown converts a page's Markdown prose to HTML with one
// goldmark instance per build, extended through goldmark's Extender API:
//
//   - CrossRef adds [[GOVERN 1.1]] / [[ai-verify:1.2.3]] / [[id|text]]
//     cross-references: an inline parser (priority 199, below goldmark's
//     link parser at 200 so it sees "[[" first), an AST transformer that
//     resolves each reference for the page being converted, and a renderer.
//   - Links rewrites the destinations of ordinary Markdown links and images
//     written as site-root paths ("/frameworks/…") or content files
//     ("../x.md") to page-relative URLs, and empties dangerous URLs
//     (javascript:, data:, …) in links, images and autolinks.
//   - HeadingAnchors gives each heading with an id a "#" link to itself.
//
// Parsers and renderers are stateless, so one Converter is shared by all
// pages rendered concurrently. What varies per page (how to resolve a
// reference, and the problems found) travels in the parser.Context, which
// goldmark creates per conversion: the Resolver goes in under resolverKey
// and unresolved references come back under problemsKey with their byte
// offset, which Convert turns into file:line:col with a line index built
// once per document (positions.go).
//
// Before goldmark sees a document, one linear scan (limits.go) checks it
// against the limits on indentation, nesting of block quotes and lists,
// nesting of brackets and the number of link reference definitions,
// beyond which goldmark's cost grows with the square of the input.
package markdown
