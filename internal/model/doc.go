// Package model defines what a crosswalk site is made of (frameworks and
// their element hierarchies, crosswalks of mapping records, and ordinary
// pages) and decodes source files into it.
//
// Decoding (Decode) is strict for structured content: frameworks,
// elements and crosswalks reject unknown keys, and every value keeps the
// position it was read from so that the link stage can report a bad
// reference at the key that holds it. Decode only checks what a single
// file can show; whether ids exist, are unique, or agree across files is
// the link stage's job. The relationship vocabulary is the set-theory one
// of OSCAL 1.2 control mappings and NIST IR 8477, read as "source
// RELATIONSHIP target".
package model
