package main

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Expected sizes of the AI Verify Testing Framework 2023 process checklist.
const (
	avPrinciples      = 11
	avOutcomes        = 60
	avProcessChecks   = 85
	avExtraSections   = 1
	avExtraOutcomes   = 6
	avExtraChecks     = 6
	orgConsiderations = "organisational-considerations"
)

// avItem is what an AI Verify id refers to: its kind and the principle (or section) it is in.
type avItem struct {
	kind      string // principle | outcome | process_check
	principle string
}

// avIndex maps every AI Verify id to its kind and owning principle, and fails on a duplicate.
func avIndex(d *avData) (map[string]avItem, error) {
	idx := map[string]avItem{}
	add := func(id string, it avItem) error {
		if _, dup := idx[id]; dup {
			return fmt.Errorf("%s: id %q is used twice", aiVerifyFile, id)
		}
		idx[id] = it
		return nil
	}
	for _, p := range d.allSections() {
		if err := add(p.ID, avItem{"principle", p.ID}); err != nil {
			return nil, err
		}
		for _, o := range p.Outcomes {
			if err := add(o.ID, avItem{"outcome", p.ID}); err != nil {
				return nil, err
			}
		}
		for _, c := range p.ProcessChecks {
			if err := add(c.ID, avItem{"process_check", p.ID}); err != nil {
				return nil, err
			}
		}
	}
	return idx, nil
}

// checkAIVerify checks the counts against the data's own counts and the expected sizes, and
// that outcome and process-check ids nest as their derivation says (1.2.3 is in outcome 1.2,
// which is in principle 1).
func checkAIVerify(d *avData) error {
	c := d.Framework.Counts
	count := func(ps []avPrinciple) (o, pc int) {
		for _, p := range ps {
			o += len(p.Outcomes)
			pc += len(p.ProcessChecks)
		}
		return
	}
	o, pc := count(d.Principles)
	xo, xpc := count(d.AdditionalSections)
	got := [6]int{len(d.Principles), o, pc, len(d.AdditionalSections), xo, xpc}
	want := [6]int{avPrinciples, avOutcomes, avProcessChecks, avExtraSections, avExtraOutcomes, avExtraChecks}
	data := [6]int{c.Principles, c.Outcomes, c.ProcessChecks, avExtraSections, c.AdditionalSectionOutcomes, c.AdditionalSectionProcessChecks}
	if got != want || got != data {
		return fmt.Errorf("%s: counts %v, want %v (data says %v)", aiVerifyFile, got, want, data)
	}
	if d.AdditionalSections[0].ID != orgConsiderations {
		return fmt.Errorf("%s: additional section is %q, want %q", aiVerifyFile, d.AdditionalSections[0].ID, orgConsiderations)
	}

	var withTests []string
	for i, p := range d.allSections() {
		if p.Number != i+1 {
			return fmt.Errorf("%s: %s has number %d, want %d", aiVerifyFile, p.ID, p.Number, i+1)
		}
		if focusArea(d, p.FocusArea) == "" {
			return fmt.Errorf("%s: %s: unknown focus area %q", aiVerifyFile, p.ID, p.FocusArea)
		}
		if p.HasTechnicalTest != (len(p.TechnicalTests) > 0) {
			return fmt.Errorf("%s: %s: has_technical_tests disagrees with technical_tests", aiVerifyFile, p.ID)
		}
		if p.HasTechnicalTest {
			withTests = append(withTests, p.ID)
		}
		prefix := strconv.Itoa(p.Number) + "."
		outcomes := map[string]bool{}
		for _, o := range p.Outcomes {
			if !strings.HasPrefix(o.ID, prefix) || strings.Count(o.ID, ".") != 1 {
				return fmt.Errorf("%s: %s: outcome id %q does not belong to principle %d", aiVerifyFile, p.ID, o.ID, p.Number)
			}
			outcomes[o.ID] = true
		}
		used := map[string]bool{}
		for _, pc := range p.ProcessChecks {
			if !outcomes[pc.Outcome] {
				return fmt.Errorf("%s: %s: process check %s names unknown outcome %q", aiVerifyFile, p.ID, pc.ID, pc.Outcome)
			}
			if pc.ID[:strings.LastIndex(pc.ID, ".")] != pc.Outcome {
				return fmt.Errorf("%s: %s: process check %s is not numbered under outcome %s", aiVerifyFile, p.ID, pc.ID, pc.Outcome)
			}
			used[pc.Outcome] = true
		}
		for _, o := range p.Outcomes {
			if !used[o.ID] {
				return fmt.Errorf("%s: %s: outcome %s has no process check", aiVerifyFile, p.ID, o.ID)
			}
		}
	}
	if !slices.Equal(withTests, c.PrinciplesWithTechnicalTests) {
		return fmt.Errorf("%s: principles with technical tests %v, data says %v", aiVerifyFile, withTests, c.PrinciplesWithTechnicalTests)
	}
	for _, fa := range d.FocusAreas {
		for _, id := range fa.Principles {
			if p := principle(d, id); p == nil || p.FocusArea != fa.ID {
				return fmt.Errorf("%s: focus area %s lists %q, which is not in it", aiVerifyFile, fa.ID, id)
			}
		}
	}
	_, err := avIndex(d)
	return err
}

