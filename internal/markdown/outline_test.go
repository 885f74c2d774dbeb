package markdown

import (
	"fmt"
	"html"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/crosswalk-ssg/crosswalk/internal/diag"
	"github.com/crosswalk-ssg/crosswalk/internal/model"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

func convertOutline(c *Converter, md string) Result {
	var errs diag.List
	return c.Convert(model.Markdown{File: "a.md", Source: []byte(md), Line: 1}, newResolver(), &errs)
}

func TestOutline(t *testing.T) {
	t.Parallel()
	type h = Heading
	tests := []struct {
		name   string
		unsafe bool // Options.UnsafeHTML
		md     string
		want   []Heading
		ids    []string // nil: the headings' ids
	}{
		{
			name: "every level, ATX and setext",
			md:   "# One\n\n## Two\n\n### Three\n\n#### Four\n\n##### Five\n\n###### Six\n\nSeven\n=====\n\nEight\n-----\n",
			want: []Heading{{1, "one", "One"}, {2, "two", "Two"}, {3, "three", "Three"}, {4, "four", "Four"},
				{5, "five", "Five"}, {6, "six", "Six"}, {1, "seven", "Seven"}, {2, "eight", "Eight"}},
		},
		{
			name: "repeated titles get numbered ids",
			md:   "## Scope\n\n## Scope\n\n### Scope\n\n## Scope-1\n",
			want: []Heading{{2, "scope", "Scope"}, {2, "scope-1", "Scope"}, {3, "scope-2", "Scope"}, {2, "scope-1-1", "Scope-1"}},
		},
		{
			name: "inline markup is left out of the title",
			md:   "## The *big* **bold** ~~old~~ `code  span` [link](https://example.org \"t\") <https://example.org/x>\n",
			want: []Heading{{2, "the-big-bold-old-code--span-linkhttpsexampleorg-t-httpsexampleorgx", "The big bold old code  span link https://example.org/x"}},
		},
		{
			name: "escapes and entities are resolved",
			md:   "## a \\*b\\* &copy; &amp; &#x3c;c&#62; \\&amp; \"q\"\n",
			want: []Heading{{2, "a-b-copy-amp-x3cc62-amp-q", `a *b* © & <c> &amp; "q"`}},
		},
		{
			name: "a closing sequence is not text, a # in the title is",
			md:   "## Title ##\n\n## C#\n\n> ## C#\n",
			want: []Heading{{2, "title", "Title"}, {2, "c", "C#"}, {2, "c-1", "C#"}},
		},
		{
			name: "cross-references: their label, or as written when unresolved",
			md:   "## About [[GOVERN 1.1]]\n\n## Custom [[GOVERN|text *here*]]\n\n## Broken [[Nope]]\n",
			want: []Heading{{2, "about-govern-11", "About GOVERN 1.1 Legal & <regulatory> requirements"},
				{2, "custom-governtext-here", "Custom text *here*"}, {2, "broken-nope", "Broken [[Nope]]"}},
		},
		{
			name: "images and empty headings",
			md:   "## ![logo](/images/logo.png) Logo\n\n##\n\n## ![only](x.png)\n",
			want: []Heading{{2, "logoimageslogopng-logo", "Logo"}, {2, "heading", ""}, {2, "onlyxpng", ""}},
		},
		{
			name: "a setext title of two lines keeps its line break",
			md:   "Two\nlines\n---\n",
			want: []Heading{{2, "lines", "Two\nlines"}},
		},
		{
			name: "headings in block quotes, lists and footnotes have ids too",
			md:   "> ## Quoted\n\n- ## Listed\n\n  ### Deeper\n\nText.[^n]\n\n[^n]: Note.\n\n    ## In a note\n",
			want: []Heading{{2, "quoted", "Quoted"}, {2, "listed", "Listed"}, {3, "deeper", "Deeper"}, {2, "in-a-note", "In a note"}},
			ids:  []string{"quoted", "listed", "deeper", "fnref:1", "fn:1", "in-a-note"},
		},
		{
			name: "footnote ids, references and the footnote number in a title",
			md:   "## Claim[^a]\n\nOnce[^a], twice[^b], again[^a].\n\n[^a]: A.\n[^b]: B.\n",
			want: []Heading{{2, "claima", "Claim1"}},
			ids:  []string{"claima", "fnref:1", "fnref1:1", "fnref:2", "fnref2:1", "fn:1", "fn:2"},
		},
		{
			name: "escaped raw HTML is text and has no ids",
			md:   "## <b>Bold</b>\n\n<div id=\"x\">\n\nHi <span id=\"y\">y</span>\n",
			want: []Heading{{2, "bboldb", "<b>Bold</b>"}},
		},
		{
			name:   "raw HTML that reaches the page: markup, and its ids count",
			unsafe: true,
			md:     "## <b>Bold</b> <span id='in-h'>x</span>\n\n<div ID=\"block\"\n  class=\"x\">\n<!-- <p id=\"comment\"> -->\n</div>\n\nHi <span id=y>y</span> <a data-id=\"no\" id=\"\">\n",
			want:   []Heading{{2, "bboldb-span-idin-hxspan", "Bold x"}},
			ids:    []string{"bboldb-span-idin-hxspan", "in-h", "block", "y"},
		},
	}
	safe, unsafe := New(Options{}), New(Options{UnsafeHTML: true})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := safe
			if tt.unsafe {
				c = unsafe
			}
			got := convertOutline(c, tt.md)
			if !slices.Equal(got.Headings, tt.want) {
				t.Errorf("headings:\n got %+v\nwant %+v\nHTML:\n%s", got.Headings, tt.want, got.HTML)
			}
			ids := tt.ids
			if ids == nil {
				for _, h := range tt.want {
					ids = append(ids, h.ID)
				}
			}
			if !slices.Equal(got.IDs, ids) {
				t.Errorf("ids = %q, want %q\nHTML:\n%s", got.IDs, ids, got.HTML)
			}
		})
	}
}

