package browsertest

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// TestPagesHandler checks the HTTP mode's server without a browser: it must
// behave as GitHub Pages does for a project site, or the flows would test
// the harness instead of the site.
func TestPagesHandler(t *testing.T) {
	h := pagesHandler(siteDir)
	tests := []struct {
		path     string
		status   int
		location string
	}{
		{"/crosswalk-site/", http.StatusOK, ""},
		{"/crosswalk-site/index.html", http.StatusOK, ""}, // no redirect to "./", unlike http.FileServer
		{"/crosswalk-site/frameworks/ai-verify/fairness/index.html", http.StatusOK, ""},
		{"/crosswalk-site/frameworks/ai-verify/fairness/", http.StatusOK, ""},
		{"/crosswalk-site/frameworks/ai-verify/fairness", http.StatusMovedPermanently, "fairness/"},
		{"/crosswalk-site/style.css", http.StatusOK, ""},
		{"/crosswalk-site/no-such-page.html", http.StatusNotFound, ""},
		{"/crosswalk-site/../crosswalk-site/index.html", http.StatusNotFound, ""},
		{"/crosswalk-site", http.StatusNotFound, ""},
		{"/index.html", http.StatusNotFound, ""},
		{"/favicon.ico", http.StatusNotFound, ""},
	}
	for _, tt := range tests {
		req := httptest.NewRequest(http.MethodGet, "http://127.0.0.1"+tt.path, nil)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != tt.status {
			t.Errorf("GET %s: status %d, want %d", tt.path, rec.Code, tt.status)
		}
		if got := rec.Header().Get("Location"); got != tt.location {
			t.Errorf("GET %s: Location %q, want %q", tt.path, got, tt.location)
		}
	}
}
