package catalog

import (
	"cmp"
	"fmt"
	"path"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/crosswalk-ssg/crosswalk/internal/diag"
	"github.com/crosswalk-ssg/crosswalk/internal/frontmatter"
	"github.com/crosswalk-ssg/crosswalk/internal/layout"
	"github.com/crosswalk-ssg/crosswalk/internal/model"
	"github.com/crosswalk-ssg/crosswalk/internal/source"
)

// IndexFile is the framework file of a framework folder.
const IndexFile = "_index.md"

// Folder returns the Markdown files of fw's framework folder
// (content/frameworks/<fw.ID>/), by slash path relative to the folder:
// IndexFile and the element files, as the package documentation
// describes. existing are the folder's current Markdown files as
// source.ReadDir reads them (paths relative to the site), nil for a new
// framework; from names the imported file in a new framework's prose.
//
// Every problem is returned at once as diag.Errors, and then no file:
// metadata that neither the source nor the existing framework file states,
// two elements whose files would have the same name, an existing file
// that cannot be read, and prose an author wrote in a file that the import
// would drop (the element is gone from the source, or is now a section of
// another element's file).
func Folder(fw *Framework, existing []*source.File, from string) (map[string][]byte, error) {
	w := &folder{fw: fw, from: from, files: map[string][]byte{}, old: map[string]*oldElement{}, ids: map[string]bool{}}
	for _, f := range existing {
		w.read(f)
	}
	w.checkIDs()
	w.levels = levelsOf(fw)
	w.index()
	for i, e := range fw.Elements {
		w.element(e, e, nil, 0, i+1)
	}
	w.lost()
	if err := w.errs.Err(); err != nil {
		return nil, err
	}
	return w.files, nil
}

// folder is the state of one Folder.
type folder struct {
	fw        *Framework
	from      string
	levels    []level
	files     map[string][]byte
	indexFile *source.File
	old       map[string]*oldElement // the existing files' elements, by id
	ids       map[string]bool        // the source's element ids
	byFile    map[string]string      // output path → the id written there
	errs      diag.List
}

// oldElement is an element an existing file defines: at its top, or
// nested under children.
type oldElement struct {
	file *source.File
	node *yaml.Node // its mapping
	top  bool       // the file's own element, whose prose the file's body is
}

// pos is where the element is defined.
func (o *oldElement) pos() diag.Position {
	if o.top {
		return o.file.Pos()
	}
	return diag.Position{File: o.file.Path, Line: o.node.Line, Col: o.node.Column}
}

// hasProse reports whether the element has Markdown prose of its own.
func (o *oldElement) hasProse() bool { return o.top && !blank(o.file.Body) }

// authorKeys are the keys of the element that the import does not write.
func (o *oldElement) authorKeys() []string {
	var out []string
	for i := 0; i+1 < len(o.node.Content); i += 2 {
		if k := o.node.Content[i].Value; !slices.Contains(importedElementKeys, k) {
			out = append(out, k)
		}
	}
	return out
}

// level is one level of the framework as Folder writes it.
type level struct {
	name string
	page bool
}

// importedElementKeys are the element keys that Folder writes from the
// source; an existing element's other keys (aliases, page, …) are the
// author's and are kept, on nested elements too.
var importedElementKeys = []string{"id", "parent", "number", "title", "level_name", "withdrawn", "statement", "items", "fields", "references", "weight", "children"}

// importedFrameworkKeys are the keys of the framework block that Folder
// writes from the source; when the source leaves one empty, the existing
// file's value is kept.
var importedFrameworkKeys = []string{"id", "title", "version", "publisher", "published", "url", "license", "ids"}

func (w *folder) read(f *source.File) {
	if path.Base(f.Path) == IndexFile && path.Dir(f.Path) == path.Join(layout.ContentDir, "frameworks", w.fw.ID) {
		w.indexFile = f
		return
	}
	if f.FrontMatter == nil {
		if !blank(f.Body) {
			w.errs.Add(f.Pos(), "this file has prose but no front matter with an element id; import cannot tell whose prose it is (move it, then import again)")
		}
		return
	}
	w.readElement(f, f.FrontMatter, true)
}

