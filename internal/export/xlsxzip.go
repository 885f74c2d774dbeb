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
type orderedZip struct {
	ctx     context.Context // once done, no more is compressed
	out     io.Writer
	bodies  map[string]func(io.Writer) error
	sst     *sharedStrings
	entries []*zipEntry
}

type zipEntry struct {
	ctx  context.Context
	name string
	raw  *bytes.Buffer // a held entry's bytes until the archive is closed
	data bytes.Buffer
	fw   *flate.Writer
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
	if err := e.ctx.Err(); err != nil {
		return 0, err
	}
	e.crc.Write(p)
	e.size += uint64(len(p))
	return e.fw.Write(p)
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
	e := &zipEntry{ctx: z.ctx, name: name, crc: crc32.NewIEEE()}
	fw, err := flate.NewWriter(&e.data, flate.DefaultCompression)
	if err != nil {
		return nil, err
	}
	e.fw = fw
	if strings.HasPrefix(name, "xl/worksheets/") && len(z.bodies) > 0 || name == sharedStringsPart {
		e.raw = &bytes.Buffer{}
	}
	z.entries = append(z.entries, e)
	return e, nil
}

// AddFS is not used by the workbooks written here.
func (z *orderedZip) AddFS(fs.FS) error { return errors.New("orderedZip: AddFS is not supported") }

func (z *orderedZip) Close() error {
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
	zw := zip.NewWriter(z.out)
	for _, e := range z.entries {
		if err := e.fw.Close(); err != nil {
			return err
		}
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
