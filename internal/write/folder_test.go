package write

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/afero"
)

func readAll(t *testing.T, fsys afero.Fs, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := afero.Walk(fsys, dir, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		data, err := afero.ReadFile(fsys, p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestReplaceFolder: the folder holds exactly the new files and the old
// ones keep accepts, on the operating system's disk (one exchange) and on
// another file system (two renames); nothing is left beside it.
func TestReplaceFolder(t *testing.T) {
	for name, fsys := range map[string]func(t *testing.T) (afero.Fs, string){
		"os":     func(t *testing.T) (afero.Fs, string) { return afero.NewOsFs(), t.TempDir() },
		"memory": func(t *testing.T) (afero.Fs, string) { return afero.NewMemMapFs(), "/site" },
	} {
		t.Run(name, func(t *testing.T) {
			fs, root := fsys(t)
			dir := filepath.Join(root, "content", "frameworks", "f")
			// A new folder, and its missing parents.
			if err := ReplaceFolder(fs, dir, map[string][]byte{"_index.md": []byte("one"), "a/b.md": []byte("b")}, func(string) bool { return true }); err != nil {
				t.Fatal(err)
			}
			for name, text := range map[string]string{".notes": "kept", "old.md": "dropped", "x.md~": "kept too", "a/b.md": "replaced"} {
				if err := afero.WriteFile(fs, filepath.Join(dir, filepath.FromSlash(name)), []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			keep := func(rel string) bool { return !strings.HasSuffix(rel, ".md") }
			if err := ReplaceFolder(fs, dir, map[string][]byte{"_index.md": []byte("two"), "a/b.md": []byte("new b")}, keep); err != nil {
				t.Fatal(err)
			}
			got := readAll(t, fs, dir)
			want := map[string]string{"_index.md": "two", "a/b.md": "new b", ".notes": "kept", "x.md~": "kept too"}
			if len(got) != len(want) {
				t.Errorf("folder holds %v, want %v", got, want)
			}
			for name, text := range want {
				if got[name] != text {
					t.Errorf("%s = %q, want %q", name, got[name], text)
				}
			}
			wantFolderMode(t, fs, dir)
			entries, _ := afero.ReadDir(fs, filepath.Dir(dir))
			if len(entries) != 1 {
				var names []string
				for _, e := range entries {
					names = append(names, e.Name())
				}
				t.Errorf("beside the folder: %v", names)
			}
		})
	}
}

// TestReplaceFolderRefuses: a folder holding a symbolic link, or a file in
// place of the folder, is left as it was, and nothing is left beside it.
func TestReplaceFolderRefuses(t *testing.T) {
	root := t.TempDir()
	fs := afero.NewOsFs()
	dir := filepath.Join(root, "f")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "a.md"), []byte("a"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("/etc/passwd", filepath.Join(dir, "link")); err != nil {
		t.Fatal(err)
	}
	err := ReplaceFolder(fs, dir, map[string][]byte{"a.md": []byte("new")}, func(string) bool { return true })
	if err == nil || !strings.Contains(err.Error(), "is not a regular file") {
		t.Errorf("err = %v", err)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "a.md")); string(data) != "a" {
		t.Errorf("a refused replace changed a.md to %q", data)
	}
	file := filepath.Join(root, "file")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := ReplaceFolder(fs, file, map[string][]byte{"a.md": []byte("new")}, func(string) bool { return true }); err == nil || !strings.Contains(err.Error(), "is not a folder") {
		t.Errorf("over a file: err = %v", err)
	}
	entries, _ := os.ReadDir(root)
	if len(entries) != 2 {
		t.Errorf("left beside: %v", entries)
	}
}
