package model

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/crosswalk-ssg/crosswalk/internal/diag"
	"github.com/crosswalk-ssg/crosswalk/internal/layout"
	"github.com/crosswalk-ssg/crosswalk/internal/source"
	"github.com/crosswalk-ssg/crosswalk/internal/vocab"
)

// Kind is what a content file defines, decided by where it is.
type Kind string

// The kinds of content file.
const (
	KindHome      Kind = "home"
	KindPage      Kind = "page"
	KindFramework Kind = "framework"
	KindElement   Kind = "element"
	KindCrosswalk Kind = "crosswalk"
	KindSearch    Kind = "search" // the built-in search page; no content file
	KindAlias     Kind = "alias"  // a redirect from an old URL
	// KindCrosswalkPart is a page of a crosswalk beside its own: a
	// drill-down matrix, a cell's records, a page of its record table.
	KindCrosswalkPart Kind = "crosswalk-part"
	KindNotFound      Kind = "404" // 404.html, written when the base URL is known
)

// MaxLevels is the deepest hierarchy a framework may declare. Real
// frameworks have three or four levels (NIST AI RMF function → category →
// subcategory; ATT&CK tactic → technique → sub-technique).
const MaxLevels = 16

// ContentDir is the folder of the site that holds its Markdown.
const ContentDir = layout.ContentDir

// KindOf classifies a content file path ("content/…").
func KindOf(p string) Kind {
	rel := strings.TrimPrefix(p, ContentDir+"/")
	parts := strings.Split(rel, "/")
	switch {
	case rel == "_index.md":
		return KindHome
	case len(parts) == 3 && parts[0] == "frameworks" && parts[2] == "_index.md":
		return KindFramework
	case len(parts) >= 3 && parts[0] == "frameworks":
		return KindElement
	case len(parts) == 2 && parts[0] == "crosswalks":
		return KindCrosswalk
	}
	return KindPage
}

// FrameworkFolder returns the framework folder name of a framework or
// element file ("content/frameworks/<fw>/…").
func FrameworkFolder(p string) string {
	parts := strings.Split(strings.TrimPrefix(p, ContentDir+"/"), "/")
	if len(parts) >= 3 && parts[0] == "frameworks" {
		return parts[1]
	}
	return ""
}

var frameworkID = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// CheckFrameworkID returns what is wrong with a framework id, or "": it
// is the framework's folder name and part of its URLs.
func CheckFrameworkID(id string) string {
	if !frameworkID.MatchString(id) {
		return fmt.Sprintf("framework id %q: use lower case letters, digits and single hyphens", id)
	}
	return ""
}

// Decode turns source files into a Site. Problems are added to errs; the
// Site holds whatever could be decoded. Element files are returned as
// unattached trees in Site.Frameworks[…].Roots order of appearance; the
// link stage attaches those that name a parent.
func Decode(files []*source.File, errs *diag.List) *Site {
	return (*Decoded)(nil).Decode(files, errs)
}

// Decoded keeps what Decode made of each crosswalk file and element
// file, by the parsed file (source.Cache hands out the same *source.File
// for a file that did not change), so that decoding a site again after an
// edit decodes only the files that changed: a crosswalk of 50,000 records
// is most of a large site's decoding, its 10,000 element files most of
// the rest. What it keeps is never linked; each Decode links a copy
// (cloneCrosswalk, cloneElement). Once it has decoded a file it lets go
// of the file's front matter (File.FrontMatter becomes nil): it never
// reads it again, and the YAML trees of a large site, held by the cache
// of parsed files, were the larger part of a server's heap, which every
// garbage collection walks. Not safe for concurrent use.
type Decoded struct {
	files map[*source.File]decoded
	once  bool // NewDecodedOnce: nothing is kept for another Decode
}

// decoded is what decoding one file gave: a crosswalk or an element
// tree, and the problems found.
type decoded struct {
	crosswalk *Crosswalk
	element   *Element
	errs      error
}

