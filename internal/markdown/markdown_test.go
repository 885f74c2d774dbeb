package markdown

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/crosswalk-ssg/crosswalk/internal/diag"
	"github.com/crosswalk-ssg/crosswalk/internal/model"
)

var update = flag.Bool("update", false, "rewrite testdata/cases.txt expected HTML")

const casesFile = "testdata/cases.txt"

// The case file format, after goldmark's _test/*.txt: a separator line, a
// "NN: title" line, the Markdown, a separator line, the expected HTML and
// an end line.
const (
	caseSeparator = "//- - - - - - - - -//"
	caseEnd       = "//= = = = = = = = = = = = = = = = = = = = = = = =//"
)

type testCase struct {
	No       int
	Title    string
	Markdown string // each line ends in "\n"
	Expected string // each line ends in "\n"; "" for no output
}

var caseTitle = regexp.MustCompile(`^(\d+): (.+)$`)

// parseCases reads the case file format.
func parseCases(data string) ([]testCase, error) {
	var cases []testCase
	const (
		wantSeparator = iota
		wantTitle
		inMarkdown
		inExpected
	)
	state := wantSeparator
	var c testCase
	var lines []string
	join := func() string {
		if len(lines) == 0 {
			return ""
		}
		s := strings.Join(lines, "\n") + "\n"
		lines = nil
		return s
	}
	text := strings.TrimSuffix(data, "\n")
	if text == "" {
		return nil, nil
	}
	for i, line := range strings.Split(text, "\n") {
		n := i + 1
		switch state {
		case wantSeparator:
			if line != caseSeparator {
				return nil, fmt.Errorf("line %d: want %q, found %q", n, caseSeparator, line)
			}
			state = wantTitle
		case wantTitle:
			m := caseTitle.FindStringSubmatch(line)
			if m == nil {
				return nil, fmt.Errorf("line %d: want \"NN: title\", found %q", n, line)
			}
			no, _ := strconv.Atoi(m[1])
			if len(cases) > 0 && no <= cases[len(cases)-1].No {
				return nil, fmt.Errorf("line %d: case %d follows case %d", n, no, cases[len(cases)-1].No)
			}
			c = testCase{No: no, Title: m[2]}
			state = inMarkdown
		case inMarkdown:
			if line == caseSeparator {
				c.Markdown = join()
				state = inExpected
				continue
			}
			if line == caseEnd {
				return nil, fmt.Errorf("line %d: case %d has no expected HTML separator", n, c.No)
			}
			lines = append(lines, line)
		case inExpected:
			if line == caseEnd {
				c.Expected = join()
				cases = append(cases, c)
				state = wantSeparator
				continue
			}
			if line == caseSeparator {
				return nil, fmt.Errorf("line %d: case %d has a second separator", n, c.No)
			}
			lines = append(lines, line)
		}
	}
	if state != wantSeparator {
		return nil, fmt.Errorf("case %d is not closed by %q", c.No, caseEnd)
	}
	return cases, nil
}

// formatCases writes cases in the case file format.
func formatCases(cases []testCase) string {
	var b strings.Builder
	for _, c := range cases {
		fmt.Fprintf(&b, "%s\n%02d: %s\n%s%s\n%s%s\n", caseSeparator, c.No, c.Title, c.Markdown, caseSeparator, c.Expected, caseEnd)
	}
	return b.String()
}

func readCases(t testing.TB) []testCase {
	t.Helper()
	data, err := os.ReadFile(casesFile)
	if err != nil {
		t.Fatal(err)
	}
	cases, err := parseCases(string(data))
	if err != nil {
		t.Fatalf("%s: %v", casesFile, err)
	}
	return cases
}

type fakeRef struct{ href, label, desc string }

// fakeResolver resolves from maps. Destinations that look external are
// returned as they are; any other unknown destination is an error.
type fakeResolver struct {
	refs  map[string]fakeRef
	links map[string]string

	mu      sync.Mutex
	targets []string // CrossRef arguments, in call order
	dests   []string // Link arguments, in call order
}

func (r *fakeResolver) Link(dest string) (string, error) {
	r.mu.Lock()
	r.dests = append(r.dests, dest)
	r.mu.Unlock()
	if u, ok := r.links[dest]; ok {
		return u, nil
	}
	for _, p := range []string{"https:", "http:", "mailto:", "#"} {
		if strings.HasPrefix(dest, p) {
			return dest, nil
		}
	}
	return "", fmt.Errorf("link %q: nothing is published there", dest)
}

