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
//   - HeadingAnchors gives each top-level heading a "#" link to itself.
//   - Outline collects, once the tree is final (priority 1000, after the
//     footnote transformer at 999), the headings and ids of the document
//     for Convert's Result: the page's table of contents and the check of
//     links to #fragments read them there, not from the HTML.
//
// # Heading ids
//
// Every heading gets an id: all six levels, ATX and setext, wherever it
// stands (the top level, block quotes, list items, footnotes). The id is
// goldmark's parser.WithAutoHeadingID, made from the heading's source
// line as written: ASCII letters and digits lowercased, spaces, "-" and
// "_" as "-", anything else (punctuation, non-ASCII letters) dropped, so
// the letters of a link's destination or of an HTML tag count too;
// "heading" when nothing is left; an id already taken in the document
// gets "-1", "-2"… (## Scope, ## Scope → scope, scope-1). Only headings
// at the top level of the document get the "#" self-link. Result.Headings
// lists every heading with its level (render's table of contents shows
// levels 2 and 3); Result.IDs adds the footnotes' ids ("fnref:1",
// "fnref1:1" for a second reference, "fn:1") and, when raw HTML reaches
// the page (Options.UnsafeHTML), the id attributes written in it.
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
