// Package importcsv turns a mapping table (CSV, as the site exports it or
// as a spreadsheet saves it) into a crosswalk's Markdown file.
//
// Import is the inverse of the CSV export: Read takes the columns of
// export.Columns, in any order and under loosely written headings ("Source
// ID" reads as source_id; Options.Columns names other headings), and checks
// every row against the frameworks the table refers to, as the link stage
// would check the crosswalk file. It reports every problem at once, each
// at FILE:ROW:COLUMN, where ROW is the line on which the record starts and
// COLUMN the 1-based number of the field, so that a spreadsheet user can
// find the cell; a table with any problem yields no records. A row that
// repeats an earlier row exactly is not a problem: Read keeps the first
// and returns a notice naming both rows. Write then
// renders the records as front matter with yaml.v3 nodes: an existing
// file keeps its crosswalk block (keys, order, comments and quoting as
// written), its other keys and its Markdown body byte for byte, and only
// its mappings are replaced. Mappings are written as the repository's
// converter writes them (2-space indentation, keys in the order source,
// target, relationship, rationale, evidence, basis, status, references,
// empty optional keys left out, multi-line text in literal blocks, strings
// that YAML would read as something else quoted), so that export → import
// → build → export gives the same CSV byte for byte. A record's status is
// written only when it differs from the crosswalk's status, which it
// defaults to. Write decodes what it wrote before returning it and fails
// rather than return a file that does not read back as the records.
//
// Import is bounded: Read takes at most MaxRecords rows of records, and
// Write refuses a table without records (which would empty the crosswalk)
// and a file longer than a content file may be (source.MaxFileSize).
package importcsv
