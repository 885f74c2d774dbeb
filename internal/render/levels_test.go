package render

import (
	"fmt"
	"strings"
	"testing"
)

// TestLevelFilters checks a record table's level filters on viewSite: one
// filter per level of each side, naming every element on the rows' paths
// once, in framework order, and rows whose paths name them by Order.
func TestLevelFilters(t *testing.T) {
	ix := linked(t, viewSite)
	cw := ix.Site.Crosswalks[0]
	levels := RecordTableArgs{Records: cw.Mappings}.Levels()
	show := func(fs []LevelFilter) string {
		var b strings.Builder
		for _, f := range fs {
			b.WriteString(f.Name + ":")
			for _, o := range f.Options {
				b.WriteString(" " + o.Label)
			}
			b.WriteString("; ")
		}
		return b.String()
	}
	// Records name P1.1, P1.2, P1 and P2.1 (P3 has none); F1 1.1 twice,
	// F2 1 and F1 1.
	if got, want := show(levels.Source), "S principle: P1 One P2 Two; S check: P1.1 P1.2 P2.1; "; got != want {
		t.Errorf("source levels:\n got %s\nwant %s", got, want)
	}
	if got, want := show(levels.Target), "T function: F1 Eff F2 Eff two; T category: F1 1 F2 1; T subcategory: F1 1.1; "; got != want {
		t.Errorf("target levels:\n got %s\nwant %s", got, want)
	}
	for _, fs := range [][]LevelFilter{levels.Source, levels.Target} {
		for _, f := range fs {
			for i := 1; i < len(f.Options); i++ {
				if f.Options[i-1].Order >= f.Options[i].Order {
					t.Errorf("%s: %s before %s, out of framework order", f.Name, f.Options[i-1].Label, f.Options[i].Label)
				}
			}
		}
	}
	e := cw.Target.ByID["F1 1.1"]
	want := fmt.Sprintf("%d %d %d", cw.Target.ByID["F1"].Order, cw.Target.ByID["F1 1"].Order, e.Order)
	var path strings.Builder
	if writeRowPath(&path, e); path.String() != want {
		t.Errorf("writeRowPath(F1 1.1) = %q, want %q", path.String(), want)
	}
	if got := (CounterpartTable{List: []Counterpart{{Other: e}}}).Levels(); len(got.Source) != 0 || len(got.Target) != 3 {
		t.Errorf("a counterpart table's levels: %d source, %d target; want the counterparts' 3 only", len(got.Source), len(got.Target))
	}
}
