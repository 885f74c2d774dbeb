package model

// Relationship is a set-theory relationship of OSCAL 1.2 control mappings
// (maps[].relationship) and NIST IR 8477, read "source REL target".
type Relationship string

// The relationship values, in the order pages group them.
const (
	EqualTo        Relationship = "equal-to"
	EquivalentTo   Relationship = "equivalent-to"
	SubsetOf       Relationship = "subset-of"
	SupersetOf     Relationship = "superset-of"
	IntersectsWith Relationship = "intersects-with"
	NoRelationship Relationship = "no-relationship"
)

// Relationships lists every valid relationship value.
var Relationships = []Relationship{EqualTo, EquivalentTo, SubsetOf, SupersetOf, IntersectsWith, NoRelationship}

// Valid reports whether r is one of Relationships.
func (r Relationship) Valid() bool {
	for _, v := range Relationships {
		if r == v {
			return true
		}
	}
	return false
}

// Inverse returns the relationship read from target to source:
// subset-of and superset-of swap, the others are symmetric.
func (r Relationship) Inverse() Relationship {
	switch r {
	case SubsetOf:
		return SupersetOf
	case SupersetOf:
		return SubsetOf
	}
	return r
}

// Phrase returns the relationship as words for a sentence:
// "1.2.3 intersects with MAP 5.2".
func (r Relationship) Phrase() string {
	switch r {
	case EqualTo:
		return "is equal to"
	case EquivalentTo:
		return "is equivalent to"
	case SubsetOf:
		return "is a subset of"
	case SupersetOf:
		return "is a superset of"
	case IntersectsWith:
		return "intersects with"
	case NoRelationship:
		return "has no relationship to"
	}
	return string(r)
}

// Title returns the relationship as a heading: "Intersects with".
func (r Relationship) Title() string {
	switch r {
	case EqualTo:
		return "Equal to"
	case EquivalentTo:
		return "Equivalent to"
	case SubsetOf:
		return "Subset of"
	case SupersetOf:
		return "Superset of"
	case IntersectsWith:
		return "Intersects with"
	case NoRelationship:
		return "No relationship"
	}
	return string(r)
}

// Status says whether a crosswalk or a mapping record is official.
type Status string

// The status values.
const (
	Draft    Status = "draft"
	Official Status = "official"
)

// Valid reports whether s is draft or official.
func (s Status) Valid() bool { return s == Draft || s == Official }
