package render_test

import (
	"strings"
	"testing"

	"github.com/crosswalk-ssg/crosswalk/internal/sitetest"
	"golang.org/x/net/html"
)

// fixture is a small site with what the render package shows: two
// frameworks (S, whose outcomes and checks are sections of their
// principle's page, and T, whose functions and categories have pages and
// whose subcategories are sections), an official crosswalk with
// set-theory relationships, provenance and records of no counterpart, and
// a draft one that states no relationship types; pages with headings,
// a menu, aliases and a post.
var fixture = sitetest.Txtar([]byte(`
-- content/_index.md --
---
title: Render fixture
description: Pages for the render package's tests.
site:
  title: Fixture Site
  language: en-GB
  footer: Footer line for every page.
entry_points:
  - {framework: s, levels: 2}
  - {framework: t, levels: 1}
---
Start at [[s:P1]] or read [the official crosswalk](/crosswalks/st/).
-- content/about.md --
---
title: About
description: What this fixture is.
menu: main
weight: 2
aliases: [/old-about/]
---
## The *method*

How it was made; see [[1.1]] and [its check](/frameworks/s/p1/#1-1-1).

### Detail

More.

## Sources

Listed.
-- content/contact.md --
---
title: Contact
menu: main
weight: 1
---
Write to us.
-- content/news/_index.md --
---
title: News
---
The [launch](/news/launch/).
-- content/news/2024-01-02-launch.md --
---
title: Launch
date: 2024-01-02
permalink: /news/launch/
layout: post
---
We launched.
-- content/frameworks/s/_index.md --
---
framework:
  id: s
  title: Source Framework
  short_title: S
  version: "1"
  publisher: S Org
  document: S-DOC 1
  published: Spring 2024
  url: https://s.example/
  license: CC0
  license_note: Quoted with permission.
levels:
  - name: principle
    page: true
  - name: outcome
  - name: check
---
The source framework.
-- content/frameworks/s/p1.md --
---
id: P1
number: "1"
title: Openness
statement: Be open.
fields:
  - label: Expected evidence
    text: A notice.
children:
  - id: "1.1"
    statement: Publish a notice.
    aliases: [/s/notice/]
    children:
      - id: 1.1.1
        statement: Check the notice exists.
      - id: 1.1.2
        statement: Check the notice is read.
  - id: "1.2"
    statement: Answer questions.
---
Prose about openness.
-- content/frameworks/s/p2.md --
---
id: P2
number: "2"
title: Care for the people who use the systems
statement: Take care.
children:
  - id: "2.1"
    statement: Look after them.
---
-- content/frameworks/s/p3.md --
---
id: P3
number: "3"
title: Quiet
statement: Say nothing.
---
-- content/frameworks/t/_index.md --
---
framework:
  id: t
  title: Target Framework
  short_title: T
  version: "2.0"
  publisher: T Institute
  url: https://t.example/
  license: Public domain
levels:
  - name: function
    page: true
  - name: category
    plural: categories
    page: true
  - name: subcategory
    plural: subcategories
---
-- content/frameworks/t/f1.md --
---
id: F1
title: Govern
statement: Govern well.
children:
  - id: F1 1
    statement: Policies are in place, written down, reviewed every year by the people who are responsible for them, approved by the board, published to everyone who works on the systems, and kept up to date whenever the law, the systems or the organisation change, so that nobody has to guess what is expected.
    children:
      - id: F1 1.1
        statement: Policies are written.
      - id: F1 1.2
        statement: Policies are reviewed.
  - id: F1 2
    statement: Roles are assigned.
---
## Background

Why governing matters.
-- content/frameworks/t/f2.md --
---
id: F2
title: Map
statement: Map the context.
children:
  - {id: F2 1, statement: Context one.}
  - {id: F2 2, statement: Context two.}
  - {id: F2 3, statement: Context three.}
  - {id: F2 4, statement: Context four.}
  - {id: F2 5, statement: Context five.}
---
-- content/crosswalks/st.md --
---
crosswalk:
  id: st
  title: S to T
  source: s
  target: t
  status: official
  publisher: The Fixture Board
  published: 2024-05-06
  url: https://fixture.example/table.pdf
  method: By hand.
  direction: "Each row reads: S item RELATIONSHIP T item."
  granularity: S outcomes and T categories.
  mapping_method: human
  matching_rationale: semantic
  transcription:
    from: The PDF table.
    how: Copied row by row.
    notes: [Row 3 was unclear.]
  sources:
    - title: The table
      url: https://fixture.example/table.pdf
    - title: Our notes
mappings:
  - source: "1.1"
    target: F1 1
    relationship: subset-of
    rationale: A notice is part of a policy.
    basis: judgement
    evidence: related
    references: [Table 1]
    as_published: "1.1 / F1 1"
    note: Checked twice.
  - source: 1.1.1
    target: F1 1.1
    relationship: intersects-with
    basis: text
  - source: P1
    target: F2
    relationship: equivalent-to
    status: draft
  - source: "1.2"
    target: F1 1.2
  - source: P2
    target: F1 1
    relationship: superset-of
no_counterpart:
  - source: P3
    reason: Nothing like it.
    as_published: "P3: none"
    references: [Table 2]
  - target: F2 3
    reason: Not covered.
---
## How the table was read

Carefully.
-- content/crosswalks/ts.md --
---
crosswalk:
  id: ts
  title: T and S, unstated
  source: t
  target: s
  status: draft
  status_statement: Nobody has checked it.
  published: May 2024
  relationships:
    stated: false
    note: The table pairs items without saying how.
mappings:
  - source: F1 2
    target: P2
    as_published: "Care (2)"
  - source: F1
    target: "2.1"
---
`))

