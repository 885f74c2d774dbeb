package generator

import (
	"io/fs"
	"os"
	"path"
	"regexp"
	"strings"
	"testing"

	"github.com/spf13/afero"
)

var exampleFile = regexp.MustCompile("(?s)<!-- example-file: (\\S+) -->\n```markdown\n(.*?)```\n")

// TestContentModelWorkedExample builds the worked example of
// docs/content-model.md on top of the default site and checks what the
// document says it publishes.
func TestContentModelWorkedExample(t *testing.T) {
	doc, err := os.ReadFile("../docs/content-model.md")
	if err != nil {
		t.Fatal(err)
	}
	src := afero.NewCopyOnWriteFs(repoSite(), afero.NewMemMapFs())
	files := exampleFile.FindAllSubmatch(doc, -1)
	if len(files) != 3 {
		t.Fatalf("found %d example files in the document, want 3", len(files))
	}
	for _, f := range files {
		if err := src.MkdirAll(path.Dir(string(f[1])), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := afero.WriteFile(src, string(f[1]), f[2], 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out, res := mustBuild(t, src)
	if res.Frameworks != 3 || res.Crosswalks != 2 {
		t.Errorf("result = %v", res)
	}
	read := func(p string) string {
		b, err := fs.ReadFile(out, p)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	area := read("frameworks/example-policy/ex-1/index.html")
	for _, want := range []string{`id="ex-1-1"`, `id="ex-1-2"`, `href="../../nist-ai-rmf/govern-1-6/index.html"`, `href="../../nist-ai-rmf/map-4/index.html"`, "Draft — not official."} {
		if !strings.Contains(area, want) {
			t.Errorf("area page lacks %s", want)
		}
	}
	govern := read("frameworks/nist-ai-rmf/govern-1-6/index.html")
	if !strings.Contains(govern, "NIST AI RMF GOVERN 1.6 is a superset of Example Policy EX-1.1") {
		t.Error("GOVERN 1.6 page lacks the reverse row for EX-1.1")
	}
	read("crosswalks/example-policy-nist-ai-rmf/index.html")
	read("frameworks/example-policy/index.html")
	checkLinks(t, out)
}
