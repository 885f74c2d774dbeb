package build_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/crosswalk-ssg/crosswalk"
	"github.com/crosswalk-ssg/crosswalk/internal/build"
	"github.com/crosswalk-ssg/crosswalk/internal/catalog"
	"github.com/crosswalk-ssg/crosswalk/internal/importoscal"
	"github.com/crosswalk-ssg/crosswalk/internal/linkcheck"
	"github.com/crosswalk-ssg/crosswalk/internal/sitetest"
	"github.com/crosswalk-ssg/crosswalk/internal/testenv"
	"github.com/spf13/afero"
)

// homeOnly is a new site: a home page and nothing else.
var homeOnly = map[string]string{"content/_index.md": "---\ntitle: Imported\n---\n"}

// importInto imports req (its Site set from dir) and fails the test on error.
func importInto(t testing.TB, dir string, req build.FrameworkImportRequest) *build.FrameworkImportResult {
	t.Helper()
	cfg, err := build.OpenSite(dir, crosswalk.Defaults, "")
	if err != nil {
		t.Fatal(err)
	}
	req.Site = cfg
	res, err := build.ImportFramework(req)
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	return res
}

// buildSiteDir builds the site in dir into memory.
func buildSiteDir(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	files, _ := sitetest.Build(t, afero.NewReadOnlyFs(afero.NewBasePathFs(afero.NewOsFs(), dir)))
	return files
}

// sp80053Request imports the 800-53 MODERATE catalog, with the metadata the
// catalog does not state given as flags would give it.
func sp80053Request(t testing.TB) build.FrameworkImportRequest {
	return build.FrameworkImportRequest{
		From: testenv.OSCALCatalog(t, testenv.SP80053), Framework: "sp800-53",
		Publisher: "National Institute of Standards and Technology", License: "Public domain (17 U.S.C. 105)",
		URL: "https://doi.org/10.6028/NIST.SP.800-53r5",
	}
}

// rawCatalog counts what the catalog file holds, read as plain JSON: the
// groups, and the controls at any depth with their ids.
func rawCatalog(t *testing.T, path string) (groups int, controls []string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	type node struct {
		ID       string `json:"id"`
		Groups   []node `json:"groups"`
		Controls []node `json:"controls"`
	}
	var doc struct{ Catalog node }
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	var walk func(n node)
	walk = func(n node) {
		groups += len(n.Groups)
		for _, g := range n.Groups {
			walk(g)
		}
		for _, c := range n.Controls {
			controls = append(controls, c.ID)
			walk(c)
		}
	}
	walk(doc.Catalog)
	return groups, controls
}

// TestImport80053: the MODERATE baseline imported into a new site checks and
// builds, with a page or section for each of the catalog's groups,
// controls and enhancements (counted from the catalog file itself), the
// statements with their items, the parameters in reading form and the
// guidance; every link of every page resolves.
func TestImport80053(t *testing.T) {
	dir := t.TempDir()
	sitetest.WriteDir(t, dir, homeOnly)
	req := sp80053Request(t)
	res := importInto(t, dir, req)
	groups, controls := rawCatalog(t, req.From)
	if groups != 18 || len(controls) != 287 || res.Elements != groups+len(controls) {
		t.Errorf("catalog: %d groups, %d controls with enhancements; imported %d elements", groups, len(controls), res.Elements)
	}
	files := buildSiteDir(t, dir)
	problems, err := linkcheck.Check(sitetest.FS(files), linkcheck.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Errorf("broken link: %+v", p)
	}
	// Every control and enhancement is a page (controls) or a section of
	// its control's page (enhancements), by the ids the catalog gives.
	pages, sections := 0, 0
	for _, id := range controls {
		if page, ok := files["frameworks/sp800-53/"+slug(id)+"/index.html"]; ok && strings.Contains(string(page), `<span class="id">`) {
			pages++
			continue
		}
		control, _, _ := strings.Cut(id, ".")
		page := string(files["frameworks/sp800-53/"+slug(control)+"/index.html"])
		if strings.Contains(page, `id="`+slug(id)+`"`) {
			sections++
		} else {
			t.Errorf("%s has neither a page nor a section on %s's page", id, control)
		}
	}
	if pages+sections != len(controls) || pages == 0 || sections == 0 {
		t.Errorf("%d control pages and %d enhancement sections for %d controls with enhancements", pages, sections, len(controls))
	}
	ac2 := sitetest.MainText(t, []byte(sitetest.File(t, files, "frameworks/sp800-53/ac-2/index.html")))
	for _, want := range []string{
		"AC-2 Account Management",
		"a. Define and document the types of accounts allowed and specifically prohibited for use within the system;",
		"d. Specify: 1. Authorized users of the system;",
		"c. Require [Assignment: organization-defined prerequisites and criteria] for group and role membership;",
		"Guidance Examples of system account types include individual, shared, group,",
		"AC-2(1) Automated System Account Management",
		"National Institute of Standards and Technology",
	} {
		if !strings.Contains(ac2, want) {
			t.Errorf("the AC-2 page lacks %q:\n%.3000s", want, ac2)
		}
	}
	for name, data := range files {
		if strings.Contains(string(data), "{{ insert:") {
			t.Errorf("%s shows a raw OSCAL parameter insert", name)
		}
	}
}

