package linkcheck

import (
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// lines joins its arguments with newlines, so argument i is on line i+1.
func lines(ls ...string) string { return strings.Join(ls, "\n") }

// site builds an in-memory site from path -> content.
func site(files map[string]string) fstest.MapFS {
	m := fstest.MapFS{}
	for name, content := range files {
		m[name] = &fstest.MapFile{Data: []byte(content)}
	}
	return m
}

func prob(page string, line int, url, reason string) Problem {
	return Problem{Page: page, Line: line, URL: url, Reason: reason}
}

func only(page string) func(string) bool {
	return func(p string) bool { return p == page }
}

func TestCheck(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		opts  Options
		want  []Problem
	}{
		{
			name: "clean site",
			opts: Options{AbsoluteOK: only("404.html")},
			files: map[string]string{
				"index.html": lines(
					`<!DOCTYPE html>`,
					`<html><head>`,
					`<meta charset="utf-8">`,
					`<link rel="stylesheet" href="assets/site.css">`,
					`<link rel="icon" href="data:,">`,
					`<link rel="canonical" href="https://example.com/">`,
					`<link rel="alternate" type="application/rss+xml" href="https://example.com/feed.xml">`,
					`<link rel="preconnect" href="https://fonts.example.com">`,
					`<script src="assets/site.js"></script>`,
					`<script>if (a < b && c > d) { document.write("<a href='/nope'>") }</script>`,
					`<style>a[href="/x"] { color: red }</style>`,
					`</head><body id="top">`,
					`<a href="#top">top</a> <a href="#">self</a> <a href="?q=1">query</a>`,
					`<a href="docs/index.html">docs</a> <a href="docs/index.html#install">install</a>`,
					`<a href="docs/a%20b.html">spaced</a> <a href="docs/index.html?x=1#caf%C3%A9">café</a>`,
					`<a href="https://example.com/x">ext</a> <a href="mailto:a@example.com">mail</a> <a href="tel:+1">tel</a>`,
					`<img src="img/a.png" srcset="img/a.png 1x, img/a@2x.png 2x" alt="">`,
					`<img src="data:image/png;base64,iVBORw0KGgo=" alt="">`,
					`<picture><source srcset="img/a.webp" type="image/webp"><img src="img/a.png" alt=""></picture>`,
					`<video src="media/v.mp4" poster="img/a.png"><track src="media/v.vtt"></video> <audio src="media/a.mp3"></audio>`,
					`<iframe src="about:blank"></iframe> <iframe src="docs/index.html"></iframe>`,
					`<object data="img/d.svg"></object> <embed src="img/d.svg">`,
					`<svg><use href="#icon"></use><use xlink:href="img/sprite.svg#icon"></use><symbol id="icon"></symbol></svg>`,
					`<form action="search.html"></form>`,
					`<map><area href="docs/index.html" alt=""></map>`,
					`<a name="legacy"></a><a href="#legacy">legacy</a> <a>no href</a>`,
					`<!-- <a href="/commented-out"> -->`,
					`</body></html>`,
				),
				"search.html":     `<meta http-equiv="refresh" content="0; url=docs/index.html#install">`,
				"docs/index.html": `<h1 id="install">Install</h1><h2 id="café">x</h2><a href="../index.html#top">home</a><a href="a%20b.html">b</a>`,
				"docs/a b.html":   `<img src="../img/a.png" alt=""><a href="./index.html">docs</a>`,
				"404.html":        `<link rel="stylesheet" href="/assets/site.css"><a href="/">home</a>`,
				"assets/site.css": ``, "assets/site.js": ``,
				"img/a.png": ``, "img/a@2x.png": ``, "img/a.webp": ``, "img/d.svg": ``, "img/sprite.svg": ``,
				"media/v.mp4": ``, "media/v.vtt": ``, "media/a.mp3": ``,
			},
		},
		{
			name:  "missing file",
			files: map[string]string{"index.html": `<a href="nope.html">x</a>`},
			want:  []Problem{prob("index.html", 1, "nope.html", "missing file nope.html")},
		},
		{
			name: "relative URL is resolved against the page directory",
			files: map[string]string{
				"a/b/index.html": `<a href="../c/x.html">x</a><a href="../c/y.html">y</a>`,
				"a/c/y.html":     ``,
			},
			want: []Problem{prob("a/b/index.html", 1, "../c/x.html", "missing file a/c/x.html")},
		},
		{
			name: "directory URLs",
			files: map[string]string{
				"index.html": lines(
					`<a href="docs/">slash</a>`,
					`<a href="docs">no slash</a>`,
					`<a href=".">dot</a>`,
					`<a href="./">dot slash</a>`,
					`<a href="gone/">missing dir</a>`,
					`<a href="docs/index.html">ok</a>`,
				),
				"docs/index.html": ``,
			},
			want: []Problem{
				prob("index.html", 1, "docs/", reasonDirectory),
				prob("index.html", 2, "docs", reasonDirectory),
				prob("index.html", 3, ".", reasonDirectory),
				prob("index.html", 4, "./", reasonDirectory),
				prob("index.html", 5, "gone/", reasonDirectory),
			},
		},
		{
			name: "empty URLs",
			files: map[string]string{"index.html": lines(
				`<a href="">empty</a>`,
				`<img src=" " alt="">`,
				`<a href>bare</a>`,
			)},
			want: []Problem{
				prob("index.html", 1, "", reasonEmpty),
				prob("index.html", 2, " ", reasonEmpty),
				prob("index.html", 3, "", reasonEmpty),
			},
		},
		{
			name: "same-page fragments",
			files: map[string]string{"index.html": lines(
				`<h1 id="yes">x</h1>`,
				`<a href="#yes">ok</a> <a href="#">bare hash is fine</a>`,
				`<a href="#nope">missing</a>`,
				`<a href="#top">top must exist too</a>`,
				`<a href="#YES">ids are case-sensitive</a>`,
			)},
			want: []Problem{
				prob("index.html", 3, "#nope", "missing fragment #nope in index.html"),
				prob("index.html", 4, "#top", "missing fragment #top in index.html"),
				prob("index.html", 5, "#YES", "missing fragment #YES in index.html"),
			},
		},
		{
			name: "fragment in another page",
			files: map[string]string{
				"index.html":      `<a href="docs/index.html#install">ok</a><a href="docs/index.html#setup">bad</a>`,
				"docs/index.html": `<h2 id="install">Install</h2><a href="../index.html#x">back</a>`,
			},
			want: []Problem{
				prob("docs/index.html", 1, "../index.html#x", "missing fragment #x in index.html"),
				prob("index.html", 1, "docs/index.html#setup", "missing fragment #setup in docs/index.html"),
			},
		},
		{
			name: "a name anchors count, other name attributes do not",
			files: map[string]string{"index.html": lines(
				`<a name="old"></a><a href="#old">ok</a>`,
				`<div name="x"></div><a href="#x">bad</a>`,
			)},
			want: []Problem{prob("index.html", 2, "#x", "missing fragment #x in index.html")},
		},
		{
			name: "fragment on a non-HTML target is not checked",
			files: map[string]string{
				"index.html": `<a href="doc.pdf#page=2">ok</a><a href="gone.pdf#page=2">bad</a>`,
				"doc.pdf":    ``,
			},
			want: []Problem{prob("index.html", 1, "gone.pdf#page=2", "missing file gone.pdf")},
		},
		{
			name: "percent-encoded paths",
			files: map[string]string{
				"index.html": lines(
					`<a href="a%20b.html">encoded</a> <a href="a b.html">literal</a>`,
					`<a href="c%20d.html">missing</a>`,
					`<a href="bad%zz.html">invalid</a>`,
					`<a href="caf%C3%A9/index.html">utf-8</a>`,
				),
				"a b.html":        ``,
				"café/index.html": ``,
			},
			want: []Problem{
				prob("index.html", 2, "c%20d.html", "missing file c d.html"),
				prob("index.html", 3, "bad%zz.html", reasonBadEscape),
			},
		},
		{
			name: "percent-encoded fragments",
			files: map[string]string{
				"index.html": lines(
					`<h2 id="café">x</h2><h2 id="a b">y</h2><h2 id="100%">z</h2>`,
					`<a href="#caf%C3%A9">ok</a> <a href="#a%20b">ok</a> <a href="#100%">raw ok</a>`,
					`<a href="#caf%C3%A8">wrong letter</a>`,
				),
			},
			want: []Problem{prob("index.html", 3, "#caf%C3%A8", "missing fragment #caf%C3%A8 in index.html")},
		},
		{
			name: "climbing above the site root",
			files: map[string]string{
				"index.html":   `<a href="../x.html">x</a>`,
				"a/index.html": `<a href="../../index.html">x</a><a href="../index.html">ok</a><a href="..">up</a>`,
			},
			want: []Problem{
				prob("a/index.html", 1, "../../index.html", reasonClimb),
				prob("a/index.html", 1, "..", reasonDirectory),
				prob("index.html", 1, "../x.html", reasonClimb),
			},
		},
		{
			name: "root-relative and protocol-relative URLs",
			files: map[string]string{
				"index.html": lines(
					`<a href="/docs/index.html">root</a>`,
					`<img src="//cdn.example.com/x.png" alt="">`,
					`<a href="\docs\index.html">backslash</a>`,
					`<a href="/">home</a>`,
				),
				"docs/index.html": ``,
			},
			want: []Problem{
				prob("index.html", 1, "/docs/index.html", reasonRootRelative),
				prob("index.html", 2, "//cdn.example.com/x.png", reasonRootRelative),
				prob("index.html", 3, `\docs\index.html`, reasonRootRelative),
				prob("index.html", 4, "/", reasonRootRelative),
			},
		},
		{
			name: "AbsoluteOK allows root-relative URLs on chosen pages",
			opts: Options{AbsoluteOK: only("404.html")},
			files: map[string]string{
				"404.html": lines(
					`<a href="/docs/gone.html">not resolved</a>`,
					`<script src="//cdn.example.com/x.js"></script>`,
					`<a href="//example.com/">external link</a>`,
					`<a href="missing.html">relative URLs are still checked</a>`,
				),
				"index.html": lines(
					`<a href="/docs/gone.html">x</a>`,
					`<script src="//cdn.example.com/x.js"></script>`,
					`<a href="//example.com/">x</a>`,
				),
			},
			want: []Problem{
				prob("404.html", 2, "//cdn.example.com/x.js", reasonExternal),
				prob("404.html", 4, "missing.html", "missing file missing.html"),
				prob("index.html", 1, "/docs/gone.html", reasonRootRelative),
				prob("index.html", 2, "//cdn.example.com/x.js", reasonRootRelative),
				prob("index.html", 3, "//example.com/", reasonRootRelative),
			},
		},
		{
			name: "external assets",
			files: map[string]string{"index.html": lines(
				`<script src="https://cdn.example.com/x.js"></script>`,
				`<link rel="stylesheet" href="https://cdn.example.com/x.css">`,
				`<link rel="shortcut icon" href="http://example.com/favicon.ico">`,
				`<link rel="preload" as="font" href="https://example.com/f.woff2">`,
				`<link rel="modulepreload" href="https://example.com/m.js">`,
				`<link rel="manifest" href="https://example.com/app.webmanifest">`,
				`<link rel="alternate stylesheet" href="https://example.com/alt.css">`,
				`<img src="https://example.com/a.png" alt="">`,
				`<img srcset="https://example.com/a.png 2x" alt="">`,
				`<picture><source src="https://example.com/a.webp" srcset="https://example.com/b.webp"></picture>`,
				`<video src="https://example.com/v.mp4" poster="https://example.com/p.png"></video>`,
				`<audio src="https://example.com/a.mp3"></audio>`,
				`<iframe src="https://www.youtube.com/embed/x"></iframe>`,
				`<embed src="https://example.com/e.swf"><object data="https://example.com/o.svg"></object>`,
				`<svg><use href="https://example.com/s.svg#i"></use></svg>`,
			)},
			want: []Problem{
				prob("index.html", 1, "https://cdn.example.com/x.js", reasonExternal),
				prob("index.html", 2, "https://cdn.example.com/x.css", reasonExternal),
				prob("index.html", 3, "http://example.com/favicon.ico", reasonExternal),
				prob("index.html", 4, "https://example.com/f.woff2", reasonExternal),
				prob("index.html", 5, "https://example.com/m.js", reasonExternal),
				prob("index.html", 6, "https://example.com/app.webmanifest", reasonExternal),
				prob("index.html", 7, "https://example.com/alt.css", reasonExternal),
				prob("index.html", 8, "https://example.com/a.png", reasonExternal),
				prob("index.html", 9, "https://example.com/a.png", reasonExternal),
				prob("index.html", 10, "https://example.com/a.webp", reasonExternal),
				prob("index.html", 10, "https://example.com/b.webp", reasonExternal),
				prob("index.html", 11, "https://example.com/v.mp4", reasonExternal),
				prob("index.html", 11, "https://example.com/p.png", reasonExternal),
				prob("index.html", 12, "https://example.com/a.mp3", reasonExternal),
				prob("index.html", 13, "https://www.youtube.com/embed/x", reasonExternal),
				prob("index.html", 14, "https://example.com/e.swf", reasonExternal),
				prob("index.html", 14, "https://example.com/o.svg", reasonExternal),
				prob("index.html", 15, "https://example.com/s.svg#i", reasonExternal),
			},
		},
		{
			name: "external links and metadata are not checked",
			files: map[string]string{"index.html": lines(
				`<a href="https://example.com/">a</a> <a href="HTTP://EXAMPLE.COM">upper</a>`,
				`<map><area href="http://example.com/" alt=""></map>`,
				`<form action="https://example.com/search"></form>`,
				`<link rel="canonical" href="https://example.com/">`,
				`<link rel="alternate" hreflang="fr" href="https://example.com/fr/">`,
				`<link rel="preconnect" href="https://fonts.example.com">`,
				`<meta http-equiv="refresh" content="0; url=https://example.com/">`,
				`<a href="mailto:me@example.com">m</a> <a href="tel:+15551234">t</a> <a href="sms:+1">s</a>`,
			)},
		},
		{
			name: "javascript and file URLs",
			files: map[string]string{"index.html": lines(
				`<a href="javascript:void(0)">x</a>`,
				`<a href=" JavaScript:alert(1)">y</a>`,
				`<a href="file:///home/me/site/index.html">z</a>`,
			)},
			want: []Problem{
				prob("index.html", 1, "javascript:void(0)", reasonJavaScript),
				prob("index.html", 2, " JavaScript:alert(1)", reasonJavaScript),
				prob("index.html", 3, "file:///home/me/site/index.html", reasonFileScheme),
			},
		},
		{
			name: "data URLs are allowed",
			files: map[string]string{"index.html": lines(
				`<img src="data:image/png;base64,iVBORw0KGgo=" alt="">`,
				`<link rel="icon" href="data:,">`,
				`<img srcset="data:image/png;base64,AAAA 1x, b.png 2x" alt="">`,
			)},
			want: []Problem{prob("index.html", 3, "b.png", "missing file b.png")},
		},
		{
			name: "srcset candidates",
			files: map[string]string{
				"index.html": lines(
					`<img src="a.png" srcset="a.png 1x, missing.png 2x,other.png,  c.png 100w" alt="">`,
					`<picture><source srcset="c.png 1x, img/d%20e.png 2x"></picture>`,
					`<picture><source srcset="c.png, gone.png 2x"></picture>`,
				),
				"a.png":       ``,
				"c.png":       ``,
				"img/d e.png": ``,
			},
			want: []Problem{
				prob("index.html", 1, "missing.png", "missing file missing.png"),
				prob("index.html", 1, "other.png", "missing file other.png"),
				prob("index.html", 3, "gone.png", "missing file gone.png"),
			},
		},
		{
			name: "meta refresh",
			files: map[string]string{
				"index.html": lines(
					`<meta http-equiv="refresh" content="0; url=gone.html">`,
					`<meta http-equiv="Refresh" content="3;URL='docs/'">`,
					`<meta http-equiv="refresh" content="5">`,
					`<meta http-equiv="refresh" content="0, url = next.html">`,
					`<meta http-equiv="refresh" content="0; url=next.html#nope">`,
					`<meta name="refresh" content="0; url=ignored.html">`,
					`<meta http-equiv="refresh" content="0; url=/abs.html">`,
				),
				"next.html":       ``,
				"docs/index.html": ``,
			},
			want: []Problem{
				prob("index.html", 1, "gone.html", "missing file gone.html"),
				prob("index.html", 2, "docs/", reasonDirectory),
				prob("index.html", 5, "next.html#nope", "missing fragment #nope in next.html"),
				prob("index.html", 7, "/abs.html", reasonRootRelative),
			},
		},
		{
			name: "query strings are ignored",
			files: map[string]string{
				"index.html": `<a href="b.html?x=1">ok</a><a href="b.html?x=1#y">ok</a><a href="c.html?x">bad</a><a href="b.html?x#z">bad</a>`,
				"b.html":     `<p id="y"></p>`,
			},
			want: []Problem{
				prob("index.html", 1, "c.html?x", "missing file c.html"),
				prob("index.html", 1, "b.html?x#z", "missing fragment #z in b.html"),
			},
		},
		{
			name: "inline SVG use",
			files: map[string]string{"index.html": lines(
				`<svg><symbol id="ok"></symbol>`,
				`<use xlink:href="sprite.svg#a"/><use href="#nope"/><use href="#ok"/>`,
				`</svg>`,
			)},
			want: []Problem{
				prob("index.html", 2, "sprite.svg#a", "missing file sprite.svg"),
				prob("index.html", 2, "#nope", "missing fragment #nope in index.html"),
			},
		},
		{
			name: "forms, areas, frames and objects",
			files: map[string]string{"index.html": lines(
				`<form action="search.html"></form>`,
				`<map><area href="x.html" alt=""></map>`,
				`<iframe src="frame.html"></iframe>`,
				`<object data="o.svg"></object><embed src="e.svg">`,
				`<video poster="p.png"><source src="v.mp4"><track src="t.vtt"></video>`,
			)},
			want: []Problem{
				prob("index.html", 1, "search.html", "missing file search.html"),
				prob("index.html", 2, "x.html", "missing file x.html"),
				prob("index.html", 3, "frame.html", "missing file frame.html"),
				prob("index.html", 4, "o.svg", "missing file o.svg"),
				prob("index.html", 4, "e.svg", "missing file e.svg"),
				prob("index.html", 5, "p.png", "missing file p.png"),
				prob("index.html", 5, "v.mp4", "missing file v.mp4"),
				prob("index.html", 5, "t.vtt", "missing file t.vtt"),
			},
		},
		{
			name: "character references in attributes are decoded",
			files: map[string]string{
				"index.html": `<a href="a&amp;b.html">ok</a><a href="c&amp;d.html">bad</a>`,
				"a&b.html":   ``,
			},
			want: []Problem{prob("index.html", 1, "c&d.html", "missing file c&d.html")},
		},
		{
			name: "every occurrence is reported, sorted by page then line",
			files: map[string]string{
				"index.html":   lines(`<p>`, `<a href="x.html">1</a><a href="x.html">2</a>`),
				"b.html":       `<a href="x.html">b</a>`,
				"a/index.html": lines(``, ``, `<a href="x.html">a3</a>`, `<a href="../x.html#frag">a4</a>`),
				"notes.txt":    `<a href="x.html">not HTML, not checked</a>`,
			},
			want: []Problem{
				prob("a/index.html", 3, "x.html", "missing file a/x.html"),
				prob("a/index.html", 4, "../x.html#frag", "missing file x.html"),
				prob("b.html", 1, "x.html", "missing file x.html"),
				prob("index.html", 2, "x.html", "missing file x.html"),
				prob("index.html", 2, "x.html", "missing file x.html"),
			},
		},
		{
			name: "first of duplicated attributes wins",
			files: map[string]string{
				"index.html": `<a href="ok.html" href="bad.html">x</a><img src="bad.png" src="ok.png" alt="">`,
				"ok.html":    ``, "ok.png": ``,
			},
			want: []Problem{prob("index.html", 1, "bad.png", "missing file bad.png")},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Check(site(tt.files), tt.opts)
			if err != nil {
				t.Fatalf("Check: %v", err)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Check problems:\n got: %s\nwant: %s", fmtProblems(got), fmtProblems(tt.want))
			}
		})
	}
}

