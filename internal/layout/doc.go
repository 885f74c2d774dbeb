// Package layout is the URL layout of a site, written once: where every
// page and file is published, and how one page links to another. It
// holds the slug of an id (Slug), the page paths (FrameworkPage,
// ElementPage, CrosswalkPage, ContentPage, PermalinkPage and the fixed
// HomePage, SearchPage, NotFoundPage), the download names
// (CrosswalkDownload and its endings, CatalogDownload, SchemaDownload),
// the generated files (GeneratedFiles), relative and canonical links
// (Rel, AnchorRel, Canonical), the sitemap and robots.txt, and the rules
// for output names (CheckName, which paths any system can hold, and
// Fold, when two paths are the same file on some system). Every link is
// relative and names a file ("../x/index.html"), so a site works from
// file:// and under any GitHub Pages prefix. link places pages with it,
// render writes links with it, export names downloads with it, build
// makes the sitemap with it and every output checks names with it. It
// imports nothing of the pipeline, so every stage may use it.
package layout
