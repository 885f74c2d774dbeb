package build

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/afero"

	"github.com/crosswalk-ssg/crosswalk/internal/catalog"
	"github.com/crosswalk-ssg/crosswalk/internal/diag"
	"github.com/crosswalk-ssg/crosswalk/internal/importcsv"
	"github.com/crosswalk-ssg/crosswalk/internal/importoscal"
	"github.com/crosswalk-ssg/crosswalk/internal/layout"
	"github.com/crosswalk-ssg/crosswalk/internal/model"
	"github.com/crosswalk-ssg/crosswalk/internal/source"
	"github.com/crosswalk-ssg/crosswalk/internal/write"
)

// FrameworkImportRequest asks ImportFramework to write a framework's
// folder from an OSCAL catalog or a table.
type FrameworkImportRequest struct {
	Site Config // a site on disk (OpenSite)
	// From is the OSCAL catalog (.json) or the framework table (.csv).
	From string
	// Framework is the framework's id in the site: its folder name.
	Framework string
	// Columns renames a table's columns (our column name → its heading).
	Columns map[string]string
	// Metadata that the command line gives: each non-empty value is used
	// over the source's; with neither, the framework file's current
	// value is kept.
	Title, Version, Publisher, Published, URL, License string
	// IDs says whose the element ids are: "site" (ids: site), "publisher",
	// or "" to keep what the framework file says.
	IDs string
}

// FrameworkImportResult says what ImportFramework wrote.
type FrameworkImportResult struct {
	Folder   string   // the framework's folder
	Elements int      // elements imported
	Files    int      // Markdown files written
	Notices  []string // what the author should know that is not an error
}

// ImportFramework reads a framework from an OSCAL catalog or a table and
// writes its folder, content/frameworks/<id>/, as catalog.Folder lays it
// out, keeping the prose that authors wrote. Before anything is written,
// the site is loaded with the new folder in memory: a problem that the
// import would add to the site (an element a crosswalk names that the
// source no longer has, say) is reported then, with every other problem
// of the import, and nothing is written. The folder is then replaced in
// one step (write.ReplaceFolder), files that the site does not read
// (dot files, editors' backups) kept.
func ImportFramework(req FrameworkImportRequest) (*FrameworkImportResult, error) {
	if req.Site.Dir == "" {
		return nil, errNotOnDisk
	}
	if msg := model.CheckFrameworkID(req.Framework); msg != "" {
		return nil, errors.New(msg)
	}
	if req.Published != "" {
		if _, err := time.Parse(time.DateOnly, req.Published); err != nil {
			return nil, fmt.Errorf("-published %q: give the date as YYYY-MM-DD", req.Published)
		}
	}
	fw, notices, err := readFramework(req)
	if err != nil {
		return nil, err
	}
	fw.ID = req.Framework
	fw.Title = cmp.Or(req.Title, fw.Title)
	fw.Version = cmp.Or(req.Version, fw.Version)
	fw.Publisher = cmp.Or(req.Publisher, fw.Publisher)
	fw.Published = cmp.Or(req.Published, fw.Published)
	fw.SourceURL = cmp.Or(req.URL, fw.SourceURL)
	fw.License = cmp.Or(req.License, fw.License)
	fw.IDs = cmp.Or(req.IDs, fw.IDs)

	rel := path.Join(layout.ContentDir, "frameworks", req.Framework)
	var readErrs diag.List
	var existing []*source.File
	if _, err := req.Site.Source.Stat(rel); err == nil {
		if existing, err = source.ReadDir(req.Site.Source, rel, &readErrs); err != nil {
			return nil, err
		}
	}
	if err := readErrs.Err(); err != nil {
		return nil, err
	}
	files, err := catalog.Folder(fw, existing, req.From)
	if err != nil {
		return nil, err
	}
	if err := checkImported(req.Site, rel, req.From, files); err != nil {
		return nil, err
	}
	folder := filepath.Join(req.Site.Dir, filepath.FromSlash(rel))
	if err := write.CheckPlace(write.ContentFile, req.Site.Dir, folder); err != nil {
		return nil, err
	}
	if err := write.ReplaceFolder(afero.NewOsFs(), folder, files, notRead); err != nil {
		return nil, err
	}
	n := 0
	fw.Walk(func(*catalog.Element) { n++ })
	return &FrameworkImportResult{Folder: folder, Elements: n, Files: len(files), Notices: notices}, nil
}

// readFramework reads req.From by its extension: .json is an OSCAL
// catalog, .csv a framework table.
func readFramework(req FrameworkImportRequest) (*catalog.Framework, []string, error) {
	data, err := afero.ReadFile(afero.NewOsFs(), req.From)
	if err != nil {
		return nil, nil, err
	}
	switch strings.ToLower(filepath.Ext(req.From)) {
	case ".json":
		if len(req.Columns) > 0 {
			return nil, nil, errors.New("-columns names a table's columns; an OSCAL catalog has none")
		}
		fw, err := importoscal.Read(req.From, data)
		return fw, nil, err
	case ".csv":
		return importcsv.ReadFramework(data, req.From, req.Columns)
	}
	return nil, nil, fmt.Errorf("%s: import reads a framework from an OSCAL catalog (.json) or a table (.csv)", req.From)
}

// notRead reports whether the site's reader skips the file at the slash
// path rel of a framework folder (a dot file, an editor's backup, or not
// Markdown), so that replacing the folder must keep it.
func notRead(rel string) bool {
	if path.Ext(rel) != ".md" {
		return true
	}
	for _, part := range strings.Split(rel, "/") {
		if source.Skipped(part) {
			return true
		}
	}
	return false
}

// checkImported loads the site with the framework folder rel holding
// files instead of what it holds, in memory, and returns the problems
// that this adds to those the site has now.
func checkImported(site Config, rel, from string, files map[string][]byte) error {
	mem := afero.NewMemMapFs()
	err := afero.Walk(site.Source, layout.ContentDir, func(p string, info fs.FileInfo, err error) error {
		p = filepath.ToSlash(p)
		switch {
		case err != nil:
			return err
		case p == rel || strings.HasPrefix(p, rel+"/"):
			if info.IsDir() {
				return filepath.SkipDir
			}
			return nil
		case info.IsDir():
			return nil
		}
		data, err := afero.ReadFile(site.Source, p)
		if err != nil {
			return err
		}
		return afero.WriteFile(mem, p, data, 0o644)
	})
	if err != nil {
		return err
	}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if err := afero.WriteFile(mem, path.Join(rel, name), files[name], 0o644); err != nil {
			return err
		}
	}
	var before, after diag.List
	if _, err := Load(site, &before); err != nil {
		return err
	}
	if _, err := Load(Config{Source: mem, Defaults: site.Defaults}, &after); err != nil {
		return err
	}
	had := map[string]bool{}
	if es, ok := before.Err().(diag.Errors); ok {
		for _, e := range es {
			had[e.Error()] = true
		}
	}
	var added diag.List
	if es, ok := after.Err().(diag.Errors); ok {
		for _, e := range es {
			if had[e.Error()] {
				continue
			}
			if e.Pos.File == rel || strings.HasPrefix(e.Pos.File, rel+"/") {
				// The file is not written: say whose it would be.
				e = diag.Errorf(e.Pos, "%s (in the file import would write from %s)", e.Msg, path.Base(filepath.ToSlash(from)))
			}
			added.Append(e)
		}
	}
	return added.Err()
}
