package vocab

import "testing"

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"AC-2", "ac-2"},
		{"AC-02", "ac-2"},
		{"ac 2", "ac-2"},
		{"AC_2", "ac-2"},
		{"AC2", "ac-2"}, // letters and digits are separate runs
		{"T1003.001", "t-1003-1"},
		{"T1003.01", "t-1003-1"},
		{"t1003.1", "t-1003-1"},
		{"GOVERN 1.6", "govern-1-6"},
		{"govern-1.06", "govern-1-6"},
		{"Subset of", "subset-of"},
		{"subset-of", "subset-of"},
		{"1.0", "1-0"},
		{"00", "0"},
		{"007", "7"},
		{"Évaluation 2", "évaluation-2"},
		{"", ""},
		{" -._ ", ""},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDidYouMean(t *testing.T) {
	ids := []string{"AC-2", "AC-3", "T1003", "T1003.001", "GOVERN 1.6", "T1055.011", "T1055.11"}
	tests := []struct {
		value      string
		candidates []string
		want       string
	}{
		{"AC-02", ids, `; did you mean "AC-2"?`},
		{"ac 2", ids, `; did you mean "AC-2"?`},
		{"T1003.01", ids, `; did you mean "T1003.001"?`},
		{"T01003", ids, `; did you mean "T1003"?`},
		{"govern-1.06", ids, `; did you mean "GOVERN 1.6"?`},
		{"AC-22", ids, ""},
		{"AC-2", ids, ""},       // the value itself is no hint
		{"T1055.0011", ids, ""}, // two candidates fold alike: ambiguous, no guess
		// The value itself is skipped, so a look-alike is still named
		// (callers ask only about values they do not know).
		{"T1055.011", ids, `; did you mean "T1055.11"?`},
		{"", ids, ""},      // nothing to compare
		{"--", ids, ""},    // nothing but separators
		{"AC-02", nil, ""}, // no candidates
		{"AC-02", []string{"AC-2", "AC-2"}, `; did you mean "AC-2"?`}, // the same candidate twice is not ambiguous
		{"Subset of", SetTheory.IDs(), `; did you mean "subset-of"?`},
		{"Official", []string{"draft", "official"}, `; did you mean "official"?`},
	}
	for _, tt := range tests {
		if got := DidYouMean(tt.value, tt.candidates); got != tt.want {
			t.Errorf("DidYouMean(%q, %q) = %q, want %q", tt.value, tt.candidates, got, tt.want)
		}
	}
}

func TestVocabularyCheck(t *testing.T) {
	declared := &Vocabulary{Name: DeclaredName, Stated: true, Namespace: "https://example.org/rel", Terms: []*Term{
		{ID: "mitigates", Label: "mitigates", Reverse: "is mitigated by"},
		{ID: "related-to", Label: "is related to", Reverse: "is related to", OSCAL: "intersects-with"},
	}}
	unstated := Unstated("The table gives no relationship type.")
	tests := []struct {
		name  string
		v     *Vocabulary
		value string
		want  string
	}{
		{"set theory, a term", SetTheory, "subset-of", ""},
		{"set theory, empty", SetTheory, "", ""},
		{"set theory, unknown", SetTheory, "overlaps",
			`unknown relationship "overlaps": use one of equal-to, equivalent-to, subset-of, superset-of, intersects-with, no-relationship`},
		{"set theory, did you mean", SetTheory, "Intersects With",
			`unknown relationship "Intersects With": use one of equal-to, equivalent-to, subset-of, superset-of, intersects-with, no-relationship; did you mean "intersects-with"?`},
		{"declared, a term", declared, "mitigates", ""},
		{"declared, empty", declared, "", ""},
		{"declared, a set-theory term it does not declare", declared, "subset-of",
			`unknown relationship "subset-of": use one of mitigates, related-to`},
		{"declared, did you mean", declared, "related to",
			`unknown relationship "related to": use one of mitigates, related-to; did you mean "related-to"?`},
		{"unstated, empty", unstated, "", ""},
		{"unstated, any value", unstated, "subset-of",
			`relationship "subset-of": this crosswalk states no relationship types (relationships: stated: false); leave it out`},
	}
	for _, tt := range tests {
		if got := tt.v.Check(tt.value); got != tt.want {
			t.Errorf("%s: Check(%q) = %q, want %q", tt.name, tt.value, got, tt.want)
		}
	}
	if unstated.Name != UnstatedName || unstated.Stated || len(unstated.Terms) != 0 || unstated.Note == "" {
		t.Errorf("Unstated = %+v", unstated)
	}
	if got := declared.Term("related-to"); got == nil || got.Heading(true) != "Is related to" {
		t.Errorf("Term(related-to) = %+v", got)
	}
	if declared.Term("subset-of") != nil {
		t.Error("a declared vocabulary has a term it does not declare")
	}
}

func TestCheckStatus(t *testing.T) {
	for value, want := range map[string]string{
		"draft":    "",
		"official": "",
		"final":    `unknown status "final": use draft or official`,
		"Draft":    `unknown status "Draft": use draft or official; did you mean "draft"?`,
		"":         `unknown status "": use draft or official`,
	} {
		if got := CheckStatus(value); got != want {
			t.Errorf("CheckStatus(%q) = %q, want %q", value, got, want)
		}
	}
}

func TestCheckOneOf(t *testing.T) {
	if got := CheckOneOf("mapping_method", "", MappingMethods); got != "" {
		t.Errorf("empty: %q", got)
	}
	if got := CheckOneOf("mapping_method", "human", MappingMethods); got != "" {
		t.Errorf("human: %q", got)
	}
	want := `unknown mapping_method "Human": use one of human, automation, hybrid; did you mean "human"?`
	if got := CheckOneOf("mapping_method", "Human", MappingMethods); got != want {
		t.Errorf("Human: %q, want %q", got, want)
	}
}

func TestCapitalize(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", ""},
		{"is a subset of", "Is a subset of"},
		{"Is already", "Is already"},
		{"élargit", "Élargit"},
		{"ǆ digraph", "Ǆ digraph"},
		{"1 first", "1 first"},
		{"x", "X"},
	} {
		if got := Capitalize(c.in); got != c.want {
			t.Errorf("Capitalize(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
