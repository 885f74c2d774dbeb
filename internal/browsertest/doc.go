// Package browsertest drives the built default site in a real browser. It
// holds no code of its own, only tests (go test ./internal/browsertest/).
//
// The tests build the default site once per test binary with build.Build
// into a temporary folder, then open it in headless Debian Chromium through
// chromedp, in two ways: from disk (file:// URLs) and from an httptest server
// on 127.0.0.1 that serves the folder under /crosswalk-site/, as GitHub Pages
// serves a project site (no redirect of index.html, 404 outside the prefix).
// One browser is started per test binary and every test opens its own tab, so
// tests do not share state but do not pay for a browser start either. Before
// the first navigation each tab gets a watcher that turns console errors and
// warnings, uncaught exceptions, browser log errors, failed requests, HTTP
// errors and any request leaving the site into test failures. The flows click
// and type as a person would (real mouse and key events) and wait by polling a
// JavaScript predicate every 50 ms up to a bounded deadline; nothing sleeps.
// Accessibility is checked with axe-core, pinned in package.json and
// installed by `make e2e-deps` into node_modules/; it is injected with
// Runtime.evaluate, which a Content-Security-Policy does not block.
// Full-page screenshots of the key pages at desktop and phone widths are
// checked for what they show (the whole page, no sideways scrolling, not
// blank, the header, heading, footer and each page's key elements visible
// and drawn); they go to the test's temporary folder, or, to look at them,
// to the folder named by CROSSWALK_SCREENSHOTS, never into the repository.
//
// The slowest tests (axe-core on every key page, the dark theme, the
// screenshots) are slow tests (internal/testenv): a plain go test skips
// them; make test and CI run them. The rest, the flows, stay in the quick
// loop.
//
// Without a browser (or without node_modules/axe-core) the tests skip with a
// notice, except in CI (testenv.CI: the environment variable CI is set):
// then they fail, because .ci/run installs both.
package browsertest
