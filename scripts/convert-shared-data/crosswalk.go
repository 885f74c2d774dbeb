package main

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// The official crosswalk (NIST, 12 October 2023). The converter writes its
// file's front matter and prose from officialFile; its records come from
// officialCSV through `crosswalk import` (make content), as a publisher
// would bring a mapping table. It checks here that the CSV and the YAML
// transcribe the same pairs, so that what import brings in is what the
// YAML describes.
const (
	officialFile = "crosswalk-nist-ai-rmf-ai-verify-official.yaml"
	officialCSV  = "crosswalk-nist-ai-rmf-ai-verify-official.csv"
	officialRel  = "crosswalks/nist-ai-rmf--ai-verify.md"
	officialID   = "nist-ai-rmf-1.0--ai-verify-2023"
	officialRows = 19
	officialN    = 272
	// draftURL is where this site published the superseded draft; it now
	// redirects to the official crosswalk.
	draftURL = "/crosswalks/aiverify-2023-nist-ai-rmf-1-0/"
)

type officialData struct {
	Crosswalk struct {
		Title        string            `yaml:"title"`
		Date         string            `yaml:"date"`
		Status       string            `yaml:"status"`
		Publisher    string            `yaml:"publisher"`
		PublishedAt  string            `yaml:"published_at"`
		PublishedOn  string            `yaml:"published_on"`
		LicenceNote  string            `yaml:"licence_note"`
		Direction    string            `yaml:"direction"`
		Relationship string            `yaml:"relationship"`
		Granularity  string            `yaml:"granularity"`
		Frameworks   map[string]string `yaml:"frameworks"`
	} `yaml:"crosswalk"`
	Transcription struct {
		From   string         `yaml:"from"`
		How    string         `yaml:"how"`
		Notes  []string       `yaml:"notes"`
		Counts map[string]int `yaml:"counts"`
	} `yaml:"transcription"`
	Rows []struct {
		NIST          string `yaml:"nist_ai_rmf"`
		NISTStatement string `yaml:"nist_statement"`
		AIVerify      []struct {
			AsPublished string   `yaml:"as_published"`
			Principle   string   `yaml:"principle"`
			IDs         []string `yaml:"ids"`
		} `yaml:"ai_verify"`
		// A row's note; the transcription notes say the same (checked), and
		// the site shows them on the crosswalk page.
		Note string `yaml:"note"`
	} `yaml:"rows"`
}

// officialMeta is the crosswalk block of the official crosswalk's file.
type officialMeta struct {
	ID             string        `yaml:"id"`
	Title          string        `yaml:"title"`
	Source         string        `yaml:"source"`
	Target         string        `yaml:"target"`
	Status         string        `yaml:"status"`
	Publisher      string        `yaml:"publisher"`
	Published      date          `yaml:"published"`
	URL            string        `yaml:"url"`
	Method         string        `yaml:"method"`
	Direction      string        `yaml:"direction"`
	Granularity    string        `yaml:"granularity"`
	MappingMethod  string        `yaml:"mapping_method"`
	Matching       string        `yaml:"matching_rationale"`
	ProvenanceNote string        `yaml:"provenance_note"`
	Relationships  relationships `yaml:"relationships"`
	Transcription  transcription `yaml:"transcription"`
	Sources        []source      `yaml:"sources"`
}

type relationships struct {
	Stated bool   `yaml:"stated"`
	Note   string `yaml:"note"`
}

type transcription struct {
	From  string   `yaml:"from"`
	How   string   `yaml:"how"`
	Notes []string `yaml:"notes"`
}

type officialDoc struct {
	Crosswalk officialMeta `yaml:"crosswalk"`
	Aliases   []string     `yaml:"aliases"`
}

// The words this site adds to the official crosswalk's file. Each says
// whose words they are; none is presented as the publishers'.
const (
	officialPublisher = "National Institute of Standards and Technology (NIST); a joint NIST–IMDA work"
	officialMethod    = "The table is the result of the joint mapping exercise of NIST and IMDA announced on 13 October 2023. It does not describe how its items were matched."
	// OSCAL requires a method and a matching-rationale for a mapping-collection;
	// the table states neither.
	provenanceNote = "NIST's table states neither how its pairs were made nor how they were judged. OSCAL 1.2 requires both in a mapping-collection, so this site records method human (the table is the work of the two agencies' joint mapping exercise) and matching-rationale semantic (its pairs join items by what they are about; their wording differs). These two values are this site's reading, not the publishers' statement; the relationships themselves are left unstated."
)

func loadOfficial(dataDir string) (*officialData, error) {
	var d officialData
	if err := decodeStrict(dataDir, officialFile, &d); err != nil {
		return nil, err
	}
	return &d, nil
}

