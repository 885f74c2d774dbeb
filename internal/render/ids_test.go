package render

import "testing"

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