// readElement registers the element of mapping n in file f, and the
// elements nested in it.
func (w *folder) readElement(f *source.File, n *yaml.Node, top bool) {
	if n.Kind != yaml.MappingNode {
		return // not an element; the site's own check reports it
	}
	e := &oldElement{file: f, node: n, top: top}
	id := ""
	if v := frontmatter.Get(n, "id"); v != nil && v.Kind == yaml.ScalarNode {
		id = v.Value
	}
	switch prev := w.old[id]; {
	case id == "":
		w.errs.Add(e.pos(), "this element has no id; import cannot tell which element it is (fix or remove it, then import again)")
		return
	case prev != nil:
		w.errs.Add(e.pos(), "element %q is defined twice, here and at %s; import cannot tell whose prose and keys to keep (remove one, then import again)", id, prev.pos())
		return
	}
	w.old[id] = e
	if c := frontmatter.Get(n, "children"); c != nil && c.Kind == yaml.SequenceNode {
		for _, cn := range c.Content {
			w.readElement(f, cn, false)
		}
	}
}

// checkIDs reports source ids that cannot be published: one with no
// letters or digits (its page would have no name), two that publish under
// the same name, and statement items nested deeper than the model reads.
func (w *folder) checkIDs() {
	bySlug := map[string]*Element{}
	var itemDepth func(its []Item) int
	itemDepth = func(its []Item) int {
		d := 0
		for _, it := range its {
			d = max(d, 1+itemDepth(it.Items))
		}
		return d
	}
	w.fw.Walk(func(e *Element) {
		w.ids[e.ID] = true
		slug := layout.Slug(e.ID)
		switch prev := bySlug[slug]; {
		case slug == "":
			w.errs.Add(e.Pos, "id %q has no letters or digits, so its page would have no name; give the element an id with some", e.ID)
		case prev != nil:
			w.errs.Add(e.Pos, "ids %q and %q both publish as %q: a site tells ids apart by their letters and digits, not by case or punctuation; give one another id", prev.ID, e.ID, slug)
		default:
			bySlug[slug] = e
		}
		if d := itemDepth(e.StatementItems); d > model.MaxItemDepth {
			w.errs.Add(e.Pos, "the statement of %q nests its items %d levels deep; a site reads at most %d", e.ID, d, model.MaxItemDepth)
		}
	})
}

// levelsOf names the framework's levels by depth: each the Level of the
// first element at that depth ("level N" when the source names none),
// and pages for every level but one whose elements are all sections.
func levelsOf(fw *Framework) []level {
	var out []level
	var walk func(es []*Element, depth int)
	walk = func(es []*Element, depth int) {
		for _, e := range es {
			if depth == len(out) {
				out = append(out, level{name: cmp.Or(e.Level, fmt.Sprintf("level %d", depth+1)), page: depth == 0})
			}
			if !e.Section {
				out[depth].page = true
			}
			walk(e.Children, depth+1)
		}
	}
	walk(fw.Elements, 0)
	return out
}

// index writes IndexFile: the framework block from the source, over the
// existing file's, and the levels, unless the existing file declares as
// many levels (an author may have renamed them or their plurals).
func (w *folder) index() {
	var root, block *yaml.Node
	body := fmt.Sprintf("Imported with `crosswalk import` from `%s`.\n", path.Base(strings.ReplaceAll(w.from, "\\", "/")))
	if w.indexFile != nil {
		body = string(w.indexFile.Body)
		if w.indexFile.FrontMatter != nil {
			root = w.indexFile.FrontMatter
			block = frontmatter.Get(root, "framework")
		}
	}
	if root == nil {
		root = frontmatter.Map()
	}
	if block == nil || block.Kind != yaml.MappingNode {
		block = frontmatter.Map()
		frontmatter.Set(root, "framework", block)
	}
	fw := w.fw
	stated := map[string]string{
		"id": fw.ID, "title": fw.Title, "version": fw.Version, "publisher": fw.Publisher,
		"published": fw.Published, "url": fw.SourceURL, "license": fw.License, "ids": fw.IDs,
	}
	for _, k := range importedFrameworkKeys {
		if v := stated[k]; v != "" {
			frontmatter.Set(block, k, frontmatter.Text(v))
		}
	}
	if fw.IDs == "publisher" {
		frontmatter.Set(block, "ids", nil) // the default: no key
	}
	var missing []string
	for _, k := range []string{"title", "version", "publisher", "url", "license"} {
		if v := frontmatter.Get(block, k); v == nil || strings.TrimSpace(v.Value) == "" {
			missing = append(missing, k)
		}
	}
	if len(missing) > 0 {
		w.errs.Add(diag.Position{File: w.from}, "the source states no %s for the framework, and no framework file gives one: give %s (every quoted statement is attributed with them; import does not invent them)",
			strings.Join(missing, ", "), flagList(missing))
	}
	if lv := frontmatter.Get(root, "levels"); lv == nil || lv.Kind != yaml.SequenceNode || len(lv.Content) != len(w.levels) {
		var levels []*yaml.Node
		for _, l := range w.levels {
			levels = append(levels, frontmatter.Map(
				frontmatter.Key("name"), frontmatter.Text(l.name),
				frontmatter.Key("plural"), frontmatter.Text(Plural(l.name)),
				frontmatter.Key("page"), frontmatter.Bool(l.page)))
		}
		frontmatter.Set(root, "levels", frontmatter.Seq(levels...))
	}
	w.write(IndexFile, root, body)
}