func fmtProblems(ps []Problem) string {
	if len(ps) == 0 {
		return "(none)"
	}
	var b strings.Builder
	for _, p := range ps {
		fmt.Fprintf(&b, "\n  %s", p)
	}
	return b.String()
}

func TestCheckLineNumbers(t *testing.T) {
	doc := lines(
		`<!DOCTYPE html>`,
		`<html>`,
		`<head>`,
		`<script>`,
		`var s = "<a href='/x'>";`,
		`</script>`,
		`<!-- a`,
		`comment -->`,
		`<a`,
		`  class="x"`,
		`  href="missing1.html">x</a>`,
		`<p title="multi`,
		`line"><a href="missing2.html">y</a></p>`,
		`<textarea>`,
		`<a href="not-a-link.html">`,
		`</textarea><a href="missing3.html">z</a>`,
		``,
		`<img alt="" src="missing4.png">`,
	)
	want := []Problem{
		prob("index.html", 9, "missing1.html", "missing file missing1.html"),
		prob("index.html", 13, "missing2.html", "missing file missing2.html"),
		prob("index.html", 16, "missing3.html", "missing file missing3.html"),
		prob("index.html", 18, "missing4.png", "missing file missing4.png"),
	}
	for _, eol := range []string{"\n", "\r\n", "\r"} {
		t.Run(fmt.Sprintf("%q", eol), func(t *testing.T) {
			fsys := site(map[string]string{"index.html": strings.ReplaceAll(doc, "\n", eol)})
			got, err := Check(fsys, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, want) {
				t.Errorf("got: %s\nwant: %s", fmtProblems(got), fmtProblems(want))
			}
		})
	}
}

