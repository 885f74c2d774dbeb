package source

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"github.com/crosswalk-ssg/crosswalk/internal/diag"
	"github.com/spf13/afero"
	"gopkg.in/yaml.v3"
)

// Limits on what one content file may hold; beyond them the file is
// reported, not read, so that a mistaken or hostile file cannot exhaust
// memory or the stack.
const (
	MaxFileSize = 10 << 20 // bytes, unless the reader asks for more (ReadDirFunc)
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
	return (*Cache)(nil).ReadDir(fsys, dir, errs)
}

// MB is a mebibyte, the unit size limits are stated in.
const MB = 1 << 20

// sizeMB states a size limit: "10 MB", or "0.5 MB" for one that is not
// a whole number of them.
func sizeMB(n int64) string {
	if n%MB == 0 {
		return strconv.FormatInt(n/MB, 10) + " MB"
	}
	return strconv.FormatFloat(float64(n)/MB, 'f', 1, 64) + " MB"
}

// ReadDir is source.ReadDir through the cache: a file whose size and
// modification time are those it had when c parsed it, and that Forget
// has not named since, is not read again; its problems are reported again
// as they were. A nil Cache parses every file. The files a walk no longer
// finds leave the cache. While watched (SetWatched), ReadDir walks dir only when Rescan
// asked for it (or a file Forget named is gone): otherwise it lists the
// files of the last walk, reading again only those Forget named.
func (c *Cache) ReadDir(fsys afero.Fs, dir string, errs *diag.List) ([]*File, error) {
	return c.ReadDirFunc(fsys, dir, 0, errs, nil)
}