func (r *fakeResolver) CrossRef(target string) (string, string, string, error) {
	r.mu.Lock()
	r.targets = append(r.targets, target)
	r.mu.Unlock()
	if ref, ok := r.refs[target]; ok {
		return ref.href, ref.label, ref.desc, nil
	}
	return "", "", "", fmt.Errorf("unknown element %q", target)
}

func newResolver() *fakeResolver {
	govern11 := fakeRef{
		href:  "../../frameworks/nist/govern-1/index.html#govern-1-1",
		label: "GOVERN 1.1 Legal & <regulatory> requirements",
		desc:  `Legal and regulatory requirements involving AI are "understood", managed & documented.`,
	}
	return &fakeResolver{
		refs: map[string]fakeRef{
			"GOVERN 1.1":      govern11,
			"nist:GOVERN 1.1": govern11,
			"ai-verify:1.2.3": {href: "../../frameworks/ai-verify/1/index.html#1-2-3", label: "1.2.3", desc: "A process check."},
			"GOVERN":          {href: "../../frameworks/nist/govern/index.html", label: "GOVERN Govern"},
			"ESC":             {href: "esc/index.html", label: `ESC \*x\* &copy; &amp;`},
		},
		links: map[string]string{
			"/crosswalks/aiv-nist/":              "../../crosswalks/aiv-nist/index.html",
			"../frameworks/nist/govern.md#intro": "../../frameworks/nist/govern/index.html#intro",
			"/images/logo.png":                   "../../images/logo.png",
			"/annexes/":                          "../../annexes/index.html",
		},
	}
}

// convertCase converts a case's Markdown as the body of a page whose
// prose starts on line 5.
func convertCase(c *Converter, md string) (string, error) {
	var errs diag.List
	m := model.Markdown{File: "content/about/page.md", Source: []byte(md), Line: 5}
	html := c.Convert(m, newResolver(), &errs).HTML
	return string(html), errs.Err()
}

