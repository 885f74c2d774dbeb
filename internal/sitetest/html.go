package sitetest

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// Parse parses a built page.
func Parse(t testing.TB, page []byte) *html.Node {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// Find returns the first element at or below n, in document order, for
// which match is true, or nil.
func Find(n *html.Node, match func(*html.Node) bool) *html.Node {
	if all := FindAll(n, match); len(all) > 0 {
		return all[0]
	}
	return nil
}

// FindAll returns the elements at or below n, in document order, for
// which match is true; it does not look inside an element it returns.
func FindAll(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && match(n) {
			out = append(out, n)
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

// Text returns the text a reader sees of n, with runs of white space
// turned into one space; scripts and styles are left out. Text nodes are
// joined as they are, so "<td>a</td><td>b</td>" reads "ab".
func Text(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch {
		case n.Type == html.TextNode:
			b.WriteString(n.Data)
		case n.Type == html.ElementNode && (n.Data == "script" || n.Data == "style"):
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// MainText returns the text of a page's <main>, "" if it has none.
func MainText(t testing.TB, page []byte) string {
	t.Helper()
	main := Find(Parse(t, page), func(n *html.Node) bool { return n.Data == "main" })
	if main == nil {
		return ""
	}
	return Text(main)
}

// Attr returns n's attribute key, "" if it has none.
func Attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// HasClass reports whether n has class among its classes.
func HasClass(n *html.Node, class string) bool {
	for _, c := range strings.Fields(Attr(n, "class")) {
		if c == class {
			return true
		}
	}
	return false
}
