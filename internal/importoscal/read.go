package importoscal

import (
	"cmp"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/crosswalk-ssg/crosswalk/internal/catalog"

	"github.com/crosswalk-ssg/crosswalk/internal/diag"
)

// ReadFile reads the OSCAL catalog at path; see Read.
func ReadFile(path string) (*catalog.Framework, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("failed to read OSCAL catalog: %w", err)
	}
	return Read(path, data)
}

// Read reads an OSCAL 1.x catalog in JSON. name is the file name that
// errors are reported against. On any problem it returns no framework and
// a diag.Errors listing every problem found, each at name:line:col.
func Read(name string, data []byte) (*catalog.Framework, error) {
	r := &reader{name: name, data: data, params: map[string]*param{}, ids: map[string]bool{}}
	root, err := parseTree(data)
	if err != nil {
		se := err.(*syntaxError)
		r.errorf(se.off, "%s", se.msg)
		return nil, r.errs.Err()
	}
	f := r.catalog(root)
	if err := r.errs.Err(); err != nil {
		return nil, err
	}
	return f, nil
}

type reader struct {
	name   string
	data   []byte
	errs   diag.List
	params map[string]*param
	res    map[string]catalog.Link // back-matter resources by uuid
	ids    map[string]bool
	lines  *diag.LineIndex // made on first use
}

func (r *reader) pos(off int) diag.Position {
	if r.lines == nil {
		r.lines = diag.NewLineIndex(r.data)
	}
	line, col := r.lines.LineCol(off)
	return diag.Position{File: r.name, Line: line, Col: col}
}

func (r *reader) errorf(off int, format string, args ...any) {
	r.errs.Add(r.pos(off), format, args...)
}

// str returns the string at key in obj, or "" when it is absent; any
// other type is an error.
func (r *reader) str(obj *value, key string) string {
	v := obj.get(key)
	if v == nil {
		return ""
	}
	if v.kind != kindString {
		r.errorf(v.off, "%q must be a string, not %s", key, describe(v))
		return ""
	}
	return v.str
}

// list returns the array at key in obj; each element that is not an
// object (when objects is set) is reported and left out.
func (r *reader) list(obj *value, key string, objects bool) []*value {
	v := obj.get(key)
	if v == nil {
		return nil
	}
	if v.kind != kindArray {
		r.errorf(v.off, "%q must be an array, not %s", key, describe(v))
		return nil
	}
	if !objects {
		return v.arr
	}
	out := make([]*value, 0, len(v.arr))
	for _, e := range v.arr {
		if e.kind != kindObject {
			r.errorf(e.off, "each of %q must be an object, not %s", key, describe(e))
			continue
		}
		out = append(out, e)
	}
	return out
}

func (r *reader) object(obj *value, key string) *value {
	v := obj.get(key)
	if v == nil {
		return nil
	}
	if v.kind != kindObject {
		r.errorf(v.off, "%q must be an object, not %s", key, describe(v))
		return nil
	}
	return v
}

func (r *reader) catalog(root *value) *catalog.Framework {
	if root.kind != kindObject {
		r.errorf(root.off, "an OSCAL catalog is a JSON object, not %s", describe(root))
		return nil
	}
	cat := root.get("catalog")
	if cat == nil {
		for _, other := range []string{"profile", "mapping-collection", "component-definition", "system-security-plan"} {
			if root.get(other) != nil {
				r.errorf(root.off, "this is an OSCAL %s, not a catalog (resolve a profile into a catalog first)", other)
				return nil
			}
		}
		r.errorf(root.off, `no "catalog" object at the top level: this is not an OSCAL catalog`)
		return nil
	}
	if cat = r.object(root, "catalog"); cat == nil {
		return nil
	}
	f := &catalog.Framework{}
	if md := r.object(cat, "metadata"); md != nil {
		r.metadata(f, md)
	} else {
		r.errorf(cat.off, `the catalog has no "metadata" object`)
	}
	r.backMatter(f, r.object(cat, "back-matter"))

	// Parameters may be referenced from anywhere in a resolved catalog,
	// so all are collected before any prose is read.
	r.collectParams(cat)

	for _, g := range r.list(cat, "groups", true) {
		f.Elements = append(f.Elements, r.element(g, catalog.KindGroup, 0))
	}
	for _, c := range r.list(cat, "controls", true) {
		f.Elements = append(f.Elements, r.element(c, catalog.KindControl, 0))
	}
	return f
}