// checkOfficial checks the YAML's counts and that the CSV lists exactly
// its pairs, each with the YAML's as-published cell, and that every id
// exists in the two frameworks.
func checkOfficial(dataDir string, d *officialData, av *avData, nist *nistData) error {
	if d.Crosswalk.Status != "official" {
		return fmt.Errorf("%s: status %q, want official", officialFile, d.Crosswalk.Status)
	}
	if len(d.Rows) != officialRows {
		return fmt.Errorf("%s: %d rows, want %d", officialFile, len(d.Rows), officialRows)
	}
	kinds := nistKind(nist)
	avIDs := aiVerifyIDs(av)
	var want [][2]string // (nist, ai verify) in order, with the as-published cell
	cells := map[[2]string]string{}
	for _, r := range d.Rows {
		if r.Note != "" && !slices.ContainsFunc(d.Transcription.Notes, func(n string) bool { return strings.Contains(n, r.NIST) }) {
			return fmt.Errorf("%s: row %s has a note the transcription notes do not mention: %q", officialFile, r.NIST, r.Note)
		}
		if kinds[r.NIST] != "category" {
			return fmt.Errorf("%s: row %s is not a NIST AI RMF category", officialFile, r.NIST)
		}
		for _, cell := range r.AIVerify {
			for _, id := range cell.IDs {
				if !avIDs[id] {
					return fmt.Errorf("%s: %s: AI Verify id %q does not exist", officialFile, r.NIST, id)
				}
				pair := [2]string{r.NIST, id}
				if _, dup := cells[pair]; dup {
					continue // listed twice in one row (MEASURE 4, 9.1.2); the transcription counts it once
				}
				cells[pair] = cell.AsPublished
				want = append(want, pair)
			}
		}
	}
	if len(want) != officialN || d.Transcription.Counts["pairs after range expansion"] != officialN {
		return fmt.Errorf("%s: %d pairs, want %d", officialFile, len(want), officialN)
	}
	f, err := os.Open(filepath.Join(dataDir, officialCSV))
	if err != nil {
		return err
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return fmt.Errorf("%s: %w", officialCSV, err)
	}
	head := []string{"nist_ai_rmf", "ai_verify", "ai_verify_level", "ai_verify_principle", "as_published"}
	if len(rows) == 0 || !slices.Equal(rows[0], head) {
		return fmt.Errorf("%s: header is not %s", officialCSV, strings.Join(head, ","))
	}
	if len(rows)-1 != len(want) {
		return fmt.Errorf("%s: %d rows, the YAML has %d pairs", officialCSV, len(rows)-1, len(want))
	}
	for i, row := range rows[1:] {
		pair := [2]string{row[0], row[1]}
		if pair != want[i] || row[4] != cells[pair] {
			return fmt.Errorf("%s: row %d (%s, %s) differs from the YAML's pair %d", officialCSV, i+2, row[0], row[1], i+1)
		}
	}
	return nil
}

// aiVerifyIDs returns every id of the AI Verify data.
func aiVerifyIDs(av *avData) map[string]bool {
	ids := map[string]bool{}
	for _, p := range av.allSections() {
		ids[p.ID] = true
		for _, o := range p.Outcomes {
			ids[o.ID] = true
		}
		for _, c := range p.ProcessChecks {
			ids[c.ID] = true
		}
	}
	return ids
}

// writeOfficial writes the official crosswalk's file with its metadata and
// prose and no records: `crosswalk import` adds them from the CSV.
func writeOfficial(w *writer, dataDir string, d *officialData, av *avData, nist *nistData) error {
	if err := checkOfficial(dataDir, d, av, nist); err != nil {
		return err
	}
	c := d.Crosswalk
	fm := officialDoc{
		Crosswalk: officialMeta{
			ID:             officialID,
			Title:          c.Title,
			Source:         nist.Framework.ID,
			Target:         av.Framework.ID,
			Status:         c.Status,
			Publisher:      officialPublisher,
			Published:      date(c.Date),
			URL:            c.PublishedAt,
			Method:         officialMethod,
			Direction:      c.Direction,
			Granularity:    c.Granularity,
			MappingMethod:  "human",
			Matching:       "semantic",
			ProvenanceNote: provenanceNote,
			Relationships:  relationships{Stated: false, Note: c.Relationship},
			Transcription:  transcription{From: d.Transcription.From, How: d.Transcription.How, Notes: d.Transcription.Notes},
			Sources: []source{
				{Title: c.Title + " (PDF), " + c.PublishedOn + ". " + c.Publisher, URL: c.PublishedAt},
			},
		},
		Aliases: []string{draftURL},
	}
	var m mdDoc
	m.p("This is the official crosswalk between the NIST AI RMF 1.0 and the AI Verify Testing Framework, "+
		"published by NIST on 12 October 2023 as a table in a PDF, transcribed here row by row. "+
		"Each of its %d rows pairs one NIST AI RMF category with the AI Verify outcomes and process checks listed against it; "+
		"expanded, the rows hold %d pairs.", officialRows, officialN)
	m.p("The table states no relationship type, rationale or strength for any pair, so this site shows none: " +
		"each pair is shown as the source gives it, with the table’s own words for its cell (“as published”). " +
		"The table is made at category level, so a NIST AI RMF subcategory page lists its category’s pairs as inherited, apart from any record that names the subcategory itself.")
	m.p("Licence: %s", m.t(c.LicenceNote))
	var back officialDoc
	body, err := m.body()
	if err != nil {
		return err
	}
	if err := w.writeDoc(officialRel, officialFile+" (metadata) and, through crosswalk import, "+officialCSV+" (records)", fm, &back, body); err != nil {
		return err
	}
	if err := same(officialRel+": title", back.Crosswalk.Title, c.Title); err != nil {
		return err
	}
	if err := same(officialRel+": relationships.note", back.Crosswalk.Relationships.Note, c.Relationship); err != nil {
		return err
	}
	if !slices.Equal(back.Crosswalk.Transcription.Notes, d.Transcription.Notes) {
		return fmt.Errorf("%s: transcription notes differ from the data", officialRel)
	}
	w.logf("official crosswalk: %d rows, %d pairs checked against both frameworks and the CSV; run crosswalk import to add them", officialRows, officialN)
	return nil
}

// nistKind maps every NIST AI RMF id to its level.
func nistKind(d *nistData) map[string]string {
	k := map[string]string{}
	for _, f := range d.Functions {
		k[f.ID] = "function"
		for _, c := range f.Categories {
			k[c.ID] = "category"
			for _, s := range c.Subcategories {
				k[s.ID] = "subcategory"
			}
		}
	}
	return k
}