// NewDecoded returns an empty Decoded, to keep across builds.
func NewDecoded() *Decoded { return &Decoded{files: map[*source.File]decoded{}} }

// NewDecodedOnce returns an empty Decoded for one build, which takes what
// DecodeEarly made: what it decodes is linked as it is, not copied, since
// no later Decode reuses it.
func NewDecodedOnce() *Decoded { return &Decoded{files: map[*source.File]decoded{}, once: true} }

// DecodeEarly decodes f at once if it is a crosswalk file, which needs
// nothing else of the site, so that its front matter, a large site's
// largest, is let go before the other files are read
// (source.Cache.ReadDirFunc); Decode takes what it made.
func (d *Decoded) DecodeEarly(f *source.File) {
	if d != nil && KindOf(f.Path) == KindCrosswalk {
		d.have(f, func(errs *diag.List) decoded { return decoded{crosswalk: decodeCrosswalk(f, errs)} })
	}
}

// have returns what d has of f, decoding it with decodeFile (and letting
// go of its front matter) when d has nothing of it yet.
func (d *Decoded) have(f *source.File, decodeFile func(*diag.List) decoded) decoded {
	dec, ok := d.files[f]
	if !ok {
		var fileErrs diag.List
		dec = decodeFile(&fileErrs)
		dec.errs = fileErrs.Err()
		d.files[f] = dec
		f.FrontMatter = nil
	}
	return dec
}

// decode returns what decoding f gives (decodeFile), from d when it decoded f
// before, and adds its problems to errs.
func (d *Decoded) decode(f *source.File, errs *diag.List, decodeFile func(*diag.List) decoded) decoded {
	if d == nil {
		return decodeFile(errs)
	}
	dec := d.have(f, decodeFile)
	errs.Append(dec.errs)
	return dec
}

// crosswalk decodes a crosswalk file, or copies what d decoded of it.
func (d *Decoded) crosswalk(f *source.File, errs *diag.List) *Crosswalk {
	dec := d.decode(f, errs, func(errs *diag.List) decoded { return decoded{crosswalk: decodeCrosswalk(f, errs)} })
	if d == nil || d.once {
		return dec.crosswalk
	}
	return cloneCrosswalk(dec.crosswalk)
}

// element decodes an element file of fw, or copies what d decoded of it.
func (d *Decoded) element(f *source.File, fw *Framework, errs *diag.List) *Element {
	dec := d.decode(f, errs, func(errs *diag.List) decoded { return decoded{element: decodeElementFile(f, fw, errs)} })
	if d == nil || d.once || dec.element == nil {
		return dec.element
	}
	return cloneElement(dec.element, fw, nil)
}

// cloneElement copies a decoded element tree into fw, under parent: the
// link stage completes the copy (its place, its page, its records, the
// children of other files), and the original stays as decoded.
func cloneElement(orig *Element, fw *Framework, parent *Element) *Element {
	e := *orig
	e.Framework, e.Parent = fw, parent
	e.Children = nil
	e.label, e.fullLabel = "", "" // of another framework, maybe named otherwise: fixed again by link
	for _, c := range orig.Children {
		e.Children = append(e.Children, cloneElement(c, fw, &e))
	}
	return &e
}

// cloneCrosswalk copies a decoded crosswalk and its records, which the
// link stage completes (their Source, Target, N, Parts), so that the
// original stays as decoded. What link does not change (text, slices of
// references) is shared.
func cloneCrosswalk(orig *Crosswalk) *Crosswalk {
	cw := *orig
	cw.Mappings = make([]*Mapping, len(orig.Mappings))
	records := make([]Mapping, len(orig.Mappings))
	for i, m := range orig.Mappings {
		records[i] = *m
		records[i].Crosswalk = &cw
		cw.Mappings[i] = &records[i]
	}
	cw.NoCounterparts = make([]*NoCounterpart, len(orig.NoCounterparts))
	for i, nc := range orig.NoCounterparts {
		c := *nc
		c.Crosswalk = &cw
		cw.NoCounterparts[i] = &c
	}
	if orig.NoCounterparts == nil {
		cw.NoCounterparts = nil
	}
	if orig.Mappings == nil {
		cw.Mappings = nil
	}
	return &cw
}

