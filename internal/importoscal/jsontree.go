package importoscal

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// kind is the JSON type of a value.
type kind uint8

const (
	kindNull kind = iota
	kindBool
	kindNumber
	kindString
	kindArray
	kindObject
)

func (k kind) String() string {
	return [...]string{"null", "a boolean", "a number", "a string", "an array", "an object"}[k]
}

// value is one JSON value with the byte offset at which it starts, so that
// a shape error can point at the value that is wrong.
type value struct {
	off  int
	kind kind
	str  string // string, or the text of a number or boolean
	arr  []*value
	obj  []member
}

type member struct {
	key string
	val *value
}

// get returns the value of key in an object (the last, if repeated, as
// encoding/json would decode it), or nil.
func (v *value) get(key string) *value {
	if v == nil || v.kind != kindObject {
		return nil
	}
	for i := len(v.obj) - 1; i >= 0; i-- {
		if v.obj[i].key == key {
			return v.obj[i].val
		}
	}
	return nil
}

// parseTree decodes data into a tree of values. Its error is a
// *syntaxError holding the byte offset of the problem.
func parseTree(data []byte) (*value, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	p := &treeParser{data: data, dec: dec}
	root, err := p.value()
	if err != nil {
		return nil, err
	}
	off := skipSpace(data, int(dec.InputOffset()))
	if _, err := dec.Token(); err != io.EOF {
		return nil, &syntaxError{off: off, msg: "unexpected data after the top-level JSON value"}
	}
	return root, nil
}

// syntaxError is malformed JSON at a byte offset.
type syntaxError struct {
	off int
	msg string
}

func (e *syntaxError) Error() string { return e.msg }

type treeParser struct {
	data  []byte
	dec   *json.Decoder
	depth int // arrays and objects open
}

// maxNesting bounds how deep arrays and objects may nest. The tree is
// built by recursion, so a file of nothing but "[" would otherwise grow
// the stack until the process dies; real catalogs nest a few dozen deep.
const maxNesting = 1000

func (p *treeParser) token() (json.Token, int, error) {
	off := skipSpace(p.data, int(p.dec.InputOffset()))
	tok, err := p.dec.Token()
	if err != nil {
		var se *json.SyntaxError
		switch {
		case errors.As(err, &se):
			return nil, int(se.Offset), &syntaxError{off: int(se.Offset), msg: "malformed JSON: " + se.Error()}
		case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
			return nil, len(p.data), &syntaxError{off: len(p.data), msg: "malformed JSON: unexpected end of file"}
		}
		return nil, off, &syntaxError{off: off, msg: "malformed JSON: " + err.Error()}
	}
	return tok, off, nil
}

func (p *treeParser) value() (*value, error) {
	tok, off, err := p.token()
	if err != nil {
		return nil, err
	}
	return p.valueFrom(tok, off)
}

func (p *treeParser) valueFrom(tok json.Token, off int) (*value, error) {
	v := &value{off: off}
	switch t := tok.(type) {
	case nil:
		v.kind = kindNull
	case bool:
		v.kind, v.str = kindBool, fmt.Sprint(t)
	case json.Number:
		v.kind, v.str = kindNumber, string(t)
	case string:
		v.kind, v.str = kindString, t
	case json.Delim:
		if t == '[' || t == '{' {
			if p.depth++; p.depth > maxNesting {
				return nil, &syntaxError{off: off, msg: fmt.Sprintf("arrays and objects nest more than %d deep", maxNesting)}
			}
			defer func() { p.depth-- }()
		}
		switch t {
		case '[':
			v.kind = kindArray
			for {
				tok, off, err := p.token()
				if err != nil {
					return nil, err
				}
				if tok == json.Delim(']') {
					return v, nil
				}
				elem, err := p.valueFrom(tok, off)
				if err != nil {
					return nil, err
				}
				v.arr = append(v.arr, elem)
			}
		case '{':
			v.kind = kindObject
			for {
				tok, _, err := p.token()
				if err != nil {
					return nil, err
				}
				if tok == json.Delim('}') {
					return v, nil
				}
				key, _ := tok.(string) // the decoder allows only strings here
				val, err := p.value()
				if err != nil {
					return nil, err
				}
				v.obj = append(v.obj, member{key: key, val: val})
			}
		}
		return nil, &syntaxError{off: off, msg: fmt.Sprintf("malformed JSON: unexpected %q", rune(t))}
	}
	return v, nil
}

// skipSpace returns the offset of the next token at or after off: the
// decoder's offset is the end of the previous token, before any white
// space, comma or colon.
func skipSpace(data []byte, off int) int {
	for off < len(data) {
		switch data[off] {
		case ' ', '\t', '\n', '\r', ',', ':':
			off++
		default:
			return off
		}
	}
	return off
}

// describe names a value's type for an error message.
func describe(v *value) string {
	if v == nil {
		return "nothing"
	}
	return strings.TrimSpace(v.kind.String())
}
