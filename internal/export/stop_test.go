package export

import (
	"context"
	"errors"
	"io"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/crosswalk-ssg/crosswalk/internal/testenv"
)

// failingWriter fails every write, and counts them.
type failingWriter struct{ writes int }

var errFull = errors.New("the output is full")

func (w *failingWriter) Write([]byte) (int, error) {
	w.writes++
	return 0, errFull
}

// TestDownloadsStopAtAFailedWrite: the files made as they are written
// (CSV, JSON) stop at the first write that fails, with its error, rather
// than making the rest of the file for nothing. A bufio.Writer writes
// nothing more after an error, so what is counted is the work: the
// allocations of encoding the JSON's records, thousands without the stop
// (a CSV row is made without allocating, so only its error is checked).
func TestDownloadsStopAtAFailedWrite(t *testing.T) {
	cw := defaultSite(t).Crosswalks[0]
	one := Records(cw)[0]
	records := make([]Record, 5000)
	for i := range records {
		records[i] = one
	}
	for name, write := range map[string]func(io.Writer) error{
		"CSV":  func(w io.Writer) error { return writeCSV(w, recordSlice(records)) },
		"JSON": func(w io.Writer) error { return writeJSON(w, cw, recordSlice(records)) },
	} {
		var err error
		allocs := testing.AllocsPerRun(1, func() { err = write(&failingWriter{}) })
		if !errors.Is(err, errFull) {
			t.Errorf("%s: returned %v, want the writer's error", name, err)
		}
		if name == "JSON" && allocs > 1000 {
			t.Errorf("%s: %.0f allocations after the first write failed: the other rows were made", name, allocs)
		}
	}
}

// TestDownloadsStopWhenCancelled: once the context is done, Each hands
// out no more files and returns its error, and a workbook under way
// stops.
func TestDownloadsStopWhenCancelled(t *testing.T) {
	site := defaultSite(t)
	ctx, cancel := context.WithCancel(context.Background())
	var emitted []string
	err := Each(ctx, site, func(d Download) error {
		emitted = append(emitted, d.Path)
		if d.make != nil {
			d.WriteTo(io.Discard)
		}
		cancel() // after the first file
		return nil
	})
	if !errors.Is(err, context.Canceled) || len(emitted) != 1 {
		t.Errorf("cancelled after the first file: Each handed out %q and returned %v", emitted, err)
	}
	if _, err := xlsx(ctx, site.Crosswalks[0], newCrosswalkRecords(site.Crosswalks[0])); !errors.Is(err, context.Canceled) {
		t.Errorf("the workbook of a cancelled context: %v, want context.Canceled", err)
	}
}

// TestDownloadsStopWhenEmitFails: an emit that fails at the first file
// (the CSV) ends Each with its error, and the workbook, made meanwhile on
// a goroutine of its own, is stopped and waited for: no goroutine is
// still making it once Each has returned.
func TestDownloadsStopWhenEmitFails(t *testing.T) {
	site := defaultSite(t)
	var emitted []string
	err := Each(context.Background(), site, func(d Download) error {
		emitted = append(emitted, d.Path)
		return errFull
	})
	if !errors.Is(err, errFull) || len(emitted) != 1 {
		t.Errorf("emit failing at the first file: Each handed out %q and returned %v", emitted, err)
	}
	buf := make([]byte, 1<<20)
	if stacks := string(buf[:runtime.Stack(buf, true)]); strings.Contains(stacks, "internal/export.xlsx(") {
		t.Errorf("a workbook is still being made after Each returned:\n%s", stacks)
	}
}

// TestXLSXWritesNoTemporaryFile: a workbook whose Mappings sheet is far
// over the 16 MB that excelize's stream writer spills into the system's
// temporary folder leaves that folder untouched while it is made: the
// body rows go straight into the archive.
func TestXLSXWritesNoTemporaryFile(t *testing.T) {
	testenv.Slow(t)
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	t.Setenv("TMP", tmp)
	t.Setenv("TEMP", tmp)
	cw := defaultSite(t).Crosswalks[0]
	one := Records(cw)[0]
	one.SourceStatement = strings.Repeat("A statement long enough to fill the sheet. ", 25)
	records := make([]Record, 20000)
	for i := range records {
		records[i] = one
	}
	stop := make(chan struct{})
	seen := make(chan []string, 1)
	go func() {
		var names []string
		for {
			if entries, _ := os.ReadDir(tmp); len(entries) > 0 && names == nil {
				for _, e := range entries {
					names = append(names, e.Name())
				}
			}
			select {
			case <-stop:
				seen <- names
				return
			case <-time.After(time.Millisecond):
			}
		}
	}()
	data, err := XLSX(cw, records)
	close(stop)
	if err != nil {
		t.Fatal(err)
	}
	if names := <-seen; names != nil {
		t.Errorf("making a %d-byte workbook wrote %q into the temporary folder", len(data), names)
	}
}
