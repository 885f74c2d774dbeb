package vocab

import (
	"fmt"
	"strings"
)

// Status says whether a crosswalk or a mapping record is official.
type Status string

// The status values.
const (
	Draft    Status = "draft"
	Official Status = "official"
)

// Statuses lists every status, in order.
var Statuses = []Status{Draft, Official}

// Valid reports whether s is one of Statuses.
func (s Status) Valid() bool { return s == Draft || s == Official }

// CheckStatus returns why value cannot be a status, or "".
func CheckStatus(value string) string {
	if Status(value).Valid() {
		return ""
	}
	return fmt.Sprintf("unknown status %q: use draft or official%s", value, DidYouMean(value, []string{string(Draft), string(Official)}))
}

// The OSCAL provenance vocabularies a crosswalk may state in its front
// matter: how the mapping was made (OSCAL "method") and how its
// relationships were judged (OSCAL "matching-rationale", NIST IR 8477
// §4.3). OSCAL requires both in a mapping-collection's provenance and
// allows no other values, so crosswalk never supplies one itself.
var (
	MappingMethods     = []string{"human", "automation", "hybrid"}
	MatchingRationales = []string{"syntactic", "semantic", "functional"}
)

// CheckOneOf returns why value is not one of values (naming the key it
// was given for), or "". An empty value is allowed.
func CheckOneOf(key, value string, values []string) string {
	if value == "" {
		return ""
	}
	for _, v := range values {
		if v == value {
			return ""
		}
	}
	return fmt.Sprintf("unknown %s %q: use one of %s%s", key, value, strings.Join(values, ", "), DidYouMean(value, values))
}
