// Package importoscal reads an OSCAL 1.x catalog in JSON into plain data
// (a catalog.Framework and its tree of Elements, each with its Level and,
// for a control enhancement, Section set) for catalog.Folder to write as
// a framework folder; it writes nothing itself.
//
// Read first decodes the whole file into a small tree of JSON values that
// keeps each value's byte offset, then reads the catalog from that tree
// with its own checks instead of decoding into structs, so that malformed
// JSON and every value of the wrong shape are reported at file:line:col
// (the column counted in characters), and all problems are reported at
// once as diag.Errors; a catalog with any problem yields no framework.
// Groups become elements of kind group, controls in a group or in the
// catalog kind control, and controls nested in a control kind
// enhancement. An element's Label is the catalog's own label prop (the
// one without a class, "AC-2", before the classed "AC-02"), shown as its
// id where present. The statement part gives the Statement and its items,
// each with its "a."/"1." label, kept as a nested list; every other part
// becomes a Field, labelled "Guidance" for the guidance part and
// otherwise by the part's title, its label prop without a class, or its
// name in title case ("assessment-objective" is "Assessment Objective";
// an 800-53A assessment method adds its method prop: "Assessment Method:
// Examine"), with the texts of its sub-parts, led by their labels, joined
// by blank lines, and parts of the same label merged in order. Withdrawn is the status prop
// "withdrawn". Links are the back-matter resources that the element links
// to by "#uuid" and that have an address; links to other controls are left
// to the importer.
//
// Parameters are collected from the whole catalog before any prose is
// read, and every "{{ insert: param, id }}" becomes the reading form that
// NIST's published SP 800-53 text uses (AC-1 in OSCAL's annotated 800-53
// example: "[Assignment: organization-defined personnel or roles]",
// "[Selection (one or more): Organization-level; …]"): a selection is
// "[Selection (one or more): a; b]" when how-many is one-or-more and
// "[Selection: a; b]" otherwise, its choices themselves rendered (choices
// may insert other parameters); an assignment is "[Assignment:
// organization-defined <label>]" for 800-53's organization-defined
// parameters (ids with "_odp"), the prefix left out when the label already
// begins with it (as 58 of the 800-53 labels do); other catalogs' labels
// are shown as they are ("[Assignment: a duration]" in basic-catalog.json),
// and a parameter without a label shows its first guideline's prose. A parameter given
// values (as a profile's set-parameters resolves it) is shown as its
// values joined by "; ", without brackets: it is no longer a placeholder
// for the organization to fill, and OSCAL's insert stands for the value
// once one is set. NIST's baselines publish no set values, so there is no
// NIST rendering of them to follow; FedRAMP's "[FedRAMP Assignment: …]"
// names a tailoring authority this package does not know. A reference to
// an unknown parameter is an error at the place of the insert, every one
// reported, and so is a parameter whose choices insert itself.
//
// Links in prose to the catalog's own fragments ("[AU-2](#au-2)") keep
// their text and lose their target, which no page of a site has; links to
// outside addresses are kept.
//
// Metadata: Publisher is the names of the parties with the role
// "publisher" and Creator those with "creator" (800-53 names its Joint
// Task Force as creator only, so its Publisher is empty); Published is
// the date of metadata.published and LastModified that of last-modified,
// neither standing in for the other; License is a metadata prop
// "license", a metadata link with rel "license", a back-matter resource
// with prop type=license, or a remarks sentence that starts with
// "Licensed under" or "License:", and otherwise empty (basic-catalog.json's remarks speak
// of copyright and fair use, which is not a licence); SourceURL is an
// absolute metadata link with rel "canonical" or "alternate", and
// otherwise empty (800-53's only link is its source profile's file
// name). Nothing is invented: what a catalog does not state stays empty.
package importoscal