// Decode is model.Decode, through what d kept of the last one.
func (d *Decoded) Decode(files []*source.File, errs *diag.List) *Site {
	if d != nil {
		// What d has of the files still listed is kept, decoded this time
		// or not (an element file whose framework's index is missing for
		// a while): their front matter is gone. The files no longer
		// listed are let go.
		defer func() {
			listed := make(map[*source.File]decoded, len(files))
			for _, f := range files {
				if dec, ok := d.files[f]; ok {
					listed[f] = dec
				}
			}
			d.files = listed
		}()
	}
	site := &Site{}
	byFolder := map[string]*Framework{}
	var elementFiles []*source.File
	for _, f := range files {
		switch KindOf(f.Path) {
		case KindHome:
			site.Home = decodePage(f, errs)
			o := source.NewObject(f.Path, f.FrontMatter, errs)
			site.Config = decodeSiteConfig(o, errs)
			site.Home.EntryPoints = decodeEntryPoints(o, errs)
		case KindPage:
			site.Pages = append(site.Pages, decodePage(f, errs))
		case KindFramework:
			fw := decodeFramework(f, errs)
			site.Frameworks = append(site.Frameworks, fw)
			byFolder[FrameworkFolder(f.Path)] = fw
		case KindElement:
			elementFiles = append(elementFiles, f)
		case KindCrosswalk:
			site.Crosswalks = append(site.Crosswalks, d.crosswalk(f, errs))
		}
	}
	for _, f := range elementFiles {
		fw := byFolder[FrameworkFolder(f.Path)]
		if fw == nil {
			errs.Add(f.Pos(), "element file outside a framework: content/frameworks/%s/_index.md does not exist", FrameworkFolder(f.Path))
			continue
		}
		if e := d.element(f, fw, errs); e != nil {
			fw.Roots = append(fw.Roots, e)
		}
	}
	return site
}

func body(f *source.File) Markdown {
	return Markdown{File: f.Path, Source: f.Body, Line: f.BodyLine}
}

func decodePage(f *source.File, errs *diag.List) *Page {
	o := source.NewObject(f.Path, f.FrontMatter, errs)
	p := &Page{
		File:        f.Path,
		Pos:         f.Pos(),
		Title:       o.String("title"),
		Description: o.String("description"),
		Date:        o.String("date"),
		Permalink:   o.String("permalink"),
		PermalinkAt: o.ValuePos("permalink"),
		Layout:      o.String("layout"),
		LayoutAt:    o.ValuePos("layout"),
		Menu:        o.String("menu"),
		Aliases:     aliases(o),
		Body:        body(f),
	}
	p.Weight, _ = o.Int("weight")
	if p.Title == "" {
		errs.Add(o.KeyPos("title"), "a page needs a title")
	}
	// Other keys are accepted, as Jekyll does: pages copied from other
	// sites carry keys (image, tags, …) that this site does not use.
	return p
}

