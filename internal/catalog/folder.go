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
	w := &folder{fw: fw, from: from, files: map[string][]byte{}, old: map[string]*oldElement{}}
	for _, f := range existing {
		w.read(f)
	}
	w.levels = levelsOf(fw)
	w.index()
	for i, e := range fw.Elements {
		w.element(e, e, nil, 0, i+1)
	}
	w.lostProse()
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
	old       map[string]*oldElement // the existing element files' top elements, by id
	written   map[string]bool        // ids whose prose Folder carried over
	byFile    map[string]string      // output path → the id written there
	errs      diag.List
	withBody  map[string]*oldElement // existing files with prose, by path
}

// oldElement is an element that an existing file defines at its top.
type oldElement struct {
	file *source.File
	fm   *yaml.Node // the file's front matter
}

// level is one level of the framework as Folder writes it.
type level struct {
	name string
	page bool
}

// importedElementKeys are the element keys that Folder writes from the
// source; an existing file's other keys (aliases, page, …) are the
// author's and are kept.
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
	o := source.NewObject(f.Path, f.FrontMatter, &diag.List{})
	id := o.String("id")
	if id == "" {
		w.errs.Add(f.Pos(), "this element file has no id; import cannot tell which element it holds (fix or remove it, then import again)")
		return
	}
	w.old[id] = &oldElement{file: f, fm: f.FrontMatter}
	if !blank(f.Body) {
		if w.withBody == nil {
			w.withBody = map[string]*oldElement{}
		}
		w.withBody[f.Path] = w.old[id]
	}
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
	ids := ""
	if fw.SiteIDs {
		ids = "site"
	}
	stated := map[string]string{
		"id": fw.ID, "title": fw.Title, "version": fw.Version, "publisher": fw.Publisher,
		"published": fw.Published, "url": fw.SourceURL, "license": fw.License, "ids": ids,
	}
	for _, k := range importedFrameworkKeys {
		if v := stated[k]; v != "" {
			frontmatter.Set(block, k, frontmatter.Text(v))
		}
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
	if !own {
		if old := w.old[e.ID]; old != nil && !blank(old.file.Body) {
			w.errs.Add(old.file.Pos(), "this file's prose is about %q, which the import makes a section of its parent's file; move the prose to the parent's file, then import again", e.ID)
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
	if prev, dup := w.byFile[name]; dup {
		w.errs.Add(e.Pos, "elements %q and %q would both be written to %s: their ids differ only in case or punctuation", prev, e.ID, name)
		return nil
	}
	w.byFile[name] = e.ID
	body := ""
	if old := w.old[e.ID]; old != nil {
		body = string(old.file.Body)
		w.keepAuthorKeys(n, old.fm)
		if w.written == nil {
			w.written = map[string]bool{}
		}
		w.written[e.ID] = true
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

// keepAuthorKeys appends to n the keys of the existing front matter old
// that the import does not write (weight, aliases, page, …), in order.
func (w *folder) keepAuthorKeys(n, old *yaml.Node) {
	for i := 0; i+1 < len(old.Content); i += 2 {
		if k := old.Content[i].Value; !slices.Contains(importedElementKeys, k) {
			n.Content = append(n.Content, old.Content[i], old.Content[i+1])
		}
	}
}

// lostProse reports the existing files with prose whose element the
// source no longer has.
func (w *folder) lostProse() {
	ids := map[string]bool{}
	w.fw.Walk(func(e *Element) { ids[e.ID] = true })
	paths := make([]string, 0, len(w.withBody))
	for p := range w.withBody {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	for _, p := range paths {
		old := w.withBody[p]
		id := source.NewObject(p, old.fm, &diag.List{}).String("id")
		if w.written[id] || ids[id] {
			continue // carried over, or reported as made a section
		}
		w.errs.Add(old.file.Pos(), "this file has prose about %q, which %s no longer has; import would lose it: move the prose elsewhere or delete it, then import again", id, path.Base(w.from))
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
