package link

import (
	"cmp"
	"path"
	"slices"
	"strconv"
	"sync"

	"github.com/crosswalk-ssg/crosswalk/internal/diag"
	"github.com/crosswalk-ssg/crosswalk/internal/layout"
	"github.com/crosswalk-ssg/crosswalk/internal/model"
	"github.com/crosswalk-ssg/crosswalk/internal/vocab"
)

// Index answers questions about a linked site without scanning it.
type Index struct {
	Site       *model.Site
	frameworks map[string]*model.Framework
	ids        map[string][]*model.Element // bare element id → elements, across frameworks
	byPath     map[string]*model.Doc       // output path → page
	byFile     map[string]*model.Doc       // content file → the page it builds
	files      map[string]*model.Element   // element file → its root element
	static     map[string]bool             // output paths of static files
	dirs       map[string]string           // output folders → a file path inside each
	folded     map[string]string           // layout.Fold of every claimed path → the path
}

// Link resolves site in place and returns its Index. staticFiles are the
// output paths of the static files the site will contain, so that links
// to them resolve and pages cannot claim their paths.
func Link(site *model.Site, staticFiles []string, errs *diag.List) *Index {
	ix := &Index{
		Site:       site,
		frameworks: map[string]*model.Framework{},
		ids:        map[string][]*model.Element{},
		byFile:     map[string]*model.Doc{},
		files:      map[string]*model.Element{},
		static:     map[string]bool{},
	}
	for _, fw := range site.Frameworks {
		if fw.ID == "" {
			continue
		}
		if prev := ix.frameworks[fw.ID]; prev != nil {
			errs.Add(fw.Pos, "duplicate framework id %q (first defined at %s)", fw.ID, prev.Pos)
			continue
		}
		ix.frameworks[fw.ID] = fw
		linkElements(fw, errs)
		for _, e := range fw.Elements {
			ix.ids[e.ID] = append(ix.ids[e.ID], e)
		}
	}
	// The maps of paths are made for about as many pages as a large
	// site has (an element's page, and as many crosswalk part pages),
	// rather than grown page by page while they are placed.
	pages := len(staticFiles) + len(site.Pages)
	for _, fw := range site.Frameworks {
		pages += 2 * len(fw.Elements)
	}
	ix.byPath, ix.dirs, ix.folded = make(map[string]*model.Doc, pages), make(map[string]string, pages), make(map[string]string, pages)
	for _, p := range staticFiles {
		ix.static[p] = true
		ix.folded[layout.Fold(p)] = p
		ix.claimDirs(p)
	}
	// Records are resolved while pages are placed: the two read what
	// linkElements made and write apart (records, and the elements'
	// record lists; pages, and the elements' Doc), and each is a third of
	// linking a large site.
	var records sync.WaitGroup
	records.Go(func() {
		for _, cw := range site.Crosswalks {
			ix.linkCrosswalk(cw, errs)
		}
	})
	ix.placeDocs(errs)
	ix.placeAliases(errs)
	records.Wait()
	if errs.Len() == 0 {
		// Part pages follow from the records; a site with problems is
		// not published, and its records may be half linked.
		for _, cw := range site.Crosswalks {
			ix.placeParts(cw, errs)
		}
	}
	ix.linkEntryPoints(errs)
	slices.SortFunc(site.Docs, func(a, b *model.Doc) int { return cmp.Compare(a.Path, b.Path) })
	return ix
}

