package layout

import (
	"strings"
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

// TestCheckName holds each rule of CheckName, first broken part first.
func TestCheckName(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("a", MaxSegment+1)
	for name, want := range map[string]string{
		"index.html":                      "",
		"frameworks/ai-verify/index.html": "",
		"a/café/index.html":               "",
		"a/con-tact/index.html":           "",
		"a/console.html":                  "",
		"a/com10/x":                       "",
		"":                                "is not a clean path",
		"/a":                              "is not a clean path",
		"a//b":                            "is not a clean path",
		"a/./b":                           "is not a clean path",
		"a/":                              "is not a clean path",
		"..":                              "is not a clean path",
		"../a":                            "is not a clean path",
		"a/\xff":                          "is not valid UTF-8",
		"a/" + long + "/b":                "is 256 bytes long",
		"a/b\tc":                          "holds a control character",
		"a/b\u0085c":                      "holds a control character",
		"a/b\x7fc":                        "holds a control character",
		"a/b\x01<c":                       "holds a control character", // the first rule broken
		"a/b:c":                           `holds one of <>:"\|?*`,
		`a\b`:                             `holds one of <>:"\|?*`,
		"a/b?":                            `holds one of <>:"\|?*`,
		"a/b./c":                          "ending in a dot or a space",
		"a/b /c":                          "ending in a dot or a space",
		"a/CON":                           `"CON" is a device name`,
		"aux.html":                        `"aux" is a device name`,
		"a/Lpt9 .txt/b":                   `"Lpt9 " is a device name`,
		"nul/index.html":                  `"nul" is a device name`,
		"a/b:c/CON":                       `holds one of`, // the first segment broken
	} {
		err := CheckName(name)
		switch {
		case want == "" && err != nil:
			t.Errorf("CheckName(%q) = %v, want nil", name, err)
		case want != "" && (err == nil || !strings.Contains(err.Error(), want)):
			t.Errorf("CheckName(%q) = %v, want an error with %q", name, err, want)
		}
	}
}
