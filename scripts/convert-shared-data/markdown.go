package main

import (
	"fmt"
	"strings"
	"unicode"
)

// mdDoc builds a Markdown body. Data texts go through t, which escapes Markdown syntax so that
// they render as written; the first problem found is kept in err.
type mdDoc struct {
	strings.Builder
	err error
}

// mdEscaper escapes the characters that can start Markdown syntax anywhere in a line of text.
// "_" is handled by t: it only needs escaping at the edge of a word.
var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", `*`, `\*`, `[`, `\[`, `]`, `\]`, `<`, `\<`,
)

// t returns a one-line data text escaped for Markdown. A text that spans lines is refused,
// because it would not stay inside its paragraph or list item.
func (m *mdDoc) t(s string) string {
	if strings.Contains(s, "\n") && m.err == nil {
		m.err = fmt.Errorf("text spans lines and cannot be placed in a paragraph: %q", s)
	}
	s = mdEscaper.Replace(s)
	if !strings.Contains(s, "_") {
		return s
	}
	// An underscore inside a word (process_checklist) is literal in CommonMark; escape the others.
	r := []rune(s)
	var b strings.Builder
	for i, c := range r {
		if c == '_' && (i == 0 || i == len(r)-1 || !isWordRune(r[i-1]) || !isWordRune(r[i+1])) {
			b.WriteRune('\\')
		}
		b.WriteRune(c)
	}
	return b.String()
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// p writes a paragraph.
func (m *mdDoc) p(format string, args ...any) {
	fmt.Fprintf(m, format, args...)
	m.WriteString("\n\n")
}

// h2 writes a level-2 heading.
func (m *mdDoc) h2(title string) {
	m.WriteString("## " + title + "\n\n")
}

// li writes a list item; end the list with endList.
func (m *mdDoc) li(format string, args ...any) {
	m.WriteString("- ")
	fmt.Fprintf(m, format, args...)
	m.WriteString("\n")
}

func (m *mdDoc) endList() { m.WriteString("\n") }

// body returns the Markdown, ending in exactly one newline.
func (m *mdDoc) body() (string, error) {
	return strings.TrimRight(m.String(), "\n") + "\n", m.err
}

// linkURLs escapes a data text and turns every URL in it into an autolink, e.g.
// "https://example.org/x (as cited by y; not verified)" -> "<https://example.org/x> (as cited by y; not verified)".
func (m *mdDoc) linkURLs(s string) string {
	words := strings.Split(s, " ")
	for i, w := range words {
		if !strings.HasPrefix(w, "https://") && !strings.HasPrefix(w, "http://") {
			words[i] = m.t(w)
			continue
		}
		url := strings.TrimRight(w, ",;.)")
		words[i] = "<" + url + ">" + m.t(w[len(url):])
	}
	return strings.Join(words, " ")
}

// code returns s as a Markdown code span.
func code(s string) string {
	if strings.Contains(s, "`") {
		return "``" + s + "``"
	}
	return "`" + s + "`"
}
