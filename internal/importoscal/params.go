package importoscal

import (
	"bytes"
	"regexp"
	"strings"
)

// param is a catalog parameter and, once rendered, its reading form.
type param struct {
	v        *value
	rendered string
	done     bool
}

// insertRE matches OSCAL's markup for an inserted parameter,
// "{{ insert: param, ac-02_odp.01 }}".
var insertRE = regexp.MustCompile(`\{\{\s*insert:\s*([A-Za-z_][\w.-]*)\s*,\s*([^\s{}]+)\s*\}\}`)

// orgDefined is the phrase NIST's renderings put before the label of an
// organization-defined parameter (ODP); a label that already begins with
// it is shown as it is.
const orgDefined = "organization-defined"

// isODP reports whether a parameter id is one of SP 800-53 Rev. 5's
// organization-defined parameters ("ac-02_odp.01"), whose labels NIST's
// renderings prefix with orgDefined. Other catalogs' labels are shown as
// they are: the prefix is 800-53's convention, not OSCAL's.
func isODP(id string) bool { return strings.Contains(id, "_odp") }

// render replaces every parameter insert in s by the parameter's reading
// form. at is the JSON string s came from, for the position of an
// unknown parameter; stack holds the parameters being rendered, so that
// a parameter whose choices insert itself is an error, not a loop.
func (r *reader) render(s string, at *value, stack []string) string {
	if !strings.Contains(s, "{{") {
		return s
	}
	return insertRE.ReplaceAllStringFunc(s, func(m string) string {
		sub := insertRE.FindStringSubmatch(m)
		if sub[1] != "param" {
			return m
		}
		id := sub[2]
		p := r.params[id]
		if p == nil {
			r.errorf(r.insertOffset(at, m), "unknown parameter %q", id)
			return "[Assignment: " + id + "]"
		}
		for _, s := range stack {
			if s == id {
				r.errorf(p.v.off, "parameter %q inserts itself", id)
				return "[Assignment: " + id + "]"
			}
		}
		if !p.done {
			p.rendered = r.reading(id, p.v, append(stack, id))
			p.done = true
		}
		return p.rendered
	})
}

// insertOffset is the offset of the insert m in the JSON text of at, or
// the start of at when escapes in the text hide it.
func (r *reader) insertOffset(at *value, m string) int {
	if at == nil || at.off >= len(r.data) {
		return 0
	}
	if i := bytes.Index(r.data[at.off:], []byte(m)); i >= 0 {
		return at.off + i
	}
	return at.off
}

// reading is a parameter in the reading form of NIST's renderings of SP
// 800-53: a set value as the value itself; a selection as
// "[Selection (one or more): a; b]" or "[Selection: a; b]"; otherwise
// "[Assignment: organization-defined <label>]", or the guideline when the
// parameter has no label.
func (r *reader) reading(id string, p *value, stack []string) string {
	var values []string
	for _, v := range r.list(p, "values", false) {
		if v.kind != kindString {
			r.errorf(v.off, `each of "values" must be a string, not %s`, describe(v))
			continue
		}
		values = append(values, strings.TrimSpace(r.render(v.str, v, stack)))
	}
	if len(values) > 0 {
		return strings.Join(values, "; ")
	}
	if sel := r.object(p, "select"); sel != nil {
		var choices []string
		for _, c := range r.list(sel, "choice", false) {
			if c.kind != kindString {
				r.errorf(c.off, `each "choice" must be a string, not %s`, describe(c))
				continue
			}
			choices = append(choices, strings.TrimSpace(r.render(c.str, c, stack)))
		}
		head := "Selection"
		if r.str(sel, "how-many") == "one-or-more" {
			head = "Selection (one or more)"
		}
		return "[" + head + ": " + strings.Join(choices, "; ") + "]"
	}
	if label := strings.TrimSpace(r.str(p, "label")); label != "" {
		if isODP(id) && !strings.HasPrefix(strings.ToLower(label), orgDefined) {
			label = orgDefined + " " + label
		}
		return "[Assignment: " + r.render(label, p.get("label"), stack) + "]"
	}
	for _, g := range r.list(p, "guidelines", true) {
		if v := g.get("prose"); v != nil && v.kind == kindString && strings.TrimSpace(v.str) != "" {
			text := strings.TrimRight(strings.TrimSpace(r.render(v.str, v, stack)), ";.")
			return "[Assignment: " + text + "]"
		}
	}
	return "[Assignment: " + id + "]"
}
