// Package scaffold writes a new crosswalk site: the engine of
// "crosswalk new DIR".
//
// The site is embedded from the site/ folder next to this file: a README,
// a home page with its site: block, two small fictional frameworks, a
// draft crosswalk between them and one ordinary page. It uses the
// templates and static files built into the binary, so it has no
// templates/ or static/ folder, and it builds and passes "crosswalk check"
// as written. Its tests build it, check its links and keep
// .github/workflows/pages.yml consistent with the README.
package scaffold
