package render

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/crosswalk-ssg/crosswalk/internal/diag"
	"github.com/crosswalk-ssg/crosswalk/internal/markdown"
	"github.com/crosswalk-ssg/crosswalk/internal/model"
	"github.com/crosswalk-ssg/crosswalk/internal/theme"
	"github.com/spf13/afero"
)

// TestRenderHeld: the pages RenderHeld holds render after every other
// page and after release, and see what release set (their downloads); an
// error from release ends the rendering before them, with that error.
func TestRenderHeld(t *testing.T) {
	t.Parallel()
	ix := linked(t, viewSite)
	site := afero.NewMemMapFs()
	for _, d := range ix.Site.Docs {
		src := `{{ define "main" }}downloads: {{ len .Downloads }}{{ end }}`
		if err := afero.WriteFile(site, theme.TemplatesDir+"/"+string(d.Kind)+".html", []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var errs diag.List
	tpl, err := ParseTemplates(theme.New(site, nil), &errs)
	if err != nil || errs.Err() != nil {
		t.Fatal(err, errs.Err())
	}
	held := func(d *model.Doc) bool { return d.Kind == model.KindFramework }
	var heldDocs []*model.Doc
	for _, d := range ix.Site.Docs {
		if held(d) {
			heldDocs = append(heldDocs, d)
		}
	}
	if len(heldDocs) == 0 || len(heldDocs) == len(ix.Site.Docs) {
		t.Fatalf("%d of %d pages held: the test needs some of each", len(heldDocs), len(ix.Site.Docs))
	}
	for _, fail := range []bool{false, true} {
		r := New(ix, tpl, markdown.New(markdown.Options{}))
		var mu sync.Mutex
		pages := map[string]string{}
		var order []*model.Doc
		emit := func(path string, data []byte) error {
			mu.Lock()
			defer mu.Unlock()
			pages[path] = string(data)
			for _, d := range ix.Site.Docs {
				if d.Path == path {
					order = append(order, d)
				}
			}
			return nil
		}
		releaseErr := errors.New("the data files were not made")
		beforeRelease := -1
		n, err := r.RenderHeld(context.Background(), emit, 3, &errs, held, func() error {
			mu.Lock()
			beforeRelease = len(order)
			mu.Unlock()
			if fail {
				return releaseErr
			}
			offers := map[*model.Doc][]Download{}
			for _, d := range heldDocs {
				offers[d] = []Download{{Path: "downloads/x.csv", Name: "x.csv"}}
			}
			r.SetDownloads(offers)
			return nil
		})
		if want := len(ix.Site.Docs) - len(heldDocs); beforeRelease != want {
			t.Errorf("fail=%v: %d pages rendered before release, want every page not held: %d", fail, beforeRelease, want)
		}
		if fail {
			if !errors.Is(err, releaseErr) || n != beforeRelease || len(order) != beforeRelease {
				t.Errorf("release failed: RenderHeld = %d, %v with %d pages emitted; want %d, its error, and no held page", n, err, len(order), beforeRelease)
			}
			continue
		}
		if err != nil || n != len(ix.Site.Docs) {
			t.Fatalf("RenderHeld = %d, %v; want %d pages", n, err, len(ix.Site.Docs))
		}
		for i, d := range order {
			if held(d) != (i >= beforeRelease) {
				t.Errorf("page %s rendered %dth: held pages come after all others", d.Path, i)
			}
			want := "downloads: 0"
			if held(d) {
				want = "downloads: 1"
			}
			if !strings.Contains(pages[d.Path], want) {
				t.Errorf("%s does not say %q", d.Path, want)
			}
		}
	}
	if err := errs.Err(); err != nil {
		t.Fatal(err)
	}
}
