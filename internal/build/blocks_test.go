package build_test

import (
	"path"
	"strconv"
	"strings"
	"testing"

	"github.com/crosswalk-ssg/crosswalk/internal/sitetest"
	"golang.org/x/net/html"
)

// TestLargeDrillDownLinksToBlocks: a drill-down with more records than
// it lists (model.RecordsPerPage) links each cell to the block of the
// drill-down one level down that lists that cell's records, whole; only
// the cells no drill-down lists get pages of their own, so no record is
// on a cell page and in a drill-down at once.
func TestLargeDrillDownLinksToBlocks(t *testing.T) {
	files, _ := sitetest.Build(t, sitetest.Source(sitetest.RealShape(1600, [2][]int{{2, 5, 5}, {4, 5, 5}})))
	large, blocks := 0, 0
	for name, data := range files {
		if !strings.Contains(name, "/rows/") && !strings.Contains(name, "/columns/") {
			continue
		}
		page := sitetest.Parse(t, data)
		if sitetest.Find(page, func(n *html.Node) bool { return sitetest.HasClass(n, "cells-within") }) != nil {
			continue // a drill-down that lists its cells' records
		}
		large++
		matrix := sitetest.Find(page, func(n *html.Node) bool { return n.Data == "table" && sitetest.HasClass(n, "matrix") })
		if matrix == nil {
			t.Fatalf("%s: no matrix table", name)
		}
		for _, a := range sitetest.FindAll(sitetest.Find(matrix, func(n *html.Node) bool { return n.Data == "tbody" }), func(n *html.Node) bool { return n.Data == "a" && n.Parent.Data == "td" }) {
			href := sitetest.Attr(a, "href")
			// The count, then the relationship's mark (render.CellMark).
			n, err := strconv.Atoi(strings.TrimRightFunc(sitetest.Text(a), func(r rune) bool { return r < '0' || r > '9' }))
			if err != nil {
				t.Fatalf("%s: cell link %q reads %q", name, href, sitetest.Text(a))
			}
			file, id, _ := strings.Cut(href, "#")
			target := path.Join(path.Dir(name), file)
			if strings.Contains(target, "/cells/") {
				continue // a leaf's cell, or one of records made at an element itself
			}
			if !strings.HasPrefix(id, "within-") {
				t.Errorf("%s: cell link %q leads neither to a cell page nor to a block", name, href)
				continue
			}
			data, ok := files[target]
			if !ok {
				t.Errorf("%s: cell link %q: no page %s", name, href, target)
				continue
			}
			block := sitetest.Find(sitetest.Parse(t, data), func(n *html.Node) bool { return sitetest.Attr(n, "id") == id })
			if block == nil || !sitetest.HasClass(block, "cells-within") {
				t.Errorf("%s: cell link %q: %s has no block %q", name, href, target, id)
				continue
			}
			rows := sitetest.FindAll(block, func(n *html.Node) bool { return n.Data == "tr" && strings.HasPrefix(sitetest.Attr(n, "id"), "record-") })
			if len(rows) != n {
				t.Errorf("%s: cell link %q counts %d records; the block lists %d", name, href, n, len(rows))
			}
			blocks++
		}
	}
	if large == 0 || blocks == 0 {
		t.Fatalf("%d large drill-downs, %d cells linked to blocks: the site does not test what it should", large, blocks)
	}
	cells := 0
	for name := range files {
		if strings.Contains(name, "/cells/") {
			cells++
		}
	}
	t.Logf("%d large drill-downs link %d cells to blocks; %d cell pages", large, blocks, cells)
}
