package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/crosswalk-ssg/crosswalk/internal/sitetest"
	"github.com/crosswalk-ssg/crosswalk/internal/testenv"
)

// TestMain lets the test binary act as the crosswalk command, so that a
// test can run a real build in a process of its own and kill it.
func TestMain(m *testing.M) {
	if os.Getenv("CROSSWALK_TEST_AS_MAIN") == "1" {
		os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// TestKillDuringBuild kills real builds of the default site with SIGKILL
// at spread-out moments, then runs a build that fails. The output folder
// always holds one whole site (old or new, with its marker and home page),
// whatever the moment of the kill: a kill never loses the only copy, and
// nothing is left beside it but the spare.
func TestKillDuringBuild(t *testing.T) {
	testenv.Slow(t)
	site := t.TempDir()
	copyContent(t, site)
	public := filepath.Join(t.TempDir(), "public")
	if code, _, errOut := runCLI("build", "-source", site, "-dest", public, "-quiet"); code != 0 {
		t.Fatal(errOut)
	}
	broken := t.TempDir()
	sitetest.WriteDir(t, broken, map[string]string{"content/_index.md": "---\ntitle: [unclosed\n---\n"})
	for i := range 12 {
		cmd := exec.Command(os.Args[0], "build", "-source", site, "-dest", public, "-quiet")
		cmd.Env = append(os.Environ(), "CROSSWALK_TEST_AS_MAIN=1")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(i*40) * time.Millisecond) // 0 to 440 ms: before, during and after the swap
		_ = cmd.Process.Signal(syscall.SIGKILL)
		_ = cmd.Wait()
		code, _, errOut := runCLI("build", "-source", broken, "-dest", public, "-quiet")
		if code != 1 || strings.Contains(errOut, "another crosswalk build") {
			t.Fatalf("kill %d: the failing build after it: exit %d, %s", i, code, errOut)
		}
		for _, f := range []string{".crosswalk-build", "index.html", "frameworks/nist-ai-rmf/measure-2-11/index.html"} {
			if _, err := os.Stat(filepath.Join(public, f)); err != nil {
				t.Fatalf("kill %d after %d ms: %v", i, i*40, err)
			}
		}
	}
	entries, _ := os.ReadDir(filepath.Dir(public))
	for _, e := range entries {
		// The spare (write.Dir), the site before, is kept to build into.
		if e.Name() != "public" && e.Name() != ".public.crosswalk-spare" {
			t.Errorf("left beside the output: %s", e.Name())
		}
	}
}
