// Package build builds a crosswalk site. Build runs the pipeline in
// its stages, each a package with one job and imports pointing one way:
//
//	load    source  read content/*.md, split and decode front matter
//	model   model   decode files into frameworks, elements, crosswalks, pages
//	link    link    resolve ids and mappings, place every page at its URL
//	render  render  Markdown (one goldmark instance) and templates, in parallel;
//	        search  the offline search index
//	write   write   into a temporary folder, swapped in only on success
//
// Problems from every stage go to one diag.List, so an author sees all of
// them at once; if there are any, nothing is written. All file access goes
// through the afero.Fs values in Config, so tests build whole sites in
// memory. Templates and static files come from the theme overlay: the
// site's own templates/ and static/ files over the defaults embedded in
// the binary.
package build
