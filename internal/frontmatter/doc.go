// Package frontmatter is the one writer of YAML front matter: crosswalk
// import (importcsv) and the default content's converter
// (scripts/convert-shared-data) build their front matter as yaml.v3 nodes
// styled by its constructors and write it with Encode or File, and
// framework import is to, so that every file the project writes looks
// alike and reads back as written. The design is small on purpose.
// A document is a tree of yaml.Node values: Map, Seq, Key, Bool, Int and,
// for every string, Text, which picks the one style a string gets, as
// yaml.v3 marshals a Go string: plain when the plain text reads back as
// the same string; double-quoted when YAML 1.2 or 1.1 would read it as
// another type ("yes", "1.0", "1:20", "null") or it holds a tab or a
// control character; single-quoted (the emitter's choice) when plain text
// cannot hold it (": x", "#x", "a #b", a leading or trailing space); and
// a literal block (|- or |) for multi-line text a literal block holds
// exactly, double-quoted where it does not (a first line that starts with
// a space or tab or is empty, the line breaks CR, NEL, U+2028 and U+2029,
// and trailing blanks, which yaml.v3's emitter turns into quoting itself).
// Encode writes a node with yaml.v3 at an indent of two spaces and never
// folds lines, so block text stays block text and a value's text is found
// in the file as written; File adds the --- delimiters and the Markdown
// body. The tests hold the promise that parse(write(x)) == x: a fuzz test
// for any UTF-8 string, in a mapping and in a sequence of mappings, and a
// round trip over nested maps and sequences.
package frontmatter
