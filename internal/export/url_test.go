package export

import (
	"bytes"
	"encoding/json"
	"maps"
	"strings"
	"testing"
)

// TestLinkable: the URLs the data files publish are those the pages link
// (html/template's rule): no scheme, or http, https, mailto.
func TestLinkable(t *testing.T) {
	tests := []struct {
		url  string
		want bool
	}{
		{"", true},
		{"https://airc.nist.gov/docs/x.pdf", true},
		{"HTTP://example.org/", true},
		{"  https://example.org/  ", true},
		{"mailto:someone@example.org", true},
		{"docs/x.pdf", true},
		{"/x/y", true},
		{"#part", true},
		{"a/b:c", true}, // a colon after a slash is no scheme
		{"javascript:alert(1)", false},
		{"JavaScript:alert(1)", false},
		{"  javascript:alert(1)", false},
		{"java\tscript:alert(1)", false},
		{"vbscript:msgbox(1)", false},
		{"VBScript:msgbox(1)", false},
		{"data:text/html,<script>alert(1)</script>", false},
		{"data:image/png;base64,iVBORw0KGgo=", false}, // a document link, not an image
		{"DATA:text/plain,x", false},
		{"file:///etc/passwd", false},
		{"ftp://example.org/x", false},
	}
	for _, tt := range tests {
		if got := linkable(tt.url); got != tt.want {
			t.Errorf("linkable(%q) = %v, want %v", tt.url, got, tt.want)
		}
		want := ""
		if tt.want {
			want = tt.url
		}
		if got := publishedURL(tt.url); got != want {
			t.Errorf("publishedURL(%q) = %q, want %q", tt.url, got, want)
		}
	}
}

// dangerousURLSite is smallSiteFiles with url fields a reader's browser
// would run: the source framework's, the target framework's, the
// crosswalk's, and two of its three sources'.
func dangerousURLSite() map[string]string {
	files := maps.Clone(smallSiteFiles)
	files["content/frameworks/src-fw/_index.md"] = strings.Replace(files["content/frameworks/src-fw/_index.md"], `url: "https://s.example/"`, `url: "javascript:alert(1)"`, 1)
	files["content/frameworks/t/_index.md"] = strings.Replace(files["content/frameworks/t/_index.md"], `url: "https://t.example/"`, `url: " Data:text/html,<script>alert(2)</script>"`, 1)
	files["content/crosswalks/st.md"] = strings.Replace(files["content/crosswalks/st.md"], "matching_rationale: functional}",
		`matching_rationale: functional, url: "vbscript:msgbox(3)", sources: [{title: Bad, url: "JavaScript:alert(4)"}, {title: Good, url: "https://ok.example/table"}, {title: Image, url: "data:image/png;base64,AAAA"}]}`, 1)
	return files
}

// noScript fails the test when data holds a dangerous scheme.
func noScript(t *testing.T, what string, data []byte) {
	t.Helper()
	lower := bytes.ToLower(data)
	for _, s := range []string{"javascript:", "vbscript:", "data:"} {
		if i := bytes.Index(lower, []byte(s)); i >= 0 {
			t.Errorf("%s holds %q: …%s…", what, s, data[max(i-40, 0):min(i+40, len(data))])
		}
	}
}

// TestJSONDangerousURLs: url fields with javascript:, data: or vbscript:
// URLs are written "" in the JSON, which still validates.
func TestJSONDangerousURLs(t *testing.T) {
	site := smallSite(t, dangerousURLSite())
	cw := site.Crosswalks[0]
	if cw.URL != "vbscript:msgbox(3)" || cw.Source.URL != "javascript:alert(1)" || len(cw.Sources) != 3 {
		t.Fatalf("the test site does not hold the URLs: %q, %q, %d sources", cw.URL, cw.Source.URL, len(cw.Sources))
	}
	data := tabJSON(t, cw)
	noScript(t, "JSON", data)
	d := tabDecodeJSON(t, data)
	got := []string{d.Crosswalk.URL, d.Crosswalk.Source.URL, d.Crosswalk.Target.URL}
	for _, s := range d.Crosswalk.Sources {
		got = append(got, s.URL)
	}
	want := []string{"", "", "", "", "https://ok.example/table", ""}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("JSON urls = %q, want %q", got, want)
	}
	if d.Crosswalk.Sources[0].Title != "Bad" || d.Crosswalk.Source.Title != "Source" {
		t.Errorf("the rest of the entries is kept: %+v, %+v", d.Crosswalk.Sources[0], d.Crosswalk.Source)
	}
}

// TestOSCALDangerousURLs: OSCAL leaves out the rlink of a resource whose
// URL is dangerous (href is required, so there is no empty one) and the
// <URL> of the Markdown that names it; the documents stay valid.
func TestOSCALDangerousURLs(t *testing.T) {
	site := smallSite(t, dangerousURLSite())
	cw := site.Crosswalks[0]
	for _, fw := range []*struct {
		name string
		data []byte
	}{{"source catalog", must(Catalog(cw.Source))}, {"target catalog", must(Catalog(cw.Target))}} {
		noScript(t, fw.name, fw.data)
		var c testCatalog
		decodeStrict(t, fw.data, &c)
		if res := c.Catalog.BackMatter.Resources; len(res) != 1 || len(res[0].Rlinks) != 0 {
			t.Errorf("%s: back-matter resources %+v, want one without rlinks", fw.name, res)
		}
		if strings.Contains(c.Catalog.Metadata.Remarks, "<") {
			t.Errorf("%s: remarks name a URL: %q", fw.name, c.Catalog.Metadata.Remarks)
		}
	}
	data := must(MappingCollection(cw))
	noScript(t, "mapping-collection", data)
	var mc struct {
		MappingCollection struct {
			Provenance struct {
				MappingDescription string `json:"mapping-description"`
				Links              []struct {
					Href string `json:"href"`
					Text string `json:"text"`
				} `json:"links"`
			} `json:"provenance"`
			BackMatter testBackMatter `json:"back-matter"`
		} `json:"mapping-collection"`
	}
	if err := json.Unmarshal(data, &mc); err != nil {
		t.Fatal(err)
	}
	var rlinks []string
	for _, r := range mc.MappingCollection.BackMatter.Resources {
		var hrefs []string
		for _, l := range r.Rlinks {
			hrefs = append(hrefs, l.Href)
		}
		rlinks = append(rlinks, r.Title+"="+strings.Join(hrefs, ","))
	}
	want := "Source=src-fw.oscal-catalog.json|T=t.oscal-catalog.json|Bad=|Good=https://ok.example/table|Image="
	if got := strings.Join(rlinks, "|"); got != want {
		t.Errorf("back-matter rlinks = %s, want %s", got, want)
	}
	if links := mc.MappingCollection.Provenance.Links; len(links) != 3 || links[0].Text != "Bad" {
		t.Errorf("provenance links (to the resources, kept) = %+v", links)
	}
	if desc := mc.MappingCollection.Provenance.MappingDescription; !strings.Contains(desc, "\n- Bad\n- Good <https://ok.example/table>\n- Image") {
		t.Errorf("mapping-description sources:\n%s", desc)
	}
	validateOSCAL(t, oscalSchema(t, "oscal_mapping_schema.json"), "mapping-collection", data)
	validateOSCAL(t, oscalSchema(t, "oscal_catalog_schema.json"), "source catalog", must(Catalog(cw.Source)))
}

func must(data []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return data
}