// ReadDirFunc is ReadDir, reading files of up to maxSize bytes
// (MaxFileSize when maxSize < 1; a site with a crosswalk of a quarter of a
// million records needs more), and handing each file it parses to parsed
// (when not nil), in the walk's order, on one goroutine, as soon as it and
// the files before it are parsed, while at most readAhead files further
// on are; a file the cache had is not handed out again. A client can so
// decode a large file and let go of its parsed front matter while the
// other files are read, rather than hold every file's at once.
func (c *Cache) ReadDirFunc(fsys afero.Fs, dir string, maxSize int64, errs *diag.List, parsed func(*File)) ([]*File, error) {
	if maxSize < 1 {
		maxSize = MaxFileSize
	}
	if files, ok := c.relist(fsys, dir, maxSize, errs, parsed); ok {
		return files, nil
	}
	var files []*File
	var paths []string     // the files read, in order
	var walkErrs diag.List // the problems of the paths that are no file to read
	seen := map[string]cached{}
	// The files are read and parsed by readers beside the walk, in order
	// of the walk up to a window ahead (readAhead), and taken in that
	// order here: the site's ten thousand small files parse on every
	// core, while a crosswalk file's front matter, the one large thing,
	// is parsed alone (largeFile) and handed to parsed (and let go) as
	// soon as it is taken.
	order := make(chan chan read, readAhead)
	taken := make(chan struct{})
	go func() {
		defer close(taken)
		for next := range order {
			r := <-next
			if !r.ok {
				continue
			}
			if r.fresh {
				handOut(parsed, r.entry.file, r.large)
			}
			seen[r.rel] = r.entry
			paths = append(paths, r.rel)
			errs.Append(r.entry.errs)
			if r.entry.file != nil {
				files = append(files, r.entry.file)
			}
		}
	}()
	var large sync.RWMutex // a large file is parsed alone: write-locked
	readers := make(chan func(), readAhead)
	var reading sync.WaitGroup
	for range max(runtime.GOMAXPROCS(0), 1) {
		reading.Go(func() {
			for read := range readers {
				read()
			}
		})
	}
	err := afero.Walk(fsys, dir, func(p string, info fs.FileInfo, err error) error {
		rel := path.Clean(strings.ReplaceAll(p, "\\", "/"))
		if err != nil {
			if rel == dir {
				return err
			}
			walkErrs.Add(diag.Position{File: rel}, "cannot read: %v", unwrapPathError(err))
			return nil
		}
		if rel != dir && Skipped(info.Name()) {
			if info.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if info.IsDir() && info.Mode()&fs.ModeSymlink == 0 {
			return nil
		}
		done := make(chan read, 1)
		order <- done
		readers <- func() {
			isLarge := info.Size() > largeFile
			if isLarge {
				large.Lock()
				defer large.Unlock()
			} else {
				large.RLock()
				defer large.RUnlock()
			}
			entry, fresh, ok := c.entry(fsys, p, rel, info, maxSize, &walkErrs)
			done <- read{rel: rel, entry: entry, fresh: fresh, ok: ok, large: isLarge}
		}
		return nil
	})
	close(readers)
	reading.Wait()
	close(order)
	<-taken
	errs.Append(walkErrs.Err())
	c.keep(seen, &listing{dir: dir, paths: paths, errs: walkErrs.Err()})
	return files, err
}

// readAhead is how many files ReadDirFunc reads ahead of the one it
// takes next; largeFile is the size from which a file is parsed alone,
// with no other file beside it: a large crosswalk's front matter is most
// of a build's peak memory while it is parsed (about 100 MB at 50,000
// records), and small files parsed beside it raised TestBuildScaleMemory's
// median peak from about 180 to 227 MiB.
const (
	readAhead = 64
	largeFile = 1 << 20
)

// handOut hands a file parsed anew to ReadDirFunc's parsed, if both are
// there. When parsed lets a large file's tree go (a crosswalk's, once
// decoded), the tree is collected now, so that it does not set the heap's
// next goal: a collection that ends while the tree and what was decoded
// from it are both live doubles them, and the build's peak rose from
// about 180 to 240 MiB at 50,000 records, one run in three.
func handOut(parsed func(*File), f *File, large bool) {
	if f == nil || parsed == nil {
		return
	}
	parsed(f)
	if large && f.FrontMatter == nil {
		runtime.GC()
	}
}

// read is what reading one file of a walk gave (Cache.entry).
type read struct {
	rel   string
	entry cached
	fresh bool // parsed now, not found in the cache
	ok    bool
	large bool // over largeFile
}

// entry returns what reading the file at p (rel, described by info)
// gives: what c has of it, or a new parse (fresh, which the caller hands
// to ReadDirFunc's parsed). ok is false, with the problem added to
// problems, for a path that is not a Markdown file to read, or one of
// more than maxSize bytes. Safe for concurrent use.
func (c *Cache) entry(fsys afero.Fs, p, rel string, info fs.FileInfo, maxSize int64, problems *diag.List) (e cached, fresh, ok bool) {
	switch {
	case info.Mode()&fs.ModeSymlink != 0:
		problems.Add(diag.Position{File: rel}, "symbolic links are not followed; copy the file into the site instead")
	case !info.Mode().IsRegular():
		// A named pipe or a device would block or never end.
		problems.Add(diag.Position{File: rel}, "%s, not a file; content/ holds only Markdown files", fileKind(info.Mode()))
	case path.Ext(info.Name()) != ".md":
		problems.Add(diag.Position{File: rel}, "not a Markdown file: content/ holds only .md files (put other files in static/)")
	case info.Size() > maxSize:
		problems.Add(diag.Position{File: rel}, "file is %.1f MB; a content file may be at most %s (-max-file-mb raises the limit)", float64(info.Size())/MB, sizeMB(maxSize))
	default:
		if entry, ok := c.lookup(rel, info); ok {
			return entry, false, true
		}
		data, err := afero.ReadFile(fsys, p)
		if err != nil {
			problems.Add(diag.Position{File: rel}, "cannot read: %v", unwrapPathError(err))
			return cached{}, false, false
		}
		var fileErrs diag.List
		f := Parse(rel, data, &fileErrs)
		return cached{size: info.Size(), mod: info.ModTime(), file: f, errs: fileErrs.Err()}, true, true
	}
	return cached{}, false, false
}

// relist lists the files of c's last walk of dir again, when c is
// watched and no Rescan came since, reading again those Forget named.
// ok is false when dir must be walked: a file named is no longer one to
// read (removed, replaced by a folder), and Rescan should have come.
func (c *Cache) relist(fsys afero.Fs, dir string, maxSize int64, errs *diag.List, parsed func(*File)) (files []*File, ok bool) {
	if c == nil {
		return nil, false
	}
	c.mu.Lock()
	l := c.listing
	watched := c.watched
	c.mu.Unlock()
	if !watched || l == nil || l.dir != dir {
		return nil, false
	}
	seen := make(map[string]cached, len(l.paths))
	var found diag.List // the files' problems, reported once it is done
	for _, rel := range l.paths {
		c.mu.Lock()
		entry, ok := c.files[rel]
		c.mu.Unlock()
		if !ok {
			info, err := lstat(fsys, rel)
			if err != nil {
				return nil, false
			}
			var problems diag.List
			var fresh bool
			if entry, fresh, ok = c.entry(fsys, rel, rel, info, maxSize, &problems); !ok {
				return nil, false
			}
			if fresh {
				handOut(parsed, entry.file, info.Size() > largeFile)
			}
		}
		seen[rel] = entry
		found.Append(entry.errs)
		if entry.file != nil {
			files = append(files, entry.file)
		}
	}
	errs.Append(found.Err(), l.errs)
	c.keep(seen, l)
	return files, true
}

// lstat describes the file at name without following a symbolic link,
// where fsys can tell.
func lstat(fsys afero.Fs, name string) (fs.FileInfo, error) {
	if l, ok := fsys.(afero.Lstater); ok {
		info, _, err := l.LstatIfPossible(name)
		return info, err
	}
	return fsys.Stat(name)
}

// Cache holds the files ReadDir parsed, so that reading a site again
// ("crosswalk serve" after an edit) parses only the files that changed.
// A File is not changed by the stages that read it, so one parse serves
// any number of builds. Safe for concurrent use.
type Cache struct {
	mu    sync.Mutex
	files map[string]cached // by slash path relative to the site folder
	// forgotten are the paths Forget named since the last walk ended: a
	// walk under way may have read them before the edit.
	forgotten map[string]bool
	// listing is what the last walk found; watched says whether it can
	// stand for a new walk (SetWatched), until Rescan.
	listing *listing
	watched bool
}

// listing is what one walk of a folder found: the files read, in order,
// and the problems of the paths that were no file to read.
type listing struct {
	dir   string
	paths []string
	errs  error
}

// SetWatched tells c whether every change to the folder it reads will be
// named to it: an edited file with Forget, anything else (a file made,
// removed or renamed, a folder, an event lost) with Rescan. While it is,
// ReadDir walks the folder only after Rescan: "crosswalk serve" watches
// the site, and a walk of 10,000 files is a fifth of its work after an
// edit.
func (c *Cache) SetWatched(watched bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.watched = watched
}

// Rescan makes the next ReadDir walk the folder.
func (c *Cache) Rescan() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.listing = nil
}

