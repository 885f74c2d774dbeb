package export

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"strconv"
	"strings"
)

// sharedStrings is the table of the texts of the body rows (bodyRows),
// which the archive (orderedZip) appends to the shared string table
// excelize writes for the cells it writes itself (xl/sharedStrings.xml).
//
// A body cell holds the index of its text in the table (t="s"), as Excel
// writes every text, rather than the text inline: a framework element's
// statement, label and title, repeated in each of its records' rows and
// again on its framework's sheet, are written once. At 50,000 records
// that makes the Mappings sheet 2.8 times smaller before compression, and
// the workbook about half the size, in half the time.
//
// Indices are given in the order texts are first met; the archive writes
// the bodies in name order, so that the same crosswalk always gives the
// same table.
type sharedStrings struct {
	base  int            // the number of texts in excelize's table, before ours
	index map[string]int // a text's index in ours (from 0)
	items bytes.Buffer   // ours, as <si> elements
	refs  int            // the cells that refer to one of ours
}

func newSharedStrings() *sharedStrings {
	return &sharedStrings{index: map[string]int{}}
}

// ref returns the index of v in the workbook's table, adding it if needed.
func (s *sharedStrings) ref(v string) int {
	s.refs++
	i, ok := s.index[v]
	if !ok {
		i = len(s.index)
		s.index[v] = i
		s.items.WriteString(`<si>`)
		writeText(&s.items, v)
		s.items.WriteString(`</si>`)
	}
	return s.base + i
}

// writeText writes the text element of a cell's string holding v, as
// SpreadsheetML (ECMA-376 Part 1, 18.4.12 and 22.9.2.19) wants it and as
// excelize writes one: at most maxCellChars UTF-16 units; the space kept
// when it starts or ends the text; XML-escaped, line breaks as they are;
// and a literal "_xHHHH_" escaped (escapeXString).
func writeText(b textWriter, v string) {
	b.WriteString(`<t`)
	v = truncateUTF16(v, maxCellChars)
	if v != "" && (strings.IndexByte("\t\n\r ", v[0]) >= 0 || strings.IndexByte("\t\n\r ", v[len(v)-1]) >= 0) {
		b.WriteString(` xml:space="preserve"`)
	}
	b.WriteByte('>')
	var esc strings.Builder
	xml.EscapeText(&esc, []byte(v))
	b.WriteString(escapeXString(strings.ReplaceAll(esc.String(), "&#xA;", "\n")))
	b.WriteString(`</t>`)
}

// writeCell writes a body cell at column col and row row (its reference,
// "B12", written in its two parts), with the style id style (0: none),
// holding v: the index of v in the shared string table sst, or v inline
// when sst is nil, or no value when v is empty (a cell of style alone, so
// that a text typed into it later takes its column's alignment).
func writeCell(b *bufio.Writer, col, row string, style int, v string, sst *sharedStrings) {
	b.WriteString(`<c r="`)
	b.WriteString(col)
	b.WriteString(row)
	if style != 0 {
		b.WriteString(`" s="`)
		b.WriteString(strconv.Itoa(style))
	}
	if v == "" {
		b.WriteString(`"/>`)
		return
	}
	if sst == nil {
		b.WriteString(`" t="inlineStr"><is>`)
		writeText(b, v)
		b.WriteString(`</is></c>`)
		return
	}
	b.WriteString(`" t="s"><v>`)
	b.WriteString(strconv.Itoa(sst.ref(v)))
	b.WriteString(`</v></c>`)
}

// splice returns excelize's shared string table raw (the bytes of
// xl/sharedStrings.xml) with ours after its own texts, and its count and
// uniqueCount raised by ours.
func (s *sharedStrings) splice(raw []byte) ([]byte, error) {
	head, rest, ok := bytes.Cut(raw, []byte("<sst "))
	end := bytes.LastIndex(rest, []byte("</sst>"))
	open := bytes.IndexByte(rest, '>')
	if !ok || end < 0 || open < 0 || open > end {
		return nil, errors.New("orderedZip: excelize's shared string table has no <sst> element")
	}
	attrs := string(rest[:open])
	for _, a := range []struct {
		name string
		add  int
	}{{"count", s.refs}, {"uniqueCount", len(s.index)}} {
		n, err := sstAttr(attrs, a.name)
		if err != nil {
			return nil, err
		}
		attrs = strings.Replace(attrs, ` `+a.name+`="`+strconv.Itoa(n)+`"`, ` `+a.name+`="`+strconv.Itoa(n+a.add)+`"`, 1)
	}
	out := make([]byte, 0, len(raw)+s.items.Len()+16)
	out = append(out, head...)
	out = append(out, "<sst "...)
	out = append(out, attrs...)
	out = append(out, rest[open:end]...)
	out = append(out, s.items.Bytes()...)
	return append(out, rest[end:]...), nil
}

// sstAttr returns the number in the attribute name of an <sst> element's
// attributes, which excelize always writes.
func sstAttr(attrs, name string) (int, error) {
	_, v, ok := strings.Cut(attrs, ` `+name+`="`)
	if ok {
		v, _, ok = strings.Cut(v, `"`)
	}
	n, err := strconv.Atoi(v)
	if !ok || err != nil {
		return 0, errors.New("orderedZip: excelize's shared string table has no " + name)
	}
	return n, nil
}

// sharedStringCount returns the number of texts in excelize's shared
// string table raw: its <si> elements (a text holds no "<": it is
// escaped).
func sharedStringCount(raw []byte) int {
	return bytes.Count(raw, []byte("<si>"))
}
