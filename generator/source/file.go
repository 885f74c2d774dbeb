package source

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"github.com/adrg/frontmatter"
	"github.com/crosswalk-ssg/crosswalk/generator/diag"
	"github.com/spf13/afero"
	"gopkg.in/yaml.v3"
)

// Limits on what one content file may hold; beyond them the file is
// reported, not read, so that a mistaken or hostile file cannot exhaust
// memory or the stack.
const (
	MaxFileSize = 10 << 20 // bytes
	MaxNesting  = 32       // levels of lists and mappings in front matter
)

// File is one Markdown file of the site, split and decoded.
type File struct {
	Path        string     // slash path relative to the site folder, e.g. "content/about.md"
	FrontMatter *yaml.Node // a mapping node, or nil when the file has no front matter
	Format      string     // "yaml", "toml", "json", or "" without front matter
	Start       int        // line of the opening delimiter (1-based), 0 without front matter
	Body        []byte     // the Markdown after the front matter
	BodyLine    int        // file line on which Body starts
}

// Pos returns the position of the front matter (its opening delimiter),
// or of the file's first line when there is none.
func (f *File) Pos() diag.Position {
	return diag.Position{File: f.Path, Line: max(f.Start, 1), Col: 1}
}

// ReadDir reads every Markdown file under dir (a slash path relative to
// the root of fsys) in lexical order. Problems with single files are added
// to errs; the returned error reports only a failure to walk dir at all.
// Files and folders whose name starts with "." are skipped, and so are
// editors' backup and swap files.
func ReadDir(fsys afero.Fs, dir string, errs *diag.List) ([]*File, error) {
	var files []*File
	err := afero.Walk(fsys, dir, func(p string, info fs.FileInfo, err error) error {
		rel := path.Clean(strings.ReplaceAll(p, "\\", "/"))
		if err != nil {
			if rel == dir {
				return err
			}
			errs.Add(diag.Position{File: rel}, "cannot read: %v", unwrapPathError(err))
			return nil
		}
		name := info.Name()
		if rel != dir && (strings.HasPrefix(name, ".") || editorTemp(name)) {
			if info.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		switch {
		case info.Mode()&fs.ModeSymlink != 0:
			errs.Add(diag.Position{File: rel}, "symbolic links are not followed; copy the file into the site instead")
		case info.IsDir():
		case !info.Mode().IsRegular():
			// A named pipe or a device would block or never end.
			errs.Add(diag.Position{File: rel}, "%s, not a file; content/ holds only Markdown files", fileKind(info.Mode()))
		case path.Ext(name) != ".md":
			errs.Add(diag.Position{File: rel}, "not a Markdown file: content/ holds only .md files (put other files in static/)")
		case info.Size() > MaxFileSize:
			errs.Add(diag.Position{File: rel}, "file is %.1f MB; a content file may be at most %d MB", float64(info.Size())/(1<<20), MaxFileSize>>20)
		default:
			data, err := afero.ReadFile(fsys, p)
			if err != nil {
				errs.Add(diag.Position{File: rel}, "cannot read: %v", unwrapPathError(err))
				return nil
			}
			if f := Parse(rel, data, errs); f != nil {
				files = append(files, f)
			}
		}
		return nil
	})
	return files, err
}

// fileKind names a file that is not a regular file or a folder.
func fileKind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "a special file"
}