// focusArea returns the title of focus area id, or "".
func focusArea(d *avData, id string) string {
	for _, fa := range d.FocusAreas {
		if fa.ID == id {
			return fa.Title
		}
	}
	return ""
}

// principle returns the principle or additional section with the id, or nil.
func principle(d *avData, id string) *avPrinciple {
	for _, p := range d.allSections() {
		if p.ID == id {
			return &p
		}
	}
	return nil
}

func writeAIVerify(w *writer, d *avData, cw *cwData) error {
	if err := checkAIVerify(d); err != nil {
		return err
	}
	fw := d.Framework
	dir := "frameworks/" + fw.ID + "/"

	index := frameworkDoc{
		Framework: frameworkMeta{
			ID:          fw.ID,
			Title:       fw.Title,
			ShortTitle:  "AI Verify",
			Version:     fw.Version,
			Publisher:   fw.Publisher,
			URL:         fw.URL,
			License:     fw.License,
			LicenseNote: fw.LicenseNote,
		},
		Levels: []level{
			{Name: "principle", Plural: "principles and sections", Page: true},
			{Name: "outcome", Plural: "outcomes", Page: false},
			{Name: "process check", Plural: "process checks", Page: false},
		},
	}
	body, err := avIndexBody(d)
	if err != nil {
		return err
	}
	if err := w.writeDoc(dir+"_index.md", aiVerifyFile, index, &frameworkDoc{}, body); err != nil {
		return err
	}

	for _, p := range d.allSections() {
		el, err := avPrincipleElement(d, p)
		if err != nil {
			return err
		}
		body, err := avPrincipleBody(p, cw)
		if err != nil {
			return fmt.Errorf("%s: %w", p.ID, err)
		}
		rel := fmt.Sprintf("%s%02d-%s.md", dir, p.Number, p.ID)
		var back element
		if err := w.writeDoc(rel, aiVerifyFile, el, &back, body); err != nil {
			return err
		}
		if err := verifyPrinciple(rel, p, back); err != nil {
			return err
		}
	}
	w.logf("ai-verify: %d principles, %d outcomes, %d process checks; plus %d section (%s) with %d outcomes, %d process checks (verified verbatim)",
		avPrinciples, avOutcomes, avProcessChecks, avExtraSections, orgConsiderations, avExtraOutcomes, avExtraChecks)
	return nil
}

// principleStatement is the statement shown for a principle: its definition, or, for the
// Organisational Considerations section, which has none, its summary.
func principleStatement(p avPrinciple) (string, error) {
	if p.Definition != "" {
		return p.Definition, nil
	}
	if p.Summary == "" {
		return "", fmt.Errorf("%s: %s has neither definition nor summary", aiVerifyFile, p.ID)
	}
	return p.Summary, nil
}

func avPrincipleElement(d *avData, p avPrinciple) (element, error) {
	st, err := principleStatement(p)
	if err != nil {
		return element{}, err
	}
	// Deep source links: the principle's statement is in the principle
	// metadata file, its outcomes and checks in its own config file, both
	// at the pinned commit.
	el := element{ID: p.ID, Title: p.Title, Statement: st, Number: strconv.Itoa(p.Number), SourceURL: githubBlob(p.Source.Repo, p.Source.Commit, p.Source.PrincipleMetadataPath)}
	if p.ID == orgConsiderations {
		el.LevelName = "section" // an additional section of the checklist, not a principle
	}
	if p.Summary != st {
		el.Fields = append(el.Fields, field{Label: "Summary", Text: p.Summary})
	}
	el.Fields = append(el.Fields, field{Label: "Focus area", Text: focusArea(d, p.FocusArea)})

	for _, o := range p.Outcomes {
		oe := element{ID: o.ID, Statement: o.Text, SourceURL: githubBlob(p.Source.Repo, p.Source.Commit, p.Source.Path)}
		if o.Section != "" {
			oe.Fields = []field{{Label: "Section", Text: o.Section}}
		}
		for _, c := range p.ProcessChecks {
			if c.Outcome == o.ID {
				oe.Children = append(oe.Children, element{ID: c.ID, Statement: c.Text, Fields: checkFields(c)})
			}
		}
		el.Children = append(el.Children, oe)
	}
	return el, nil
}

