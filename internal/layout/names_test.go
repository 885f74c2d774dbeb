package layout

import (
	"testing"

	"golang.org/x/text/unicode/norm"
)

// TestFold: names that differ only in case or Unicode form fold alike,
// and the ASCII fast path folds as the Unicode one does.
func TestFold(t *testing.T) {
	for _, tt := range []struct{ a, b string }{
		{"About/index.html", "about/INDEX.html"},
		{"caf\u00e9/", "cafe\u0301/"},
		{"Stra\u00dfe", "strasse"},
		{"\u212a", "k"}, // the Kelvin sign folds to k
	} {
		if Fold(tt.a) != Fold(tt.b) {
			t.Errorf("Fold(%q) = %q, Fold(%q) = %q: want the same", tt.a, Fold(tt.a), tt.b, Fold(tt.b))
		}
	}
	for c := range 128 {
		s := "x" + string(rune(c)) + "Y/z.HTML"
		if got, want := Fold(s), folder.String(norm.NFC.String(s)); got != want {
			t.Errorf("Fold(%q) = %q, want %q", s, got, want)
		}
	}
}
