package main

import (
	"fmt"
	"strings"
)

// Expected sizes of the NIST AI RMF 1.0 Core (NIST AI 100-1, Tables 1-4).
const (
	nistFunctions     = 4
	nistCategories    = 19
	nistSubcategories = 72
)

// variantSources names, for the variant labels, the sources that nist-ai-rmf-1.0.yaml records
// variants from. A variant from any other source stops the converter.
var variantSources = map[string]string{
	"nist-ai-rmf-playbook-pdf": "the NIST AI RMF Playbook",
	"airc-core-html":           "the AIRC AI RMF Core web page",
}

// variantLabel is the field label under which a variant wording is shown.
func variantLabel(v nistVariant) (string, error) {
	name, ok := variantSources[v.Source]
	if !ok {
		return "", fmt.Errorf("%s: variant from unknown source %q", nistFile, v.Source)
	}
	switch v.Kind {
	case "wording":
		if v.Source != "nist-ai-rmf-playbook-pdf" {
			return "", fmt.Errorf("%s: wording variant from %q: no label for it", nistFile, v.Source)
		}
		return "Wording in the NIST AI RMF Playbook (variant, not the Core text)", nil
	case "function-name case":
		return "Function-name case in " + name + " (variant, not the Core text)", nil
	}
	return "", fmt.Errorf("%s: unknown variant kind %q", nistFile, v.Kind)
}

func variantFields(vs []nistVariant) ([]field, error) {
	var out []field
	for _, v := range vs {
		label, err := variantLabel(v)
		if err != nil {
			return nil, err
		}
		out = append(out, field{Label: label, Text: v.Text})
	}
	return out, nil
}

// checkNIST checks the counts and the nesting of the ids (GOVERN, GOVERN 1, GOVERN 1.1, ...).
func checkNIST(d *nistData) error {
	var cats, subs int
	for _, f := range d.Functions {
		for i, c := range f.Categories {
			if want := fmt.Sprintf("%s %d", f.ID, i+1); c.ID != want {
				return fmt.Errorf("%s: category %q, want %q", nistFile, c.ID, want)
			}
			for j, s := range c.Subcategories {
				if want := fmt.Sprintf("%s.%d", c.ID, j+1); s.ID != want {
					return fmt.Errorf("%s: subcategory %q, want %q", nistFile, s.ID, want)
				}
			}
			cats++
			subs += len(c.Subcategories)
		}
	}
	got := [3]int{len(d.Functions), cats, subs}
	want := [3]int{nistFunctions, nistCategories, nistSubcategories}
	counts := [3]int{d.Framework.Counts.Functions, d.Framework.Counts.Categories, d.Framework.Counts.Subcategories}
	if got != want || got != counts {
		return fmt.Errorf("%s: %v functions/categories/subcategories, want %v (data says %v)", nistFile, got, want, counts)
	}
	if len(d.Characteristics) != d.Framework.Counts.Characteristics {
		return fmt.Errorf("%s: %d characteristics, data says %d", nistFile, len(d.Characteristics), d.Framework.Counts.Characteristics)
	}
	return nil
}

func writeNIST(w *writer, d *nistData) error {
	if err := checkNIST(d); err != nil {
		return err
	}
	fw := d.Framework
	dir := "frameworks/" + fw.ID + "/"

	index := frameworkDoc{
		Framework: frameworkMeta{
			ID:         fw.ID,
			Title:      fw.Title,
			ShortTitle: "NIST AI RMF",
			Version:    fw.Version,
			Publisher:  fw.Publisher,
			Document:   fw.Document,
			Published:  date(fw.Published),
			URL:        fw.URL,
			License:    fw.License,
			// The two-letter function codes NIST itself uses in action ids
			// (GV-1.1-001 in NIST AI 600-1), so that "GV-1.1" finds
			// GOVERN 1.1. Search aliases of the site, not framework text.
			IDAliases: []idAlias{{"GV", "GOVERN"}, {"MP", "MAP"}, {"MS", "MEASURE"}, {"MG", "MANAGE"}},
		},
		Levels: []level{
			{Name: "function", Plural: "functions", Page: true},
			{Name: "category", Plural: "categories", Page: true},
			{Name: "subcategory", Plural: "subcategories", Page: true},
		},
	}
	body, err := nistIndexBody(d)
	if err != nil {
		return err
	}
	if err := w.writeDoc(dir+"_index.md", nistFile, index, &frameworkDoc{}, body); err != nil {
		return err
	}

	for i, f := range d.Functions {
		el, err := nistFunctionElement(f)
		if err != nil {
			return err
		}
		rel := fmt.Sprintf("%s%d-%s.md", dir, i+1, strings.ToLower(f.ID))
		var back element
		if err := w.writeDoc(rel, nistFile, el, &back, nistFunctionBody(f, d.raw)); err != nil {
			return err
		}
		if err := verifyNISTFunction(rel, f, back); err != nil {
			return err
		}
	}
	w.logf("nist-ai-rmf: %d functions, %d categories, %d subcategories (verified verbatim)",
		nistFunctions, nistCategories, nistSubcategories)
	return nil
}

// nistFunctionElement builds the element tree of one function.
func nistFunctionElement(f nistFunction) (element, error) {
	el := element{
		ID:        f.ID,
		Title:     f.Title,
		Statement: f.Description,
		Fields: []field{
			{Label: "Section", Text: f.Section},
			{Label: "Table", Text: f.Table},
		},
	}
	for _, c := range f.Categories {
		ce := element{ID: c.ID, Statement: c.Statement}
		var err error
		if ce.Fields, err = variantFields(c.Variants); err != nil {
			return el, err
		}
		for _, s := range c.Subcategories {
			se := element{ID: s.ID, Statement: s.Statement}
			if se.Fields, err = variantFields(s.Variants); err != nil {
				return el, err
			}
			ce.Children = append(ce.Children, se)
		}
		el.Children = append(el.Children, ce)
	}
	return el, nil
}