func (r *reader) metadata(f *catalog.Framework, md *value) {
	f.Title = r.str(md, "title")
	f.Version = r.str(md, "version")
	f.OSCALVersion = r.str(md, "oscal-version")
	// A last-modified date is not a publication date, nor a creator a
	// publisher: each is kept as what the catalog says it is.
	f.Published = date(r.str(md, "published"))
	f.LastModified = date(r.str(md, "last-modified"))
	if f.Title == "" {
		r.errorf(md.off, `the catalog's metadata has no "title"`)
	}

	parties := map[string]string{}
	for _, p := range r.list(md, "parties", true) {
		if name := r.str(p, "name"); name != "" {
			parties[r.str(p, "uuid")] = name
		}
	}
	byRole := map[string][]string{}
	for _, rp := range r.list(md, "responsible-parties", true) {
		role := r.str(rp, "role-id")
		for _, u := range r.list(rp, "party-uuids", false) {
			if u.kind == kindString && parties[u.str] != "" && !slices.Contains(byRole[role], parties[u.str]) {
				byRole[role] = append(byRole[role], parties[u.str])
			}
		}
	}
	f.Publisher = strings.Join(byRole["publisher"], ", ")
	f.Creator = strings.Join(byRole["creator"], ", ")

	for _, p := range r.list(md, "props", true) {
		if r.str(p, "name") == "license" && f.License == "" {
			f.License = r.str(p, "value")
		}
	}
	for _, l := range r.list(md, "links", true) {
		href, rel := r.str(l, "href"), r.str(l, "rel")
		switch {
		case rel == "license" && f.License == "":
			f.License = cmp.Or(r.str(l, "text"), href)
		case (rel == "canonical" || rel == "alternate") && f.SourceURL == "" && isAbsURL(href):
			f.SourceURL = href
		}
	}
	if f.License == "" {
		f.License = licenseSentence(r.str(md, "remarks"))
	}
}

func (r *reader) backMatter(f *catalog.Framework, bm *value) {
	r.res = map[string]catalog.Link{}
	for _, res := range r.list(bm, "resources", true) {
		title := r.str(res, "title")
		if title == "" {
			if c := r.object(res, "citation"); c != nil {
				title = r.str(c, "text")
			}
		}
		var href string
		for _, rl := range r.list(res, "rlinks", true) {
			if href = r.str(rl, "href"); href != "" {
				break
			}
		}
		r.res[r.str(res, "uuid")] = catalog.Link{Title: title, Href: href}
		if f.License != "" {
			continue
		}
		for _, p := range r.list(res, "props", true) {
			if r.str(p, "name") == "type" && r.str(p, "value") == "license" {
				f.License = cmp.Or(title, href)
			}
		}
	}
}

func (r *reader) collectParams(obj *value) {
	for _, p := range r.list(obj, "params", true) {
		id := r.str(p, "id")
		if id == "" {
			r.errorf(p.off, `a parameter has no "id"`)
			continue
		}
		if _, dup := r.params[id]; !dup {
			r.params[id] = &param{v: p}
		}
	}
	for _, g := range r.list(obj, "groups", true) {
		r.collectParams(g)
	}
	for _, c := range r.list(obj, "controls", true) {
		r.collectParams(c)
	}
}

// maxDepth bounds the nesting of groups and controls, which no real
// catalog comes near, so that hostile input cannot exhaust the stack.
const maxDepth = 100