func decodeFramework(f *source.File, errs *diag.List) *Framework {
	root := source.NewObject(f.Path, f.FrontMatter, errs)
	o := root.Object("framework")
	fw := &Framework{File: f.Path, Pos: f.Pos(), Body: body(f), ByID: map[string]*Element{}}
	if o == nil {
		errs.Add(root.Pos(), "missing required key \"framework\"")
		o = source.NewObject(f.Path, nil, errs)
	} else {
		fw.Pos = o.KeyPos("id")
	}
	fw.ID = o.Required("id")
	fw.Title = o.Required("title")
	fw.ShortTitle = o.String("short_title")
	fw.Version = o.Required("version")
	fw.Publisher = o.Required("publisher")
	fw.Document = o.String("document")
	fw.Published = o.String("published")
	fw.URL = o.Required("url")
	fw.License = o.Required("license")
	fw.LicenseNote = o.String("license_note")
	for _, ao := range o.List("id_aliases") {
		fw.IDAliases = append(fw.IDAliases, IDAlias{Short: ao.Required("short"), For: ao.Required("for")})
		ao.CheckUnknown()
	}
	switch ids := o.String("ids"); ids {
	case "", "publisher":
	case "site":
		fw.SiteIDs = true
	default:
		errs.Add(o.ValuePos("ids"), "ids %q: use publisher (the ids are the publisher's, the default) or site (the publisher numbers nothing; the ids are this site's own)", ids)
	}
	fw.Aliases = aliases(root)
	if msg := CheckFrameworkID(fw.ID); fw.ID != "" && msg != "" {
		errs.Add(o.ValuePos("id"), "%s", msg)
	} else if folder := FrameworkFolder(f.Path); fw.ID != "" && fw.ID != folder {
		errs.Add(o.ValuePos("id"), "framework id %q must equal its folder name %q", fw.ID, folder)
	}
	o.CheckUnknown()
	levels := root.List("levels")
	if len(levels) == 0 && root.Has("framework") {
		errs.Add(root.KeyPos("levels"), "a framework needs at least one level (levels: [{name: …, page: true}])")
	}
	if len(levels) > MaxLevels {
		// Every page shows its ancestors and its branch of the framework
		// tree, so output grows with the square of the depth: 2,000 levels
		// of 100 KB wrote 504 MB.
		errs.Add(root.KeyPos("levels"), "a framework may declare at most %d levels; this one declares %d", MaxLevels, len(levels))
		levels = levels[:MaxLevels]
	}
	for _, lo := range levels {
		l := Level{Name: lo.Required("name"), Plural: lo.String("plural")}
		l.Page, _ = lo.Bool("page")
		if l.Plural == "" {
			l.Plural = l.Name + "s"
		}
		lo.CheckUnknown()
		fw.Levels = append(fw.Levels, l)
	}
	root.CheckUnknown()
	return fw
}

func decodeElementFile(f *source.File, fw *Framework, errs *diag.List) *Element {
	if f.FrontMatter == nil {
		errs.Add(f.Pos(), "an element file needs front matter with an id")
		return nil
	}
	o := source.NewObject(f.Path, f.FrontMatter, errs)
	e := decodeElement(o, fw, errs)
	e.ParentID = o.String("parent")
	e.ParentAt = o.ValuePos("parent")
	e.Body = body(f)
	o.CheckUnknown()
	return e
}

func decodeElement(o *source.Object, fw *Framework, errs *diag.List) *Element {
	e := &Element{
		Framework: fw,
		File:      o.Pos().File,
		Pos:       o.KeyPos("id"),
		ID:        o.Required("id"),
		Title:     o.String("title"),
		Statement: o.String("statement"),
		Number:    o.String("number"),
		LevelName: o.String("level_name"),
		SourceURL: o.String("source_url"),
	}
	e.Items = decodeItems(o, 0, errs)
	e.Withdrawn, _ = o.Bool("withdrawn")
	if e.Title == "" && e.Statement == "" && len(e.Items) == 0 && o.Has("id") {
		errs.Add(o.KeyPos("id"), "element %q needs a title or a statement", e.ID)
	}
	for _, ro := range o.List("references") {
		e.References = append(e.References, Reference{Title: ro.Required("title"), URL: ro.String("url")})
		ro.CheckUnknown()
	}
	e.Page, e.PageSet = o.Bool("page")
	e.Aliases = aliases(o)
	e.Weight, _ = o.Int("weight")
	for _, fo := range o.List("fields") {
		e.Fields = append(e.Fields, Field{Label: fo.Required("label"), Text: fo.Required("text")})
		fo.CheckUnknown()
	}
	for _, co := range o.List("children") {
		c := decodeElement(co, fw, errs)
		c.File = e.File
		if co.Has("parent") {
			errs.Add(co.KeyPos("parent"), "a nested element takes its parent from where it is; remove \"parent\"")
		}
		co.CheckUnknown()
		c.Parent = e
		e.Children = append(e.Children, c)
	}
	return e
}

