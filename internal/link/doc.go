// Package link resolves a decoded site: it attaches element files to their
// parents, checks that ids are unique, gives every element, framework,
// crosswalk and page its output path, resolves every mapping record to
// the two elements it relates, and indexes mappings on both elements.
//
// This is the only place that looks across files, so it is where
// references are checked; each problem is reported at the key that holds
// the bad value. Indexes are built once per build (ids per framework, ids
// across frameworks, output paths, content files), so that rendering a
// page never scans all mappings or all elements. Output paths are stable:
// they derive from framework and element ids only (see
// docs/content-model.md), and every link written into a page is made
// relative to that page by layout.Rel.
package link