func TestCases(t *testing.T) {
	cases := readCases(t)
	if len(cases) == 0 {
		t.Fatal("no cases")
	}
	c := New(Options{})
	if *update {
		for i := range cases {
			cases[i].Expected, _ = convertCase(c, cases[i].Markdown)
		}
		if err := os.WriteFile(casesFile, []byte(formatCases(cases)), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("rewrote %s", casesFile)
		return
	}
	for _, tc := range cases {
		t.Run(fmt.Sprintf("%02d", tc.No), func(t *testing.T) {
			t.Parallel()
			got, err := convertCase(c, tc.Markdown)
			if err != nil {
				t.Logf("errors (expected for unresolved links):\n%v", err)
			}
			if got != tc.Expected {
				t.Errorf("case %02d: %s\nMarkdown:\n%s\ngot:\n%s\nwant:\n%s", tc.No, tc.Title, tc.Markdown, got, tc.Expected)
			}
		})
	}
}

func TestCaseFileIsCanonical(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile(casesFile)
	if err != nil {
		t.Fatal(err)
	}
	cases, err := parseCases(string(data))
	if err != nil {
		t.Fatal(err)
	}
	if got := formatCases(cases); got != string(data) {
		t.Errorf("%s does not round-trip through parseCases and formatCases; run go test -update", casesFile)
	}
}

func TestParseCases(t *testing.T) {
	t.Parallel()
	good := caseSeparator + "\n01: one\n*a*\n\nb\n" + caseSeparator + "\n<p><em>a</em></p>\n<p>b</p>\n" + caseEnd + "\n" +
		caseSeparator + "\n2: empty\n" + caseSeparator + "\n" + caseEnd + "\n"
	cases, err := parseCases(good)
	if err != nil {
		t.Fatal(err)
	}
	want := []testCase{
		{No: 1, Title: "one", Markdown: "*a*\n\nb\n", Expected: "<p><em>a</em></p>\n<p>b</p>\n"},
		{No: 2, Title: "empty"},
	}
	if !slices.Equal(cases, want) {
		t.Errorf("parseCases = %+v, want %+v", cases, want)
	}
	bad := []struct{ in, err string }{
		{"x\n", `line 1: want "` + caseSeparator + `", found "x"`},
		{caseSeparator + "\nno number\n", `line 2: want "NN: title", found "no number"`},
		{caseSeparator + "\n01: a\nx\n" + caseEnd + "\n", "line 4: case 1 has no expected HTML separator"},
		{caseSeparator + "\n01: a\nx\n" + caseSeparator + "\ny\n", `case 1 is not closed by "` + caseEnd + `"`},
		{caseSeparator + "\n01: a\n" + caseSeparator + "\n" + caseSeparator + "\n", "line 4: case 1 has a second separator"},
		{caseSeparator + "\n02: a\n" + caseSeparator + "\n" + caseEnd + "\n" + caseSeparator + "\n01: b\n", "line 6: case 1 follows case 2"},
	}
	for _, tt := range bad {
		if _, err := parseCases(tt.in); err == nil || err.Error() != tt.err {
			t.Errorf("parseCases(%q) error = %v, want %q", tt.in, err, tt.err)
		}
	}
}

func TestErrorPositions(t *testing.T) {
	t.Parallel()
	const file = "content/about/page.md"
	tests := []struct {
		name string
		line int // of the body's first byte
		md   string
		want []string
	}{
		{
			name: "third body line, column 5",
			line: 10,
			md:   "line one\nline two\nabc [[X]] def\n",
			want: []string{file + `:12:5: unknown element "X"`},
		},
		{
			name: "first byte",
			line: 1,
			md:   "[[X]]",
			want: []string{file + `:1:1: unknown element "X"`},
		},
		{
			name: "two on one line, sorted",
			line: 3,
			md:   "[[B]] and [[A|text]]\n",
			want: []string{file + `:3:1: unknown element "B"`, file + `:3:11: unknown element "A"`},
		},
		{
			name: "link and image",
			line: 4,
			md:   "Intro.\n\nSee [gone](/nowhere/).\n\n![img](/nowhere.png)\n",
			want: []string{
				file + `:6:5: link "/nowhere/": nothing is published there`,
				file + `:8:1: link "/nowhere.png": nothing is published there`,
			},
		},
		{
			name: "table cell",
			line: 20,
			md:   "| a | b |\n|---|---|\n| x | [[X]] |\n",
			want: []string{file + `:22:7: unknown element "X"`},
		},
		{
			name: "list in a block quote",
			line: 2,
			md:   "> - item\n> - [[X]]\n",
			want: []string{file + `:3:5: unknown element "X"`},
		},
		{
			name: "heading",
			line: 7,
			md:   "# Title [[X]]\n",
			want: []string{file + `:7:9: unknown element "X"`},
		},
		{
			name: "footnote",
			line: 1,
			md:   "Text.[^1]\n\n[^1]: see [[X]]\n",
			want: []string{file + `:3:11: unknown element "X"`},
		},
		{
			name: "CRLF line endings",
			line: 1,
			md:   "a\r\nbc [[X]]\r\n",
			want: []string{file + `:2:4: unknown element "X"`},
		},
	}
	c := New(Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var errs diag.List
			c.Convert(model.Markdown{File: file, Source: []byte(tt.md), Line: tt.line}, newResolver(), &errs)
			var got []string
			if err := errs.Err(); err != nil {
				got = strings.Split(err.Error(), "\n")
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestPosition(t *testing.T) {
	t.Parallel()
	m := model.Markdown{File: "a.md", Source: []byte("ab\ncd\n\nef"), Line: 10}
	tests := []struct {
		offset    int
		line, col int
	}{
		{-5, 10, 1},
		{0, 10, 1},
		{1, 10, 2},
		{2, 10, 3}, // the newline itself
		{3, 11, 1},
		{6, 12, 1},
		{7, 13, 1},
		{8, 13, 2},
		{9, 13, 3}, // end of input
		{100, 13, 3},
	}
	for _, tt := range tests {
		want := diag.Position{File: "a.md", Line: tt.line, Col: tt.col}
		if got := Position(m, tt.offset); got != want {
			t.Errorf("Position(%d) = %v, want %v", tt.offset, got, want)
		}
	}
}

func TestConvertEmpty(t *testing.T) {
	t.Parallel()
	r := newResolver()
	var errs diag.List
	for _, src := range []string{"", " \n\t\r\n"} {
		if got := New(Options{}).Convert(model.Markdown{File: "a.md", Source: []byte(src), Line: 1}, r, &errs); got.HTML != "" || got.Headings != nil || got.IDs != nil {
			t.Errorf("Convert(%q) = %+v, want nothing", src, got)
		}
	}
	if errs.Len() != 0 || len(r.targets) != 0 || len(r.dests) != 0 {
		t.Errorf("empty Markdown: %d errors, resolver asked %q %q", errs.Len(), r.targets, r.dests)
	}
}

func TestResolverArguments(t *testing.T) {
	t.Parallel()
	r := newResolver()
	var errs diag.List
	md := "[[ GOVERN 1.1 |text]] [a](/annexes/) [[ai-verify:1.2.3]]\n\n![i](/images/logo.png) <https://example.org> `[[GOVERN]]`\n"
	New(Options{}).Convert(model.Markdown{File: "a.md", Source: []byte(md), Line: 1}, r, &errs)
	if err := errs.Err(); err != nil {
		t.Fatal(err)
	}
	if want := []string{"GOVERN 1.1", "ai-verify:1.2.3"}; !slices.Equal(r.targets, want) {
		t.Errorf("CrossRef called with %q, want %q", r.targets, want)
	}
	// Autolinks are not Markdown links: they are never rewritten.
	if want := []string{"/annexes/", "/images/logo.png"}; !slices.Equal(r.dests, want) {
		t.Errorf("Link called with %q, want %q", r.dests, want)
	}
}

func TestConvertWithoutResolver(t *testing.T) {
	t.Parallel()
	var errs diag.List
	got := New(Options{}).Convert(model.Markdown{File: "a.md", Source: []byte("[[GOVERN 1.1]] [a](/annexes/)"), Line: 1}, nil, &errs).HTML
	const want = `<p><span class="xref xref-broken">[[GOVERN 1.1]]</span> <a href="/annexes/">a</a></p>` + "\n"
	if string(got) != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// pageResolver resolves every reference and link to a URL naming its page,
// so that a mix-up between concurrent conversions shows in the output.
type pageResolver struct{ page int }

func (r pageResolver) Link(dest string) (string, error) {
	return fmt.Sprintf("p%d%s", r.page, dest), nil
}

func (r pageResolver) CrossRef(target string) (string, string, string, error) {
	if target == "bad" {
		return "", "", "", fmt.Errorf("page %d: unknown %q", r.page, target)
	}
	return fmt.Sprintf("p%d.html", r.page), fmt.Sprintf("%s on %d", target, r.page), "", nil
}

func TestConvertConcurrently(t *testing.T) {
	t.Parallel()
	c := New(Options{})
	const pages = 32
	var wg sync.WaitGroup
	got := make([]string, pages)
	errs := make([]error, pages)
	for i := range pages {
		wg.Go(func() {
			var list diag.List
			md := fmt.Sprintf("Page %d: [[x]] [[bad]] [l](/y)\n", i)
			got[i] = string(c.Convert(model.Markdown{File: fmt.Sprintf("p%d.md", i), Source: []byte(md), Line: i + 1}, pageResolver{i}, &list).HTML)
			errs[i] = list.Err()
		})
	}
	wg.Wait()
	for i := range pages {
		want := fmt.Sprintf(`<p>Page %d: <a class="xref" href="p%d.html">x on %d</a> <span class="xref xref-broken">[[bad]]</span> <a href="p%d/y">l</a></p>`+"\n", i, i, i, i)
		if got[i] != want {
			t.Errorf("page %d: got %q, want %q", i, got[i], want)
		}
		wantErr := fmt.Sprintf(`p%d.md:%d:%d: page %d: unknown "bad"`, i, i+1, len(fmt.Sprintf("Page %d: [[x]] ", i))+1, i)
		var list diag.Errors
		if !errors.As(errs[i], &list) || errs[i].Error() != wantErr {
			t.Errorf("page %d: errors %v, want %q", i, errs[i], wantErr)
		}
	}
}

// passThrough resolves every link to itself, as for external URLs.
type passThrough struct{}

func (passThrough) Link(dest string) (string, error) { return dest, nil }
func (passThrough) CrossRef(string) (string, string, string, error) {
	return "", "", "", fmt.Errorf("no elements")
}

func TestUnsafeHTMLAndDangerousURLs(t *testing.T) {
	src := "<b>x</b> [a](javascript:alert(1)) [b](data:text/html;base64,PHNjcmlwdD4=) ![c](javascript:x)\n"
	for _, tt := range []struct {
		opts Options
		want string
	}{
		{Options{}, `<p>&lt;b&gt;x&lt;/b&gt; <a href="">a</a> <a href="">b</a> <img src="" alt="c"></p>` + "\n"},
		{Options{UnsafeHTML: true}, `<p><b>x</b> <a href="">a</a> <a href="">b</a> <img src="" alt="c"></p>` + "\n"},
	} {
		var errs diag.List
		got := New(tt.opts).Convert(model.Markdown{File: "a.md", Source: []byte(src), Line: 1}, passThrough{}, &errs).HTML
		if string(got) != tt.want || errs.Err() != nil {
			t.Errorf("%+v:\n got %s\nwant %s (%v)", tt.opts, got, tt.want, errs.Err())
		}
	}
}

// TestDangerousURLVariants: links, images and autolinks with dangerous
// URLs, however written, are emptied in both modes, and with no resolver;
// safe ones are kept.
func TestDangerousURLVariants(t *testing.T) {
	t.Parallel()
	tests := []struct {
		md, want string
	}{
		{"<javascript:alert(1)>", `<a href="">javascript:alert(1)</a>`},
		{"<JaVaScRiPt:alert(1)>", `<a href="">JaVaScRiPt:alert(1)</a>`},
		{"<javascript:alert&#40;1&#41;>", `<a href="">javascript:alert&amp;#40;1&amp;#41;</a>`},
		{"<vbscript:msgbox(1)>", `<a href="">vbscript:msgbox(1)</a>`},
		{"<VBScript:x>", `<a href="">VBScript:x</a>`},
		{"<data:text/html;base64,PHNjcmlwdD4=>", `<a href="">data:text/html;base64,PHNjcmlwdD4=</a>`},
		{"<DATA:text/html,x>", `<a href="">DATA:text/html,x</a>`},
		{"<file:///etc/passwd>", `<a href="">file:///etc/passwd</a>`},
		{"[a](JAVASCRIPT:alert(1))", `<a href="">a</a>`},
		{"[a](&#106;avascript:alert(1))", `<a href="">a</a>`},
		{"[a](javascript&#58;alert(1))", `<a href="">a</a>`},
		{"[a](&#x20;javascript:alert(1))", `<a href="">a</a>`},
		{"[a](&#9;java&#x0A;script:alert(1))", `<a href="">a</a>`},
		{"[a](<java\tscript:alert(1)>)", `<a href="">a</a>`},
		// Written as the text "&#106;avascript:x": a relative URL.
		{"[a](&amp;#106;avascript:x)", `<a href="&amp;#106;avascript:x">a</a>`},
		{"[a][r]\n\n[r]: javascript:alert(1)", `<a href="">a</a>`},
		{"![i](<\x01javascript:x>)", `<img src="" alt="i">`},
		{"<https://example.org/a?b=c>", `<a href="https://example.org/a?b=c">https://example.org/a?b=c</a>`},
		{"<mailto:a@example.org>", `<a href="mailto:a@example.org">mailto:a@example.org</a>`},
		{"<a@example.org>", `<a href="mailto:a@example.org">a@example.org</a>`},
		{"https://example.org/x", `<a href="https://example.org/x">https://example.org/x</a>`},
		{"![i](data:image/png;base64,AAAA)", `<img src="data:image/png;base64,AAAA" alt="i">`},
		{"<javascript:x> then [b](https://example.org/) and <javascript:y>", `<a href="">javascript:x</a> then <a href="https://example.org/">b</a> and <a href="">javascript:y</a>`},
	}
	for _, opts := range []Options{{}, {UnsafeHTML: true}} {
		c := New(opts)
		for _, r := range []Resolver{passThrough{}, nil} {
			for _, tt := range tests {
				var errs diag.List
				got := string(c.Convert(model.Markdown{File: "a.md", Source: []byte(tt.md), Line: 1}, r, &errs).HTML)
				want := "<p>" + tt.want + "</p>\n"
				if got != want || errs.Err() != nil {
					t.Errorf("%+v, resolver %T, %q:\n got %s\nwant %s (%v)", opts, r, tt.md, got, want, errs.Err())
				}
			}
		}
	}
}
