package browsertest

import (
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/crosswalk-ssg/crosswalk"
	"github.com/crosswalk-ssg/crosswalk/internal/build"
	"github.com/crosswalk-ssg/crosswalk/internal/testenv"
)

// imported80053 imports the SP 800-53 Rev. 5 MODERATE catalog into a new
// site, as crosswalk import does, builds it, and returns its file://
// mode.
func imported80053(t *testing.T) mode {
	t.Helper()
	catalog := testenv.OSCALCatalog(t, testenv.SP80053)
	site := filepath.Join(t.TempDir(), "site")
	if err := os.MkdirAll(filepath.Join(site, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(site, "content", "_index.md"), []byte("---\ntitle: SP 800-53\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := build.OpenSite(site, crosswalk.Defaults, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := build.ImportFramework(build.FrameworkImportRequest{
		Site: cfg, From: catalog, Framework: "sp800-53",
		Publisher: "National Institute of Standards and Technology", License: "Public domain (17 U.S.C. 105)",
		URL: "https://doi.org/10.6028/NIST.SP.800-53r5",
	}); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(tmpDir, "sp800-53-site")
	if cfg.Output, err = build.NewDir(dest, cfg.Dir); err != nil {
		t.Fatal(err)
	}
	if _, err := build.Build(cfg); err != nil {
		t.Fatal(err)
	}
	return mode{"file", (&url.URL{Scheme: "file", Path: filepath.ToSlash(dest) + "/"}).String()}
}

// TestImported80053AC2 opens AC-2 of the imported catalog as a reader
// does and checks what NIST's own rendering shows: the lettered items
// with their numbered sub-items, the parameters in reading form, the
// guidance (NIST's "Discussion") under its label, and the enhancements
// as sections of the page. The screenshot is kept with the others
// ($CROSSWALK_SCREENSHOTS).
func TestImported80053AC2(t *testing.T) {
	testenv.Slow(t)
	m := imported80053(t)
	dir := screenshotDir(t)
	tb := newTab(t, m)
	tb.emulate(desktop)
	tb.open("frameworks/sp800-53/ac-2/index.html")
	for what, js := range map[string]string{
		"the heading":                       `document.querySelector("main h1").innerText === "AC-2 Account Management"`,
		"items a. to l.":                    `[...document.querySelector("blockquote.statement").querySelectorAll(":scope > ul.items > li > .item-label")].map(e => e.innerText).join(" ") === "a. b. c. d. e. f. g. h. i. j. k. l."`,
		"d.'s sub-items 1. to 3.":           `document.querySelector("blockquote.statement").querySelectorAll(":scope > ul.items > li")[3].querySelectorAll("ul.items > li").length === 3`,
		"a parameter in reading form":       `document.querySelector("blockquote.statement").innerText.includes("Require [Assignment: organization-defined prerequisites and criteria] for group and role membership;")`,
		"the guidance under its label":      `[...document.querySelectorAll("dl.fields dt")].some(dt => dt.innerText === "Guidance" && dt.nextElementSibling.innerText.startsWith("Examples of system account types"))`,
		"the enhancements as sections":      `[...document.querySelectorAll("section.element-section h3")].map(h => h.innerText).some(s => s.includes("AC-2(1)") && s.includes("Automated System Account Management"))`,
		"the attribution":                   `document.querySelector("blockquote.statement footer").innerText.includes("National Institute of Standards and Technology")`,
		"the guidance as wide as the items": `(() => { const dd = document.querySelector("dl.fields dd"), q = document.querySelector("blockquote.statement"); return dd.getBoundingClientRect().width >= 0.8 * q.getBoundingClientRect().width })()`,
	} {
		if ok, err := evalJS[bool](tb, js); err != nil || !ok {
			t.Errorf("%s: %s is not as NIST shows it (%v)", tb.location(), what, err)
		}
	}
	shot := tb.screenshot(desktop, []string{".site-header", "main h1", "blockquote.statement", "dl.fields"})
	file := filepath.Join(dir, "sp800-53-ac-2-1280.png")
	if err := os.WriteFile(file, shot.png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s (%dx%d)", file, shot.size.X, shot.size.Y)
	shot.check(t, tb.location())
	tb.w.report(t, tb.location())
}