// tree is the files under dir, by slash path relative to it.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	return sitetest.ReadTree(t, afero.NewBasePathFs(afero.NewOsFs(), dir), ".")
}

func slug(id string) string { return strings.NewReplacer(".", "-", "(", "-", ")", "").Replace(id) }

// TestImportRoundTrip: catalog → import → build → the framework's exported
// OSCAL catalog, read back, has the source's ids, labels, titles,
// statements (prose and items, parameters in reading form), fields,
// withdrawn marks and references (back-matter links with an address). docs/data-formats.md says what does not survive.
func TestImportRoundTrip(t *testing.T) {
	for _, tt := range []struct {
		name string
		req  build.FrameworkImportRequest
	}{
		{"sp800-53", sp80053Request(t)},
		{"basic", build.FrameworkImportRequest{From: testenv.OSCALCatalog(t, testenv.BasicCatalog), Framework: "basic",
			Publisher: "OSCAL example", License: "CC0", URL: "https://github.com/usnistgov/oscal-content"}},
		// Withdrawn controls, and metadata the catalog states (no flags).
		{"withdrawn", build.FrameworkImportRequest{From: filepath.Join("testdata", "withdrawn-catalog.json"), Framework: "withdrawn"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			sitetest.WriteDir(t, dir, homeOnly)
			importInto(t, dir, tt.req)
			files := buildSiteDir(t, dir)
			exported := sitetest.File(t, files, "downloads/"+tt.req.Framework+".oscal-catalog.json")
			src, err := importoscal.ReadFile(tt.req.From)
			if err != nil {
				t.Fatal(err)
			}
			back, err := importoscal.Read("exported.json", []byte(exported))
			if err != nil {
				t.Fatal(err)
			}
			want, got := flatten(src), flatten(back)
			if tt.name == "withdrawn" {
				if !want["g-1.1"].Withdrawn || !want["g-2"].Withdrawn || len(want["g-1"].Items) != 2 {
					t.Fatalf("the fixture lost what it tests: %+v", want)
				}
				// Shown as withdrawn: on its page, as a section, in the tree.
				if p := sitetest.File(t, files, "frameworks/withdrawn/g-2/index.html"); !strings.Contains(p, "<strong>Withdrawn</strong>: the source marks this control as withdrawn.") {
					t.Error("G-2's page does not say it is withdrawn")
				}
				if p := sitetest.File(t, files, "frameworks/withdrawn/g-1/index.html"); !strings.Contains(p, `Gone <span class="withdrawn-tag">(withdrawn)</span>`) {
					t.Error("G-1(1)'s section does not say it is withdrawn")
				}
				if p := sitetest.File(t, files, "frameworks/withdrawn/g/index.html"); !strings.Contains(p, `Withdrawn too <span class="withdrawn-tag">(withdrawn)</span>`) {
					t.Error("the family's list does not mark G-2 withdrawn")
				}
			}
			if len(want) != len(got) {
				t.Errorf("%d elements exported, the source has %d", len(got), len(want))
			}
			for id, w := range want {
				g, ok := got[id]
				if !ok {
					t.Errorf("%s is not in the exported catalog", id)
					continue
				}
				if !reflect.DeepEqual(g, w) {
					t.Errorf("%s:\nexported %+v\nsource   %+v", id, g, w)
				}
			}
		})
	}
}

