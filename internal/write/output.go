package write

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"maps"
	"path"
	"sync"

	"github.com/spf13/afero"

	"github.com/crosswalk-ssg/crosswalk/internal/layout"
)

// Output receives the files of one build and owns where they go: a
// folder (Dir), a zip (Zip), memory (Memory, for serve and tests) or
// nowhere (Discard, for check). WriteFile may be called from many
// goroutines; then exactly one of Commit (publish what was written) or
// Abort (leave everything as it was) ends the build. Like io.Writer's
// Write, WriteFile does not keep data once it returns, so that a caller
// may write the next file from the same buffer (render does, a page after
// another).
type Output interface {
	WriteFile(name string, data []byte) error
	// Create opens name for a file written piece by piece (a large
	// crosswalk's CSV or JSON), so that it need not be held whole; the
	// file is complete when Close returns nil. Like WriteFile it may be
	// called from many goroutines, each writing its own file.
	Create(name string) (io.WriteCloser, error)
	Commit() error
	Abort()
}

// collected is the Create of outputs that keep whole files anyway
// (memory, zip): the pieces are collected and handed to writeFile on
// Close, which may keep them.
type collected struct {
	bytes.Buffer
	name      string
	writeFile func(name string, data []byte) error
}

func (c *collected) Close() error { return c.writeFile(c.name, c.Bytes()) }

// collect checks name at once, as Create must, and collects the file.
func collect(n *names, name string, writeFile func(string, []byte) error) (io.WriteCloser, error) {
	if err := n.check(name); err != nil {
		return nil, err
	}
	return &collected{name: name, writeFile: writeFile}, nil
}

// names checks the names an output is given: each must pass
// layout.CheckName, and no two may be one file on a system that ignores
// case or Unicode normalisation (layout.Fold). The link stage refuses such
// pages at their claims; this catches the rest (static files), in every
// kind of output alike.
type names struct {
	mu     sync.Mutex
	folded map[string]string
}

func (n *names) check(name string) error {
	if err := layout.CheckName(name); err != nil {
		return fmt.Errorf("refusing to write %w", err)
	}
	f := layout.Fold(name)
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.folded == nil {
		n.folded = map[string]string{}
	}
	if prev, ok := n.folded[f]; ok && prev != name {
		return fmt.Errorf("refusing to write %s: it and %s differ only in case or Unicode form and would be one file on macOS and Windows", layout.Quote(name), layout.Quote(prev))
	}
	n.folded[f] = name
	return nil
}

// Discard is an Output that keeps nothing, for checking a site: it checks
// names as the others do, so check refuses what build refuses.
type Discard struct{ names names }

// WriteFile checks name and drops data.
func (d *Discard) WriteFile(name string, _ []byte) error { return d.names.check(name) }

// Create checks name and drops what is written as it comes, rather
// than collect a large crosswalk's downloads only to drop them.
func (d *Discard) Create(name string) (io.WriteCloser, error) {
	if err := d.names.check(name); err != nil {
		return nil, err
	}
	return discarded{}, nil
}

// discarded is a file Discard.Create opened.
type discarded struct{}

func (discarded) Write(p []byte) (int, error) { return len(p), nil }
func (discarded) Close() error                { return nil }

// Commit does nothing.
func (d *Discard) Commit() error { return nil }

// Abort does nothing.
func (d *Discard) Abort() {}

// Memory is an Output that keeps the site in memory, for serve and tests.
// Until Commit the previous site stays; Commit makes the written files the
// site, as a map (Files) and as a fresh in-memory file system (FS) with the
// site under Root.
type Memory struct {
	Root string // the folder of FS that holds the site; "" is "/"
	// Keep, when set, says which files to keep; the others are checked
	// as any name is, and dropped ("crosswalk serve" keeps the files
	// around the pages, and renders the pages when they are asked for).
	Keep func(name string) bool

	names     names
	mu        sync.Mutex
	pending   map[string][]byte
	committed map[string][]byte
	fs        afero.Fs
}

// WriteFile keeps a copy of a file of the site.
func (m *Memory) WriteFile(name string, data []byte) error {
	if ok, err := m.wanted(name); !ok {
		return err
	}
	m.store(name, bytes.Clone(data))
	return nil
}

// Create collects a file and keeps it on Close, as WriteFile does, with
// no copy of what it collected.
func (m *Memory) Create(name string) (io.WriteCloser, error) {
	return collect(&m.names, name, func(name string, data []byte) error {
		if ok, err := m.wanted(name); !ok {
			return err
		}
		m.store(name, data)
		return nil
	})
}

// wanted checks name and tells whether m keeps the file (Keep).
func (m *Memory) wanted(name string) (bool, error) {
	if err := m.names.check(name); err != nil {
		return false, err
	}
	return m.Keep == nil || m.Keep(name), nil
}

// store keeps data, which m now owns, as the file name.
func (m *Memory) store(name string, data []byte) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.pending == nil {
		m.pending = map[string][]byte{}
	}
	m.pending[name] = data
}

// Commit makes the written files the site.
func (m *Memory) Commit() error {
	m.mu.Lock()
	defer m.mu.Unlock()
	fsys := afero.NewMemMapFs()
	root := m.Root
	if root == "" {
		root = "/"
	}
	for name, data := range m.pending {
		full := path.Join(root, name)
		if err := fsys.MkdirAll(path.Dir(full), 0o755); err != nil {
			return err
		}
		if err := afero.WriteFile(fsys, full, data, 0o644); err != nil {
			return err
		}
	}
	if err := fsys.MkdirAll(root, 0o755); err != nil {
		return err
	}
	m.committed, m.pending, m.fs = m.pending, nil, fsys
	if m.committed == nil {
		m.committed = map[string][]byte{}
	}
	return nil
}

// Abort drops what was written.
func (m *Memory) Abort() {
	m.mu.Lock()
	m.pending = nil
	m.mu.Unlock()
}

// Files returns the committed site, by slash path; nil before any Commit.
func (m *Memory) Files() map[string][]byte {
	m.mu.Lock()
	defer m.mu.Unlock()
	return maps.Clone(m.committed)
}

// FS returns the committed site as a file system, the site under Root;
// nil before any Commit. It is never written to again.
func (m *Memory) FS() afero.Fs {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.fs
}

// errNoExchange says that two folders cannot be swapped in one step here.
var errNoExchange = errors.New("atomic exchange not supported")