// MaxItemDepth is how deeply statement items may nest: 800-53 nests
// three levels (a. → 1. → (a)).
const MaxItemDepth = 8

// decodeItems reads an element's or item's "items": the statement's
// lettered items, each a label and a text with items of its own.
func decodeItems(o *source.Object, depth int, errs *diag.List) []Item {
	list := o.List("items")
	if len(list) > 0 && depth >= MaxItemDepth {
		errs.Add(o.KeyPos("items"), "statement items may nest at most %d levels deep", MaxItemDepth)
		return nil
	}
	var out []Item
	for _, io := range list {
		it := Item{Label: io.String("label"), Text: io.Required("text"), Items: decodeItems(io, depth+1, errs)}
		io.CheckUnknown()
		out = append(out, it)
	}
	return out
}

func decodeCrosswalk(f *source.File, errs *diag.List) *Crosswalk {
	root := source.NewObject(f.Path, f.FrontMatter, errs)
	cw := &Crosswalk{File: f.Path, Pos: f.Pos(), Body: body(f), Vocabulary: vocab.SetTheory}
	o := root.Object("crosswalk")
	if o == nil {
		errs.Add(root.Pos(), "missing required key \"crosswalk\"")
		o = source.NewObject(f.Path, nil, errs)
	} else {
		cw.Pos = o.KeyPos("id")
	}
	cw.ID = o.Required("id")
	cw.Title = o.Required("title")
	cw.SourceID, cw.SourceAt = o.Required("source"), o.ValuePos("source")
	cw.TargetID, cw.TargetAt = o.Required("target"), o.ValuePos("target")
	cw.Status = Status(o.Required("status"))
	if cw.Status != "" {
		if msg := vocab.CheckStatus(string(cw.Status)); msg != "" {
			errs.Add(o.ValuePos("status"), "%s", msg)
		}
	}
	cw.StatusStatement = o.String("status_statement")
	if cw.Status == Draft && cw.StatusStatement == "" {
		errs.Add(o.KeyPos("status"), "a draft crosswalk needs a status_statement saying why it is a draft")
	}
	cw.Publisher = o.String("publisher")
	cw.Published = o.String("published")
	cw.URL = o.String("url")
	cw.Method = o.String("method")
	cw.Direction = o.String("direction")
	cw.Granularity = o.String("granularity")
	cw.MappingMethod = o.String("mapping_method")
	if msg := vocab.CheckOneOf("mapping_method", cw.MappingMethod, vocab.MappingMethods); msg != "" {
		errs.Add(o.ValuePos("mapping_method"), "%s", msg)
	}
	cw.MatchingRationale = o.String("matching_rationale")
	if msg := vocab.CheckOneOf("matching_rationale", cw.MatchingRationale, vocab.MatchingRationales); msg != "" {
		errs.Add(o.ValuePos("matching_rationale"), "%s", msg)
	}
	cw.ProvenanceNote = o.String("provenance_note")
	if ro := o.Object("relationships"); ro != nil {
		cw.Vocabulary = decodeVocabulary(ro, errs)
	}
	if to := o.Object("transcription"); to != nil {
		cw.Transcription = &Transcription{From: to.String("from"), How: to.String("how"), Notes: to.Strings("notes")}
		to.CheckUnknown()
	}
	cw.Aliases = aliases(root)
	for _, so := range o.List("sources") {
		cw.Sources = append(cw.Sources, Reference{Title: so.Required("title"), URL: so.String("url")})
		so.CheckUnknown()
	}
	o.CheckUnknown()
	for _, mo := range root.List("mappings") {
		cw.Mappings = append(cw.Mappings, decodeMapping(mo, cw, errs))
	}
	for _, no := range root.List("no_counterpart") {
		if nc := decodeNoCounterpart(no, cw, errs); nc != nil {
			cw.NoCounterparts = append(cw.NoCounterparts, nc)
		}
	}
	root.CheckUnknown()
	return cw
}

