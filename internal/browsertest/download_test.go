package browsertest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
)

// TestDownload clicks the CSV download on the crosswalk page, in both
// modes, and checks that the browser saves the crosswalk's CSV.
func TestDownload(t *testing.T) {
	for _, m := range modes() {
		t.Run(m.name, func(t *testing.T) {
			tb := newTab(t, m)
			dir := t.TempDir()
			ctx, cancel := tb.step(domWait)
			events := true
			_, err := chromedp.CallBrowser(ctx, cdpbrowser.SetDownloadBehavior, cdpbrowser.SetDownloadBehaviorParams{
				Behavior: cdpbrowser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dir, EventsEnabled: &events,
			})
			cancel()
			if err != nil {
				t.Fatal(err)
			}
			tb.open(crosswalkPage)
			tb.click("the CSV download", `[...document.querySelectorAll('#downloads a[download]')].find(a => a.href.endsWith('.csv'))`, "#downloads a")
			file := filepath.Join(dir, "nist-ai-rmf-1-0-ai-verify-2023.csv")
			deadline := time.Now().Add(renderWait)
			var data []byte
			for time.Now().Before(deadline) {
				if data, err = os.ReadFile(file); err == nil && len(data) > 0 {
					break
				}
				time.Sleep(50 * time.Millisecond)
			}
			if !strings.HasPrefix(string(data), "source_framework,source_id,source_title,relationship,relationship_stated,") || strings.Count(string(data), "\nnist-ai-rmf,") != 272 {
				entries, _ := os.ReadDir(dir)
				t.Fatalf("downloaded %s: %d bytes (folder holds %v)", file, len(data), entries)
			}
			// From file://, Chromium turns the link's navigation into the
			// download by aborting it; that one "failure" is the download.
			for _, p := range tb.w.take() {
				if !(strings.Contains(p, "ERR_ABORTED") && strings.Contains(p, ".csv")) {
					t.Errorf("%s: %s", crosswalkPage, p)
				}
			}
		})
	}
}