// survivor is what a round trip keeps of an element.
type survivor struct {
	Label, Title, Statement string
	Items                   []catalog.Item
	Fields                  []catalog.Field
	Withdrawn               bool
	Links                   []catalog.Link
	Parent                  string
}

func flatten(fw *catalog.Framework) map[string]survivor {
	out := map[string]survivor{}
	var walk func(es []*catalog.Element, parent string)
	walk = func(es []*catalog.Element, parent string) {
		for _, e := range es {
			out[e.ID] = survivor{e.Label, e.Title, e.Statement, e.StatementItems, e.Fields, e.Withdrawn, e.Links, parent}
			walk(e.Children, e.ID)
		}
	}
	walk(fw.Elements, "")
	return out
}

// frameworkTable is a small framework with labelled fields, as a
// spreadsheet gives it.
const frameworkTable = "ID,Parent,Title,Statement,Level,Guidance,Evidence\n" +
	"P1,,Accountability,,principle,,\n" +
	"P1.1,P1,,\"Name who is accountable.\",outcome,\"Write it down;\nreview it yearly.\",A signed charter\n" +
	"P1.2,P1,,Keep records.,outcome,,\n" +
	"P2,,Transparency,,principle,,\n" +
	"P2.1,P2,,Say what the system does.,outcome,Plain words.,\n"

// TestImportCSVFramework: a framework table becomes a framework folder
// that builds, its fields on the pages and in every export.
func TestImportCSVFramework(t *testing.T) {
	dir := t.TempDir()
	sitetest.WriteDir(t, dir, sitetest.With(homeOnly, map[string]string{"principles.csv": frameworkTable}))
	res := importInto(t, dir, build.FrameworkImportRequest{
		From: filepath.Join(dir, "principles.csv"), Framework: "ex-principles",
		Title: "Example Principles", Version: "1", Publisher: "Example Org", URL: "https://example.org/principles", License: "CC0",
	})
	if res.Elements != 5 || res.Files != 6 {
		t.Errorf("imported %d elements in %d files, want 5 in 6", res.Elements, res.Files)
	}
	got := tree(t, filepath.Join(dir, "content", "frameworks", "ex-principles"))
	if want := "---\nid: P1.1\nparent: P1\nstatement: Name who is accountable.\nfields:\n  - label: Guidance\n    text: |-\n      Write it down;\n      review it yearly.\n  - label: Evidence\n    text: A signed charter\nweight: 1\n---\n"; got["p1/p1-1.md"] != want {
		t.Errorf("p1/p1-1.md =\n%s\nwant\n%s", got["p1/p1-1.md"], want)
	}
	files := buildSiteDir(t, dir)
	page := sitetest.MainText(t, []byte(sitetest.File(t, files, "frameworks/ex-principles/p1-1/index.html")))
	if !strings.Contains(page, "Name who is accountable.") || !strings.Contains(page, "Guidance Write it down; review it yearly.") || !strings.Contains(page, "Evidence A signed charter") {
		t.Errorf("P1.1's page:\n%s", page)
	}
}