// TestOutlineAttributeIDs: an id from goldmark's attribute syntax (which
// the site does not enable) is the one collected, as it is the one
// rendered.
func TestOutlineAttributeIDs(t *testing.T) {
	t.Parallel()
	md := goldmark.New(goldmark.WithExtensions(Outline{}), goldmark.WithParserOptions(parser.WithAttribute(), parser.WithAutoHeadingID()))
	src := []byte("## Title {#custom}\n\n## Other {.x}\n")
	pc := parser.NewContext()
	md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	o := outlineOf(pc)
	if want := []Heading{{2, "custom", "Title"}, {2, "other", "Other"}}; !slices.Equal(o.headings, want) {
		t.Errorf("headings = %+v, want %+v", o.headings, want)
	}
	if want := []string{"custom", "other"}; !slices.Equal(o.ids, want) {
		t.Errorf("ids = %q, want %q", o.ids, want)
	}
}

// The table of contents and the fragment check once read headings and
// ids back from the HTML with these patterns. They stay here as an
// oracle: on every input the tests and the site have, the outline must
// agree with what the HTML says.
var (
	oracleHeading = regexp.MustCompile(`(?s)<h([23]) id="([^"]+)">(.*?)</h[23]>`)
	oracleTags    = regexp.MustCompile(`<[^>]*>`)
	oracleID      = regexp.MustCompile(` id="([^"]*)"`)
)

// TestOutlineAgreesWithHTML converts the case file and the repository's
// own content, and compares the outline with the headings and ids found
// in the HTML. (The patterns are wrong where TestOutline shows the
// outline right: a nested heading ending in "#", raw HTML.)
func TestOutlineAgreesWithHTML(t *testing.T) {
	t.Parallel()
	var inputs []string
	for _, c := range readCases(t) {
		inputs = append(inputs, c.Markdown)
	}
	err := filepath.WalkDir("../../content", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(path) != ".md" {
			return err
		}
		b, err := os.ReadFile(path)
		inputs = append(inputs, string(b))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(inputs) < 40 {
		t.Fatalf("only %d inputs", len(inputs))
	}
	c := New(Options{})
	for i, md := range inputs {
		got := convertOutline(c, md)
		var want, have []string
		for _, m := range oracleHeading.FindAllStringSubmatch(string(got.HTML), -1) {
			title := html.UnescapeString(oracleTags.ReplaceAllString(m[3], ""))
			// The top-level headings end in their "#" self-link.
			title = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(title), "#"))
			want = append(want, fmt.Sprintf("h%s #%s %q", m[1], m[2], title))
		}
		for _, h := range got.Headings {
			if h.Level == 2 || h.Level == 3 {
				have = append(have, fmt.Sprintf("h%d #%s %q", h.Level, h.ID, h.Title))
			}
		}
		if !slices.Equal(have, want) {
			t.Errorf("input %d: headings\n%s\nwant (from the HTML)\n%s\nMarkdown:\n%.400s", i, strings.Join(have, "\n"), strings.Join(want, "\n"), md)
		}
		var inHTML []string
		for _, m := range oracleID.FindAllStringSubmatch(string(got.HTML), -1) {
			inHTML = append(inHTML, html.UnescapeString(m[1]))
		}
		if !slices.Equal(got.IDs, inHTML) {
			t.Errorf("input %d: ids %q, the HTML has %q", i, got.IDs, inHTML)
		}
	}
}

// TestOutlineConcurrently: each conversion gets its own outline, however
// many run at once on one Converter.
func TestOutlineConcurrently(t *testing.T) {
	t.Parallel()
	c := New(Options{})
	const pages = 32
	got := make([]Result, pages)
	var wg sync.WaitGroup
	for i := range pages {
		wg.Go(func() { got[i] = convertOutline(c, fmt.Sprintf("## Page %d\n\n## Page %d\n", i, i)) })
	}
	wg.Wait()
	for i, r := range got {
		id := fmt.Sprintf("page-%d", i)
		title := fmt.Sprintf("Page %d", i)
		want := []Heading{{2, id, title}, {2, id + "-1", title}}
		if !slices.Equal(r.Headings, want) || !slices.Equal(r.IDs, []string{id, id + "-1"}) {
			t.Errorf("page %d: headings %+v, ids %q", i, r.Headings, r.IDs)
		}
	}
}
