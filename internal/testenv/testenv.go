package testenv

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// SlowVar is the environment variable that turns the slow tests on.
const SlowVar = "CROSSWALK_SLOW_TESTS"

// CI reports whether the tests run in CI: the environment variable CI is
// set (GitHub Actions and most CI services set CI=true).
func CI() bool { return os.Getenv("CI") != "" }

// SlowEnabled reports whether slow tests run: CROSSWALK_SLOW_TESTS=1, or
// in CI, and not under -short.
func SlowEnabled() bool {
	if testing.Short() {
		return false
	}
	return os.Getenv(SlowVar) == "1" || CI()
}

// Slow skips the test unless slow tests are enabled (see SlowEnabled). Call
// it first in a slow test.
func Slow(t testing.TB) {
	t.Helper()
	if SlowEnabled() {
		return
	}
	if testing.Short() {
		t.Skip("slow test: skipped under -short")
	}
	t.Skipf("slow test: skipped unless %s=1 or CI is set; make test runs it (or: %s=1 go test -run '^%s$' ./...)", SlowVar, SlowVar, t.Name())
}

// The real OSCAL catalogs of ../shared/corpora/oscal that tests read.
const (
	SP80053      = "NIST_SP-800-53_rev5_MODERATE-baseline-resolved-profile_catalog.json" // 18 groups, 287 controls with enhancements
	BasicCatalog = "basic-catalog.json"                                                  // OSCAL's basic catalog
)

// OSCALCatalog returns the path of the real catalog name in
// ../shared/corpora/oscal beside the repository. Without it the test is
// skipped, and fails in CI, where the corpus must be present.
func OSCALCatalog(tb testing.TB, name string) string {
	tb.Helper()
	_, here, _, ok := runtime.Caller(0)
	if !ok {
		tb.Fatal("testenv: cannot locate the repository")
	}
	p := filepath.Join(filepath.Dir(here), "..", "..", "..", "shared", "corpora", "oscal", name)
	if _, err := os.Stat(p); err != nil {
		if CI() {
			tb.Fatalf("real catalog not present in CI: %v", err)
		}
		tb.Skipf("real catalog not present: %v", err)
	}
	return p
}