// placeDocs gives every page an output path and checks that no two
// claim the same one.
func (ix *Index) placeDocs(errs *diag.List) {
	site := ix.Site
	for _, fw := range site.Frameworks {
		if fw.ID == "" || ix.frameworks[fw.ID] != fw {
			continue
		}
		d := &model.Doc{Kind: model.KindFramework, Path: layout.FrameworkPage(fw.ID), Title: fw.Title, Claim: fw.Pos, Framework: fw}
		fw.Doc = d
		ix.claim(d, errs)
		ix.byFile[fw.File] = d
		for _, e := range fw.Elements {
			if e.Slug == "" || (e.Parent != nil && e.Parent.Doc == nil) {
				continue // an id that cannot be published, reported by linkElements
			}
			// e.Page stays as written; whether the element has a page is
			// OwnPage, read from where it is placed.
			if e.Depth == 0 || e.Page || (!e.PageSet && e.Level().Page) { // Level is zero beyond the declared levels
				d := &model.Doc{Kind: model.KindElement, Path: layout.ElementPage(fw.ID, e.Slug), Title: e.FullLabel(), Claim: e.Pos, Element: e}
				e.Doc = d
				ix.claim(d, errs)
			} else {
				e.Doc, e.Anchor = e.Parent.Doc, e.Slug
			}
			if e.ParentID != "" || e.Depth == 0 {
				// The root element of an element file.
				ix.byFile[e.File] = e.Doc
				ix.files[e.File] = e
			}
		}
	}
	for _, cw := range site.Crosswalks {
		if cw.ID == "" {
			continue
		}
		if layout.Slug(cw.ID) == "" {
			errs.Add(cw.Pos, "crosswalk id %q has no letters or digits to publish it under", cw.ID)
			continue
		}
		d := &model.Doc{Kind: model.KindCrosswalk, Path: layout.CrosswalkPage(cw.ID), Title: cw.Title, Claim: cw.Pos, Crosswalk: cw}
		cw.Doc = d
		if ix.claim(d, errs) {
			ix.byFile[cw.File] = d
		}
	}
	search := &model.Doc{Kind: model.KindSearch, Path: layout.SearchPage, Title: "Search", Claim: diag.Position{File: "(built-in search page)"}}
	site.Search = search
	ix.claim(search, errs)
	// Pages come last, so that a permalink that clashes with a generated
	// page is reported at the permalink.
	if site.Home == nil {
		site.Home = &model.Page{File: model.ContentDir + "/_index.md", Title: "Home"}
	}
	home := &model.Doc{Kind: model.KindHome, Path: layout.HomePage, Title: site.Home.Title, Claim: diag.Position{File: site.Home.File}, Page: site.Home}
	site.Home.Doc = home
	ix.claim(home, errs)
	ix.byFile[site.Home.File] = home
	for _, p := range site.Pages {
		at := diag.Position{File: p.File}
		if p.Permalink != "" {
			at = p.PermalinkAt
			if msg := layout.CheckPermalink(p.Permalink); msg != "" {
				errs.Add(at, "permalink %q %s", p.Permalink, msg)
				continue
			}
		}
		d := &model.Doc{Kind: model.KindPage, Path: layout.ContentPage(p.File, model.ContentDir, p.Permalink), Title: p.Title, Claim: at, Page: p}
		p.Doc = d
		if ix.claim(d, errs) {
			ix.byFile[p.File] = d
		}
	}
}

// placeAliases gives every alias a redirect page, and places the 404
// page when the site's base URL is known (its links must be absolute).
func (ix *Index) placeAliases(errs *diag.List) {
	site := ix.Site
	if site.Config.BaseURL != "" {
		d := &model.Doc{Kind: model.KindNotFound, Path: layout.NotFoundPage, Title: "Page not found", Claim: diag.Position{File: "(built-in 404 page)"}}
		ix.claim(d, errs)
	}
	add := func(aliases []model.Alias, target *model.Doc, anchor string) {
		for _, a := range aliases {
			if target == nil {
				continue // the page itself failed to be placed; reported already
			}
			if msg := layout.CheckPermalink(a.Path); msg != "" {
				errs.Add(a.At, "alias %q %s", a.Path, msg)
				continue
			}
			ix.claim(&model.Doc{Kind: model.KindAlias, Path: layout.PermalinkPage(a.Path), Title: target.Title, Claim: a.At,
				Alias: &model.AliasTarget{Doc: target, Anchor: anchor}}, errs)
		}
	}
	for _, p := range site.Pages {
		add(p.Aliases, p.Doc, "")
	}
	if site.Home != nil {
		add(site.Home.Aliases, site.Home.Doc, "")
	}
	for _, fw := range site.Frameworks {
		add(fw.Aliases, fw.Doc, "")
		for _, e := range fw.Elements {
			add(e.Aliases, e.Doc, e.Anchor)
		}
	}
	for _, cw := range site.Crosswalks {
		add(cw.Aliases, cw.Doc, "")
	}
}

// claim gives d its output path, unless another page, a static or
// generated file, or a folder another path needs has it already.
func (ix *Index) claim(d *model.Doc, errs *diag.List) bool {
	if ix.static[d.Path] {
		errs.Add(d.Claim, "%s is also a static or generated file; rename one of them", d.Path)
		return false
	}
	if prev := ix.byPath[d.Path]; prev != nil {
		errs.Add(d.Claim, "%s is already published by %s", d.Path, prev.Claim)
		return false
	}
	if inside, ok := ix.dirs[d.Path]; ok {
		errs.Add(d.Claim, "%s would be a file, but %s needs it to be a folder", d.Path, inside)
		return false
	}
	for dir := path.Dir(d.Path); dir != "."; dir = path.Dir(dir) {
		if _, ok := ix.dirs[dir]; ok {
			break // a folder already, and so are those above it
		}
		if ix.static[dir] || ix.byPath[dir] != nil {
			errs.Add(d.Claim, "%s needs %s to be a folder, but it is a file", d.Path, dir)
			return false
		}
	}
	if err := layout.CheckName(d.Path); err != nil {
		errs.Add(d.Claim, "this page cannot be published: %v", err)
		return false
	}
	// macOS and Windows ignore case and Unicode normalisation in file
	// names: About/ and about/ would be one folder there.
	folded := layout.Fold(d.Path)
	if other, ok := ix.folded[folded]; ok {
		by := "a static or generated file"
		if prev := ix.byPath[other]; prev != nil {
			by = prev.Claim.String()
		}
		errs.Add(d.Claim, "%s and %s (%s) differ only in case or Unicode form, and would be one file on macOS and Windows; rename one",
			strconv.QuoteToASCII(d.Path), strconv.QuoteToASCII(other), by)
		return false
	}
	ix.folded[folded] = d.Path
	ix.byPath[d.Path] = d
	ix.claimDirs(d.Path)
	ix.Site.Docs = append(ix.Site.Docs, d)
	return true
}

