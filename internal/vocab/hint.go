package vocab

import (
	"fmt"
	"strings"
	"unicode"
)

// DidYouMean returns `; did you mean "x"?` when exactly one candidate is
// the same as value but for case, separators and zero padding of numbers
// (AC-02 for AC-2, T1003.01 for T1003.001, "Subset of" for subset-of),
// and "" otherwise. It is the one hint every "unknown …" message uses:
// ids, relationship terms, statuses and framework names alike.
func DidYouMean(value string, candidates []string) string {
	want := Fold(value)
	if want == "" {
		return ""
	}
	found := ""
	for _, c := range candidates {
		if c == value || Fold(c) != want {
			continue
		}
		if found != "" && found != c {
			return "" // ambiguous: say nothing rather than guess
		}
		found = c
	}
	if found == "" {
		return ""
	}
	return fmt.Sprintf("; did you mean %q?", found)
}

// Fold reduces s to what DidYouMean compares: its runs of letters and
// digits, lower case, with leading zeros dropped from runs of digits,
// joined by "-". Letters and digits form separate runs, so "T1003.01"
// folds to "t-1003-1" like "T1003.001" does.
func Fold(s string) string {
	var runs []string
	var cur strings.Builder
	kind := 0 // 0 none, 1 letters, 2 digits
	flush := func() {
		if cur.Len() == 0 {
			return
		}
		r := cur.String()
		if kind == 2 {
			r = strings.TrimLeft(r, "0")
			if r == "" {
				r = "0"
			}
		}
		runs = append(runs, r)
		cur.Reset()
	}
	for _, r := range strings.ToLower(s) {
		k := 0
		switch {
		case unicode.IsDigit(r):
			k = 2
		case unicode.IsLetter(r):
			k = 1
		}
		if k != kind {
			flush()
			kind = k
		}
		if k != 0 {
			cur.WriteRune(r)
		}
	}
	flush()
	return strings.Join(runs, "-")
}
