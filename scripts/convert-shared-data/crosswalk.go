package main

import (
	"fmt"
	"slices"
	"strings"
)

const (
	crosswalkRows = 77
	rowStatus     = "draft - not official" // every row's status in the data
	direction     = "Each row reads: AI Verify item RELATIONSHIP NIST AI RMF subcategory."
	// The reading the data's relationship_vocabulary.note gives; direction says the same.
	dataReading = "'AI Verify item <relationship> NIST subcategory'"
)

// relationships are the values docs/content-model.md accepts.
var relationships = []string{"equal-to", "equivalent-to", "subset-of", "superset-of", "intersects-with", "no-relationship"}

// basisMeaning explains each basis value, in the words of the data's status_statement.
var basisMeaning = map[string]string{
	"source-text":        "the row rests on evidence in the AI Verify source itself (NIST wording reproduced inside AI Verify). It is still not taken from the official crosswalk.",
	"statement-matching": "the row is a candidate proposed by this site’s research from the meaning of the statements; it is not from any official source.",
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

// checkCrosswalk checks the crosswalk against both frameworks: every row's from, from_type and
// from_principle against the AI Verify hierarchy, its to against the NIST subcategories, and
// its relationship, evidence label, basis and status against the vocabularies.
func checkCrosswalk(cw *cwData, av *avData, nist *nistData) error {
	c := cw.Crosswalk
	if c.Status != "draft" || c.Official {
		return fmt.Errorf("%s: expected a draft, not official crosswalk", crosswalkFile)
	}
	if c.FromFramework.ID != av.Framework.ID || c.FromFramework.Version != av.Framework.Version ||
		c.ToFramework.ID != nist.Framework.ID || c.ToFramework.Version != nist.Framework.Version {
		return fmt.Errorf("%s: from_framework/to_framework do not match the framework data", crosswalkFile)
	}
	if !strings.Contains(cw.RelationshipVocabulary.Note, dataReading) {
		return fmt.Errorf("%s: relationship_vocabulary.note no longer reads %s", crosswalkFile, dataReading)
	}
	if len(cw.Mappings) != crosswalkRows {
		return fmt.Errorf("%s: %d mapping rows, want %d", crosswalkFile, len(cw.Mappings), crosswalkRows)
	}
	labels, err := pairs(&cw.RelationshipVocabulary.EvidenceLabels)
	if err != nil {
		return fmt.Errorf("%s: evidence_labels: %w", crosswalkFile, err)
	}
	idx, err := avIndex(av)
	if err != nil {
		return err
	}
	kinds := nistKind(nist)
	for i, r := range cw.Mappings {
		at := fmt.Sprintf("%s: mapping %d (%s -> %s)", crosswalkFile, i+1, r.From, r.To)
		it, ok := idx[r.From]
		switch {
		case !ok:
			return fmt.Errorf("%s: %q is not an AI Verify id", at, r.From)
		case it.kind != r.FromType:
			return fmt.Errorf("%s: from_type %q, but %s is a %s", at, r.FromType, r.From, it.kind)
		case it.principle != r.FromPrinciple:
			return fmt.Errorf("%s: from_principle %q, but %s is in %s", at, r.FromPrinciple, r.From, it.principle)
		case kinds[r.To] != "subcategory":
			return fmt.Errorf("%s: %q is not a NIST AI RMF subcategory", at, r.To)
		case !slices.Contains(relationships, r.Relationship) || !slices.Contains(cw.RelationshipVocabulary.RelationshipValues, r.Relationship):
			return fmt.Errorf("%s: unknown relationship %q", at, r.Relationship)
		case !slices.ContainsFunc(labels, func(kv [2]string) bool { return kv[0] == r.Evidence }):
			return fmt.Errorf("%s: evidence label %q is not in evidence_labels", at, r.Evidence)
		case basisMeaning[r.Basis] == "":
			return fmt.Errorf("%s: unknown basis %q", at, r.Basis)
		case r.Status != rowStatus:
			return fmt.Errorf("%s: status %q, want %q", at, r.Status, rowStatus)
		case r.Note == "" || len(r.Source) == 0:
			return fmt.Errorf("%s: note or source missing", at)
		}
	}
	return nil
}

// method is the sentence of the status statement that says what the rows rest on.
func method(statement string) (string, error) {
	const start, end = `Rows with basis "source-text"`, `proposed by this research.`
	i := strings.Index(statement, start)
	j := strings.Index(statement, end)
	if i < 0 || j < i {
		return "", fmt.Errorf("%s: status_statement no longer explains the basis values", crosswalkFile)
	}
	return statement[i : j+len(end)], nil
}

// readerStatement is the data's status_statement addressed to a reader of
// the site rather than to the researcher: it is shown above mapping tables,
// so it speaks of "mappings shown here", not of "rows below". Its facts are
// the statement's own; writeCrosswalk checks that the statement still says them.
const readerStatement = "The official IMDA–NIST crosswalk table (announced 12–13 October 2023) " +
	"was not available to this site, and no mapping shown here is taken from it. Mappings with basis “source-text” " +
	"rest on evidence in the AI Verify source itself (NIST wording reproduced inside AI Verify); mappings with basis " +
	"“statement-matching” are candidates proposed by this site’s research. Check a mapping against the official " +
	"crosswalk before relying on it."

// readerStatementFacts are the phrases of the data's status_statement that
// readerStatement restates.
var readerStatementFacts = []string{"DRAFT", "NOT OFFICIAL", "not found", "No row below is taken from it", `basis "source-text"`, `basis "statement-matching"`, "candidates proposed by this research"}

func writeCrosswalk(w *writer, cw *cwData, av *avData, nist *nistData) error {
	if err := checkCrosswalk(cw, av, nist); err != nil {
		return err
	}
	c := cw.Crosswalk
	for _, fact := range readerStatementFacts {
		if !strings.Contains(c.StatusStatement, fact) {
			return fmt.Errorf("%s: status_statement no longer says %q; update readerStatement", crosswalkFile, fact)
		}
	}
	meth, err := method(c.StatusStatement)
	if err != nil {
		return err
	}
	repo := av.Framework.Sources[0]
	fm := crosswalkDoc{
		Crosswalk: crosswalkMeta{
			ID:              c.ID,
			Title:           c.Title,
			Source:          c.FromFramework.ID,
			Target:          c.ToFramework.ID,
			Status:          c.Status,
			StatusStatement: readerStatement,
			Method:          meth,
			Direction:       direction,
			Sources: []source{
				{Title: fmt.Sprintf("%s (%s): %s at commit %s (%s), %s, licence %s",
					av.Framework.Title, av.Framework.Version, repo.Repo, repo.Commit, repo.CommitDate, repo.Path, repo.License)},
				{Title: fmt.Sprintf("%s: %s %s", c.ToFramework.Publication, nist.Framework.Title, nist.Framework.Version),
					URL: c.ToFramework.URL},
			},
		},
	}
	for _, r := range cw.Mappings {
		fm.Mappings = append(fm.Mappings, mapping{
			Source:       r.From,
			Target:       r.To,
			Relationship: r.Relationship,
			Rationale:    r.Note,
			Evidence:     r.Evidence,
			Basis:        r.Basis,
			Status:       "draft",
			References:   r.Source,
		})
	}
	body, err := crosswalkBody(cw, nist)
	if err != nil {
		return err
	}
	const rel = "crosswalks/aiverify-nist-ai-rmf.md"
	var back crosswalkDoc
	if err := w.writeDoc(rel, crosswalkFile, fm, &back, body); err != nil {
		return err
	}
	if err := verifyCrosswalk(rel, cw, back); err != nil {
		return err
	}
	basis := map[string]int{}
	for _, r := range cw.Mappings {
		basis[r.Basis]++
	}
	w.logf("crosswalk: %d mappings: %d source-text, %d statement-matching (checked against both frameworks, verified verbatim)",
		len(cw.Mappings), basis["source-text"], basis["statement-matching"])
	return nil
}

// verifyCrosswalk compares the rows read back from the file with the source rows.
func verifyCrosswalk(rel string, cw *cwData, got crosswalkDoc) error {
	if err := same(rel+": status_statement", got.Crosswalk.StatusStatement, readerStatement); err != nil {
		return err
	}
	if len(got.Mappings) != len(cw.Mappings) {
		return fmt.Errorf("%s: %d mappings, want %d", rel, len(got.Mappings), len(cw.Mappings))
	}
	for i, r := range cw.Mappings {
		g := got.Mappings[i]
		at := fmt.Sprintf("%s: mapping %d", rel, i+1)
		if g.Source != r.From || g.Target != r.To || g.Relationship != r.Relationship ||
			g.Evidence != r.Evidence || g.Basis != r.Basis || g.Status != "draft" || !slices.Equal(g.References, r.Source) {
			return fmt.Errorf("%s: differs from the source row", at)
		}
		if err := same(at+" rationale", g.Rationale, r.Note); err != nil {
			return err
		}
	}
	return nil
}

// count returns how many rows have each value of key, in order of first appearance.
func count(rows []cwRow, key func(cwRow) string) (order []string, n map[string]int) {
	n = map[string]int{}
	for _, r := range rows {
		k := key(r)
		if n[k] == 0 {
			order = append(order, k)
		}
		n[k]++
	}
	return order, n
}

func crosswalkBody(cw *cwData, nist *nistData) (string, error) {
	rows := cw.Mappings
	var m mdDoc
	basisOrder, basisN := count(rows, func(r cwRow) string { return r.Basis })
	labelOrder, labelN := count(rows, func(r cwRow) string { return r.Evidence })
	relOrder, relN := count(rows, func(r cwRow) string { return r.Relationship })
	typeOrder, typeN := count(rows, func(r cwRow) string { return r.FromType })

	m.h2("Status")
	m.p("**This crosswalk is a draft. It is not the official IMDA–NIST crosswalk.** The official crosswalk table "+
		"that IMDA and NIST announced on 12–13 October 2023 was not available to the research behind this site, so no "+
		"row below is taken from it. %d rows rest on evidence in the AI Verify source itself; the other %d are "+
		"candidates proposed by this research from the meaning of the statements. “Draft” means exactly this: every row "+
		"was proposed by this site’s research or read from AI Verify’s own text, none was checked against the official table, "+
		"and every row is marked as a draft. "+
		"Check every row against the official crosswalk before relying on it.",
		basisN["source-text"], len(rows)-basisN["source-text"])

	m.h2("How to read a row")
	var rels []string
	for _, r := range relOrder {
		rels = append(rels, fmt.Sprintf("%s (%d)", code(r), relN[r]))
	}
	types := map[string]string{"principle": "a principle", "outcome": "an outcome", "process_check": "a process check"}
	var froms []string
	for _, t := range typeOrder {
		froms = append(froms, fmt.Sprintf("%s (%s)", types[t], plural(typeN[t], "row", "rows")))
	}
	m.p("%s The relationship uses the OSCAL 1.2 mapping / NIST IR 8477 set-theory values: %s. "+
		"A row starts from %s of AI Verify and ends at a NIST AI RMF subcategory.",
		direction, strings.Join(rels, ", "), orList(froms))

	m.h2("What the evidence labels mean")
	labels, _ := pairs(&cw.RelationshipVocabulary.EvidenceLabels)
	for _, kv := range labels {
		m.li("%s (%s): %s", code(kv[0]), plural(labelN[kv[0]], "row", "rows"), m.t(kv[1]))
	}
	m.endList()
	if len(labelOrder) != len(labels) {
		return "", fmt.Errorf("%s: some evidence labels are not used by any row", crosswalkFile)
	}

	m.h2("What the basis values mean")
	for _, b := range basisOrder {
		var ls []string
		for _, l := range labelOrder {
			if slices.ContainsFunc(rows, func(r cwRow) bool { return r.Basis == b && r.Evidence == l }) {
				ls = append(ls, code(l))
			}
		}
		m.li("%s (%s; evidence %s): %s", code(b), plural(basisN[b], "row", "rows"), strings.Join(ls, ", "), basisMeaning[b])
	}
	m.endList()

	m.p("Coverage and gaps are computed by the generator from the rows; see the matrix and the gaps on this page.")

	if err := officialDocument(&m, cw); err != nil {
		return "", err
	}

	m.h2("Background")
	m.p("Facts about the announcement and the crosswalk recorded by the research behind this site, with their sources:")
	for _, k := range cw.KnownFacts {
		var srcs []string
		unverified := false
		for _, s := range k.Sources {
			srcs = append(srcs, m.linkURLs(s))
			unverified = unverified || strings.Contains(s, "not verified")
		}
		note := ""
		if unverified {
			note = " (Not verified.)"
		}
		m.li("%s%s Sources: %s.", m.t(k.Fact), note, strings.Join(srcs, "; "))
	}
	m.endList()
	return m.body()
}

// officialDocument writes what is reported about the official crosswalk, all of it unverified.
func officialDocument(m *mdDoc, cw *cwData) error {
	od := cw.OfficialDocument
	if od.Found {
		return fmt.Errorf("%s: official_document.found is true: this converter only knows how to describe a draft", crosswalkFile)
	}
	m.h2("The official document")
	m.p("The official IMDA–NIST crosswalk document was not found by the research behind this site. " +
		"Others report the following about it; none of it is verified:")
	var names []string
	for _, n := range od.ReportedFileNames {
		names = append(names, code(n))
	}
	m.li("Reported file names: %s, %s (not verified).", strings.Join(names, " and "), m.t(strings.TrimPrefix(od.ReportedFileNamesSource, "file names ")))
	m.li("Reported home: %s", m.linkURLs(od.ReportedHome))
	m.li("Reported IMDA press release: %s", m.linkURLs(od.ReportedPressRelease))
	m.endList()
	for _, s := range []string{od.ReportedHome, od.ReportedPressRelease} {
		if !strings.Contains(s, "not verified") {
			return fmt.Errorf("%s: official_document: %q is no longer marked not verified; review the wording", crosswalkFile, s)
		}
	}
	return nil
}
