package export

import (
	"errors"
	"fmt"

	"github.com/crosswalk-ssg/crosswalk/internal/layout"
	"github.com/crosswalk-ssg/crosswalk/internal/model"
)

// CrosswalkDownloads returns the files of a linked crosswalk: CSV, JSON,
// Excel and OSCAL mapping-collection.
func CrosswalkDownloads(cw *model.Crosswalk) ([]Download, error) {
	records := Records(cw)
	at := func(ending string) string { return layout.CrosswalkDownload(cw.ID, ending) }
	csvData, err := CSV(records)
	if err != nil {
		return nil, err
	}
	jsonData, err := JSON(cw, records)
	if err != nil {
		return nil, err
	}
	xlsxData, err := XLSX(cw, records)
	if err != nil {
		return nil, err
	}
	oscal := Download{Path: at(layout.OSCALMappingEnding), Format: "OSCAL 1.2.1 mapping-collection (JSON)", MediaType: "application/oscal.mapping+json", Description: "for GRC tools that read OSCAL control mappings"}
	oscal.Data, err = MappingCollection(cw)
	var withheld *Withheld
	if errors.As(err, &withheld) {
		oscal.Data, oscal.Withheld = nil, withheld.Reason
	} else if err != nil {
		return nil, err
	}
	return []Download{
		{Path: at(layout.CSVEnding), Format: "CSV", MediaType: "text/csv", Description: "one row per record", Data: csvData},
		{Path: at(layout.JSONEnding), Format: "JSON", MediaType: "application/json", Description: "the records with the crosswalk's metadata; schema: crosswalk.schema.json", Data: jsonData},
		{Path: at(layout.XLSXEnding), Format: "Excel", MediaType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Description: "records with filters, a sheet per framework, provenance", Data: xlsxData},
		oscal,
	}, nil
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
	for _, cw := range site.Crosswalks {
		d, err := CrosswalkDownloads(cw)
		if err != nil {
			return nil, fmt.Errorf("crosswalk %s: %w", cw.ID, err)
		}
		all = append(all, d...)
	}
	for _, fw := range site.Frameworks {
		d, err := FrameworkDownloads(fw)
		if err != nil {
			return nil, fmt.Errorf("framework %s: %w", fw.ID, err)
		}
		all = append(all, d...)
	}
	return append(all, SchemaDownload()), nil
}
