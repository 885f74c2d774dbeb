// Package write owns the output of a build. An Output receives the files
// (WriteFile, or Create for a file written piece by piece, such as a large
// crosswalk's CSV, which Dir streams to disk; from many goroutines) and
// then either publishes them
// (Commit) or leaves everything as it was (Abort): Dir replaces a folder
// (locked, built beside it, swapped in atomically where the system allows,
// recoverable after a crash; on Linux built in the spare, the site before
// the last, rewritten in place), Zip writes an offline bundle, Memory keeps
// the site for serve and tests, and Discard keeps nothing, for check.
// Every Output applies the same name rules (layout.CheckName, and no two
// names that fold alike), so check, serve, -zip and build accept the same
// sites. CheckPlace is the one policy for where on disk crosswalk may
// write (-dest, -zip, export -dest, import -into), and FileAtomically the
// one way a single file is replaced. afero.BasePathFs is not relied on for
// safety: it lets "../" through, which the name rules refuse.
package write
