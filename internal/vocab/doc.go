// Package vocab holds the controlled words of the content model, once:
// relationship vocabularies (the OSCAL 1.2 / NIST IR 8477 set-theory
// default, vocabularies a crosswalk declares, and "not stated"), record
// and crosswalk statuses, the OSCAL provenance values a crosswalk may
// state, and the "did you mean" hint every unknown-value message ends
// with. model decodes front matter against it, importcsv validates
// tables with it, render words counterparts with it and export writes
// what each term means in CSV, JSON and OSCAL; none of them repeats a
// value or a rule. It imports nothing of the pipeline, so every stage may
// use it.
package vocab
