package source

import (
	"strconv"

	"github.com/crosswalk-ssg/crosswalk/internal/diag"
	"gopkg.in/yaml.v3"
)

// Object reads one front matter mapping key by key. Each accessor marks
// its key as known; a wrong type is added to the error list at the
// value's position and the zero value is returned, so decoding carries on
// and reports every problem in one run. CheckUnknown then reports the keys
// nobody asked for, which catches typos such as "statment".
type Object struct {
	file  string
	node  *yaml.Node
	errs  *diag.List
	known map[string]bool
}

// NewObject wraps a mapping node. A node of another kind is reported as an
// error at its position and yields an empty Object.
func NewObject(file string, n *yaml.Node, errs *diag.List) *Object {
	o := &Object{file: file, node: n, errs: errs, known: map[string]bool{}}
	n = resolve(n)
	if n == nil || n.Kind != yaml.MappingNode {
		if n != nil {
			errs.Add(o.at(n), "expected a mapping of keys to values, found %s", describe(n))
		}
		o.node = nil
		return o
	}
	// yaml.v3 reports duplicate keys only when decoding into Go maps.
	first := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if prev, dup := first[k.Value]; dup {
			errs.Add(o.at(k), "duplicate key %q (first at line %d)", k.Value, prev.Line)
			continue
		}
		first[k.Value] = k
	}
	o.node = n
	return o
}

func resolve(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n
}

func (o *Object) at(n *yaml.Node) diag.Position {
	return diag.Position{File: o.file, Line: n.Line, Col: n.Column}
}

// Pos returns the position of the mapping (its first key).
func (o *Object) Pos() diag.Position {
	if o.node == nil || len(o.node.Content) == 0 {
		if o.node != nil {
			return o.at(o.node)
		}
		return diag.Position{File: o.file}
	}
	return o.at(o.node.Content[0])
}

// lookup returns the key and value nodes of key, or nils.
func (o *Object) lookup(key string) (k, v *yaml.Node) {
	o.known[key] = true
	if o.node == nil {
		return nil, nil
	}
	for i := 0; i+1 < len(o.node.Content); i += 2 {
		if o.node.Content[i].Value == key {
			return o.node.Content[i], resolve(o.node.Content[i+1])
		}
	}
	return nil, nil
}

// Has reports whether key is present with a non-null value.
func (o *Object) Has(key string) bool {
	_, v := o.lookup(key)
	return v != nil && !isNull(v)
}

// KeyPos returns the position of key, or of the mapping when key is absent.
func (o *Object) KeyPos(key string) diag.Position {
	if k, _ := o.lookup(key); k != nil {
		return o.at(k)
	}
	return o.Pos()
}

// ValuePos returns the position of key's value, or of the mapping when key is absent.
func (o *Object) ValuePos(key string) diag.Position {
	if _, v := o.lookup(key); v != nil {
		return o.at(v)
	}
	return o.Pos()
}

func isNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.Tag == "!!null" }

// String returns key's value as a string; numbers, booleans and dates are
// returned as written. A missing or null key yields "".
func (o *Object) String(key string) string {
	_, v := o.lookup(key)
	if v == nil || isNull(v) {
		return ""
	}
	if v.Kind != yaml.ScalarNode {
		o.errs.Add(o.at(v), "%s: expected text, found %s", key, describe(v))
		return ""
	}
	return v.Value
}

// Required is String that reports a missing or empty key.
func (o *Object) Required(key string) string {
	s := o.String(key)
	if s == "" && o.node != nil {
		if k, _ := o.lookup(key); k != nil {
			o.errs.Add(o.at(k), "%s must not be empty", key)
		} else {
			o.errs.Add(o.Pos(), "missing required key %q", key)
		}
	}
	return s
}

// Bool returns key's boolean value and whether it was set.
func (o *Object) Bool(key string) (value, set bool) {
	_, v := o.lookup(key)
	if v == nil || isNull(v) {
		return false, false
	}
	var b bool
	if v.Kind != yaml.ScalarNode || v.Decode(&b) != nil {
		o.errs.Add(o.at(v), "%s: expected true or false, found %s", key, describe(v))
		return false, false
	}
	return b, true
}

// Int returns key's integer value and whether it was set.
func (o *Object) Int(key string) (int, bool) {
	_, v := o.lookup(key)
	if v == nil || isNull(v) {
		return 0, false
	}
	i, err := strconv.Atoi(v.Value)
	if v.Kind != yaml.ScalarNode || err != nil {
		o.errs.Add(o.at(v), "%s: expected a whole number, found %s", key, describe(v))
		return 0, false
	}
	return i, true
}

// Object returns key's value as an Object, or nil when key is absent.
func (o *Object) Object(key string) *Object {
	_, v := o.lookup(key)
	if v == nil || isNull(v) {
		return nil
	}
	return NewObject(o.file, v, o.errs)
}

// List returns the items of key's list value, each as an Object.
func (o *Object) List(key string) []*Object {
	var out []*Object
	for _, item := range o.items(key) {
		out = append(out, NewObject(o.file, item, o.errs))
	}
	return out
}

func (o *Object) items(key string) []*yaml.Node {
	_, v := o.lookup(key)
	if v == nil || isNull(v) {
		return nil
	}
	if v.Kind != yaml.SequenceNode {
		o.errs.Add(o.at(v), "%s: expected a list, found %s", key, describe(v))
		return nil
	}
	return v.Content
}

// ItemPos returns the position of item i of key's list value, or of the
// key when the value is not a list that long.
func (o *Object) ItemPos(key string, i int) diag.Position {
	if _, v := o.lookup(key); v != nil && v.Kind == yaml.SequenceNode && i < len(v.Content) {
		return o.at(v.Content[i])
	}
	return o.KeyPos(key)
}

// Strings returns key's value as a list of strings; a single string is
// accepted as a list of one.
func (o *Object) Strings(key string) []string {
	_, v := o.lookup(key)
	if v != nil && v.Kind == yaml.ScalarNode && !isNull(v) {
		return []string{v.Value}
	}
	var out []string
	for _, item := range o.items(key) {
		item = resolve(item)
		if item.Kind != yaml.ScalarNode {
			o.errs.Add(o.at(item), "%s: expected text, found %s", key, describe(item))
			continue
		}
		out = append(out, item.Value)
	}
	return out
}

// Keys returns the object's keys in order.
func (o *Object) Keys() []string {
	if o.node == nil {
		return nil
	}
	var keys []string
	for i := 0; i+1 < len(o.node.Content); i += 2 {
		keys = append(keys, o.node.Content[i].Value)
	}
	return keys
}

// CheckUnknown reports every key that no accessor asked for.
func (o *Object) CheckUnknown() {
	if o.node == nil {
		return
	}
	for i := 0; i+1 < len(o.node.Content); i += 2 {
		k := o.node.Content[i]
		if !o.known[k.Value] {
			o.errs.Add(o.at(k), "unknown key %q", k.Value)
		}
	}
}