// cached is one parsed file and what parsing it reported.
type cached struct {
	size int64
	mod  time.Time
	file *File // nil when the file could not be parsed
	errs error
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{files: map[string]cached{}, forgotten: map[string]bool{}} }

// Forget makes ReadDir read the files at these paths (slash, relative to
// the site folder) again, whatever their size and time say: an edit that
// keeps a file's size within the file system's clock tick keeps both.
func (c *Cache) Forget(paths ...string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, p := range paths {
		delete(c.files, p)
		c.forgotten[p] = true
	}
}

// lookup returns the entry for rel if it is still that of the file info
// describes.
func (c *Cache) lookup(rel string, info fs.FileInfo) (cached, bool) {
	if c == nil {
		return cached{}, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.files[rel]
	return e, ok && e.size == info.Size() && e.mod.Equal(info.ModTime())
}

// keep replaces the cache's entries with those one reading saw, and its
// listing with l.
func (c *Cache) keep(seen map[string]cached, l *listing) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for p := range c.forgotten {
		delete(seen, p)
	}
	c.files, c.forgotten, c.listing = seen, map[string]bool{}, l
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

// Skipped reports whether ReadDir skips a file or folder of this name:
// a name that starts with "." or an editor's backup or temporary file.
func Skipped(name string) bool {
	return strings.HasPrefix(name, ".") || editorTemp(name)
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

// delimiters are the front matter formats crosswalk accepts, by the
// line that opens them: those of Hugo and Jekyll (and of adrg/frontmatter,
// which crosswalk used before), less the bare "{ … }" JSON form, which
// would take a Markdown body that starts with a brace for front matter.
var delimiters = []delimiter{
	{"---", "---", "yaml"},
	{"---yaml", "---", "yaml"},
	{"+++", "+++", "toml"},
	{"---toml", "---", "toml"},
	{";;;", ";;;", "json"},
	{"---json", "---", "json"},
}

type delimiter struct{ open, close, format string }

// split is a file cut at its front matter delimiters.
type split struct {
	format   string // "yaml", "toml", "json"; "" without front matter
	open     string // the opening delimiter, "" without one
	openLine int    // its line (1-based)
	closed   bool   // a closing delimiter was found
	data     []byte // the front matter: the lines between the delimiters
	body     []byte // everything after the closing delimiter's line
	bodyLine int    // the line body starts on
}

// splitFrontMatter cuts data at its front matter delimiters. The
// opening delimiter is the first line that is not blank, white space
// around it ignored. The closing one is the first later line that is
// exactly the closing delimiter, at column 1, followed by nothing but
// spaces, tabs or a carriage return: an indented "---" belongs to the
// front matter, as in a YAML block scalar ("text: |" and an indented
// line "---"), which the line would otherwise have cut short.
func splitFrontMatter(data []byte) split {
	s := split{body: data, bodyLine: 1}
	pos, line := 0, 1 // the first line that is not blank
	for pos < len(data) && len(bytes.TrimSpace(data[pos:lineEnd(data, pos)])) == 0 {
		pos, line = lineEnd(data, pos), line+1
	}
	if pos == len(data) {
		return s
	}
	text := bytes.TrimSpace(data[pos:lineEnd(data, pos)])
	i := slices.IndexFunc(delimiters, func(d delimiter) bool { return string(text) == d.open })
	if i < 0 {
		return s // the file starts with Markdown
	}
	d := delimiters[i]
	s.open, s.openLine = d.open, line
	start := lineEnd(data, pos)
	for pos = start; pos < len(data); {
		end := lineEnd(data, pos)
		if string(bytes.TrimRight(data[pos:end], " \t\r\n")) == d.close {
			s.format, s.closed, s.data, s.body = d.format, true, data[start:pos], data[end:]
			s.bodyLine = bytes.Count(data[:end], []byte("\n")) + 1
			return s
		}
		pos = end
	}
	return s
}

// lineEnd returns the offset just after the line that starts at pos:
// after its "\n", or the end of data.
func lineEnd(data []byte, pos int) int {
	if i := bytes.IndexByte(data[pos:], '\n'); i >= 0 {
		return pos + i + 1
	}
	return len(data)
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
	sp := splitFrontMatter(data)
	if sp.open != "" && !sp.closed {
		errs.Add(diag.Position{File: name, Line: sp.openLine, Col: 1}, "front matter opened by %q is never closed", sp.open)
		return nil
	}
	if sp.format == "" {
		return f
	}
	openLine := sp.openLine
	f.Format, f.Start = sp.format, openLine
	// The body is copied out of data so that the file's bytes are freed
	// once its front matter is decoded: a crosswalk's front matter may be
	// megabytes, while its page's prose is kept until the page renders.
	f.Body, f.BodyLine = bytes.Clone(sp.body), sp.bodyLine
	node, err := decode(sp.format, sp.data)
	// yaml.v3 (which also reads JSON) counts lines its own way.
	var lines *yamlLines
	if sp.format != "toml" {
		lines = newYAMLLines(sp.data)
	}
	if err != nil {
		for _, e := range positioned(err) {
			line, col := max(e.line, 1), e.col
			if lines != nil && !e.counted {
				line, col = lines.pos(line, col)
			}
			errs.Add(diag.Position{File: name, Line: openLine + line, Col: col}, "invalid %s front matter: %s", strings.ToUpper(sp.format), e.msg)
		}
		return nil
	}
	if node == nil {
		return f
	}
	placeNodes(node, openLine, openLine+bytes.Count(sp.data, []byte("\n")), lines) // the line before the closing delimiter
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
				return nil, &posError{line: line, col: col, msg: se.Error(), counted: true}
			}
			return nil, err
		}
	}
	if format == "yaml" && len(data) >= chunkedFrom {
		if root, ok := decodeChunked(data); ok {
			return root, nil
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

// placeNodes turns front-matter-relative lines (and columns) into the
// file's: shifted by the opening delimiter's line, and for YAML and JSON
// mapped through lines.
func placeNodes(n *yaml.Node, openLine, lastLine int, lines *yamlLines) {
	if lines != nil {
		n.Line, n.Column = lines.pos(n.Line, n.Column)
	}
	n.Line += openLine
	if n.Line > lastLine && lastLine > openLine {
		// yaml.v3 puts an empty value ("? " with nothing after it) on the
		// line after its key, which may be the closing delimiter's: the
		// value is where its key is, at the end of the front matter.
		n.Line, n.Column = lastLine, 1
	}
	for _, c := range n.Content {
		placeNodes(c, openLine, lastLine, lines)
	}
}

// yamlLines maps the lines yaml.v3 counts in front matter to the
// file's. yaml.v3 ends a line at LF, CR, CRLF, NEL, LS and PS; crosswalk,
// like goldmark and most editors, at LF only. So that a lone CR in front
// matter does not put every later position on the wrong line (or past the
// end of the file), each of yaml.v3's lines is mapped to the file line it
// lies on and the characters of that line before it.
type yamlLines struct {
	line []int // yaml line i (0-based) is on front matter line line[i] (0-based)
	col  []int // after col[i] characters of it
}

func newYAMLLines(data []byte) *yamlLines {
	m := &yamlLines{line: []int{0}, col: []int{0}}
	line, col := 0, 0
	for i := 0; i < len(data); {
		n := 0 // length of the line break at i
		switch c := data[i]; {
		case c == '\r' && i+1 < len(data) && data[i+1] == '\n':
			n = 2
		case c == '\r' || c == '\n':
			n = 1
		case c == 0xc2 && i+1 < len(data) && data[i+1] == 0x85:
			n = 2 // NEL
		case c == 0xe2 && i+2 < len(data) && data[i+1] == 0x80 && (data[i+2] == 0xa8 || data[i+2] == 0xa9):
			n = 3 // LS, PS
		}
		if n == 0 {
			if data[i]&0xc0 != 0x80 {
				col++
			}
			i++
			continue
		}
		i += n
		if data[i-1] == '\n' {
			line, col = line+1, 0
		} else {
			col++ // the break is a character of the file's line
		}
		m.line, m.col = append(m.line, line), append(m.col, col)
	}
	return m
}

// pos maps yaml.v3's 1-based line and column (0: unknown) to the front
// matter's (line 1 is the one after the opening delimiter). A line past
// the end is taken as the last.
func (m *yamlLines) pos(line, col int) (int, int) {
	if line < 1 {
		return line, col // not from yaml.v3
	}
	i := min(line-1, len(m.line)-1)
	if col > 0 {
		col += m.col[i]
	}
	return m.line[i] + 1, col
}

type posError struct {
	line, col int
	msg       string
	counted   bool // line counted by LF, as the file's are (not by yaml.v3)
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
