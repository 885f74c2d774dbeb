package write

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/spf13/afero"
)

func TestZipIsDeterministicAndFoldered(t *testing.T) {
	build := func() []byte {
		fs := afero.NewMemMapFs()
		z, err := NewZip(fs, "/out/site.zip", "")
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range []string{"b/index.html", "index.html", "a.css"} {
			if err := z.WriteFile(n, []byte("data of "+n)); err != nil {
				t.Fatal(err)
			}
		}
		if err := z.Commit(); err != nil {
			t.Fatal(err)
		}
		data, err := afero.ReadFile(fs, "/out/site.zip")
		if err != nil {
			t.Fatal(err)
		}
		if entries, _ := afero.ReadDir(fs, "/out"); len(entries) != 1 {
			t.Errorf("%d files beside the zip", len(entries))
		}
		return data
	}
	first, second := build(), build()
	if !bytes.Equal(first, second) {
		t.Error("two zips of the same files differ")
	}
	r, err := zip.NewReader(bytes.NewReader(first), int64(len(first)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range r.File {
		names = append(names, f.Name)
		rc, _ := f.Open()
		data, _ := io.ReadAll(rc)
		rc.Close()
		if !strings.HasPrefix(string(data), "data of ") {
			t.Errorf("%s: %q", f.Name, data)
		}
	}
	if strings.Join(names, ",") != "site/a.css,site/b/index.html,site/index.html" {
		t.Errorf("entries = %v", names)
	}
}

func TestZipRefusals(t *testing.T) {
	fs := afero.NewMemMapFs()
	if _, err := NewZip(fs, "/out/site.tar", ""); err == nil {
		t.Error("accepted a name without .zip")
	}
	_ = fs.MkdirAll("/out/dir.zip", 0o755)
	if _, err := NewZip(fs, "/out/dir.zip", ""); err == nil {
		t.Error("accepted a folder")
	}
	z, _ := NewZip(fs, "/out/x.zip", "")
	if err := z.WriteFile("../escape", nil); err == nil {
		t.Error("accepted a path outside the site")
	}
	// A zip named "..zip" would put its entries in "../": they go in site/.
	dots, err := NewZip(fs, "/out/..zip", "")
	if err != nil {
		t.Fatal(err)
	}
	_ = dots.WriteFile("index.html", []byte("x"))
	if err := dots.Commit(); err != nil {
		t.Fatal(err)
	}
	data, _ := afero.ReadFile(fs, "/out/..zip")
	r, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range r.File {
		if f.Name != "site/index.html" {
			t.Errorf("entry %q", f.Name)
		}
	}
}
