// Package testenv holds the rules tests share about the environment they
// run in. It is imported by tests only.
//
// Some tests are slow: the memory bound of a large build, the browser
// tests that run axe-core or take screenshots, the CLI test that kills real
// builds. A plain `go test ./...` is meant to be a quick loop (well under a
// minute on a 2-core machine), so those tests call Slow first and are
// skipped there, with a message that says how to run them. They always run
// in `make test` (which sets CROSSWALK_SLOW_TESTS=1) and in CI (where the
// environment variable CI is set; .ci/run runs make test). A slow test is
// also skipped under -short, whatever the environment says.
//
// CI is the one rule for "this is CI", shared with internal/browsertest,
// where a missing browser then fails the tests instead of skipping them.
//
// To run the slow tests of one package:
//
//	CROSSWALK_SLOW_TESTS=1 go test ./internal/browsertest/
package testenv