// decodeVocabulary reads a crosswalk's "relationships" block: whether the
// source states relationship types at all, and the terms it declares
// (none declared: the set-theory vocabulary).
func decodeVocabulary(o *source.Object, errs *diag.List) *vocab.Vocabulary {
	stated, set := o.Bool("stated")
	note := o.String("note")
	terms := o.List("terms")
	defer o.CheckUnknown()
	if set && !stated {
		if len(terms) > 0 {
			errs.Add(o.KeyPos("terms"), "a crosswalk whose source states no relationship types (stated: false) declares no terms")
		}
		if o.Has("namespace") {
			errs.Add(o.KeyPos("namespace"), "a crosswalk whose source states no relationship types (stated: false) has no namespace for them")
		}
		return vocab.Unstated(note)
	}
	if len(terms) == 0 {
		if o.Has("namespace") {
			errs.Add(o.KeyPos("namespace"), "namespace qualifies declared terms; this crosswalk declares none (it uses the set-theory relationships)")
		}
		v := *vocab.SetTheory
		v.Note = note
		return &v
	}
	v := &vocab.Vocabulary{Name: vocab.DeclaredName, Stated: true, Note: note, Namespace: o.String("namespace")}
	needsNamespace := diag.Position{}
	for _, to := range terms {
		t := &vocab.Term{
			ID:         to.Required("id"),
			Label:      to.String("label"),
			Reverse:    to.Required("reverse"),
			Definition: to.Required("definition"),
			OSCAL:      to.String("oscal"),
		}
		to.CheckUnknown()
		if t.ID == "" {
			continue
		}
		if msg := vocab.CheckTermID(t.ID); msg != "" {
			errs.Add(to.ValuePos("id"), "%s", msg)
			continue
		}
		if v.Term(t.ID) != nil {
			errs.Add(to.ValuePos("id"), "relationship term %q is declared twice", t.ID)
			continue
		}
		if msg := vocab.CheckOSCAL(t.OSCAL); msg != "" {
			errs.Add(to.ValuePos("oscal"), "%s", msg)
		}
		if t.Label == "" {
			t.Label = strings.ReplaceAll(t.ID, "-", " ")
		}
		if t.OSCAL == "" && needsNamespace.File == "" {
			needsNamespace = to.KeyPos("id")
		}
		v.Terms = append(v.Terms, t)
	}
	if needsNamespace.File != "" && v.Namespace == "" {
		errs.Add(needsNamespace, "a declared term without an oscal meaning needs relationships.namespace: an absolute URI (such as the vocabulary's home page) that qualifies the term in OSCAL")
	} else if v.Namespace != "" && !absoluteURI.MatchString(v.Namespace) {
		errs.Add(o.ValuePos("namespace"), "namespace %q: give an absolute URI, such as https://example.org/relationships", v.Namespace)
	}
	return v
}

