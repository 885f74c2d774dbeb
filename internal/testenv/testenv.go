package testenv

import (
	"os"
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
