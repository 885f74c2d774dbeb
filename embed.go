// Package crosswalk holds the default site's templates and static files,
// embedded so that the crosswalk binary, copied anywhere, builds a site:
// a site's own templates/ and static/ files override these by name.
//
// The files live at the top of the repository because they are also the
// default site's theme; go:embed cannot reach them from internal/.
package crosswalk

import "embed"

// Defaults holds templates/ and static/. The "all:" prefix keeps files
// whose names start with "_" (templates/_partials/).
//
//go:embed all:templates all:static
var Defaults embed.FS
