package link

import (
	"cmp"
	"slices"

	"github.com/crosswalk-ssg/crosswalk/internal/diag"
	"github.com/crosswalk-ssg/crosswalk/internal/layout"
	"github.com/crosswalk-ssg/crosswalk/internal/model"
)

// linkElements turns a framework's decoded element files into its element
// tree. On entry fw.Roots holds the root of every element file, in file
// order, each with the elements nested in it; on return fw.Roots holds
// the top-level elements and fw.ByID, fw.Elements and every element's
// Slug, Parent, Children and Depth are set. The passes run in this order
// because each relies on what the one before established.
func linkElements(fw *model.Framework, errs *diag.List) {
	indexElements(fw, elementsInFileOrder(fw.Roots), errs)
	top, refused := attachElementFiles(fw, errs)
	fw.Roots = top
	orderElements(fw, errs)
	reportCycles(fw, refused, errs)
	for _, e := range fw.Elements {
		e.FixLabels()
	}
}

// elementsInFileOrder lists the roots of the element files and the
// elements nested in each, depth first: the order in which the content is
// written, which decides which of two elements with one id or one slug
// comes first and is kept.
func elementsInFileOrder(fileRoots []*model.Element) []*model.Element {
	var all []*model.Element
	for _, r := range fileRoots {
		all = append(all, r)
		all = append(all, r.Descendants()...)
	}
	return all
}

// indexElements fills in fw.ByID and each element's Slug. It establishes,
// for attach, that a parent id names exactly one element (the first one
// with that id), and, for placeDocs, that two elements with a non-empty
// Slug never publish at the same path: an element whose id has no
// letters or digits, or publishes like an earlier one, keeps Slug "".
func indexElements(fw *model.Framework, all []*model.Element, errs *diag.List) {
	bySlug := map[string]*model.Element{}
	for _, e := range all {
		if e.ID == "" {
			continue
		}
		if prev := fw.ByID[e.ID]; prev != nil {
			errs.Add(e.Pos, "duplicate id %q in framework %q (first defined at %s)", e.ID, fw.ID, prev.Pos)
			continue
		}
		fw.ByID[e.ID] = e
		e.Slug = layout.Slug(e.ID)
		if e.Slug == "" {
			errs.Add(e.Pos, "id %q has no letters or digits to publish it under", e.ID)
			continue
		}
		if prev := bySlug[e.Slug]; prev != nil {
			errs.Add(e.Pos, "id %q and id %q (at %s) both publish as %q; rename one", e.ID, prev.ID, prev.Pos, e.Slug)
			e.Slug = "" // not published, so the clash is reported once
			continue
		}
		bySlug[e.Slug] = e
	}
}

// attachElementFiles hangs each element file that names a parent under
// that parent, in file order, and returns the file roots that name none:
// the framework's top level. It refuses a parent that is the file's root
// itself or lies within it, so Parent links never form a loop and the
// order pass terminates; the refused file roots are returned as well, as
// each closes a cycle that the cycle report names in full.
func attachElementFiles(fw *model.Framework, errs *diag.List) (top, refused []*model.Element) {
	for _, r := range fw.Roots {
		if r.ParentID == "" {
			top = append(top, r)
			continue
		}
		p := fw.ByID[r.ParentID]
		if p == nil {
			errs.Add(r.ParentAt, "unknown parent %q in framework %q", r.ParentID, fw.ID)
			continue
		}
		if p.Within(r) {
			errs.Add(r.ParentAt, "parent %q of %q is the element itself or one of its descendants", r.ParentID, r.ID)
			refused = append(refused, r)
			continue
		}
		r.Parent = p
		p.Children = append(p.Children, r)
	}
	return top, refused
}

// orderElements sorts siblings by weight (file order among equal
// weights), gives each element its Depth and lists fw.Elements depth
// first from fw.Roots. It establishes, for placeDocs, every reachable
// element's final place; an element deeper than the framework declares
// levels for is reported and kept at the deepest declared level. An
// element file that attach refused, or whose parent is unknown, is not
// reachable from fw.Roots: it and everything below it are in neither
// fw.Elements nor the output.
func orderElements(fw *model.Framework, errs *diag.List) {
	fw.Elements = nil
	var order func(siblings []*model.Element, depth int)
	order = func(siblings []*model.Element, depth int) {
		slices.SortStableFunc(siblings, func(a, b *model.Element) int { return cmp.Compare(a.Weight, b.Weight) })
		for _, e := range siblings {
			e.Depth = depth
			if depth >= len(fw.Levels) && len(fw.Levels) > 0 {
				errs.Add(e.Pos, "%q is at depth %d but framework %q declares only %d level(s)", e.ID, depth+1, fw.ID, len(fw.Levels))
				e.Depth = len(fw.Levels) - 1
			}
			e.Order = len(fw.Elements)
			fw.Elements = append(fw.Elements, e)
			order(e.Children, depth+1)
		}
	}
	order(fw.Roots, 0)
}

// reportCycles names, at its parent key, every other element file on a
// cycle that attach refused to close: following Parent from the refused
// file's parent leads back to that file. Each is reported once, and only
// cycle members are: an element file merely below a cycle, or below an
// unknown parent, is unpublished for a reason already reported.
func reportCycles(fw *model.Framework, refused []*model.Element, errs *diag.List) {
	for _, r := range refused {
		for e := fw.ByID[r.ParentID]; e != nil && e != r; e = e.Parent {
			if e.ParentID != "" { // an element nested in a file takes its parent from where it is
				errs.Add(e.ParentAt, "parent %q of %q forms a cycle of element files", e.ParentID, e.ID)
			}
		}
	}
}