// flagList names the import flags that give the missing metadata.
func flagList(keys []string) string {
	var out []string
	for _, k := range keys {
		out = append(out, "-"+k)
	}
	return strings.Join(out, ", ")
}

// element writes e's file when it has one of its own (a top-level
// element, or one at a level with pages that is not a section) and
// returns nil then; otherwise it returns e's node, to nest in the file of
// its nearest ancestor that has one. root is e's top-level ancestor.
//
// An element with a file of its own gets its place among its siblings,
// nth, as its weight, since files are otherwise ordered by path
// ("ac-10.md" before "ac-2.md").
func (w *folder) element(e, root, parent *Element, depth, nth int) *yaml.Node {
	own := depth == 0 || (depth < len(w.levels) && w.levels[depth].page && !e.Section)
	n := w.node(e, depth)
	if own && parent != nil {
		n.Content = slices.Insert(n.Content, 2, frontmatter.Key("parent"), frontmatter.Text(parent.ID))
	}
	if own {
		n.Content = append(n.Content, frontmatter.Key("weight"), frontmatter.Int(nth))
	}
	var children []*yaml.Node
	for i, c := range e.Children {
		if cn := w.element(c, root, e, depth+1, i+1); cn != nil {
			children = append(children, cn)
		}
	}
	if len(children) > 0 {
		n.Content = append(n.Content, frontmatter.Key("children"), frontmatter.Seq(children...))
	}
	old := w.old[e.ID]
	if old != nil {
		keepAuthorKeys(n, old.node)
	}
	if !own {
		if old != nil && old.hasProse() {
			w.errs.Add(old.pos(), "this file's prose is about %q, which the import makes a section of its parent's file; move the prose to the parent's file, then import again", e.ID)
		}
		return n
	}
	name := layout.Slug(e.ID) + ".md"
	if depth > 0 {
		name = layout.Slug(root.ID) + "/" + name
	}
	if w.byFile == nil {
		w.byFile = map[string]string{}
	}
	if _, dup := w.byFile[name]; dup {
		return nil // two ids of one slug, reported by checkIDs
	}
	w.byFile[name] = e.ID
	body := ""
	if old != nil && old.top {
		body = string(old.file.Body)
	}
	w.write(name, n, body)
	return nil
}

