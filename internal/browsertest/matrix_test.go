package browsertest

import (
	"strings"
	"testing"
)

// cwPage is the default site's official crosswalk page.
const cwPage = "crosswalks/nist-ai-rmf-1-0-ai-verify-2023/"

// TestMatrixDrillDown follows the matrix as an analyst does, from disk and
// over HTTP: the crosswalk page's cell GOVERN × 7 (Fairness) → the page of
// its records → one record's AI Verify element; the cell's page → "back to
// the matrix"; then the row heading GOVERN → GOVERN's drill-down → one of its
// cells → the section listing that cell's records → "↑ matrix".
func TestMatrixDrillDown(t *testing.T) {
	for _, m := range modes() {
		t.Run(m.name, func(t *testing.T) {
			tb := newTab(t, m)
			tb.open(cwPage + "index.html")
			// The matrix comes before how the crosswalk was made.
			if order := mustEval[bool](tb, `(document.querySelector('#matrix').compareDocumentPosition(document.querySelector('#about')) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0`); !order {
				t.Errorf("%s: the matrix is not before the section about the crosswalk", tb.location())
			}
			tb.click(`the matrix table's cell GOVERN × 7`,
				`[...document.querySelectorAll('table.matrix td a')].find(a => a.href.endsWith('/cells/govern--fairness/index.html'))`,
				"table.matrix", "table.matrix td a")
			tb.waitPage(cwPage + "cells/govern--fairness/index.html")
			rows := mustEval[int](tb, `document.querySelectorAll('table.mappings tbody tr').length`)
			title := mustEval[string](tb, `document.querySelector('h1').textContent`)
			if rows == 0 || !strings.Contains(title, "GOVERN") || !strings.Contains(title, "Fairness") {
				t.Errorf("%s: cell page %q lists %d records", tb.location(), title, rows)
			}
			tb.click(`a record's AI Verify element`,
				`document.querySelector('table.mappings tbody tr td:nth-child(2) a')`, "table.mappings")
			tb.wait(loadWait, "an AI Verify element page", `location.pathname.includes('/frameworks/ai-verify/') && document.readyState === 'complete'`)
			// Back to the cell's page (a fresh load: chromedp loses track of a
			// page the back-forward cache restores), and from it to the matrix.
			tb.open(cwPage + "cells/govern--fairness/index.html")
			tb.click(`"Back to the matrix"`, `document.querySelector('p.back a')`, "p.back")
			tb.waitPage(cwPage + "index.html")
			if hash := mustEval[string](tb, `location.hash`); hash != "#matrix" {
				t.Errorf("%s: back at the crosswalk page at %q, want #matrix", tb.location(), hash)
			}

			tb.click(`the row heading GOVERN`,
				`[...document.querySelectorAll('table.matrix tbody th a')].find(a => a.href.endsWith('/rows/govern/index.html'))`, "table.matrix th a")
			tb.waitPage(cwPage + "rows/govern/index.html")
			tb.click(`a cell of GOVERN's drill-down`, `document.querySelector('table.matrix td a')`, "table.matrix td a")
			tb.wait(domWait, "the cell's section as the target", `location.hash.startsWith('#cell-') && document.querySelector(location.hash + ' table.mappings tbody tr') != null`)
			tb.click(`"↑ matrix"`, `document.querySelector(location.hash + ' a.back-to-matrix')`)
			tb.wait(domWait, "the drill-down's matrix", `location.hash === '#matrix' && location.pathname.endsWith('/rows/govern/index.html')`)
		})
	}
}
