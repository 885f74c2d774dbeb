// Package layout holds the rules for the names of the files a site is
// published as, once: which output paths are allowed (CheckName) and when
// two paths are the same file on some system (Fold). The link stage uses
// them to refuse a page that claims a path another page, static file or
// generated file already has, at the claim's position; every output (a
// folder, a zip, memory for serve and tests, and discard for check) applies
// CheckName again, so check, serve, -zip and build accept the same names.
// It imports nothing of the pipeline.
package layout
