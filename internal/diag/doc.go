// Package diag carries build diagnostics: a source Position and an Error
// that prints compiler-style as "path:line:col: message".
//
// Every stage of the pipeline reports problems into a List instead of
// returning at the first one, so that a single run shows an author all
// the mistakes in a site at once. The List is safe for concurrent use
// because pages are rendered in parallel, and its Err method returns the
// errors sorted by position so that output is the same on every run.
//
// Each Error also records its kind, the format its message was made from
// with the verbs shown as "…", so that a long list can end with a count
// per kind of problem (Errors.Summary).
package diag