// editorTemp reports whether name is an editor's backup or temporary
// file (emacs "x.md~" and "#x.md#", vim "x.md.swp" and its "4913" probe),
// which an author never means as content.
func editorTemp(name string) bool {
	switch {
	case strings.HasSuffix(name, "~"), name == "4913",
		strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"):
		return true
	}
	switch path.Ext(name) {
	case ".swp", ".swo", ".swx", ".tmp":
		return true
	}
	return false
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// captured receives the raw front matter from adrg/frontmatter, so that
// decoding (with positions) happens here.
type captured struct {
	format string
	data   []byte
}

func capture(format string) frontmatter.UnmarshalFunc {
	return func(data []byte, v any) error {
		c := v.(*captured)
		c.format, c.data = format, data
		return nil
	}
}

// formats are the front matter delimiters crosswalk accepts: the defaults
// of adrg/frontmatter, less the bare "{ … }" JSON form, which would take a
// Markdown body that starts with a brace for front matter.
var formats = []*frontmatter.Format{
	frontmatter.NewFormat("---", "---", capture("yaml")),
	frontmatter.NewFormat("---yaml", "---", capture("yaml")),
	frontmatter.NewFormat("+++", "+++", capture("toml")),
	frontmatter.NewFormat("---toml", "---", capture("toml")),
	frontmatter.NewFormat(";;;", ";;;", capture("json")),
	frontmatter.NewFormat("---json", "---", capture("json")),
}

var utf8BOM = []byte("\ufeff")

// Parse splits data into front matter and body and decodes the front
// matter. Errors are added to errs; Parse returns nil when the file cannot
// be used at all.
func Parse(name string, data []byte, errs *diag.List) *File {
	// A byte order mark would hide the opening delimiter from the splitter.
	data = bytes.TrimPrefix(data, utf8BOM)
	f := &File{Path: name, Body: data, BodyLine: 1}
	if !utf8.Valid(data) {
		bad := 0
		for bad < len(data) {
			r, size := utf8.DecodeRune(data[bad:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			bad += size
		}
		line := bytes.Count(data[:bad], []byte("\n")) + 1
		col := utf8.RuneCount(data[bytes.LastIndexByte(data[:bad], '\n')+1:bad]) + 1
		errs.Add(diag.Position{File: name, Line: line, Col: col}, "not valid UTF-8 (byte 0x%02x); save the file as UTF-8", data[bad])
		return nil
	}
	var c captured
	rest, err := frontmatter.Parse(bytes.NewReader(data), &c, formats...)
	if err != nil {
		errs.Add(f.Pos(), "cannot read front matter: %v", err)
		return nil
	}
	open, openLine := openingDelimiter(data)
	if c.format == "" {
		if open != "" {
			errs.Add(diag.Position{File: name, Line: openLine, Col: 1}, "front matter opened by %q is never closed", open)
			return nil
		}
		return f
	}
	f.Format, f.Start = c.format, openLine
	f.Body = rest
	f.BodyLine = bytes.Count(data[:len(data)-len(rest)], []byte("\n")) + 1
	node, err := decode(c.format, c.data)
	if err != nil {
		for _, e := range positioned(err) {
			errs.Add(diag.Position{File: name, Line: openLine + max(e.line, 1), Col: e.col}, "invalid %s front matter: %s", strings.ToUpper(c.format), e.msg)
		}
		return nil
	}
	if node == nil {
		return f
	}
	shiftLines(node, openLine)
	if deep := tooDeep(node, 0); deep != nil {
		errs.Add(diag.Position{File: name, Line: deep.Line, Col: deep.Column}, "front matter is nested more than %d levels deep", MaxNesting)
		return nil
	}
	if node.Kind != yaml.MappingNode {
		errs.Add(diag.Position{File: name, Line: node.Line, Col: node.Column}, "front matter must be a mapping of keys to values, found %s", describe(node))
		return nil
	}
	f.FrontMatter = node
	return f
}

// openingDelimiter returns the first non-blank line of data, when it is a
// front matter delimiter, and its line number.
func openingDelimiter(data []byte) (string, int) {
	for i, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		for _, f := range formats {
			if line == f.Start {
				return line, i + 1
			}
		}
		return "", 0
	}
	return "", 0
}

// decode returns the document's root node, or nil for empty front matter.
// Line numbers count from 1 at the first line after the opening delimiter.
func decode(format string, data []byte) (*yaml.Node, error) {
	switch format {
	case "toml":
		var m map[string]any
		if _, err := toml.Decode(string(data), &m); err != nil {
			return nil, err
		}
		if len(m) == 0 {
			return nil, nil
		}
		n := &yaml.Node{}
		if err := n.Encode(m); err != nil {
			return nil, err
		}
		// Encoded nodes have no positions; place them all at line 1.
		setLines(n, 0)
		return n, nil
	case "json":
		if len(bytes.TrimSpace(data)) > 0 && !json.Valid(data) {
			var v any
			err := json.Unmarshal(data, &v)
			var se *json.SyntaxError
			if errors.As(err, &se) {
				line := bytes.Count(data[:se.Offset], []byte("\n")) + 1
				col := int(se.Offset) - bytes.LastIndexByte(data[:se.Offset], '\n') - 1
				return nil, &posError{line: line, col: col, msg: se.Error()}
			}
			return nil, err
		}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, err
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return nil, nil
	}
	root := doc.Content[0]
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return nil, nil
	}
	return root, nil
}

func setLines(n *yaml.Node, line int) {
	n.Line, n.Column = line, 0
	for _, c := range n.Content {
		setLines(c, line)
	}
}

// tooDeep returns the first node nested deeper than MaxNesting, or nil.
func tooDeep(n *yaml.Node, depth int) *yaml.Node {
	if depth > MaxNesting {
		return n
	}
	for _, c := range n.Content {
		if d := tooDeep(c, depth+1); d != nil {
			return d
		}
	}
	return nil
}

// shiftLines turns front-matter-relative lines into file lines.
func shiftLines(n *yaml.Node, by int) {
	n.Line += by
	for _, c := range n.Content {
		shiftLines(c, by)
	}
}

type posError struct {
	line, col int
	msg       string
}

func (e *posError) Error() string { return e.msg }

var (
	yamlLine = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)
	tomlLine = regexp.MustCompile(`line (\d+)(?:, column (\d+))?`)
)

// positioned splits a decoder error into messages with front-matter
// relative lines, as the decoders report them.
func positioned(err error) []posError {
	var pe *posError
	if errors.As(err, &pe) {
		return []posError{*pe}
	}
	var te toml.ParseError
	if errors.As(err, &te) {
		return []posError{{line: te.Position.Line, col: te.Position.Col, msg: te.Message}}
	}
	var ye *yaml.TypeError
	if errors.As(err, &ye) {
		var out []posError
		for _, m := range ye.Errors {
			out = append(out, splitYAML(m))
		}
		return out
	}
	msg := err.Error()
	if m := tomlLine.FindStringSubmatch(msg); m != nil && !strings.HasPrefix(msg, "yaml:") {
		line, _ := strconv.Atoi(m[1])
		col, _ := strconv.Atoi(m[2])
		return []posError{{line: line, col: col, msg: msg}}
	}
	return []posError{splitYAML(msg)}
}

func splitYAML(msg string) posError {
	msg = strings.TrimSpace(msg)
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		// yaml.v3 prints parser errors that carry a context mark (an
		// unclosed flow sequence or mapping, a missing key) with the
		// mark's 0-based line; its other errors are 1-based.
		if strings.HasPrefix(m[2], "did not find expected") && m[2] != "did not find expected node content" {
			line++
		}
		return posError{line: line, msg: m[2]}
	}
	return posError{msg: strings.TrimPrefix(msg, "yaml: ")}
}

// describe names a node's kind for error messages.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return describe(n.Alias)
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "nothing"
		}
		return fmt.Sprintf("%q", n.Value)
	}
	return "an unknown value"
}
