package link

import (
	"fmt"
	"net/url"
	"path"
	"slices"
	"strings"

	"github.com/crosswalk-ssg/crosswalk/internal/layout"
	"github.com/crosswalk-ssg/crosswalk/internal/model"
)

// Element finds an element by a reference as authors write it: a bare id
// ("GOVERN 1.1") when only one framework has it, or a qualified one
// ("ai-verify:1.2.3").
func (ix *Index) Element(ref string) (*model.Element, error) {
	ref = strings.TrimSpace(ref)
	if fwID, id, ok := strings.Cut(ref, ":"); ok {
		if fw := ix.frameworks[strings.TrimSpace(fwID)]; fw != nil {
			id = strings.TrimSpace(id)
			if e := fw.ByID[id]; e != nil {
				return e, nil
			}
			return nil, fmt.Errorf("unknown element %q in framework %q%s", id, fw.ID, suggest(id, mapKeys(fw.ByID)))
		}
	}
	switch found := ix.ids[ref]; len(found) {
	case 0:
		return nil, fmt.Errorf("unknown element %q%s", ref, suggest(ref, mapKeys(ix.ids)))
	case 1:
		return found[0], nil
	default:
		var qualified []string
		for _, e := range found {
			qualified = append(qualified, e.Framework.ID+":"+e.ID)
		}
		slices.Sort(qualified)
		return nil, fmt.Errorf("ambiguous element %q: qualify it as one of %s", ref, strings.Join(qualified, ", "))
	}
}

// Doc returns the page at an output path, or nil.
func (ix *Index) Doc(outputPath string) *model.Doc { return ix.byPath[outputPath] }

// Framework returns the framework with id, or nil.
func (ix *Index) Framework(id string) *model.Framework { return ix.frameworks[id] }

// Resolve rewrites a link destination written in the Markdown of file,
// shown on the page at from, to a page-relative URL. External URLs (with
// a scheme, or "//host") and same-page fragments are returned unchanged.
// A site-root path ("/a/b/") resolves to the page or static file
// published there; a path ending in ".md" resolves to the page that
// content file builds; any other relative path must name an output file.
func (ix *Index) Resolve(file, from, dest string) (string, error) {
	if dest == "" || strings.HasPrefix(dest, "#") || strings.HasPrefix(dest, "//") {
		return dest, nil
	}
	u, err := url.Parse(dest)
	if err != nil {
		return "", fmt.Errorf("link %q: %v", dest, err)
	}
	if u.Scheme != "" || u.Host != "" {
		return dest, nil
	}
	p, err := url.PathUnescape(u.EscapedPath())
	if err != nil {
		return "", fmt.Errorf("link %q: %v", dest, err)
	}
	frag := ""
	if u.Fragment != "" {
		frag = "#" + u.EscapedFragment()
	}
	var target string
	switch {
	case strings.HasSuffix(p, ".md"):
		src := path.Join(path.Dir(file), p)
		if strings.HasPrefix(p, "/") {
			src = model.ContentDir + p
		}
		d := ix.byFile[src]
		if d == nil {
			return "", fmt.Errorf("link %q: no content file %s", dest, src)
		}
		if e := ix.files[src]; e != nil && e.Anchor != "" && frag == "" {
			frag = "#" + e.Anchor
		}
		target = d.Path
	case strings.HasPrefix(p, "/"):
		target = ix.sitePath(strings.TrimPrefix(p, "/"))
		if target == "" {
			return "", fmt.Errorf("link %q: nothing is published at %s", dest, p)
		}
	default:
		joined := path.Join(path.Dir(from), p)
		if strings.HasPrefix(joined, "../") || joined == ".." {
			return "", fmt.Errorf("link %q: leads outside the site", dest)
		}
		target = ix.sitePath(joined)
		if target == "" {
			return "", fmt.Errorf("link %q: nothing is published at /%s", dest, joined)
		}
	}
	rel := layout.Rel(from, target)
	if u.RawQuery != "" {
		rel += "?" + u.RawQuery
	}
	return rel + frag, nil
}

// sitePath returns the output file for a path from the site root: the
// file itself, or the index.html of the folder it names.
func (ix *Index) sitePath(p string) string {
	p = strings.TrimSuffix(p, "/")
	for _, c := range []string{p, strings.TrimPrefix(p+"/"+layout.HomePage, "/")} {
		if c == "" {
			continue
		}
		if ix.byPath[c] != nil || ix.static[c] {
			return c
		}
	}
	return ""
}