// githubBlob is the address of a file of a GitHub repository at a commit.
func githubBlob(repo, commit, path string) string {
	if repo == "" || commit == "" || path == "" {
		return ""
	}
	return "https://github.com/" + repo + "/blob/" + commit + "/" + path
}

// checkFields are the labelled texts shown under a process check.
func checkFields(c avProcessCheck) []field {
	var fs []field
	if c.Evidence != "" {
		fs = append(fs, field{Label: "Expected evidence", Text: c.Evidence})
	}
	if c.EvidenceType != "" {
		fs = append(fs, field{Label: "Evidence type", Text: c.EvidenceType})
	}
	if c.Threshold != "" {
		fs = append(fs, field{Label: "Threshold", Text: c.Threshold})
	}
	return fs
}

// verifyPrinciple compares what was read back from the file with the source data.
func verifyPrinciple(rel string, p avPrinciple, got element) error {
	st, err := principleStatement(p)
	if err != nil {
		return err
	}
	if got.ID != p.ID || got.Number != strconv.Itoa(p.Number) {
		return fmt.Errorf("%s: wrong id or number", rel)
	}
	if err := same(rel+": "+p.ID+" statement", got.Statement, st); err != nil {
		return err
	}
	if p.Summary != st {
		if err := same(rel+": "+p.ID+" summary", got.Fields[0].Text, p.Summary); err != nil {
			return err
		}
	}
	if len(got.Children) != len(p.Outcomes) {
		return fmt.Errorf("%s: %d outcomes, want %d", rel, len(got.Children), len(p.Outcomes))
	}
	checks := 0
	for i, o := range p.Outcomes {
		g := got.Children[i]
		if g.ID != o.ID {
			return fmt.Errorf("%s: outcome %q, want %q", rel, g.ID, o.ID)
		}
		if err := same(rel+": outcome "+o.ID, g.Statement, o.Text); err != nil {
			return err
		}
		for _, gc := range g.Children {
			c := processCheck(p, gc.ID)
			if c == nil || c.Outcome != o.ID {
				return fmt.Errorf("%s: process check %s is not in outcome %s", rel, gc.ID, o.ID)
			}
			if err := same(rel+": process check "+c.ID, gc.Statement, c.Text); err != nil {
				return err
			}
			want := checkFields(*c)
			if len(gc.Fields) != len(want) {
				return fmt.Errorf("%s: process check %s: wrong fields", rel, c.ID)
			}
			for k := range want {
				if err := same(rel+": process check "+c.ID+" "+want[k].Label, gc.Fields[k].Text, want[k].Text); err != nil {
					return err
				}
			}
			checks++
		}
	}
	if checks != len(p.ProcessChecks) {
		return fmt.Errorf("%s: %d process checks written, want %d", rel, checks, len(p.ProcessChecks))
	}
	return nil
}

func processCheck(p avPrinciple, id string) *avProcessCheck {
	for i := range p.ProcessChecks {
		if p.ProcessChecks[i].ID == id {
			return &p.ProcessChecks[i]
		}
	}
	return nil
}

