package vocab

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Term is one relationship a vocabulary offers, read "source TERM target".
type Term struct {
	ID         string // the value records carry: "subset-of", "mitigates"
	Label      string // the phrase read from the source: "is a subset of", "mitigates"
	Reverse    string // the phrase read from the target: "is a superset of", "is mitigated by"
	Definition string // one line, shown on the crosswalk page
	// OSCAL is the OSCAL 1.2 set-theory relationship the term means, or ""
	// when it means none of them (OSCAL then carries the term in the
	// vocabulary's namespace).
	OSCAL string
	// Symbol marks the term where space is short (a matrix cell), read
	// from the source: "⊂" for subset-of. A declared term has none; a
	// matrix then marks it by its number in the vocabulary (Mark).
	Symbol string
}

// Phrase returns the term read from one side: forward from the source,
// reversed from the target.
func (t *Term) Phrase(reversed bool) string {
	if reversed {
		return t.Reverse
	}
	return t.Label
}

// Mark returns what marks the term in a matrix cell: its Symbol, or
// else its number in v ("1", "2", …), which the matrix's legend spells
// out.
func (v *Vocabulary) Mark(t *Term) string {
	if t.Symbol != "" {
		return t.Symbol
	}
	for i, u := range v.Terms {
		if u.ID == t.ID {
			return strconv.Itoa(i + 1)
		}
	}
	return "?"
}

// Heading returns the phrase as a group heading: "Is a superset of".
func (t *Term) Heading(reversed bool) string { return Capitalize(t.Phrase(reversed)) }

// Vocabulary is the set of relationship terms a crosswalk's records use.
type Vocabulary struct {
	// Name says what the vocabulary is: SetTheoryName, DeclaredName or
	// UnstatedName.
	Name string
	// Stated is false when the source states no relationship type at all:
	// every record then carries none.
	Stated bool
	// Note is the crosswalk's own words on its relationships, shown on its
	// page (for an unstated vocabulary: what the source does say).
	Note string
	// Namespace is the absolute URI that qualifies, in OSCAL, the terms
	// that have no OSCAL meaning.
	Namespace string
	Terms     []*Term
}

// The names of the kinds of vocabulary.
const (
	SetTheoryName = "set-theory" // OSCAL 1.2 / NIST IR 8477 set theory: the default
	DeclaredName  = "declared"   // terms the crosswalk declares in its front matter
	UnstatedName  = "unstated"   // the source states no relationship type
)

// Term returns the term with id, or nil.
func (v *Vocabulary) Term(id string) *Term {
	for _, t := range v.Terms {
		if t.ID == id {
			return t
		}
	}
	return nil
}

// IDs returns the ids of the vocabulary's terms, in order.
func (v *Vocabulary) IDs() []string {
	ids := make([]string, len(v.Terms))
	for i, t := range v.Terms {
		ids[i] = t.ID
	}
	return ids
}

// Check returns why value cannot be a record's relationship in this
// vocabulary, or "" when it can. An empty value is always allowed: the
// record then states no relationship type.
func (v *Vocabulary) Check(value string) string {
	switch {
	case value == "":
		return ""
	case !v.Stated:
		return fmt.Sprintf("relationship %q: this crosswalk states no relationship types (relationships: stated: false); leave it out", value)
	case v.Term(value) != nil:
		return ""
	}
	return fmt.Sprintf("unknown relationship %q: use one of %s%s", value, strings.Join(v.IDs(), ", "), DidYouMean(value, v.IDs()))
}

// SetTheory is the default vocabulary: the set-theory relationships of
// OSCAL 1.2 control mappings (maps[].relationship) and NIST IR 8477,
// in the order pages group them.
var SetTheory = &Vocabulary{Name: SetTheoryName, Stated: true, Terms: []*Term{
	{ID: "equal-to", Symbol: "=", Label: "is equal to", Reverse: "is equal to", OSCAL: "equal-to",
		Definition: "The two say the same, in the same words."},
	{ID: "equivalent-to", Symbol: "≡", Label: "is equivalent to", Reverse: "is equivalent to", OSCAL: "equivalent-to",
		Definition: "The two mean the same, in different words."},
	{ID: "subset-of", Symbol: "⊂", Label: "is a subset of", Reverse: "is a superset of", OSCAL: "subset-of",
		Definition: "The source is narrower than the target: the target contains all of it and more."},
	{ID: "superset-of", Symbol: "⊃", Label: "is a superset of", Reverse: "is a subset of", OSCAL: "superset-of",
		Definition: "The source is broader than the target: it contains all of the target and more."},
	{ID: "intersects-with", Symbol: "∩", Label: "intersects with", Reverse: "intersects with", OSCAL: "intersects-with",
		Definition: "The two overlap in part; each has content the other does not."},
	{ID: "no-relationship", Symbol: "∅", Label: "has no relationship to", Reverse: "has no relationship to", OSCAL: "no-relationship",
		Definition: "The two were compared and do not overlap."},
}}

// OSCALValues are the relationship values OSCAL 1.2 defines in its own
// namespace (the metaschema's allowed-values for maps[].relationship).
func OSCALValues() []string { return SetTheory.IDs() }

// Unstated returns the vocabulary of a crosswalk whose source states no
// relationship type; note is what the crosswalk says about that.
func Unstated(note string) *Vocabulary {
	return &Vocabulary{Name: UnstatedName, Stated: false, Note: note}
}

// Unstated wording, used wherever a record carries no relationship type,
// so that no direction-dependent wording is invented.
const (
	// UnstatedHeading heads the group of such records on a page.
	UnstatedHeading = "Relationship not stated by the source"
	// UnstatedPhrase joins the two elements in a sentence:
	// "NIST AI RMF GOVERN 1 is listed with AI Verify 7.2".
	UnstatedPhrase = "is listed with"
	// UnstatedExplanation says what such a record means.
	UnstatedExplanation = "The source lists these items together without saying how they relate: it states no relationship type, so none is shown."
)

// UnstatedOSCAL is the relationship token OSCAL carries for a record that
// states no relationship type. OSCAL requires a relationship on every map
// and defines only set-theory values in its own namespace, so the token
// is qualified by Namespace, where it means exactly "not stated".
const UnstatedOSCAL = "unstated"

// Namespace qualifies, in OSCAL, the relationship tokens this project
// defines (UnstatedOSCAL). It is a naming-system identifier, not a page to
// fetch.
const Namespace = "https://github.com/crosswalk-ssg/crosswalk/ns/relationship"

// token is the form of a declared term's id: it must be an OSCAL token
// (and reads well in a URL fragment and a CSV cell).
var token = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)

// CheckTermID returns why id cannot name a declared term, or "".
func CheckTermID(id string) string {
	if !token.MatchString(id) {
		return fmt.Sprintf("relationship term %q: use lower case letters, digits and single hyphens, starting with a letter (e.g. mitigates, related-to)", id)
	}
	return ""
}

// CheckOSCAL returns why value cannot be a declared term's OSCAL meaning,
// or "" ("" itself means none).
func CheckOSCAL(value string) string {
	if value == "" || SetTheory.Term(value) != nil {
		return ""
	}
	return fmt.Sprintf("unknown OSCAL relationship %q: use one of %s, or leave oscal out when the term means none of them%s",
		value, strings.Join(OSCALValues(), ", "), DidYouMean(value, OSCALValues()))
}

// Capitalize upper-cases the first letter of s. An element page makes a
// heading of every relationship it lists, so it makes one string, or
// none when the letter is upper-case already.
func Capitalize(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if u := unicode.ToUpper(r); size > 0 && u != r {
		return string(u) + s[size:]
	}
	return s
}
