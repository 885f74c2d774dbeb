package export

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"errors"
	"hash"
	"hash/crc32"
	"io"
	"io/fs"
	"sort"
	"strings"
)

// xlsxCompression is the workbook's deflate level. The workbook is the
// longest of a crosswalk's downloads to make (it is made beside the CSV
// and JSON), and most of that is deflate: at level 4 the 10,000-element
// corpus' export stage takes 0.93 s instead of 1.52 s at the default
// (6), for a file of 6.3 MB instead of 5.5 MB.
const xlsxCompression = 4

// orderedZip is the zip writer the workbook is written with. excelize
// writes the sheets of its stream writers in map order, which varies from
// run to run; this writer compresses each entry as it comes, keeps it
// compressed, and writes the archive in name order ([Content_Types].xml
// first, as Office writes it) when it is closed, so that the same
// crosswalk always gives the same bytes. Entries carry no time stamp.
//
// A worksheet's entry, and the shared string table, are held as they come
// (excelize writes each whole, and without their body rows they are
// small), and compressed when the archive is closed: the worksheets in
// name order, a row of one marker cell (a key of bodies) replaced by the
// rows its function writes, straight into the compressor, with their
// texts in sst; then the shared string table, with sst's texts after
// excelize's.
//
// Entries are compressed one after another, never two at once, so they
// share one compressor (deflate), reset for each: a flate.Writer is
// about 700 KB, and a workbook has some twenty entries.
type orderedZip struct {
	ctx     context.Context // once done, no more is compressed
	out     io.Writer
	bodies  map[string]func(io.Writer) error
	sst     *sharedStrings
	entries []*zipEntry
	deflate *flate.Writer // the compressor, and the entry it is compressing
	open    *zipEntry
}

type zipEntry struct {
	z    *orderedZip
	name string
	raw  *bytes.Buffer // a held entry's bytes until the archive is closed
	data bytes.Buffer  // its compressed bytes
	done bool          // its compressed bytes are complete
	crc  hash.Hash32
	size uint64
}

// sharedStringsPart is the name of the workbook's shared string table.
const sharedStringsPart = "xl/sharedStrings.xml"

func (e *zipEntry) Write(p []byte) (int, error) {
	if e.raw != nil {
		return e.raw.Write(p)
	}
	return e.compress(p)
}

func (e *zipEntry) compress(p []byte) (int, error) {
	if err := e.z.ctx.Err(); err != nil {
		return 0, err
	}
	if err := e.z.start(e); err != nil {
		return 0, err
	}
	e.crc.Write(p)
	e.size += uint64(len(p))
	return e.z.deflate.Write(p)
}

// start makes e the entry being compressed, ending the one before it.
// An entry is written whole before the next is begun (archive/zip's rule
// for the writers Create returns), so an entry that is done is not
// begun again.
func (z *orderedZip) start(e *zipEntry) error {
	switch {
	case z.open == e:
		return nil
	case e.done:
		return errors.New("orderedZip: " + e.name + " written after the next entry was begun")
	}
	if err := z.end(); err != nil {
		return err
	}
	if z.deflate == nil {
		fw, err := flate.NewWriter(&e.data, xlsxCompression)
		if err != nil {
			return err
		}
		z.deflate = fw
	} else {
		z.deflate.Reset(&e.data)
	}
	z.open = e
	return nil
}

// end completes the compressed bytes of the entry being compressed.
func (z *orderedZip) end() error {
	if z.open == nil {
		return nil
	}
	e := z.open
	z.open, e.done = nil, true
	return z.deflate.Close()
}

// compressor is a zipEntry seen as a plain writer of compressed bytes.
type compressor struct{ e *zipEntry }

func (c compressor) Write(p []byte) (int, error) { return c.e.compress(p) }

// worksheet compresses a held worksheet entry, with its body rows in
// place of their marker row, if it has one.
func (z *orderedZip) worksheet(e *zipEntry) error {
	raw := e.raw.Bytes()
	e.raw = nil
	// The marker row is the last of its sheet's data, after any text of
	// the content (which may hold the marker's words, never a "<").
	for marker, rows := range z.bodies {
		at := bytes.LastIndex(raw, []byte(">"+marker+"<"))
		if at < 0 {
			continue
		}
		start := bytes.LastIndex(raw[:at], []byte("<row "))
		end := bytes.Index(raw[at:], []byte("</row>"))
		if start < 0 || end < 0 || !bytes.HasPrefix(raw[at+end+len("</row>"):], []byte("</sheetData>")) {
			continue
		}
		end += at + len("</row>")
		if _, err := e.compress(raw[:start]); err != nil {
			return err
		}
		if err := rows(compressor{e}); err != nil {
			return err
		}
		delete(z.bodies, marker)
		raw = raw[end:]
		break
	}
	_, err := e.compress(raw)
	return err
}

func (z *orderedZip) Create(name string) (io.Writer, error) {
	if err := z.end(); err != nil { // the entry before is written
		return nil, err
	}
	e := &zipEntry{z: z, name: name, crc: crc32.NewIEEE()}
	if strings.HasPrefix(name, "xl/worksheets/") && len(z.bodies) > 0 || name == sharedStringsPart {
		e.raw = &bytes.Buffer{}
	}
	z.entries = append(z.entries, e)
	return e, nil
}

// AddFS is not used by the workbooks written here.
func (z *orderedZip) AddFS(fs.FS) error { return errors.New("orderedZip: AddFS is not supported") }

func (z *orderedZip) Close() error {
	if err := z.end(); err != nil {
		return err
	}
	sort.SliceStable(z.entries, func(i, j int) bool {
		a, b := z.entries[i].name, z.entries[j].name
		if (a == "[Content_Types].xml") != (b == "[Content_Types].xml") {
			return a == "[Content_Types].xml"
		}
		return a < b
	})
	var table *zipEntry
	for _, e := range z.entries {
		if e.name == sharedStringsPart {
			table = e
			z.sst.base = sharedStringCount(e.raw.Bytes())
		}
	}
	for _, e := range z.entries {
		if e.raw != nil && e != table {
			if err := z.worksheet(e); err != nil {
				return err
			}
		}
	}
	if len(z.bodies) > 0 {
		return errors.New("orderedZip: a sheet's rows were not written: their marker row is missing")
	}
	if table != nil {
		raw, err := z.sst.splice(table.raw.Bytes())
		if err != nil {
			return err
		}
		table.raw = nil
		if _, err := table.compress(raw); err != nil {
			return err
		}
	} else if len(z.sst.index) > 0 {
		return errors.New("orderedZip: the workbook has no shared string table for its rows' texts")
	}
	for _, e := range z.entries {
		if !e.done { // an entry written nothing: an empty stream
			if err := z.start(e); err != nil {
				return err
			}
		}
		if err := z.end(); err != nil {
			return err
		}
	}
	zw := zip.NewWriter(z.out)
	for _, e := range z.entries {
		w, err := zw.CreateRaw(&zip.FileHeader{Name: e.name, Method: zip.Deflate, CRC32: e.crc.Sum32(),
			CompressedSize64: uint64(e.data.Len()), UncompressedSize64: e.size})
		if err != nil {
			return err
		}
		if _, err := w.Write(e.data.Bytes()); err != nil {
			return err
		}
	}
	return zw.Close()
}
