package importcsv

import (
	"encoding/csv"
	"strings"
	"testing"

	"github.com/crosswalk-ssg/crosswalk/internal/catalog"
	"github.com/crosswalk-ssg/crosswalk/internal/export"
)

// outline writes a framework's tree one element a line, indented by
// depth: "id [number] level: title | statement {field=text; …}".
func outline(fw *catalog.Framework) string {
	var b strings.Builder
	var walk func(es []*catalog.Element, depth int)
	walk = func(es []*catalog.Element, depth int) {
		for _, e := range es {
			b.WriteString(strings.Repeat("  ", depth) + e.ID)
			if e.Label != "" {
				b.WriteString(" [" + e.Label + "]")
			}
			b.WriteString(" " + e.Level + ": " + e.Title + " | " + e.Statement)
			var fs []string
			for _, f := range e.Fields {
				fs = append(fs, f.Label+"="+f.Text)
			}
			if len(fs) > 0 {
				b.WriteString(" {" + strings.Join(fs, "; ") + "}")
			}
			b.WriteString("\n")
			walk(e.Children, depth+1)
		}
	}
	walk(fw.Elements, 0)
	return b.String()
}

const smallOutline = `GV [G] function: Govern | 
  GV-1 category:  | Policies are in place. {Section=5.1}
    GV-1.1 subcategory:  | Legal
requirements. {Section=5.1; Examples=a, b}
  GV-2 category:  | Accountability.
MP [M] function: Map | 
`

// TestReadFrameworkShapes: the same framework in the shapes spreadsheets
// write, columns in any order and parents after their children.
func TestReadFrameworkShapes(t *testing.T) {
	const comma = "Level,ID,Parent,Title,Statement,Section,Examples,Number\n" +
		"subcategory,GV-1.1,GV-1,,\"Legal\nrequirements.\",5.1,\"a, b\",\n" +
		"function,GV,,Govern,,,,G\n" +
		"category,GV-1,GV,,Policies are in place.,5.1,,\n" +
		",,,,,,,\n" +
		"category,GV-2,GV,,Accountability.,,,\n" +
		"function,MP,,Map,,,,M\n"
	for name, data := range map[string]string{
		"comma":     comma,
		"BOM+CRLF":  "\ufeff" + strings.ReplaceAll(strings.ReplaceAll(comma, "\n", "\r\n"), "\"Legal\r\nrequirements.\"", "\"Legal\nrequirements.\""),
		"semicolon": strings.ReplaceAll(strings.ReplaceAll(comma, ",", ";"), "\"a; b\"", "\"a, b\""),
		"sep=":      "sep=;\n" + strings.ReplaceAll(strings.ReplaceAll(comma, ",", ";"), "\"a; b\"", "\"a, b\""),
		"lone CR":   strings.ReplaceAll(strings.ReplaceAll(comma, "\n", "\r"), "\"Legal\rrequirements.\"", "\"Legal\nrequirements.\""),
	} {
		fw, notices, err := ReadFramework([]byte(data), "f.csv", nil)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if got := outline(fw); got != smallOutline {
			t.Errorf("%s:\n%s\nwant\n%s", name, got, smallOutline)
		}
		if (name == "lone CR") != (len(notices) == 1) {
			t.Errorf("%s: notices %q", name, notices)
		}
	}
}

// TestReadFrameworkColumns: -columns names the table's own headings.
func TestReadFrameworkColumns(t *testing.T) {
	data := "Control ID,Control,Family,Text\nAC,Access Control,,\nAC-1,Policy,AC,Develop a policy.\n"
	fw, _, err := ReadFramework([]byte(data), "f.csv", map[string]string{"id": "Control ID", "title": "Control", "parent": "Family", "statement": "Text"})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := outline(fw), "AC : Access Control | \n  AC-1 : Policy | Develop a policy.\n"; got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	for cols, want := range map[string]map[string]string{
		`unknown column name "kind": a framework table's columns are id, parent, number, title, statement, level`: {"kind": "Kind"},
		`columns id and title would both be read from the column "Name"`:                                          {"id": "Name", "title": "Name"},
	} {
		if _, _, err := ReadFramework([]byte(data), "f.csv", want); err == nil || err.Error() != cols {
			t.Errorf("columns %v: err %v, want %s", want, err, cols)
		}
	}
}

