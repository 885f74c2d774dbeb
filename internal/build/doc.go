// Package build is the orchestrator: it runs the pipeline's stages as the
// named phases of one build (load → model → link → templates → export →
// render → publish, see Build), and it is the one door of the clients (cmd,
// serve, scaffold): OpenSite, the outputs (NewDir, NewZip),
// Build, Open (a Live site, its pages rendered on request), Export,
// ExportTo, Import and Frameworks. Each phase is a method
// that fills in its part of a builder and reads what the phases before it
// left; timing wraps the list of phases rather than living inside them.
// Problems from every phase go to one diag.List, so an author sees all of
// them at once; if there are any, the output is aborted and nothing is
// published. Build reads only through Config.Source and writes only to
// Config.Output, so tests build whole sites in memory; OpenSite, NewDir,
// NewZip, ExportTo and Import work on the operating system's disk, which
// is what they are for. The stages never
// call each other across this package's back: it computes what each page
// links to (its downloads, for one) and hands it to render as data.
package build
