package browsertest

import (
	"strings"
	"testing"
)

// TestNavigation follows links as a reader would: home → AI Verify (header
// navigation) → 7 Fairness → its counterpart, the NIST AI RMF category
// MEASURE 2 → its subcategory MEASURE 2.11 → back to Fairness through the
// records MEASURE 2.11 inherits from MEASURE 2. Every page on the
// way must load without console errors, failed requests or requests leaving
// the site.
func TestNavigation(t *testing.T) {
	for _, m := range modes() {
		t.Run(m.name, func(t *testing.T) {
			tb := newTab(t, m)
			tb.open("index.html")

			tb.click(`the header link "AI Verify"`,
				`[...document.querySelectorAll('header nav a')].find(a => a.textContent.trim() === 'AI Verify' && a.href.endsWith('/frameworks/ai-verify/index.html'))`,
				"header nav", "header nav a")
			tb.waitPage("frameworks/ai-verify/index.html")

			tb.click(`a visible link to the principle "7 Fairness"`,
				`[...document.querySelectorAll('a')].find(a => a.href.endsWith('/frameworks/ai-verify/fairness/index.html') && a.getClientRects().length > 0)`,
				`a[href$="fairness/index.html"]`)
			tb.waitPage("frameworks/ai-verify/fairness/index.html")

			tb.click(`the a.counterpart-link to the NIST category MEASURE 2 in section#counterparts`,
				`[...document.querySelectorAll('section#counterparts a.counterpart-link')].find(a => a.href.endsWith('/nist-ai-rmf/measure-2/index.html'))`,
				"section#counterparts", "section#counterparts a.counterpart-link", `a[href$="measure-2/index.html"]`)
			tb.waitPage("frameworks/nist-ai-rmf/measure-2/index.html")

			tb.click(`the link to its subcategory MEASURE 2.11`,
				`[...document.querySelectorAll('main a')].find(a => a.href.endsWith('/measure-2-11/index.html') && a.getClientRects().length > 0)`,
				"main", `main a[href$="measure-2-11/index.html"]`)
			tb.waitPage("frameworks/nist-ai-rmf/measure-2-11/index.html")
			if h1 := mustEval[string](tb, `(document.querySelector('h1') || {textContent: '(no h1)'}).textContent`); !strings.Contains(h1, "MEASURE 2.11") {
				t.Errorf("%s: the h1 is %q, want it to contain %q", tb.location(), strings.TrimSpace(h1), "MEASURE 2.11")
			}
			// MEASURE 2.11 has no record of its own: its counterparts are its
			// category's, inherited, and lead back to Fairness.
			if note := mustEval[string](tb, `(document.querySelector('section#counterparts .inherited-note') || {textContent: ''}).textContent`); !strings.Contains(note, "these records name MEASURE 2, not MEASURE 2.11") {
				t.Errorf("%s: the inherited note is %q", tb.location(), note)
			}

			tb.click(`an inherited a.counterpart-link back to ai-verify/fairness in section#counterparts`,
				`[...document.querySelectorAll('section#counterparts a.counterpart-link')].find(a => a.href.includes('ai-verify/fairness/index.html'))`,
				"section#counterparts", "section#counterparts a.counterpart-link", `a[href*="ai-verify/fairness/index.html"]`)
			tb.waitPage("frameworks/ai-verify/fairness/index.html")
		})
	}
}