// verifyNISTFunction compares what was read back from the file with the source data,
// statement by statement and variant by variant.
func verifyNISTFunction(rel string, f nistFunction, got element) error {
	if got.ID != f.ID || len(got.Children) != len(f.Categories) {
		return fmt.Errorf("%s: wrong function id or number of categories", rel)
	}
	if err := same(rel+": "+f.ID+" statement", got.Statement, f.Description); err != nil {
		return err
	}
	for i, c := range f.Categories {
		gc := got.Children[i]
		if gc.ID != c.ID || len(gc.Children) != len(c.Subcategories) {
			return fmt.Errorf("%s: %s: wrong id or number of subcategories", rel, c.ID)
		}
		if err := verifyStatement(rel, c.ID, gc, c.Statement, c.Variants); err != nil {
			return err
		}
		for j, s := range c.Subcategories {
			gs := gc.Children[j]
			if gs.ID != s.ID {
				return fmt.Errorf("%s: %s: wrong id %q", rel, s.ID, gs.ID)
			}
			if err := verifyStatement(rel, s.ID, gs, s.Statement, s.Variants); err != nil {
				return err
			}
		}
	}
	return nil
}

func verifyStatement(rel, id string, got element, statement string, variants []nistVariant) error {
	if err := same(rel+": "+id+" statement", got.Statement, statement); err != nil {
		return err
	}
	if len(got.Fields) != len(variants) {
		return fmt.Errorf("%s: %s: %d variant fields, want %d", rel, id, len(got.Fields), len(variants))
	}
	for k, v := range variants {
		if err := same(rel+": "+id+" variant", got.Fields[k].Text, v.Text); err != nil {
			return err
		}
	}
	return nil
}

func nistIndexBody(d *nistData) (string, error) {
	fw := d.Framework
	var m mdDoc
	var cats, subs int
	kinds := map[string]int{}
	for _, f := range d.Functions {
		cats += len(f.Categories)
		for _, c := range f.Categories {
			subs += len(c.Subcategories)
			for _, v := range c.Variants {
				kinds[v.Kind]++
			}
			for _, s := range c.Subcategories {
				for _, v := range s.Variants {
					kinds[v.Kind]++
				}
			}
		}
	}

	m.p("The %s (AI RMF %s) is published by the %s as %s (published %s): <%s>. Licence: %s.",
		m.t(fw.Title), m.t(fw.Version), m.t(fw.Publisher), m.t(fw.Document), fw.Published, fw.URL, m.t(fw.License))
	m.p("This site reproduces the AI RMF Core: %d functions, %d categories and %d subcategories. "+
		"Their statements are quoted verbatim from %s. Each function’s statement is the first paragraph "+
		"of its section of %s; its categories and subcategories are those of its table:",
		len(d.Functions), cats, subs, m.t(fw.Document), m.t(fw.Document))
	for _, f := range d.Functions {
		m.li("[[%s]]: Section %s, %s", f.ID, m.t(f.Section), m.t(f.Table))
	}
	m.endList()

	m.h2("Trustworthy AI characteristics")
	m.p("%s describes %d characteristics of trustworthy AI, each in its own section. "+
		"Only their titles and section numbers are given here:", m.t(fw.Document), len(d.Characteristics))
	for _, c := range d.Characteristics {
		m.li("%s %s", m.t(c.Section), m.t(c.Title))
	}
	m.endList()

	m.h2("Text base")
	m.p("The statements were taken from the text layer of the official PDF, %s "+
		"(Tables 1–4, printed pages 22–33). Words split by a hyphen at a line end were rejoined, and the PDF’s "+
		"typography (’ “ ” –) is kept. The copy of the PDF used is a third-party mirror of the NIST file on GitHub "+
		"(%s), not a copy downloaded from NIST.", code("NIST.AI.100-1.pdf"), code("Thatguywiththeshirt/AI_RMF"))
	m.p("The statements were cross-checked against a verbatim copy of the AI RMF Core web page of the NIST AI " +
		"Resource Center (AIRC) and against independent third-party transcriptions of the same PDF. The wording " +
		"agrees; the differences are typography and the case of function names: the PDF sets names such as MAP in " +
		"small caps, which its text layer gives in upper case (“the MAP function”), while the AIRC web page shows " +
		"them in lower case (“the map function”). This site follows the PDF.")
	m.p("Where another source words a statement differently, its wording is shown under the statement, labelled as "+
		"a variant: %d wording variants from the NIST AI RMF Playbook (a companion NIST document) and %d "+
		"function-name case variants. The statement itself is always the text of %s.",
		kinds["wording"], kinds["function-name case"], m.t(fw.Document))
	return m.body()
}

// nistFunctionBody says where a function's texts are in NIST AI 100-1. raw is the data file's
// text: its header comment records that the GOVERN paragraph was a bulleted list.
func nistFunctionBody(f nistFunction, raw string) string {
	var m mdDoc
	m.p("The statement of %s is the first paragraph of Section %s of NIST AI 100-1; its categories and "+
		"subcategories are those of %s.", f.ID, f.Section, f.Table)
	if f.ID == "GOVERN" && strings.Contains(raw, "for GOVERN that paragraph is a bulleted list") {
		m.p("In NIST AI 100-1 that paragraph is a bulleted list; here it is joined into one paragraph, " +
			"with the bullet marks removed.")
	}
	b, _ := m.body()
	return b
}
