// Package export writes frameworks and crosswalks as data: the crosswalk
// as CSV, JSON (with a JSON Schema) and Excel, each framework as an OSCAL
// catalog and each crosswalk as an OSCAL 1.2.1 mapping-collection.
//
// Every build publishes these files under downloads/, and `crosswalk
// export` writes them on their own. All formats are made from the same
// Records, in crosswalk file order, so every format holds every record
// with the same relationship, and each record carries its two elements'
// data from the frameworks (title, label, statement, level and labelled
// fields; see Record). The JSON and the Excel workbook also list every
// element of both frameworks. Output is deterministic: no clock is read
// (dates come from the content: a framework's published date, and for a
// crosswalk the later of its two frameworks') and OSCAL UUIDs are name-based (version 5)
// from the framework, crosswalk and element ids, so they are stable
// across builds and change only when what they name changes.
package export