// claimDirs records the folders that the output file p needs.
func (ix *Index) claimDirs(p string) {
	for dir := path.Dir(p); dir != "."; dir = path.Dir(dir) {
		if _, ok := ix.dirs[dir]; ok {
			return
		}
		ix.dirs[dir] = p
	}
}

// linkCrosswalk resolves a crosswalk's frameworks and mapping records and
// indexes each record on its two elements.
func (ix *Index) linkCrosswalk(cw *model.Crosswalk, errs *diag.List) {
	cw.Source = ix.framework(cw.SourceID, cw.SourceAt, errs)
	cw.Target = ix.framework(cw.TargetID, cw.TargetAt, errs)
	if cw.Source != nil && cw.Source == cw.Target {
		errs.Add(cw.TargetAt, "a crosswalk relates two different frameworks; source and target are both %q", cw.SourceID)
		return
	}
	if cw.Source == nil || cw.Target == nil {
		return
	}
	// Keyed by the elements, not their ids (ByID is one to one): at
	// 50,000 records, hashing pairs of strings was most of this loop.
	seen := make(map[[2]*model.Element]*model.Mapping, len(cw.Mappings))
	// The last record naming each element, for the check of the
	// elements recorded as having no counterpart; without those, none.
	var mapped map[*model.Element]*model.Mapping
	if len(cw.NoCounterparts) > 0 {
		mapped = map[*model.Element]*model.Mapping{}
	}
	for i, m := range cw.Mappings {
		m.N = i + 1
		m.Source = element(cw.Source, m.SourceID, m.SourceAt, "source", errs)
		m.Target = element(cw.Target, m.TargetID, m.TargetAt, "target", errs)
		if m.Source == nil || m.Target == nil {
			continue
		}
		key := [2]*model.Element{m.Source, m.Target}
		if prev := seen[key]; prev != nil {
			errs.Add(m.Pos, "duplicate mapping %s → %s (first at line %d)", m.SourceID, m.TargetID, prev.Pos.Line)
			continue
		}
		seen[key] = m
		if mapped != nil {
			mapped[m.Source], mapped[m.Target] = m, m
		}
		m.Source.Outgoing = append(m.Source.Outgoing, m)
		m.Target.Incoming = append(m.Target.Incoming, m)
	}
	recorded := map[*model.Element]*model.NoCounterpart{}
	for _, nc := range cw.NoCounterparts {
		fw := cw.Source
		if nc.Side == "target" {
			fw = cw.Target
		}
		e := element(fw, nc.ElementID, nc.At, nc.Side, errs)
		if e == nil {
			continue
		}
		if prev := recorded[e]; prev != nil {
			errs.Add(nc.At, "%s is recorded as having no counterpart twice (first at line %d)", nc.ElementID, prev.Pos.Line)
			continue
		}
		if m := mapped[e]; m != nil {
			errs.Add(nc.At, "%s is recorded as having no counterpart, but the mapping at line %d names it", nc.ElementID, m.Pos.Line)
			continue
		}
		recorded[e] = nc
		nc.Element = e
		e.NoCounterparts = append(e.NoCounterparts, nc)
	}
}

func (ix *Index) framework(id string, at diag.Position, errs *diag.List) *model.Framework {
	if id == "" {
		return nil
	}
	fw := ix.frameworks[id]
	if fw == nil {
		errs.Add(at, "unknown framework %q%s", id, suggest(id, mapKeys(ix.frameworks)))
	}
	return fw
}

func element(fw *model.Framework, id string, at diag.Position, side string, errs *diag.List) *model.Element {
	if id == "" {
		return nil
	}
	e := fw.ByID[id]
	if e == nil {
		errs.Add(at, "unknown "+side+" %q in framework %q%s", id, fw.ID, suggest(id, mapKeys(fw.ByID)))
	}
	return e
}

func mapKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// suggest returns `; did you mean "x"?` when one candidate differs from
// id only in case, separators or the zero padding of numbers.
func suggest(id string, candidates []string) string { return vocab.DidYouMean(id, candidates) }

// linkEntryPoints resolves the frameworks the home page lists; without
// entry points it lists every framework's top level.
func (ix *Index) linkEntryPoints(errs *diag.List) {
	home := ix.Site.Home
	if home == nil {
		return
	}
	if len(home.EntryPoints) == 0 {
		for _, fw := range ix.Site.Frameworks {
			if ix.frameworks[fw.ID] == fw {
				home.EntryPoints = append(home.EntryPoints, model.EntryPoint{FrameworkID: fw.ID, Levels: 1, Framework: fw})
			}
		}
		return
	}
	for i := range home.EntryPoints {
		e := &home.EntryPoints[i]
		e.Framework = ix.framework(e.FrameworkID, e.At, errs)
	}
}
