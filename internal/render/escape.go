package render

import "strings"

// The fragments render writes in Go (record tables, cards, trees, the
// navigation) escape what they write as html/template escapes the same
// value at the same place in a template, so that a page reads byte for
// byte as it would from templates alone (FuzzEscapeHTML, FuzzEscapeURL).

// htmlEscapes are what html/template escapes in text and in quoted
// attribute values, and how, so that rows written here read byte for
// byte as the templates' would.
var htmlEscapes = strings.NewReplacer(
	"\x00", "\uFFFD",
	`"`, "&#34;",
	"&", "&amp;",
	"'", "&#39;",
	"+", "&#43;",
	"<", "&lt;",
	">", "&gt;",
)

// htmlSpecial marks the bytes htmlEscapes replaces.
var htmlSpecial = [256]bool{0: true, '"': true, '&': true, '\'': true, '+': true, '<': true, '>': true}

// escapeHTML escapes s for HTML text or a quoted attribute value. Most
// texts need nothing: they are looked at a byte at a time against a table
// (strings.ContainsAny would make its set of bytes on every call, for
// every label and link of every row).
func escapeHTML(s string) string {
	for i := 0; i < len(s); i++ {
		if htmlSpecial[s[i]] {
			return htmlEscapes.Replace(s)
		}
	}
	return s
}

// escapeHref escapes u for a quoted href attribute, as html/template does
// a URL that starts the attribute: a URL with a scheme other than http,
// https or mailto becomes "#ZgotmplZ"; the bytes a URL does not carry as
// they are are percent-encoded; and the rest is escaped as an attribute
// value. Most URLs of pages (layout.Rel, from slugs) need none of it,
// which is looked at first.
func escapeHref(u string) string {
	if plainHref(u) {
		return u
	}
	if scheme, _, ok := strings.Cut(u, ":"); ok && !strings.Contains(scheme, "/") &&
		!strings.EqualFold(scheme, "http") && !strings.EqualFold(scheme, "https") && !strings.EqualFold(scheme, "mailto") {
		return "#ZgotmplZ"
	}
	return escapeHTML(percentEncode(u, true))
}

// escapeFragment escapes id for a quoted href attribute after its "#"
// ("#{{ .ID }}"), as html/template does a URL's query or fragment: every
// byte but a letter, a digit and "-._~" percent-encoded.
func escapeFragment(id string) string { return percentEncode(id, false) }

// plainHref reports whether u holds only bytes that neither a URL nor an
// attribute value changes: ASCII letters and digits, "-._~", "/" and "#".
func plainHref(u string) bool {
	for i := 0; i < len(u); i++ {
		if c := u[i]; !unreserved(c) && c != '/' && c != '#' {
			return false
		}
	}
	return true
}

// unreserved reports whether c is one of RFC 3986's unreserved characters.
func unreserved(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~'
}

// percentEncode encodes every byte of s as "%xx" (lower-case hex, as
// html/template writes it) but the unreserved ones, and, when whole is
// set (a URL rather than a part of one), the reserved ones RFC 3986 gives
// a URL's structure, and the "%" of an encoding already made ("%20"). The
// quote and the parentheses, reserved too, are encoded all the same, as
// html/template encodes them.
func percentEncode(s string, whole bool) string {
	const hex = "0123456789abcdef"
	var b strings.Builder
	done := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if unreserved(c) || whole && (strings.IndexByte("!#$&*+,/:;=?@[]", c) >= 0 || c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2])) {
			continue
		}
		if done == 0 {
			b.Grow(len(s) + 16)
		}
		b.WriteString(s[done:i])
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
		done = i + 1
	}
	if done == 0 {
		return s
	}
	b.WriteString(s[done:])
	return b.String()
}

func isHex(c byte) bool { return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }
