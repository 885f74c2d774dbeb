// Package catalog is a framework as plain data (Framework, Element),
// which the importers read from the formats publishers use (importoscal
// from OSCAL catalogs, importcsv from tables), and the one place that
// decides how such a framework is kept as Markdown: Folder writes the
// folder content/frameworks/<id>/ through internal/frontmatter.
//
// Layout. IndexFile holds the framework block and the levels; each level
// is named by its elements' Level ("family", "control", "control
// enhancement"; "level N" when the source names none) and has pages
// unless all its elements are sections (800-53's enhancements, which
// NIST prints on their control's page). Every element with a page of its
// own has a file, as a person would keep them: a top-level element
// "<slug>.md", a deeper one "<slug of its top-level element>/<slug>.md"
// with a parent key; elements shown as sections are nested in their
// page's file under children. Each file carries the element's place among
// its siblings as its weight, since files are otherwise read in path
// order ("b-10.md" before "b-2.md"). Keys are written only when the
// source states a value: number (the publisher's displayed id, when it
// differs from the id), title, level_name (when it differs from its
// level's name), withdrawn, statement, items, fields, references.
//
// Re-import keeps what people wrote, and refuses rather than lose it. The
// data keys above (and id, parent, weight, children) come from the source
// again; every other key of an existing element (aliases, page, …; on
// nested elements too) and a file's Markdown body are kept, matched by
// element id, so prose follows an element to a new file. The framework
// file keeps its body, its other keys, its levels when it declares as
// many as the source has, and its values of the metadata the source does
// not state (a catalog that names no publisher keeps the publisher given
// at the first import). Folder refuses, naming each: an element the
// source no longer has that carries prose or keys of its own, prose about
// an element that becomes a section of another file, prose in a file it
// cannot attribute to an element, an element defined twice; and in the
// source, an id without letters or digits, two ids of one slug, and items
// nested deeper than model.MaxItemDepth. An element without prose or keys
// of its own whose element is gone is dropped. All problems come at once,
// and then no file.
package catalog
