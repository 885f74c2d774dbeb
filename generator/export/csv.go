package export

import (
	"bytes"
	"encoding/csv"
)

// CSV returns the records as RFC 4180 CSV: a header row of Columns, then
// one row per record (Record.Row), UTF-8 without a byte-order mark and
// with "\n" line endings. A cell is quoted only when it must be (it holds
// a comma, a quote, a line break or starts with a space), so the output
// depends only on the records. Import reads this format back.
func CSV(records []Record) ([]byte, error) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.UseCRLF = false
	if err := w.Write(Columns); err != nil {
		return nil, err
	}
	for _, r := range records {
		if err := w.Write(r.Row()); err != nil {
			return nil, err
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
