package export

import (
	"bufio"
	"bytes"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"
)

// CSV returns the records as RFC 4180 CSV: a header row (Header: Columns,
// then a column per labelled field), then one row per record
// (Record.Cells), UTF-8 without a byte-order mark and
// with "\n" line endings. A cell is quoted only when it must be (it holds
// a comma, a quote or a line break, or starts with a space), or when
// EscapeFormula changed it, so the output depends only on the records.
// Import reads this format back.
//
// Every cell goes through EscapeFormula, so that no cell starts with a
// character that makes a spreadsheet read it as a formula (OWASP, "CSV
// Injection"): such a cell is written with a ' in front, and quoted.
func CSV(records []Record) ([]byte, error) {
	var buf bytes.Buffer
	err := writeCSV(&buf, recordSlice(records))
	return buf.Bytes(), err
}

// writeCSV writes CSV's bytes to w, a row at a time.
func writeCSV(w io.Writer, records recordList) error {
	out := &failed{w: w}
	b := bufio.NewWriterSize(out, 64<<10)
	src, tgt := fieldLabels(records)
	writeCSVRow(b, header(src, tgt))
	for i := range records.Len() {
		if out.err != nil {
			return out.err
		}
		writeCSVRow(b, records.At(i).Cells(src, tgt))
	}
	return b.Flush()
}

// failed is a writer that keeps the first error of the writer it wraps,
// so that a file written record by record through a bufio.Writer stops
// at it, rather than making the rest of the file for nothing: the output
// may be full, or a server's check of a site an edit replaced cancelled.
type failed struct {
	w   io.Writer
	err error
}

func (f *failed) Write(p []byte) (int, error) {
	if f.err != nil {
		return 0, f.err
	}
	n, err := f.w.Write(p)
	f.err = err
	return n, err
}

// textWriter is what a CSV row is written to: a buffer.
type textWriter interface {
	io.ByteWriter
	io.StringWriter
}

// writeCSVRow writes one row as encoding/csv's Writer does with a comma
// and "\n" line ends, but for the cells EscapeFormula changes, which are
// quoted too.
func writeCSVRow(b textWriter, cells []string) {
	for i, c := range cells {
		if i > 0 {
			b.WriteByte(',')
		}
		e := EscapeFormula(c)
		if e == c && !needsQuotes(c) {
			b.WriteString(c)
			continue
		}
		b.WriteByte('"')
		b.WriteString(strings.ReplaceAll(e, `"`, `""`))
		b.WriteByte('"')
	}
	b.WriteByte('\n')
}

// needsQuotes reports whether encoding/csv's Writer would quote a cell: it
// holds a comma, a quote or a line break, starts with a space, or is `\.`.
func needsQuotes(c string) bool {
	if c == "" {
		return false
	}
	if c == `\.` || strings.ContainsAny(c, ",\"\r\n") {
		return true
	}
	r, _ := utf8.DecodeRuneInString(c)
	return unicode.IsSpace(r)
}

// formulaStart are the characters that make a spreadsheet read a cell
// that starts with one as a formula, as OWASP lists them ("CSV
// Injection"): = + - @, tab and carriage return.
const formulaStart = "=+-@\t\r"

// formulaLike reports whether s starts with one of formulaStart, after
// any number of single quotes.
func formulaLike(s string) bool {
	s = strings.TrimLeft(s, "'")
	return s != "" && strings.IndexByte(formulaStart, s[0]) >= 0
}

// EscapeFormula returns a cell as the CSV export writes it: with a single
// quote ' in front when it starts with one of = + - @, tab or carriage
// return, or with one or more single quotes followed by one of those;
// unchanged otherwise. A spreadsheet shows a cell that starts with ' as
// text, never as a formula. The quotes of a cell that already starts with
// them get one more, so that UnescapeFormula can tell the two apart:
//
//	=1     is written  '=1
//	'=1    is written  ''=1
//	-1     is written  '-1
//	+      is written  '+
//	'tis   is written  'tis
//	a=b    is written  a=b
func EscapeFormula(cell string) string {
	if formulaLike(cell) {
		return "'" + cell
	}
	return cell
}

// UnescapeFormula undoes EscapeFormula: it removes the first character of
// a cell that is one or more single quotes followed by one of = + - @, tab
// or carriage return, and returns any other cell unchanged. For every
// string s, UnescapeFormula(EscapeFormula(s)) == s.
func UnescapeFormula(cell string) string {
	if strings.HasPrefix(cell, "'") && formulaLike(cell) {
		return cell[1:]
	}
	return cell
}
