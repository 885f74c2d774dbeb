package model

import "github.com/crosswalk-ssg/crosswalk/internal/vocab"

// Status says whether a crosswalk or a mapping record is official; the
// values and their validation are vocab's.
type Status = vocab.Status

// The status values.
const (
	Draft    = vocab.Draft
	Official = vocab.Official
)
