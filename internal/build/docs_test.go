package build_test

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/crosswalk-ssg/crosswalk/internal/sitetest"
)

var exampleFile = regexp.MustCompile("(?s)<!-- example-file: (\\S+) -->\n```markdown\n(.*?)```\n")

// TestContentModelWorkedExample builds the worked example of
// docs/content-model.md on top of the default site and checks what the
// document says it publishes.
func TestContentModelWorkedExample(t *testing.T) {
	doc, err := os.ReadFile("../../docs/content-model.md")
	if err != nil {
		t.Fatal(err)
	}
	examples := exampleFile.FindAllSubmatch(doc, -1)
	if len(examples) != 6 {
		t.Fatalf("found %d example files in the document, want 6", len(examples))
	}
	extra := map[string]string{}
	for _, f := range examples {
		extra[string(f[1])] = string(f[2])
	}
	src := sitetest.Source(sitetest.With(sitetest.ReadTree(t, sitetest.Repo(t), "content"), extra))
	files, res := sitetest.Build(t, src)
	if res.Frameworks != 3 || res.Crosswalks != 4 {
		t.Errorf("result = %v", res)
	}
	read := func(p string) string { return sitetest.File(t, files, p) }
	area := read("frameworks/example-policy/ex-1/index.html")
	for _, want := range []string{`id="ex-1-1"`, `id="ex-1-2"`, `href="../../nist-ai-rmf/govern-1-6/index.html"`, `href="../../nist-ai-rmf/map-4/index.html"`, "Draft — not official."} {
		if !strings.Contains(area, want) {
			t.Errorf("area page lacks %s", want)
		}
	}
	// Each sentence step 6 of the document promises, on its page.
	for page, wants := range map[string][]string{
		"frameworks/nist-ai-rmf/govern-1-6/index.html": {"NIST AI RMF GOVERN 1.6 is a superset of Example Policy EX-1.1"},
		"frameworks/nist-ai-rmf/map-4/index.html": {"NIST AI RMF MAP 4 is listed with Example Policy 1 Inventory",
			"Relationship not stated by the source", "<q>Inventory (1)</q>"},
		"frameworks/nist-ai-rmf/map-4-1/index.html":                     {`id="via-map-4"`, "Through category MAP 4", "NIST AI RMF MAP 4 is listed with Example Policy 1 Inventory"},
		"frameworks/example-policy/ex-2/index.html":                     {"No counterpart in AI Verify", "AI Verify has no outcome about switching systems off."},
		"frameworks/ai-verify/organisational-considerations/index.html": {"AI Verify 12.1 is supported by Example Policy EX-1.1"},
		"crosswalks/example-policy-ai-verify/index.html":                {"Doing the source helps to achieve the target.", "is supported by", "not published"},
		"crosswalks/nist-ai-rmf-example-policy/index.html":              {"Not stated by the source.", "The table lists corresponding items; it gives no relationship type."},
	} {
		got := read(page)
		for _, want := range wants {
			if !strings.Contains(got, want) {
				t.Errorf("%s lacks %s", page, want)
			}
		}
	}
	// MAP 4 has both: the set-theory record of step 3, worded with its
	// relationship, and the unstated one of step 5, worded without.
	if m4 := read("frameworks/nist-ai-rmf/map-4/index.html"); !strings.Contains(m4, "NIST AI RMF MAP 4 intersects with Example Policy 1 Inventory") {
		t.Error("MAP 4 lacks the set-theory record")
	}
	read("crosswalks/example-policy-nist-ai-rmf/index.html")
	read("frameworks/example-policy/index.html")
	checkLinks(t, sitetest.FS(files))
}
