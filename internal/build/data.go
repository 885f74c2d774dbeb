package build

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"syscall"

	"github.com/crosswalk-ssg/crosswalk/internal/diag"
	"github.com/crosswalk-ssg/crosswalk/internal/importcsv"
	"github.com/crosswalk-ssg/crosswalk/internal/layout"
	"github.com/crosswalk-ssg/crosswalk/internal/model"
	"github.com/crosswalk-ssg/crosswalk/internal/write"
	"github.com/spf13/afero"
)

// exportFormat is one format of ExportTo: the downloads it selects, by
// file name ending ("" selects all).
type exportFormat struct {
	name    string
	endings []string
}

// exportFormats are the formats ExportTo takes, in the order the command
// lists them; "json" also selects the JSON Schema.
func exportFormats() []exportFormat {
	return []exportFormat{
		{"csv", []string{layout.CSVEnding}},
		{"json", []string{layout.JSONEnding}},
		{"xlsx", []string{layout.XLSXEnding}},
		{"oscal", []string{layout.OSCALMappingEnding, layout.OSCALCatalogEnding}},
		{"all", []string{""}},
	}
}

// ExportFormats lists the formats ExportTo takes: csv, json, xlsx, oscal
// and all.
func ExportFormats() []string {
	var names []string
	for _, f := range exportFormats() {
		names = append(names, f.name)
	}
	return names
}

// ExportResult says what ExportTo wrote.
type ExportResult struct {
	Dir     string   // the folder written to, its real path
	Files   []string // the files written, by name in the folder
	Notices []string // the files not written, and why
}

// errNotOnDisk is the error of the functions that need a site folder on
// the operating system's disk, given a site in memory.
var errNotOnDisk = errors.New("the site must be a folder on disk (build.OpenSite): Config.Dir is empty")

// ExportTo reads and links the site and writes its data files of format
// (one of ExportFormats) into the folder dest on the operating system's
// disk, each atomically, replacing files of the same name. dest may not
// lie inside the site's inputs (write.CheckPlace with cfg.Dir). On an
// error, the result says what was written before it.
func ExportTo(cfg Config, dest, format string) (*ExportResult, error) {
	formats := exportFormats()
	i := slices.IndexFunc(formats, func(f exportFormat) bool { return f.name == format })
	if i < 0 {
		return nil, fmt.Errorf("unknown format %q: give one of %s", format, strings.Join(ExportFormats(), ", "))
	}
	endings := formats[i].endings
	if cfg.Dir == "" {
		return nil, errNotOnDisk
	}
	dest, err := write.RealPath(dest)
	if err != nil {
		return nil, err
	}
	if err := write.CheckPlace(write.DataFolder, cfg.Dir, dest); err != nil {
		return nil, err
	}
	fsys := afero.NewOsFs()
	downloads, err := Export(cfg)
	if err != nil {
		return nil, err
	}
	undo, err := write.MakeFolder(fsys, dest)
	if err != nil {
		return nil, err
	}
	res := &ExportResult{Dir: dest}
	for _, d := range downloads {
		if !selected(d.Name(), endings) && !(format == "json" && d.Path == layout.SchemaDownload) {
			continue
		}
		if d.Withheld != "" {
			res.Notices = append(res.Notices, d.Name()+" is not written: "+d.Withheld)
			continue
		}
		if err := write.FileInFolder(fsys, filepath.Join(dest, d.Name()), d.Data); err != nil {
			undo() // the folder, if this run made it and nothing is in it
			return res, err
		}
		res.Files = append(res.Files, d.Name())
	}
	return res, nil
}

// selected reports whether a download named name has one of endings.
func selected(name string, endings []string) bool {
	return slices.ContainsFunc(endings, func(e string) bool { return layout.HasEnding(name, e) })
}

// ImportRequest says which mapping table to import into which crosswalk.
type ImportRequest struct {
	Site  Config // the site (OpenSite), whose frameworks the table refers to
	Table string // the CSV file
	// Into is the crosswalk file to write; "" is
	// content/crosswalks/SOURCE--TARGET.md in Site.Dir. An existing file
	// keeps its metadata and prose, and its declared vocabulary is the
	// one the table's relationships are read against.
	Into            string
	SourceFramework string
	TargetFramework string
	Columns         map[string]string // our column name → the table's heading
}

// ImportResult says what Import wrote.
type ImportResult struct {
	File     string   // the crosswalk file written
	Mappings int      // its records
	Notices  []string // what the author should know that is not an error
}

// Import turns a mapping table into a crosswalk's Markdown file in the
// site: it reads the site's frameworks, reads the table against them
// (importcsv.Read: every problem at its cell), merges the records into
// the existing file's front matter if there is one, and writes the file
// atomically. The table and the crosswalk file are on the operating
// system's disk.
func Import(req ImportRequest) (*ImportResult, error) {
	files := afero.NewOsFs()
	if req.Site.Dir == "" {
		return nil, errNotOnDisk
	}
	opts := importcsv.Options{Source: req.SourceFramework, Target: req.TargetFramework, Columns: req.Columns}
	frameworks, err := Frameworks(req.Site)
	if err != nil {
		return nil, err
	}
	table, err := afero.ReadFile(files, req.Table)
	if err != nil {
		return nil, err
	}
	target := req.Into
	if target == "" {
		target = filepath.Join(req.Site.Dir, filepath.FromSlash(model.ContentDir), "crosswalks", req.SourceFramework+"--"+req.TargetFramework+".md")
	}
	existing, err := afero.ReadFile(files, target)
	if err != nil && !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, syscall.ENOTDIR) { // ENOTDIR: writing says why
		return nil, err
	}
	if existing != nil {
		if opts.Vocabulary, err = importcsv.Vocabulary(existing); err != nil {
			return nil, inFile(err, target)
		}
	}
	records, notices, err := importcsv.Read(bytes.NewReader(table), req.Table, frameworks, opts)
	if err != nil {
		return nil, err
	}
	out, err := importcsv.Write(records, existing, req.Table, opts, frameworks)
	if err != nil {
		return nil, inFile(err, target)
	}
	if err := write.CheckPlace(write.ContentFile, req.Site.Dir, target); err != nil {
		return nil, err
	}
	if err := write.FileInFolder(files, target, out); err != nil {
		return nil, err
	}
	return &ImportResult{File: target, Mappings: len(records), Notices: notices}, nil
}

// inFile puts the crosswalk file's path in the positions importcsv reports
// as importcsv.ExistingFile, since it is not told the path.
func inFile(err error, path string) error {
	var es diag.Errors
	if errors.As(err, &es) {
		for _, e := range es {
			if e.Pos.File == importcsv.ExistingFile {
				e.Pos.File = path
			}
		}
	}
	return err
}