var absoluteURI = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s]+$`)

func decodeMapping(mo *source.Object, cw *Crosswalk, errs *diag.List) *Mapping {
	m := &Mapping{
		Crosswalk:    cw,
		Pos:          mo.Pos(),
		SourceID:     mo.Required("source"),
		SourceAt:     mo.ValuePos("source"),
		TargetID:     mo.Required("target"),
		TargetAt:     mo.ValuePos("target"),
		Relationship: mo.String("relationship"),
		Rationale:    mo.String("rationale"),
		Evidence:     mo.String("evidence"),
		Basis:        mo.String("basis"),
		Status:       Status(mo.String("status")),
		AsPublished:  mo.String("as_published"),
		Note:         mo.String("note"),
	}
	if msg := cw.Vocabulary.Check(m.Relationship); msg != "" {
		errs.Add(mo.ValuePos("relationship"), "%s", msg)
	} else if m.Relationship != "" {
		m.Term = cw.Vocabulary.Term(m.Relationship)
	}
	if m.Status == "" {
		m.Status = cw.Status
	} else if msg := vocab.CheckStatus(string(m.Status)); msg != "" {
		errs.Add(mo.ValuePos("status"), "%s", msg)
	}
	m.References = mo.Strings("references")
	mo.CheckUnknown()
	return m
}

// decodeNoCounterpart reads one entry of "no_counterpart": an element of
// the source (key source) or of the target (key target), and the reason.
func decodeNoCounterpart(o *source.Object, cw *Crosswalk, errs *diag.List) *NoCounterpart {
	nc := &NoCounterpart{Crosswalk: cw, Pos: o.Pos(), Reason: o.Required("reason"), AsPublished: o.String("as_published"), References: o.Strings("references")}
	defer o.CheckUnknown()
	switch hasS, hasT := o.Has("source"), o.Has("target"); {
	case hasS && hasT:
		errs.Add(o.KeyPos("target"), "a no-counterpart record names one element: give source or target, not both")
		return nil
	case hasS:
		nc.Side, nc.ElementID, nc.At = "source", o.Required("source"), o.ValuePos("source")
	case hasT:
		nc.Side, nc.ElementID, nc.At = "target", o.Required("target"), o.ValuePos("target")
	default:
		errs.Add(o.Pos(), "a no-counterpart record needs source (an element of the source framework) or target (of the target framework)")
		return nil
	}
	if nc.ElementID == "" {
		return nil
	}
	return nc
}

// decodeEntryPoints reads the home page's "entry_points": the frameworks
// whose elements the home page lists, each down to a number of levels.
func decodeEntryPoints(o *source.Object, errs *diag.List) []EntryPoint {
	var out []EntryPoint
	for _, eo := range o.List("entry_points") {
		e := EntryPoint{FrameworkID: eo.Required("framework"), At: eo.ValuePos("framework"), Levels: 1}
		if n, ok := eo.Int("levels"); ok {
			if n < 1 {
				errs.Add(eo.ValuePos("levels"), "levels %d: list at least one level (1 is the top level)", n)
			}
			e.Levels = n
		}
		eo.CheckUnknown()
		out = append(out, e)
	}
	return out
}

// aliases reads the "aliases" key: old site-root paths of the page.
func aliases(o *source.Object) []Alias {
	var out []Alias
	for i, a := range o.Strings("aliases") {
		out = append(out, Alias{Path: a, At: o.ItemPos("aliases", i)})
	}
	return out
}

// decodeSiteConfig reads the home page's "site" block.
func decodeSiteConfig(o *source.Object, errs *diag.List) SiteConfig {
	c := SiteConfig{Language: "en"}
	so := o.Object("site")
	if so == nil {
		return c
	}
	c.Title = so.String("title")
	c.BaseURL, c.BaseURLAt = so.String("base_url"), so.ValuePos("base_url")
	if lang := so.String("language"); lang != "" {
		c.Language = lang
	}
	c.CustomDomain = so.String("custom_domain")
	c.Footer = so.String("footer")
	c.UnsafeHTML, _ = so.Bool("unsafe_html")
	if c.CustomDomain != "" && !hostname.MatchString(c.CustomDomain) {
		errs.Add(so.ValuePos("custom_domain"), "custom_domain %q: give a host name such as crosswalk.example.org (no scheme, no path)", c.CustomDomain)
	}
	so.CheckUnknown()
	return c
}

var hostname = regexp.MustCompile(`^([a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?\.)+[a-zA-Z]{2,}$`)
