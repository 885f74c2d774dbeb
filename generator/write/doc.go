// Package write puts a built site in place atomically. Pages are written
// into a fresh folder beside the destination; only when the whole build
// has succeeded is that folder swapped in (two renames), so a failed build
// leaves the previous site untouched and a reader never sees half a site.
//
// Every path handed to WriteFile is checked to stay inside the folder
// after cleaning: afero.BasePathFs alone would let "../" through. A
// destination that exists, is not empty and was not made by crosswalk is
// refused rather than replaced, so a mistyped -dest cannot delete a
// folder of other files.
package write
