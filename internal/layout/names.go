package layout

import (
	"fmt"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// MaxSegment is the longest file or folder name, in bytes, that the
// common file systems (ext4, APFS, NTFS) hold.
const MaxSegment = 255

// windowsReserved are the device names Windows refuses as a file name,
// with or without an extension.
var windowsReserved = map[string]bool{
	"con": true, "prn": true, "aux": true, "nul": true,
	"com1": true, "com2": true, "com3": true, "com4": true, "com5": true, "com6": true, "com7": true, "com8": true, "com9": true,
	"lpt1": true, "lpt2": true, "lpt3": true, "lpt4": true, "lpt5": true, "lpt6": true, "lpt7": true, "lpt8": true, "lpt9": true,
}

// CheckName returns why name cannot be an output file's path, or nil. A
// name is a clean relative slash path inside the output folder, valid
// UTF-8, whose every segment is at most MaxSegment bytes, holds no control
// character and none of the characters Windows refuses (<>:"\|?*), is not
// a Windows device name (CON, aux.html) and does not end in a dot or a
// space: a site built on one system opens on the others, and unzips there.
func CheckName(name string) error {
	if name == "" || path.IsAbs(name) || path.Clean(name) != name || name == ".." || strings.HasPrefix(name, "../") {
		return fmt.Errorf("%s is not a clean path inside the output folder", Quote(name))
	}
	if !utf8.ValidString(name) {
		return fmt.Errorf("%s is not valid UTF-8", Quote(name))
	}
	// Segment by segment, without splitting: every page of a large site
	// is checked when it is placed, after each edit in serve.
	for rest := name; rest != ""; {
		seg, tail, _ := strings.Cut(rest, "/")
		rest = tail
		switch {
		case len(seg) > MaxSegment:
			return fmt.Errorf("%s: the name %.20s… is %d bytes long; file systems hold at most %d", Quote(name), seg, len(seg), MaxSegment)
		case hasControl(seg):
			return fmt.Errorf("%s holds a control character", Quote(name))
		case strings.ContainsAny(seg, `<>:"\|?*`):
			return fmt.Errorf(`%s holds one of <>:"\|?*, which Windows does not allow in a file name`, Quote(name))
		case strings.HasSuffix(seg, ".") || strings.HasSuffix(seg, " "):
			return fmt.Errorf("%s: a name ending in a dot or a space cannot be a file on Windows", Quote(name))
		}
		stem, _, _ := strings.Cut(seg, ".")
		// Every device name is 3 or 4 letters long.
		if n := len(strings.TrimRight(stem, " ")); (n == 3 || n == 4) && windowsReserved[strings.ToLower(strings.TrimRight(stem, " "))] {
			return fmt.Errorf("%s: %q is a device name on Windows and cannot be a file", Quote(name), stem)
		}
	}
	return nil
}

// hasControl reports whether s holds a control character (Unicode Cc),
// byte by byte while s is ASCII.
func hasControl(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= utf8.RuneSelf:
			return strings.ContainsFunc(s[i:], unicode.IsControl)
		case c < 0x20 || c == 0x7f:
			return true
		}
	}
	return false
}

var folder = cases.Fold()

// Fold returns the form in which two names are the same file on a file
// system that ignores case or Unicode normalisation (macOS, Windows):
// Unicode NFC, then case folded. "About" and "about", and "café" written
// with é or with e and a combining accent, fold alike.
func Fold(name string) string {
	for i := 0; i < len(name); i++ {
		if name[i] >= utf8.RuneSelf {
			return folder.String(norm.NFC.String(name))
		}
	}
	// ASCII is its own NFC form, and folds as it lowers: most names, and
	// the x/text transforms are a large part of placing a big site.
	return strings.ToLower(name)
}

// Quote writes a file name for a message: in double quotes, with every
// character that could break or forge a terminal line (newlines, escape
// codes, other controls) escaped.
func Quote(name string) string { return fmt.Sprintf("%q", name) }