// TestReimportKeepsProse: importing again updates the data and keeps the
// prose and keys people added; a re-import that would drop prose is
// refused, naming the file, and writes nothing.
func TestReimportKeepsProse(t *testing.T) {
	dir := t.TempDir()
	table := filepath.Join(dir, "principles.csv")
	sitetest.WriteDir(t, dir, sitetest.With(homeOnly, map[string]string{"principles.csv": frameworkTable}))
	req := build.FrameworkImportRequest{From: table, Framework: "ex-principles",
		Title: "Example Principles", Version: "1", Publisher: "Example Org", URL: "https://example.org/principles", License: "CC0"}
	importInto(t, dir, req)
	folder := filepath.Join(dir, "content", "frameworks", "ex-principles")
	p11 := filepath.Join(folder, "p1", "p1-1.md")
	data, _ := os.ReadFile(p11)
	hand := strings.Replace(string(data), "weight: 1\n---\n", "weight: 1\naliases: [/old/p1-1/]\n---\nOur reading of P1.1, by hand.\n", 1)
	sitetest.WriteDir(t, folder, map[string]string{"p1/p1-1.md": hand, ".notes.txt": "kept", "p2.md~": "an editor's backup"})

	// Again, with a new statement and without the metadata: the file has it.
	changed := strings.Replace(frameworkTable, "Name who is accountable.", "Name who is accountable, and why.", 1)
	sitetest.WriteDir(t, dir, map[string]string{"principles.csv": changed})
	importInto(t, dir, build.FrameworkImportRequest{From: table, Framework: "ex-principles"})
	after, _ := os.ReadFile(p11)
	for _, want := range []string{"statement: Name who is accountable, and why.\n", "aliases: [/old/p1-1/]\n", "---\nOur reading of P1.1, by hand.\n"} {
		if !strings.Contains(string(after), want) {
			t.Errorf("after re-import, p1/p1-1.md lacks %q:\n%s", want, after)
		}
	}
	for _, kept := range []string{".notes.txt", "p2.md~"} {
		if _, err := os.Stat(filepath.Join(folder, kept)); err != nil {
			t.Errorf("re-import lost %s, which the site does not read: %v", kept, err)
		}
	}
	if page := sitetest.File(t, buildSiteDir(t, dir), "frameworks/ex-principles/p1-1/index.html"); !strings.Contains(page, "Our reading of P1.1, by hand.") {
		t.Error("the built page lacks the kept prose")
	}

	// P1.1 gone from the table: its prose would be lost, so nothing is written.
	before := tree(t, dir)
	sitetest.WriteDir(t, dir, map[string]string{"principles.csv": strings.Replace(changed, "P1.1,P1,,\"Name who is accountable, and why.\",outcome,\"Write it down;\nreview it yearly.\",A signed charter\n", "", 1)})
	before["principles.csv"] = tree(t, dir)["principles.csv"]
	cfg, _ := build.OpenSite(dir, crosswalk.Defaults, "")
	_, err := build.ImportFramework(build.FrameworkImportRequest{Site: cfg, From: table, Framework: "ex-principles"})
	if err == nil || !build.IsSiteError(err) || !strings.Contains(err.Error(), "content/frameworks/ex-principles/p1/p1-1.md:1:1: \"P1.1\", which principles.csv no longer has, has prose and the keys aliases that an author wrote; import would lose it") {
		t.Errorf("re-import dropping prose: err = %v", err)
	}
	if after := tree(t, dir); !reflect.DeepEqual(after, before) {
		t.Error("a refused re-import changed the site")
	}
}

// TestImportFrameworkChecksTheSite: an import that would break the site
// (a crosswalk names an element the new table lacks) is refused with the
// problem, and writes nothing.
func TestImportFrameworkChecksTheSite(t *testing.T) {
	dir := t.TempDir()
	table := filepath.Join(dir, "principles.csv")
	sitetest.WriteDir(t, dir, sitetest.With(homeOnly, map[string]string{
		"principles.csv": frameworkTable,
		"other.csv":      "id,title\nX,Ex\n",
	}))
	base := build.FrameworkImportRequest{Title: "T", Version: "1", Publisher: "P", URL: "https://example.org/", License: "CC0"}
	req := base
	req.From, req.Framework = table, "ex-principles"
	importInto(t, dir, req)
	req = base
	req.From, req.Framework = filepath.Join(dir, "other.csv"), "other"
	importInto(t, dir, req)
	sitetest.WriteDir(t, dir, map[string]string{"content/crosswalks/x.md": "---\ncrosswalk: {id: x, title: X, source: ex-principles, target: other, status: draft, status_statement: A test.}\nmappings:\n  - {source: P2.1, target: X}\n---\n"})
	before := tree(t, dir)
	sitetest.WriteDir(t, dir, map[string]string{"principles.csv": strings.Replace(frameworkTable, "P2.1,P2,,Say what the system does.,outcome,Plain words.,\n", "", 1)})
	before["principles.csv"] = tree(t, dir)["principles.csv"]
	cfg, _ := build.OpenSite(dir, crosswalk.Defaults, "")
	_, err := build.ImportFramework(build.FrameworkImportRequest{Site: cfg, From: table, Framework: "ex-principles"})
	if err == nil || !strings.Contains(err.Error(), `content/crosswalks/x.md:4:14: unknown source "P2.1" in framework "ex-principles"`) {
		t.Errorf("err = %v", err)
	}
	if after := tree(t, dir); !reflect.DeepEqual(after, before) {
		t.Error("a refused import changed the site")
	}
}

