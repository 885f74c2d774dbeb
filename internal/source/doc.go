// Package source reads a site's Markdown files: it splits each file into
// front matter and body and decodes the front matter into a yaml.Node
// tree whose line and column numbers are those of the file itself.
//
// Splitting is done here (splitFrontMatter): the closing delimiter is a
// line that is exactly the delimiter at column 1, so an indented "---" in
// a YAML block scalar stays in the front matter. Decoding is done here too,
// so that every value keeps its position. YAML and JSON front matter are
// decoded with gopkg.in/yaml.v3 (JSON is a subset of YAML 1.2), which
// records the line and column of every key and value. TOML is decoded with
// BurntSushi/toml and converted to the same tree; its values carry the
// line of the front matter's opening delimiter, as TOML decoders do not
// report key positions. Later stages read the tree through Object, which
// records type errors and unknown keys at their positions in a diag.List
// rather than stopping at the first one. Front matter of a megabyte or
// more (a large crosswalk's records) is parsed in pieces on every core,
// a run of its largest top-level sequence's items each, and put together
// into the tree the whole parse gives, positions included (chunk.go);
// anything the pieces cannot be sure of is parsed whole.
//
// All file access goes through an afero.Fs rooted at the site folder, with
// slash-separated relative paths, so tests run on afero.NewMemMapFs.
package source
