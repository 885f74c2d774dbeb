package export

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/crosswalk-ssg/crosswalk/internal/layout"
	"github.com/crosswalk-ssg/crosswalk/internal/model"
)

// CrosswalkDownloads returns the files of a linked crosswalk: CSV, JSON,
// Excel and OSCAL mapping-collection.
func CrosswalkDownloads(cw *model.Crosswalk) ([]Download, error) {
	var out []Download
	err := eachCrosswalkDownload(context.Background(), cw, nil, func(d Download) error {
		err := d.hold()
		out = append(out, d)
		return err
	})
	return out, err
}

// eachCrosswalkDownload makes a crosswalk's files one at a time and hands
// each to emit before it makes the next, so that a large crosswalk's
// files are never all in memory at once. Once ctx is done it stops with
// ctx's error, before the next file, or within the workbook being made
// (within a few hundred rows).
//
// The workbook, the slowest to make (most of it compressing), is made on
// a goroutine of its own while the CSV and JSON are written, so that
// export keeps a second core busy; it is still handed to emit in its
// place. The CSV and JSON are made as they are written and hold little,
// so this adds little memory. The workbook reads records of its own
// (crosswalkRecords is not for concurrent use); the CSV and JSON, made
// one after the other, share theirs. When the CSV and JSON are written
// before the workbook is done, idle, if not nil, is called before waiting
// for it, to do other work there.
func eachCrosswalkDownload(ctx context.Context, cw *model.Crosswalk, idle func(), emit func(Download) error) error {
	ctx, cancel := context.WithCancel(ctx)
	var book struct {
		data []byte
		err  error
	}
	done := make(chan struct{}) // closed when the workbook is made
	go func() {
		defer close(done)
		book.data, book.err = xlsx(ctx, cw, newCrosswalkRecords(cw))
	}()
	defer func() { <-done }() // returning early, the workbook stops at ctx's cancel, below
	defer cancel()
	records := newCrosswalkRecords(cw) // the CSV's and the JSON's
	at := func(ending string) string { return layout.CrosswalkDownload(cw.ID, ending) }
	files := []struct {
		d    Download
		make func() ([]byte, error)
	}{
		{Download{Path: at(layout.CSVEnding), Format: "CSV", MediaType: "text/csv", Description: "one row per record",
			make: func(w io.Writer) error { return writeCSV(w, records) }}, nil},
		{Download{Path: at(layout.JSONEnding), Format: "JSON", MediaType: "application/json", Description: "the records with the crosswalk's metadata; schema: crosswalk.schema.json",
			make: func(w io.Writer) error { return writeJSON(w, cw, records) }}, nil},
		{Download{Path: at(layout.XLSXEnding), Format: "Excel", MediaType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Description: "records with filters, a sheet per framework, provenance"},
			func() ([]byte, error) {
				select {
				case <-done:
				default:
					if idle != nil {
						idle()
					}
				}
				<-done
				return book.data, book.err
			}},
		{Download{Path: at(layout.OSCALMappingEnding), Format: "OSCAL 1.2.1 mapping-collection (JSON)", MediaType: "application/oscal.mapping+json", Description: "for GRC tools that read OSCAL control mappings"},
			func() ([]byte, error) { return MappingCollection(cw) }},
	}
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		d := f.d
		var err error
		if f.make != nil {
			d.Data, err = f.make()
		}
		var withheld *Withheld
		if errors.As(err, &withheld) {
			d.Data, d.Withheld = nil, withheld.Reason
		} else if err != nil {
			return err
		}
		if err := emit(d); err != nil {
			return err
		}
	}
	return nil
}

// FrameworkDownloads returns the files of a linked framework: its OSCAL
// catalog.
func FrameworkDownloads(fw *model.Framework) ([]Download, error) {
	data, err := Catalog(fw)
	if err != nil {
		return nil, err
	}
	return []Download{{Path: layout.CatalogDownload(fw.ID), Format: "OSCAL catalog (JSON)", MediaType: "application/oscal.catalog+json", Description: "groups for the top level, controls for the elements, the statements as parts", Data: data}}, nil
}

// SchemaDownload is the JSON Schema of the crosswalk JSON.
func SchemaDownload() Download {
	return Download{Path: layout.SchemaDownload, Format: "JSON Schema", MediaType: "application/schema+json", Description: "the shape of the crosswalk JSON", Data: Schema()}
}

// Paths returns the output paths of every download of a decoded site, so
// that the link stage can keep pages off them before the files exist.
func Paths(site *model.Site) []string {
	paths := []string{layout.SchemaDownload}
	for _, cw := range site.Crosswalks {
		if cw.ID == "" {
			continue
		}
		for _, ending := range layout.CrosswalkDownloadEndings() {
			paths = append(paths, layout.CrosswalkDownload(cw.ID, ending))
		}
	}
	for _, fw := range site.Frameworks {
		if fw.ID != "" {
			paths = append(paths, layout.CatalogDownload(fw.ID))
		}
	}
	return paths
}

// All returns every download of a linked site: each crosswalk's files,
// each framework's catalog, and the JSON Schema.
func All(site *model.Site) ([]Download, error) {
	var all []Download
	err := Each(context.Background(), site, func(d Download) error {
		err := d.hold()
		all = append(all, d)
		return err
	})
	if err != nil {
		return nil, err
	}
	return all, nil
}

// Each makes every download of a linked site, in All's order, and hands
// each to emit as soon as it is made; emit may write it and drop it, so
// a build holds few data files at a time, and none of the files made as
// they are written (Download.WriteTo). Once ctx is done, Each stops with
// ctx's error, before the next file or within a workbook: a server's
// check of a site an edit has replaced gives way to the edit.
//
// The frameworks' catalogs, handed to emit after the crosswalks' files,
// are made while the first workbook is still being compressed, if it is,
// where a core would wait: at 10,000 elements that is a tenth of a
// second of the build, and two catalogs of 5 MB held a little longer.
func Each(ctx context.Context, site *model.Site, emit func(Download) error) error {
	catalogs := make([][]Download, len(site.Frameworks))
	errs := make([]error, len(site.Frameworks))
	made := 0
	makeCatalogs := func() {
		for ; made < len(site.Frameworks) && ctx.Err() == nil; made++ {
			catalogs[made], errs[made] = FrameworkDownloads(site.Frameworks[made])
		}
	}
	for _, cw := range site.Crosswalks {
		if err := eachCrosswalkDownload(ctx, cw, makeCatalogs, emit); err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			return fmt.Errorf("crosswalk %s: %w", cw.ID, err)
		}
	}
	makeCatalogs()
	for i, fw := range site.Frameworks {
		if err := ctx.Err(); err != nil {
			return err
		}
		if errs[i] != nil {
			return fmt.Errorf("framework %s: %w", fw.ID, errs[i])
		}
		for _, f := range catalogs[i] {
			if err := emit(f); err != nil {
				return err
			}
		}
		catalogs[i] = nil // written: let it go
	}
	return emit(SchemaDownload())
}