// TestSiteIDs: a framework whose ids are the site's own never shows them
// as the publisher's: pages name its elements by title and mark the id,
// exports say who assigned it.
func TestSiteIDs(t *testing.T) {
	src := sitetest.Source(map[string]string{
		"content/_index.md":                "---\ntitle: Home\n---\n",
		"content/frameworks/bsa/_index.md": "---\nframework: {id: bsa, title: BSA Framework, version: \"2023\", publisher: BSA, url: \"https://bsa.example/\", license: Quoted, ids: site}\nlevels: [{name: practice, page: true}]\n---\n",
		"content/frameworks/bsa/p.md":      "---\nid: bsa-1\ntitle: Impact assessment\nstatement: Assess impact.\n---\n",
		"content/frameworks/t/_index.md":   "---\nframework: {id: t, title: T, version: \"1\", publisher: T Org, url: \"https://t.example/\", license: CC0}\nlevels: [{name: item, page: true}]\n---\n",
		"content/frameworks/t/x.md":        "---\nid: X-1\nstatement: An item.\n---\n",
		"content/crosswalks/c.md":          "---\ncrosswalk: {id: c, title: C, source: bsa, target: t, status: draft, status_statement: A test.}\nmappings: [{source: bsa-1, target: X-1}]\n---\n",
	})
	files, _ := sitetest.Build(t, src)
	page := sitetest.File(t, files, "frameworks/bsa/bsa-1/index.html")
	if strings.Contains(page, `<span class="id">bsa-1</span>`) || !strings.Contains(page, "Site id <code>bsa-1</code>: assigned by this site, not by the publisher.") {
		t.Errorf("the element page presents the site's id as the publisher's:\n%s", page)
	}
	csv := sitetest.File(t, files, "downloads/c.csv")
	if !strings.Contains(csv, ",BSA Framework Impact assessment,Assess impact.,practice,site,T X-1,An item.,item,publisher") {
		t.Errorf("CSV does not say who assigned the ids:\n%s", csv)
	}
	if cat := sitetest.File(t, files, "downloads/bsa.oscal-catalog.json"); strings.Contains(cat, `"name": "label"`) {
		t.Error("the OSCAL catalog gives the site's ids as the publisher's labels")
	}
	if js := sitetest.File(t, files, "downloads/c.json"); !strings.Contains(js, `"ids": "site"`) || !strings.Contains(js, `"source_id_assigned_by": "site"`) {
		t.Error("the JSON does not say the ids are the site's")
	}
}

// BenchmarkImport80053 imports the SP 800-53 MODERATE catalog (3.9 MB,
// 305 elements) into a new site on disk, as crosswalk import does: read
// the catalog, lay out the folder, load the site with it in memory to
// check it, and write it. Run with -benchmem; peak RSS of the command is
// measured with /usr/bin/time -v (see the issue notes).
func BenchmarkImport80053(b *testing.B) {
	req := sp80053Request(b)
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		dir := b.TempDir()
		sitetest.WriteDir(b, dir, homeOnly)
		b.StartTimer()
		importInto(b, dir, req)
	}
}