func (r *reader) element(obj *value, k catalog.Kind, depth int) *catalog.Element {
	e := &catalog.Element{
		ID:    r.str(obj, "id"),
		Kind:  k,
		Class: r.str(obj, "class"),
		Title: r.str(obj, "title"),
		Pos:   r.pos(obj.off),
	}
	switch {
	case e.ID == "":
		r.errorf(obj.off, "a %s has no \"id\" (title %q)", k, e.Title)
	case r.ids[e.ID]:
		r.errorf(obj.off, "duplicate id %q", e.ID)
	}
	r.ids[e.ID] = true
	if e.Title == "" {
		r.errorf(obj.off, "%s %q has no \"title\"", k, e.ID)
	}
	var labels []string
	for _, p := range r.list(obj, "props", true) {
		name, val := r.str(p, "name"), r.str(p, "value")
		switch {
		case name == "label" && p.get("class") == nil:
			labels = slices.Insert(labels, 0, val) // the catalog's own, unclassed label first
		case name == "label":
			labels = append(labels, val)
		case name == "status" && val == "withdrawn":
			e.Withdrawn = true
		}
	}
	if len(labels) > 0 {
		e.Label = labels[0]
	}
	for _, l := range r.list(obj, "links", true) {
		href := r.str(l, "href")
		if uuid, ok := strings.CutPrefix(href, "#"); ok {
			if res, ok := r.res[uuid]; ok && res.Href != "" {
				e.Links = append(e.Links, res)
			}
		}
	}
	switch k {
	case catalog.KindGroup:
		e.Level = cmp.Or(strings.ToLower(e.Class), "group")
	case catalog.KindControl:
		e.Level = "control"
	case catalog.KindEnhancement:
		e.Level, e.Section = "control enhancement", true
	}
	for _, p := range r.list(obj, "parts", true) {
		r.part(e, p)
	}
	if depth >= maxDepth {
		r.errorf(obj.off, "%s %q is nested more than %d deep", k, e.ID, maxDepth)
		return e
	}
	for _, g := range r.list(obj, "groups", true) {
		if k != catalog.KindGroup {
			r.errorf(g.off, "a %s cannot hold groups", k)
			continue
		}
		e.Children = append(e.Children, r.element(g, catalog.KindGroup, depth+1))
	}
	for _, c := range r.list(obj, "controls", true) {
		ck := catalog.KindControl
		if k != catalog.KindGroup {
			ck = catalog.KindEnhancement
		}
		e.Children = append(e.Children, r.element(c, ck, depth+1))
	}
	return e
}

// part reads one top-level part of an element into its statement or
// fields.
func (r *reader) part(e *catalog.Element, p *value) {
	name := r.str(p, "name")
	if name == "statement" {
		e.Statement = strings.TrimSpace(r.prose(p))
		for _, sub := range r.list(p, "parts", true) {
			e.StatementItems = append(e.StatementItems, r.item(sub, 0))
		}
		return
	}
	label := r.str(p, "title")
	if name == "guidance" && label == "" {
		label = "Guidance"
	}
	if label == "" {
		label = ownLabel(r, p) // a classed label is another scheme's number, as 800-53A's "AC-02"
	}
	if label == "" {
		label = titled(name)
		// 800-53A's assessment methods say which in a "method" prop.
		for _, pr := range r.list(p, "props", true) {
			if r.str(pr, "name") == "method" {
				label += ": " + titled(strings.ToLower(r.str(pr, "value")))
				break
			}
		}
	}
	text := strings.TrimSpace(r.partText(p, 0))
	if text == "" {
		return
	}
	for i := range e.Fields {
		if e.Fields[i].Label == label {
			e.Fields[i].Text += "\n\n" + text
			return
		}
	}
	e.Fields = append(e.Fields, catalog.Field{Label: label, Text: text})
}

func (r *reader) item(p *value, depth int) catalog.Item {
	it := catalog.Item{Label: labelProp(r, p), Text: strings.TrimSpace(r.prose(p))}
	if depth >= maxDepth {
		r.errorf(p.off, "statement items are nested more than %d deep", maxDepth)
		return it
	}
	for _, sub := range r.list(p, "parts", true) {
		it.Items = append(it.Items, r.item(sub, depth+1))
	}
	return it
}

