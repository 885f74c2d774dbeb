package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

	"gopkg.in/yaml.v3"
)

// Source file names, relative to the -data folder.
const (
	nistFile      = "nist-ai-rmf-1.0.yaml"
	aiVerifyFile  = "ai-verify-2023.yaml"
	crosswalkFile = "crosswalk-aiverify-nist-ai-rmf.yaml"
	pressFile     = "press-release-2023-10-13.md"
)

// decodeStrict decodes a YAML data file into v and fails on any key v does not declare,
// so that no field of the data is dropped without notice.
func decodeStrict(dataDir, name string, v any) error {
	b, err := os.ReadFile(filepath.Join(dataDir, name))
	if err != nil {
		return err
	}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// ---- NIST AI RMF 1.0 (nist-ai-rmf-1.0.yaml) ----

type nistData struct {
	Framework struct {
		ID        string `yaml:"id"`
		Title     string `yaml:"title"`
		Version   string `yaml:"version"`
		Publisher string `yaml:"publisher"`
		Document  string `yaml:"document"`
		Published string `yaml:"published"`
		URL       string `yaml:"url"`
		License   string `yaml:"license"`
		Counts    struct {
			Functions       int `yaml:"functions"`
			Categories      int `yaml:"categories"`
			Subcategories   int `yaml:"subcategories"`
			Characteristics int `yaml:"characteristics"`
		} `yaml:"counts"`
	} `yaml:"framework"`
	Sources []struct {
		ID          string `yaml:"id"`
		Description string `yaml:"description"`
		Location    string `yaml:"location"`
		Role        string `yaml:"role"`
	} `yaml:"sources"`
	Characteristics []struct {
		ID      string `yaml:"id"`
		Title   string `yaml:"title"`
		Section string `yaml:"section"`
	} `yaml:"characteristics"`
	Functions []nistFunction `yaml:"functions"`

	raw string // the file's text, header comment included
}

type nistFunction struct {
	ID          string         `yaml:"id"`
	Title       string         `yaml:"title"`
	Section     string         `yaml:"section"`
	Table       string         `yaml:"table"`
	Description string         `yaml:"description"`
	Categories  []nistCategory `yaml:"categories"`
}

type nistCategory struct {
	ID            string            `yaml:"id"`
	Statement     string            `yaml:"statement"`
	Variants      []nistVariant     `yaml:"variants"`
	Subcategories []nistSubcategory `yaml:"subcategories"`
}

type nistSubcategory struct {
	ID        string        `yaml:"id"`
	Statement string        `yaml:"statement"`
	Variants  []nistVariant `yaml:"variants"`
}

type nistVariant struct {
	Source string `yaml:"source"`
	Kind   string `yaml:"kind"`
	Text   string `yaml:"text"`
}

func loadNIST(dataDir string) (*nistData, error) {
	var d nistData
	if err := decodeStrict(dataDir, nistFile, &d); err != nil {
		return nil, err
	}
	b, err := os.ReadFile(filepath.Join(dataDir, nistFile))
	if err != nil {
		return nil, err
	}
	d.raw = string(b)
	return &d, nil
}

// ---- AI Verify Testing Framework 2023 (ai-verify-2023.yaml) ----

type avData struct {
	Framework struct {
		ID             string `yaml:"id"`
		Title          string `yaml:"title"`
		Version        string `yaml:"version"`
		VersionNote    string `yaml:"version_note"`
		Publisher      string `yaml:"publisher"`
		URL            string `yaml:"url"`
		License        string `yaml:"license"`
		LicenseNote    string `yaml:"license_note"`
		Overview       string `yaml:"overview"`
		OverviewSource string `yaml:"overview_source"`
		Sources        []struct {
			Repo       string   `yaml:"repo"`
			Commit     string   `yaml:"commit"`
			CommitDate string   `yaml:"commit_date"`
			Path       string   `yaml:"path"`
			Files      []string `yaml:"files"`
			License    string   `yaml:"license"`
			Role       string   `yaml:"role"`
		} `yaml:"sources"`
		FieldMapping yaml.Node `yaml:"field_mapping"` // ordered: source field name per YAML field
		Counts       struct {
			Principles                     int      `yaml:"principles"`
			Outcomes                       int      `yaml:"outcomes"`
			ProcessChecks                  int      `yaml:"process_checks"`
			PrinciplesWithTechnicalTests   []string `yaml:"principles_with_technical_tests"`
			AdditionalSectionOutcomes      int      `yaml:"additional_section_outcomes"`
			AdditionalSectionProcessChecks int      `yaml:"additional_section_process_checks"`
		} `yaml:"counts"`
	} `yaml:"framework"`
	FocusAreas []struct {
		ID         string   `yaml:"id"`
		Title      string   `yaml:"title"`
		Summary    string   `yaml:"summary"`
		Principles []string `yaml:"principles"`
	} `yaml:"focus_areas"`
	Principles              []avPrinciple `yaml:"principles"`
	AdditionalSections      []avPrinciple `yaml:"additional_sections"`
	LaterChangesNotIncluded []struct {
		Commit  string `yaml:"commit"`
		Date    string `yaml:"date"`
		Summary string `yaml:"summary"`
	} `yaml:"later_changes_not_included"`
}

type avPrinciple struct {
	ID               string `yaml:"id"`
	Number           int    `yaml:"number"`
	Title            string `yaml:"title"`
	FocusArea        string `yaml:"focus_area"`
	Summary          string `yaml:"summary"`
	Definition       string `yaml:"definition"`
	Description      string `yaml:"description"`
	HasTechnicalTest bool   `yaml:"has_technical_tests"`
	Source           struct {
		Repo                  string `yaml:"repo"`
		Commit                string `yaml:"commit"`
		Path                  string `yaml:"path"`
		PrincipleMetadataPath string `yaml:"principle_metadata_path"`
	} `yaml:"source"`
	Outcomes []struct {
		ID      string `yaml:"id"`
		Text    string `yaml:"text"`
		Section string `yaml:"section"`
	} `yaml:"outcomes"`
	ProcessChecks  []avProcessCheck `yaml:"process_checks"`
	TechnicalTests []struct {
		GID             string `yaml:"gid"`
		Name            string `yaml:"name"`
		Description     string `yaml:"description"`
		InSummaryReport bool   `yaml:"in_summary_report"`
		PrincipleBasis  string `yaml:"principle_basis"`
		Source          string `yaml:"source"`
	} `yaml:"technical_tests"`
	ReportText struct {
		SummaryIfAllYes    string `yaml:"summary_if_all_yes"`
		SummaryIfNotAllYes string `yaml:"summary_if_not_all_yes"`
		Recommendation     string `yaml:"recommendation"`
	} `yaml:"report_text"`
}

type avProcessCheck struct {
	ID           string `yaml:"id"`
	Outcome      string `yaml:"outcome"`
	Text         string `yaml:"text"`
	Evidence     string `yaml:"evidence"`
	EvidenceType string `yaml:"evidence_type"`
	Threshold    string `yaml:"threshold"`
}

func loadAIVerify(dataDir string) (*avData, error) {
	var d avData
	if err := decodeStrict(dataDir, aiVerifyFile, &d); err != nil {
		return nil, err
	}
	return &d, nil
}

// allSections returns the 11 principles followed by the additional sections, in file order.
func (d *avData) allSections() []avPrinciple {
	out := append([]avPrinciple{}, d.Principles...)
	return append(out, d.AdditionalSections...)
}

// ---- The draft crosswalk (crosswalk-aiverify-nist-ai-rmf.yaml) ----

type cwData struct {
	Crosswalk struct {
		ID              string `yaml:"id"`
		Title           string `yaml:"title"`
		Status          string `yaml:"status"`
		Official        bool   `yaml:"official"`
		StatusStatement string `yaml:"status_statement"`
		FromFramework   struct {
			ID      string `yaml:"id"`
			Version string `yaml:"version"`
			Data    string `yaml:"data"`
		} `yaml:"from_framework"`
		ToFramework struct {
			ID          string `yaml:"id"`
			Version     string `yaml:"version"`
			Publication string `yaml:"publication"`
			URL         string `yaml:"url"`
		} `yaml:"to_framework"`
	} `yaml:"crosswalk"`
	OfficialDocument struct {
		Found                   bool     `yaml:"found"`
		ReportedFileNames       []string `yaml:"reported_file_names"`
		ReportedFileNamesSource string   `yaml:"reported_file_names_source"`
		ReportedHome            string   `yaml:"reported_home"`
		ReportedPressRelease    string   `yaml:"reported_press_release"`
	} `yaml:"official_document"`
	KnownFacts []struct {
		Fact    string   `yaml:"fact"`
		Sources []string `yaml:"sources"`
	} `yaml:"known_facts"`
	// Leads only; deliberately not published. Decoded so that KnownFields accepts the key.
	UnverifiedSecondaryClaims yaml.Node `yaml:"unverified_secondary_claims"`
	RelationshipVocabulary    struct {
		Note               string    `yaml:"note"`
		RelationshipValues []string  `yaml:"relationship_values"`
		EvidenceLabels     yaml.Node `yaml:"evidence_labels"` // ordered: label -> meaning
	} `yaml:"relationship_vocabulary"`
	Mappings []cwRow `yaml:"mappings"`
}

type cwRow struct {
	From          string   `yaml:"from"`
	FromType      string   `yaml:"from_type"`
	FromPrinciple string   `yaml:"from_principle"`
	To            string   `yaml:"to"`
	Relationship  string   `yaml:"relationship"`
	Evidence      string   `yaml:"evidence"`
	Basis         string   `yaml:"basis"`
	Status        string   `yaml:"status"`
	Note          string   `yaml:"note"`
	Source        []string `yaml:"source"`
}

func loadCrosswalk(dataDir string) (*cwData, error) {
	var d cwData
	if err := decodeStrict(dataDir, crosswalkFile, &d); err != nil {
		return nil, err
	}
	return &d, nil
}

// pairs returns the key/value pairs of a YAML mapping node in document order.
func pairs(n *yaml.Node) ([][2]string, error) {
	if n.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("line %d: expected a mapping", n.Line)
	}
	var out [][2]string
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if v.Kind != yaml.ScalarNode {
			return nil, fmt.Errorf("line %d: expected a text value for %q", v.Line, k.Value)
		}
		out = append(out, [2]string{k.Value, v.Value})
	}
	return out, nil
}
