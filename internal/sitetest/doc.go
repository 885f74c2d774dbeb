// Package sitetest builds whole crosswalk sites held in memory, for the
// tests of the packages around the generator (build, render, scaffold,
// and later serve and the CLI), so that each does not keep its own copy
// of "write these files into a MemMapFs and run a build".
//
// A site is a map from relative slash paths ("content/about.md",
// "templates/page.html") to file contents: maps are easy to write inline,
// to read from a txtar fixture (Txtar, ReadTxtar) or from a folder
// (ReadTree), and to vary per test case (With), and they are never
// changed once handed over. Source turns one into the read-only
// afero.Fs that build.Config takes. Every path must be an io/fs path
// (fs.ValidPath, and no backslash): afero.MemMapFs holds "/a.md" and
// "a.md" as two different files and only the relative one is what the
// generator reads, so Source refuses a leading "/" rather than building
// a site that silently lacks the file. Build runs a whole build into
// write.Memory and returns the output files by path, failing the test if
// the site does not build; Check runs one that writes nothing and
// returns the problems' text, as an author would see it. FS and File
// read the output (FS gives it to linkcheck.Check); the HTML helpers
// (Parse, Find, Text, MainText, Attr, HasClass) let a test assert on what
// a reader sees of a page rather than on its exact markup. The package
// does not import linkcheck: one test-only package may not import
// another (layering_test.go).
//
// The package imports internal/build, so tests of build and render that
// use it must be external test packages (package build_test,
// package render_test).
package sitetest