// partText is a part's prose followed by its sub-parts' text, each sub-part
// led by its label when it has one, separated by blank lines.
func (r *reader) partText(p *value, depth int) string {
	var b strings.Builder
	if s := strings.TrimSpace(r.prose(p)); s != "" {
		b.WriteString(s)
	}
	if depth >= maxDepth {
		r.errorf(p.off, "parts are nested more than %d deep", maxDepth)
		return b.String()
	}
	for _, sub := range r.list(p, "parts", true) {
		s := strings.TrimSpace(r.partText(sub, depth+1))
		if l := labelProp(r, sub); l != "" && s != "" {
			s = l + " " + s
		}
		if s == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(s)
	}
	return b.String()
}

// prose is a part's prose with its parameters in reading form.
func (r *reader) prose(p *value) string {
	v := p.get("prose")
	if v == nil {
		return ""
	}
	if v.kind != kindString {
		r.errorf(v.off, `"prose" must be a string, not %s`, describe(v))
		return ""
	}
	return internalLinkText(r.render(v.str, v, nil))
}

// internalLink is a Markdown link to a fragment of the catalog itself,
// "[AU-2](#au-2)" or "[AU-2a.](#au-2_smt.a)", as OSCAL prose writes a
// reference to another control or statement.
var internalLink = regexp.MustCompile(`\[([^\]]*)\]\(#[^)\s]*\)`)

// internalLinkText keeps the text of the catalog's links to its own
// fragments and drops the target: "#au-2" is the catalog's id, which no
// page of a site has, and the text ("AU-2") is what a reader looks up.
// Links to addresses outside the catalog are kept.
func internalLinkText(s string) string { return internalLink.ReplaceAllString(s, "$1") }

// ownLabel is the value of the label prop without a class, or "".
func ownLabel(r *reader, obj *value) string {
	for _, p := range r.list(obj, "props", true) {
		if r.str(p, "name") == "label" && p.get("class") == nil {
			return r.str(p, "value")
		}
	}
	return ""
}

// labelProp is the label prop without a class, else the first label prop.
func labelProp(r *reader, obj *value) string {
	var first string
	for _, p := range r.list(obj, "props", true) {
		if r.str(p, "name") != "label" {
			continue
		}
		if p.get("class") == nil {
			return r.str(p, "value")
		}
		if first == "" {
			first = r.str(p, "value")
		}
	}
	return first
}

// titled turns a part name such as "assessment-objective" into
// "Assessment Objective".
func titled(name string) string {
	words := strings.FieldsFunc(name, func(r rune) bool { return r == '-' || r == '_' || unicode.IsSpace(r) })
	for i, w := range words {
		rs := []rune(w)
		rs[0] = unicode.ToUpper(rs[0])
		words[i] = string(rs)
	}
	return strings.Join(words, " ")
}

// date keeps the date of an OSCAL date-time ("2023-10-12T00:00:00-04:00"
// becomes "2023-10-12"), and any other text as it is.
func date(s string) string {
	if len(s) >= 10 && s[4] == '-' && s[7] == '-' {
		return s[:10]
	}
	return s
}

func isAbsURL(s string) bool {
	return strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "http://")
}

// licenseSentence returns the sentence of remarks that states a licence
// ("licensed under …", "License: …"), or "". Remarks that only speak of
// copyright or fair use state no licence.
func licenseSentence(remarks string) string {
	// Only a sentence that states a licence counts: one that starts with
	// "Licensed under" or "License:", never one that merely mentions it
	// ("… is not licensed under …").
	for _, s := range strings.SplitAfter(remarks, ". ") {
		s = strings.TrimSpace(s)
		l := strings.ToLower(s)
		if strings.HasPrefix(l, "licensed under ") || strings.HasPrefix(l, "license:") || strings.HasPrefix(l, "licence:") {
			return s
		}
	}
	return ""
}
