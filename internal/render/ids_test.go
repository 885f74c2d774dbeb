package render

import (
	"bytes"
	"html"
	"testing"
)

// TestPageIDs holds the ids a page is checked against to exactly the ids
// its HTML has: whole ids only, never a prefix, a suffix or a run of two.
func TestPageIDs(t *testing.T) {
	var ids pageIDs
	ids.add("intro") // from the Markdown
	scanIDs([]byte(`<h2 id="record-12">x</h2><a href="#x" id="a&amp;b"></a><p class="id">id="not-an-attribute"</p><div  id="last">`), &ids)
	got := ids.String()
	for _, c := range []struct {
		id   string
		want bool
	}{
		{"intro", true},
		{"record-12", true},
		{"a&b", true}, // unescaped, as a browser reads it
		{"last", true},
		{"a&amp;b", false},
		{"record-1", false}, // a prefix
		{"ecord-12", false}, // a suffix
		{"intro\x00record-12", false},
		{"not-an-attribute", false},
		{"", false},
	} {
		if hasID(got, c.id) != c.want {
			t.Errorf("hasID(%q) = %v, want %v (ids %q)", c.id, !c.want, c.want, got)
		}
	}
	if hasID(new(pageIDs).String(), "intro") {
		t.Error("a page without ids has one")
	}
}

// scanIDsByMarker is scanIDs as it was first written, looking for each
// ` id="` itself: what scanIDs must find.
func scanIDsByMarker(out []byte, ids *pageIDs) {
	marker := []byte(` id="`)
	for rest := out; ; {
		i := bytes.Index(rest, marker)
		if i < 0 {
			return
		}
		rest = rest[i+len(marker):]
		end := bytes.IndexByte(rest, '"')
		if end < 0 {
			return
		}
		ids.add(html.UnescapeString(string(rest[:end])))
		rest = rest[end:]
	}
}

// TestScanIDsAsByMarker: scanIDs finds what looking for ` id="` finds,
// at the edges of the text too, and nothing else (data-id, id= with no
// quote, an id left open, one after another with nothing between).
func TestScanIDsAsByMarker(t *testing.T) {
	for _, text := range []string{
		"",
		"=",
		`id="a"`,
		` id="a"`,
		` id="`,
		` id="open`,
		`<p id="a" id="b"><a data-id="c" id= "d" xid="e" id="f&#34;g" id=""> id="h"=`,
		`<b  id="x"><i	id="tab"> id="y"id="z" id="last"`,
		`==" id=="x" id="&amp;&lt;"`,
	} {
		var got, want pageIDs
		scanIDs([]byte(text), &got)
		scanIDsByMarker([]byte(text), &want)
		if got.String() != want.String() {
			t.Errorf("%q: ids %q, want %q", text, got.String(), want.String())
		}
	}
}

// FuzzScanIDs: on any text, scanIDs finds the ids looking for ` id="`
// finds, in the same order.
func FuzzScanIDs(f *testing.F) {
	for _, s := range []string{` id="a"`, `<p id="a" data-id="b"> id="c&amp;d"=`, ` id="open`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, text []byte) {
		var got, want pageIDs
		scanIDs(text, &got)
		scanIDsByMarker(text, &want)
		if got.String() != want.String() {
			t.Fatalf("ids %q, want %q", got.String(), want.String())
		}
	})
}