// node is e's front matter from the source, without parent and children.
func (w *folder) node(e *Element, depth int) *yaml.Node {
	kv := []*yaml.Node{frontmatter.Key("id"), frontmatter.Text(e.ID)}
	add := func(k string, v *yaml.Node) { kv = append(kv, frontmatter.Key(k), v) }
	if e.Label != "" && e.Label != e.ID {
		add("number", frontmatter.Text(e.Label))
	}
	if e.Title != "" {
		add("title", frontmatter.Text(e.Title))
	}
	if e.Level != "" && depth < len(w.levels) && e.Level != w.levels[depth].name {
		add("level_name", frontmatter.Text(e.Level))
	}
	if e.Withdrawn {
		add("withdrawn", frontmatter.Bool(true))
	}
	if e.Section && depth < len(w.levels) && w.levels[depth].page {
		// A section at a level whose other elements have pages (a
		// catalog that nests enhancements beside controls).
		add("page", frontmatter.Bool(false))
	}
	if e.Statement != "" {
		add("statement", frontmatter.Text(e.Statement))
	}
	if len(e.StatementItems) > 0 {
		add("items", items(e.StatementItems))
	}
	if e.Title == "" && e.Statement == "" && len(e.StatementItems) == 0 {
		// The model asks every element for a title or a statement; an
		// OSCAL control may have neither (a withdrawn one), and then its
		// displayed id is its title.
		add("title", frontmatter.Text(e.DisplayID()))
	}
	var fs []*yaml.Node
	for _, f := range e.Fields {
		if strings.TrimSpace(f.Text) == "" {
			continue // a part without prose (OSCAL allows it) says nothing to show
		}
		fs = append(fs, frontmatter.Map(frontmatter.Key("label"), frontmatter.Text(f.Label), frontmatter.Key("text"), frontmatter.Text(f.Text)))
	}
	if len(fs) > 0 {
		add("fields", frontmatter.Seq(fs...))
	}
	if len(e.Links) > 0 {
		var rs []*yaml.Node
		for _, l := range e.Links {
			r := frontmatter.Map(frontmatter.Key("title"), frontmatter.Text(cmp.Or(l.Title, l.Href)))
			if l.Href != "" {
				r.Content = append(r.Content, frontmatter.Key("url"), frontmatter.Text(l.Href))
			}
			rs = append(rs, r)
		}
		add("references", frontmatter.Seq(rs...))
	}
	return frontmatter.Map(kv...)
}

func items(its []Item) *yaml.Node {
	var out []*yaml.Node
	for _, it := range its {
		n := frontmatter.Map()
		if it.Label != "" {
			n.Content = append(n.Content, frontmatter.Key("label"), frontmatter.Text(it.Label))
		}
		n.Content = append(n.Content, frontmatter.Key("text"), frontmatter.Text(it.Text))
		if len(it.Items) > 0 {
			n.Content = append(n.Content, frontmatter.Key("items"), items(it.Items))
		}
		out = append(out, n)
	}
	return frontmatter.Seq(out...)
}

// keepAuthorKeys appends to n the keys of the existing element old that
// the import does not write (aliases, page, …), in order, but for a key n
// has already.
func keepAuthorKeys(n, old *yaml.Node) {
	for i := 0; i+1 < len(old.Content); i += 2 {
		k := old.Content[i].Value
		if !slices.Contains(importedElementKeys, k) && frontmatter.Get(n, k) == nil {
			n.Content = append(n.Content, old.Content[i], old.Content[i+1])
		}
	}
}

// lost reports the existing elements that the source no longer has and
// that carry what an author wrote: prose, or keys of their own (aliases
// are old URLs that would stop redirecting). Elements without either are
// dropped.
func (w *folder) lost() {
	ids := make([]string, 0, len(w.old))
	for id := range w.old {
		if !w.ids[id] {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids) // for a fixed order; the list sorts by position
	for _, id := range ids {
		o := w.old[id]
		var what []string
		if o.hasProse() {
			what = append(what, "prose")
		}
		if keys := o.authorKeys(); len(keys) > 0 {
			what = append(what, "the keys "+strings.Join(keys, ", "))
		}
		if len(what) > 0 {
			w.errs.Add(o.pos(), "%q, which %s no longer has, has %s that an author wrote; import would lose it: move or delete it, then import again", id, path.Base(w.from), strings.Join(what, " and "))
		}
	}
}

func (w *folder) write(name string, fm *yaml.Node, body string) {
	data, err := frontmatter.File(fm, body)
	if err != nil {
		w.errs.Add(diag.Position{File: name}, "cannot write the front matter: %v", err)
		return
	}
	if len(data) > source.MaxFileSize {
		w.errs.Add(diag.Position{File: name}, "the file would be %d bytes; a content file may be at most %d MB", len(data), source.MaxFileSize>>20)
		return
	}
	w.files[name] = data
}

func blank(b []byte) bool { return strings.TrimSpace(string(b)) == "" }

// Plural is the plural of a level name, in English: "family" →
// "families", "process check" → "process checks".
func Plural(name string) string {
	switch {
	case name == "":
		return ""
	case strings.HasSuffix(name, "y") && len(name) > 1 && !strings.ContainsRune("aeiou", rune(name[len(name)-2])):
		return name[:len(name)-1] + "ies"
	case strings.HasSuffix(name, "s"), strings.HasSuffix(name, "x"), strings.HasSuffix(name, "ch"), strings.HasSuffix(name, "sh"):
		return name + "es"
	}
	return name + "s"
}
