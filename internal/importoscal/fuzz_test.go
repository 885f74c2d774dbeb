package importoscal

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/crosswalk-ssg/crosswalk/internal/catalog"
)

// FuzzRead checks, for any input, that Read does not panic, that it
// returns either a framework or an error, that every element it returns
// has an id, and that reading the same bytes twice gives the same result.
func FuzzRead(f *testing.F) {
	f.Add([]byte(small))
	f.Add([]byte(`{"catalog": {"metadata": {"title": "T"}, "controls": [{"id": "c", "title": "C", "params": [{"id": "p", "select": {"choice": ["{{ insert: param, p }}"]}}]}]}}`))
	f.Add([]byte(`{"catalog": {"metadata": {"title": "T"}, "groups": [{"title": "G"}]}}`))
	f.Add([]byte(`[`))
	if _, data := corpusFileOK(basic); data != nil {
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fw, err := Read("f.json", data)
		if (fw == nil) == (err == nil) {
			t.Fatalf("Read = %v, %v: want exactly one of a framework and an error", fw, err)
		}
		again, err2 := Read("f.json", data)
		if !reflect.DeepEqual(fw, again) || (err == nil) != (err2 == nil) || (err != nil && err.Error() != err2.Error()) {
			t.Fatalf("Read is not deterministic:\n%v\n%v", err, err2)
		}
		if fw != nil {
			fw.Walk(func(e *catalog.Element) {
				if e.ID == "" {
					t.Fatalf("element without id: %+v", e)
				}
			})
		}
	})
}

// corpusFileOK returns a real catalog's bytes, or nil when it is absent.
func corpusFileOK(name string) (string, []byte) {
	path := filepath.Join("..", "..", "..", "shared", "corpora", "oscal", name) // seeds only: absent, the fuzz test starts from the small ones
	data, err := os.ReadFile(path)
	if err != nil {
		return path, nil
	}
	return path, data
}
