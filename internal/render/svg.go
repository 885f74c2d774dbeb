package render

import (
	"fmt"
	"html/template"
	"unicode/utf8"
)

// Bar draws a horizontal bar for part of whole, as SVG (not inline
// styles, which a Content-Security-Policy without 'unsafe-inline' blocks).
// It is decorative: the numbers are always written beside it.
func Bar(part, whole int) template.HTML {
	const width, height = 160, 12
	fill := 0
	if whole > 0 {
		fill = part * width / whole
	}
	return template.HTML(fmt.Sprintf(`<svg class="bar" viewBox="0 0 %d %d" width="%d" height="%d" aria-hidden="true" focusable="false"><rect class="bar-bg" width="%d" height="%d"/><rect class="bar-fill" width="%d" height="%d"/></svg>`,
		width, height, width, height, width, height, fill, height))
}

// shorten cuts s to n characters with an ellipsis.
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}
