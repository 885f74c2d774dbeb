package scaffold

import (
	"os"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// workflow is the part of a GitHub Actions workflow these tests read.
type workflow struct {
	// On maps each event to its settings (a null node for none).
	On          map[string]yaml.Node `yaml:"on"`
	Permissions map[string]string    `yaml:"permissions"`
	Concurrency struct {
		Group            string `yaml:"group"`
		CancelInProgress *bool  `yaml:"cancel-in-progress"`
	} `yaml:"concurrency"`
	Jobs map[string]struct {
		RunsOn      string    `yaml:"runs-on"`
		Needs       yaml.Node `yaml:"needs"`
		Environment struct {
			Name string `yaml:"name"`
			URL  string `yaml:"url"`
		} `yaml:"environment"`
		Steps []step `yaml:"steps"`
	} `yaml:"jobs"`
}

type step struct {
	Name string            `yaml:"name"`
	ID   string            `yaml:"id"`
	Uses string            `yaml:"uses"`
	Run  string            `yaml:"run"`
	With map[string]string `yaml:"with"`
}

// uses returns the first step that uses action (owner/name, any version).
func uses(steps []step, action string) *step {
	for i := range steps {
		if strings.HasPrefix(steps[i].Uses, action+"@") {
			return &steps[i]
		}
	}
	return nil
}

func readWorkflow(t *testing.T) *workflow {
	t.Helper()
	data, err := os.ReadFile("../.github/workflows/pages.yml")
	if err != nil {
		t.Fatal(err)
	}
	var w workflow
	if err := yaml.Unmarshal(data, &w); err != nil {
		t.Fatalf("pages.yml: %v", err)
	}
	return &w
}

// buildCommand is the build step's command, the one the README documents.
const buildCommand = `make site BASE_URL="${{ steps.pages.outputs.base_url }}/"`

// TestPagesWorkflow checks that .github/workflows/pages.yml deploys with
// GitHub's official Pages actions, with the permissions they need.
func TestPagesWorkflow(t *testing.T) {
	w := readWorkflow(t)
	var push struct{ Branches []string }
	if node, ok := w.On["push"]; !ok || node.Decode(&push) != nil || !slices.Equal(push.Branches, []string{"main"}) {
		t.Errorf("on.push = %v, want branches [main]", push)
	}
	if _, ok := w.On["workflow_dispatch"]; !ok || len(w.On) != 2 {
		t.Errorf("on has %d events; want push and workflow_dispatch", len(w.On))
	}
	for key, want := range map[string]string{"contents": "read", "pages": "write", "id-token": "write"} {
		if got := w.Permissions[key]; got != want {
			t.Errorf("permissions.%s = %q, want %q", key, got, want)
		}
	}
	if w.Concurrency.Group != "pages" || w.Concurrency.CancelInProgress == nil || *w.Concurrency.CancelInProgress {
		t.Errorf("concurrency = %+v, want group pages, cancel-in-progress false", w.Concurrency)
	}

	build, ok := w.Jobs["build"]
	if !ok {
		t.Fatal("no build job")
	}
	if build.RunsOn != "ubuntu-latest" {
		t.Errorf("build runs on %q", build.RunsOn)
	}
	if uses(build.Steps, "actions/checkout") == nil {
		t.Error("build does not check out the repository")
	}
	if s := uses(build.Steps, "actions/setup-go"); s == nil || s.With["go-version-file"] != "go.mod" {
		t.Error("build does not set up Go from go.mod")
	}
	if s := uses(build.Steps, "actions/configure-pages"); s == nil || s.ID != "pages" {
		t.Error("build does not run actions/configure-pages with id pages")
	}
	if s := uses(build.Steps, "actions/upload-pages-artifact"); s == nil || s.With["path"] != "public" {
		t.Error("build does not upload public/ with actions/upload-pages-artifact")
	}
	if got := buildStep(t, w); got != buildCommand {
		t.Errorf("build command = %q, want %q", got, buildCommand)
	}

	deploy, ok := w.Jobs["deploy"]
	if !ok {
		t.Fatal("no deploy job")
	}
	if deploy.Needs.Value != "build" && !(len(deploy.Needs.Content) == 1 && deploy.Needs.Content[0].Value == "build") {
		t.Error("deploy does not need build")
	}
	if deploy.Environment.Name != "github-pages" || deploy.Environment.URL != "${{ steps.deployment.outputs.page_url }}" {
		t.Errorf("deploy environment = %+v", deploy.Environment)
	}
	if s := uses(deploy.Steps, "actions/deploy-pages"); s == nil || s.ID != "deployment" {
		t.Error("deploy does not run actions/deploy-pages with id deployment")
	}
}

// buildStep returns the run command of the build job's step that builds
// the site.
func buildStep(t *testing.T, w *workflow) string {
	t.Helper()
	for _, s := range w.Jobs["build"].Steps {
		if strings.HasPrefix(strings.TrimSpace(s.Run), "make site") {
			return strings.TrimSpace(s.Run)
		}
	}
	t.Fatal("the build job has no step running make site")
	return ""
}

// TestReadmeDocumentsPagesBuild checks that README.md shows the exact
// command the Pages workflow builds the site with.
func TestReadmeDocumentsPagesBuild(t *testing.T) {
	cmd := buildStep(t, readWorkflow(t))
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(readme), cmd) {
		t.Errorf("README.md does not show the Pages workflow's build command:\n\t%s", cmd)
	}
}