// TestReadFrameworkErrors: every problem at its row and column, at once.
func TestReadFrameworkErrors(t *testing.T) {
	for _, tt := range []struct{ name, data, want string }{
		{"no id column", "title\nX\n", `f.csv:1:1: missing column "id"`},
		{"empty", "\n\n", `f.csv:1:1: the table is empty: it needs a header row naming its columns (id, title, …)`},
		{"checks", "id,parent,title,statement\n" +
			"A,,Alpha,\n" +
			"A,,Again,\n" +
			",A,No id,\n" +
			"B,Z,Orphan,\n" +
			"C,,,\n" +
			"D,E,Dee,\n" +
			"E,F,Ee,\n" +
			"F,D,Ef,\n" +
			"G,G,Self,\n" +
			"H,D,Under a cycle,\n",
			`f.csv:3:1: duplicate id "A" (first at row 2)
f.csv:4:1: the element has no id
f.csv:5:2: parent "Z" of "B" is not defined: no row has that id
f.csv:6:1: element "C" needs a title or a statement
f.csv:7:2: parent "E" of "D" forms a cycle: D → E → F → D
f.csv:8:2: parent "F" of "E" forms a cycle: D → E → F → D
f.csv:9:2: parent "D" of "F" forms a cycle: D → E → F → D
f.csv:10:2: parent "G" of "G" forms a cycle: G → G`},
		{"syntax", "id,title\nA,\"open\nB,x\n", `f.csv:2:2: extraneous or missing " in a quoted field (on line 3)`},
		{"width", "id,title\nA,x,y\n", `f.csv:2:3: row has 3 fields, the header has 2`},
		{"duplicate heading", "id,title,Note,Note\nA,x,,\n", `f.csv:1:4: duplicate column "Note": column 3 has the same heading`},
		{"not UTF-8", "id,title\nA,\xff\n", `f.csv:2:2: not UTF-8 text: save the table as UTF-8`},
		{"heading not UTF-8", "id,title,\xff\xfe\nA,x,y\n", `f.csv:1:3: heading is not UTF-8 text: save the table as UTF-8`},
	} {
		_, _, err := ReadFramework([]byte(tt.data), "f.csv", nil)
		if err == nil {
			t.Errorf("%s: no error, want\n%s", tt.name, tt.want)
			continue
		}
		if got := err.Error(); got != tt.want {
			t.Errorf("%s:\n%s\nwant\n%s", tt.name, got, tt.want)
		}
	}
}

// FuzzReadFramework: any input gives a framework or an error, never a
// panic; a framework holds every id once, each element's parent above it.
func FuzzReadFramework(f *testing.F) {
	f.Add([]byte("id,parent,title\nA,,a\nB,A,b\n"))
	f.Add([]byte("sep=;\nid;parent;title\nA;B;a\nB;A;b\n"))
	f.Add([]byte("\ufeffid,title,Note\r\n\"A\",\"x\ny\",n\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fw, _, err := ReadFramework(data, "f.csv", nil)
		if err != nil {
			return
		}
		// Written back as a canonical table (every element a row, its
		// parent's id beside it), the framework reads back as itself:
		// nothing read is lost or changed, and ids are unique.
		var b strings.Builder
		w := csv.NewWriter(&b)
		labels := map[string]bool{}
		fw.Walk(func(e *catalog.Element) {
			for _, f := range e.Fields {
				labels[f.Label] = true
			}
		})
		if len(labels) > 0 {
			return // fields make the canonical table's columns depend on their labels; the tree is checked without them
		}
		_ = w.Write([]string{"id", "parent", "number", "title", "statement", "level"})
		var walk func(es []*catalog.Element, parent string)
		walk = func(es []*catalog.Element, parent string) {
			for _, e := range es {
				row := []string{e.ID, parent, e.Label, e.Title, e.Statement, e.Level}
				for i := range row {
					row[i] = export.EscapeFormula(row[i]) // as the reader unescapes every cell
				}
				_ = w.Write(row)
				walk(e.Children, e.ID)
			}
		}
		walk(fw.Elements, "")
		w.Flush()
		again, _, err := ReadFramework([]byte(b.String()), "canonical.csv", nil)
		if err != nil {
			t.Fatalf("the canonical table of a framework read does not read back: %v\n%s", err, b.String())
		}
		if got, want := outline(again), outline(fw); got != want {
			t.Fatalf("read back differently:\n%s\nwant\n%s", got, want)
		}
	})
}