// built builds the fixture (with extra files) and returns its output.
func built(t *testing.T, extra map[string]string, opts ...sitetest.Option) map[string][]byte {
	t.Helper()
	files, _ := sitetest.Build(t, sitetest.Source(sitetest.With(fixture, extra)), opts...)
	return files
}

// page returns a built page, parsed.
func page(t *testing.T, files map[string][]byte, name string) *html.Node {
	t.Helper()
	return sitetest.Parse(t, []byte(sitetest.File(t, files, name)))
}

// byID returns the element with id, failing the test if there is none.
func byID(t *testing.T, doc *html.Node, id string) *html.Node {
	t.Helper()
	n := sitetest.Find(doc, func(n *html.Node) bool { return sitetest.Attr(n, "id") == id })
	if n == nil {
		t.Fatalf("no element with id %q", id)
	}
	return n
}

// tocs returns the tables of contents of a page: the navigation a
// reader is offered as "On this page".
func tocs(doc *html.Node) []*html.Node {
	return sitetest.FindAll(doc, func(n *html.Node) bool { return n.Data == "nav" && sitetest.Attr(n, "aria-label") == "On this page" })
}

// byClass returns the elements of class, in document order.
func byClass(doc *html.Node, class string) []*html.Node {
	return sitetest.FindAll(doc, func(n *html.Node) bool { return sitetest.HasClass(n, class) })
}

// texts returns the visible text of each node.
func texts(nodes []*html.Node) []string {
	out := make([]string, len(nodes))
	for i, n := range nodes {
		out[i] = sitetest.Text(n)
	}
	return out
}

// links returns "text → href" for each link at or below n.
func links(n *html.Node) []string {
	var out []string
	for _, a := range sitetest.FindAll(n, func(n *html.Node) bool { return n.Data == "a" }) {
		out = append(out, sitetest.Text(a)+" → "+sitetest.Attr(a, "href"))
	}
	return out
}

// containsAll reports, as a test error, each of wants that got lacks.
func containsAll(t *testing.T, what, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("%s lacks %q:\n%s", what, w, got)
		}
	}
}