func TestLineCounterSplitCRLF(t *testing.T) {
	var lc lineCounter
	for _, chunk := range []string{"a\r", "\nb", "\r", "\r\n", "\n"} {
		lc.feed([]byte(chunk))
	}
	// Breaks: "\r\n" (split), "\r", "\r\n", "\n".
	if got := lc.line(); got != 5 {
		t.Errorf("line() = %d, want 5", got)
	}
}

func TestSrcsetURLs(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"  ,, ", nil},
		{"a.png", []string{"a.png"}},
		{"a.png 1x, b.png 2x", []string{"a.png", "b.png"}},
		{"a.png,b.png", []string{"a.png,b.png"}}, // a comma inside a URL does not split it
		{"a.png 1x,b.png 2x,", []string{"a.png", "b.png"}},
		{"\n  a.png 100w,\n  b.png 200w\n", []string{"a.png", "b.png"}},
		{"data:image/png;base64,AA== 1x, c.png 2x", []string{"data:image/png;base64,AA==", "c.png"}},
		{"a.png (x, y) 1x, b.png", []string{"a.png", "b.png"}},
	}
	for _, tt := range tests {
		if got := srcsetURLs(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("srcsetURLs(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestRefreshURL(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"0; url=a.html", "a.html", true},
		{"0;URL=a.html", "a.html", true},
		{"  5 ,  Url = 'a b.html' ", "a b.html", true},
		{`0; url="a.html"; junk`, "a.html", true},
		{"0; a.html", "a.html", true},
		{"1.5; url=a.html", "a.html", true},
		{"0; urlx.html", "urlx.html", true},
		{"5", "", false},
		{"0;", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, ok := refreshURL(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("refreshURL(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestProblemString(t *testing.T) {
	p := prob("a/index.html", 12, "../b/", reasonDirectory)
	want := "a/index.html:12: ../b/: directory URL (needs index.html for file://)"
	if got := p.String(); got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}

// failFS serves a MapFS but fails to open one file.
type failFS struct {
	fsys fstest.MapFS
	bad  string
}

var errBroken = errors.New("broken disk")

func (f failFS) Open(name string) (fs.File, error) {
	if name == f.bad {
		return nil, &fs.PathError{Op: "open", Path: name, Err: errBroken}
	}
	return f.fsys.Open(name)
}

func TestCheckIOError(t *testing.T) {
	fsys := failFS{
		fsys: site(map[string]string{"index.html": `<a href="b.html">b</a>`, "b.html": ``}),
		bad:  "b.html",
	}
	got, err := Check(fsys, Options{})
	if !errors.Is(err, errBroken) {
		t.Fatalf("Check() = %v, %v; want error wrapping %v", got, err, errBroken)
	}
}

// TestCheckManyPages checks a 10,000-page site in which every page links to
// a fragment of the next one, so that every page is parsed and looked up.
// The pages share one directory because fstest.MapFS lists a directory by
// scanning every file, which would make a deep tree quadratic in the test.
func TestCheckManyPages(t *testing.T) {
	const n = 10000
	files := make(map[string]string, n)
	for i := range n {
		files[fmt.Sprintf("p/%d.html", i)] = fmt.Sprintf(
			`<!DOCTYPE html><h1 id="h%d">Page %d</h1>`+"\n"+`<a href="%d.html#h%d">next</a>`,
			i, i, (i+1)%n, (i+1)%n)
	}
	files["p/7.html"] += "\n" + `<a href="8.html#h9">wrong</a>`
	got, err := Check(site(files), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []Problem{prob("p/7.html", 3, "8.html#h9", "missing fragment #h9 in p/8.html")}
	if !slices.Equal(got, want) {
		t.Errorf("got: %s\nwant: %s", fmtProblems(got), fmtProblems(want))
	}
}

func TestBaseURL(t *testing.T) {
	site := fstest.MapFS{
		"index.html":       {Data: []byte(`<link rel="canonical" href="https://x.example/repo/"><a href="https://x.example/repo/about/">a</a><a href="https://x.example/repo/style.css">s</a>`)},
		"about/index.html": {Data: []byte(`<a href="https://x.example/repo/nope/">n</a><a href="https://x.example/repo/about">dir</a><a href="https://x.example/other/">other</a>`)},
		"style.css":        {Data: []byte("")},
	}
	problems, err := Check(site, Options{BaseURL: "https://x.example/repo/"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range problems {
		got = append(got, p.String())
	}
	want := []string{"about/index.html:1: https://x.example/repo/nope/: missing file nope/index.html"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
