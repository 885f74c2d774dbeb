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
)

// orderedZip is the zip writer the workbook is written with. excelize
// writes the sheets of its stream writers in map order, which varies from
// run to run; this writer compresses each entry as it comes, keeps it
// compressed, and writes the archive in name order ([Content_Types].xml
// first, as Office writes it) when it is closed, so that the same
// crosswalk always gives the same bytes. Entries carry no time stamp.
type orderedZip struct {
	ctx     context.Context // once done, no more is compressed
	out     io.Writer
	entries []*zipEntry
}

type zipEntry struct {
	ctx  context.Context
	name string
	data bytes.Buffer
	fw   *flate.Writer
	crc  hash.Hash32
	size uint64
}

func (e *zipEntry) Write(p []byte) (int, error) {
	if err := e.ctx.Err(); err != nil {
		return 0, err
	}
	e.crc.Write(p)
	e.size += uint64(len(p))
	return e.fw.Write(p)
}

func (z *orderedZip) Create(name string) (io.Writer, error) {
	e := &zipEntry{ctx: z.ctx, name: name, crc: crc32.NewIEEE()}
	fw, err := flate.NewWriter(&e.data, flate.DefaultCompression)
	if err != nil {
		return nil, err
	}
	e.fw = fw
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
