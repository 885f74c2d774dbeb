package build

import (
	"maps"
	"slices"
)

// LiveNames returns the name of every file l serves, once Check has made
// the data files: its pages, its static files and the rest.
func LiveNames(l *Live) []string {
	names := map[string]bool{}
	for name := range l.byPath {
		names[name] = true
	}
	for name := range l.static {
		names[name] = true
	}
	for name := range l.made {
		names[name] = true
	}
	return slices.Sorted(maps.Keys(names))
}