func avIndexBody(d *avData) (string, error) {
	fw := d.Framework
	var m mdDoc

	m.p("The %s (%s) is published by %s: <%s>. Licence: %s.",
		m.t(fw.Title), m.t(fw.Version), m.t(fw.Publisher), fw.URL, m.t(fw.License))
	m.p("In the words of the AI Verify process checklist (%s):", code(fw.OverviewSource))
	m.p("> %s", m.t(fw.Overview))

	var o, pc int
	for _, p := range d.Principles {
		o += len(p.Outcomes)
		pc += len(p.ProcessChecks)
	}
	extra := d.AdditionalSections[0]
	m.p("This site reproduces the %d principles with their %d outcomes and %d process checks, and the separate "+
		"%s section of the process checklist (%d outcomes, %d process checks). The wording is quoted as it is in the "+
		"source, typos included.", len(d.Principles), o, pc, m.t(extra.Title), len(extra.Outcomes), len(extra.ProcessChecks))

	m.h2("Version")
	m.p("%s", m.t(fw.VersionNote))

	m.h2("Focus areas and principles")
	for _, fa := range d.FocusAreas {
		var names []string
		for _, id := range fa.Principles {
			p := principle(d, id)
			names = append(names, fmt.Sprintf("[[%s:%s|%d. %s]]", fw.ID, p.ID, p.Number, m.t(p.Title)))
		}
		m.li("**%s** (%s): %s", m.t(fa.Title), m.t(fa.Summary), strings.Join(names, ", "))
	}
	m.endList()
	m.p("%s is not one of the %d principles: it is a separate section of the process checklist.",
		m.t(extra.Title), len(d.Principles))

	m.h2("How the source fields are shown")
	m.p("The process checklist is defined in the AI Verify toolkit’s stock plugin. Its fields appear on this site as follows:")
	fm, err := pairs(&fw.FieldMapping)
	if err != nil {
		return "", fmt.Errorf("%s: field_mapping: %w", aiVerifyFile, err)
	}
	shown := map[string]string{
		"outcomes[].text":                "outcome statement",
		"outcomes[].id":                  "outcome id",
		"process_checks[].id":            "process check id",
		"process_checks[].text":          "process check statement",
		"process_checks[].evidence":      "“Expected evidence”",
		"process_checks[].evidence_type": "“Evidence type”",
		"technical_tests":                "“Technical tests” on a principle’s page",
	}
	for _, kv := range fm {
		label, ok := shown[kv[0]]
		if !ok {
			return "", fmt.Errorf("%s: field_mapping: no description for %q", aiVerifyFile, kv[0])
		}
		m.li("%s: %s", label, m.t(kv[1]))
	}
	m.endList()
	m.p("Outcome ids are therefore not in the source: they are derived from the process-check ids. " +
		"The converter that wrote these pages checked that every process check is numbered under its outcome.")

	m.h2("Later changes not included")
	m.p("These later changes to the process checklist are not part of the 2023 version and are not shown here:")
	for _, c := range d.LaterChangesNotIncluded {
		commit := "commit"
		if strings.Contains(c.Commit, "/") {
			commit = "commits"
		}
		m.li("%s (%s %s): %s", m.t(c.Date), commit, code(c.Commit), m.t(c.Summary))
	}
	m.endList()
	return m.body()
}

func avPrincipleBody(p avPrinciple, cw *cwData) (string, error) {
	var m mdDoc
	if p.Description != "" {
		m.p("%s", m.t(p.Description))
	}
	if p.ID == orgConsiderations {
		if err := orgConsiderationsNote(&m, cw); err != nil {
			return "", err
		}
	}
	if len(p.TechnicalTests) > 0 {
		m.h2("Technical tests")
		m.p("Technical tests of the AI Verify toolkit for this principle (stock test plugins):")
		for _, t := range p.TechnicalTests {
			m.li("**%s** (%s): %s Why it is listed here: %s.",
				m.t(t.Name), code(t.GID), m.t(sentence(t.Description)), m.t(t.PrincipleBasis))
		}
		m.endList()
	}
	rt := p.ReportText
	if rt.SummaryIfAllYes != "" || rt.SummaryIfNotAllYes != "" || rt.Recommendation != "" {
		m.h2("Report texts")
		m.p("The texts the AI Verify process checklist gives for reports on this principle " +
			"(source fields `summaryYes`, `summaryNotYes` and `recommendation`):")
		for _, r := range [][2]string{
			{"Summary (all yes)", rt.SummaryIfAllYes},
			{"Summary (not all yes)", rt.SummaryIfNotAllYes},
			{"Recommendation", rt.Recommendation},
		} {
			if r[1] != "" {
				m.li("**%s:** %s", r[0], m.t(r[1]))
			}
		}
		m.endList()
	}
	return m.body()
}

// orgConsiderationsNote says what the Organisational Considerations section is, from the
// crosswalk data's known facts and its text-identical rows.
func orgConsiderationsNote(m *mdDoc, cw *cwData) error {
	const fact = `Between 3 and 9 October 2023 IMDA added an "Organisational Considerations" section`
	found := false
	for _, k := range cw.KnownFacts {
		found = found || strings.Contains(k.Fact, fact)
	}
	if !found {
		return fmt.Errorf("%s: known_facts no longer say when Organisational Considerations was added", crosswalkFile)
	}
	m.p("Organisational Considerations is not one of the 11 principles of the AI Verify Testing Framework. " +
		"It is a separate section of the AI Verify process checklist, numbered 12, which IMDA added between " +
		"3 and 9 October 2023, shortly before the IMDA–NIST crosswalk was announced.")
	return nil
}

// sentence ends s with a full stop unless it already ends with punctuation.
func sentence(s string) string {
	if strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?") {
		return s
	}
	return s + "."
}
