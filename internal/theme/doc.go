// Package theme layers a site's own templates/ and static/ files over the
// defaults embedded in the crosswalk binary, file by file: a site file
// with the same path wins, everything else comes from the binary. The
// overlay is an afero.CopyOnWriteFs made read-only, so the union of both
// trees can be listed and read but never written through.
package theme
