/*
 * search.js — offline search for the crosswalk site (works from file:// too).
 *
 * Needs, loaded before it with classic <script> tags:
 *   window.CROSSWALK_SEARCH_INDEX  array of {id, ref, title, text, context, url, kind, ids, records,
 *                                  inherited, fw, level, pair, cw, rel} (url relative to the site
 *                                  root, may end in #anchor; ids: the normalized forms of an
 *                                  element's id that match exactly, aliases included; records: its
 *                                  mapping records; fw, level: an element's framework and level;
 *                                  a mapping record (kind "mapping") has pair, the ids of its two
 *                                  elements' documents, cw its crosswalk's, and rel its term)
 *   window.MiniSearch              MiniSearch 7.x UMD build
 *
 * DOM contract (search page):
 *   <body data-root="../">         relative path from this page to the site root
 *   <form class="search-page-form"> with <input id="search-q"> and, in
 *     <fieldset id="search-filters" hidden>, <select id="search-kind">
 *     (element, mapping, page), <select id="search-fw"> and
 *     <select id="search-level">, whose options this script fills
 *   <p id="search-status">         status line (role="status")
 *   <ol id="search-results">       filled with
 *     <li class="search-hit"><a class="search-result" href="ROOT+url">title</a>
 *       <span class="search-context">context</span>
 *       <p class="search-excerpt">first ~200 characters, query terms in <mark></p></li>
 *
 * Behaviour: reads ?q= (and ?kind=, ?fw=, ?level=) on load, searches as
 * you type (debounced), on submit and on a filter's change, and keeps
 * them in the address bar. A mapping record is named from its elements'
 * documents ("NIST AI RMF GOVERN 1 ↔ AI Verify 3.2.1 …"); records come
 * after the other results unless the filter asks for records. The
 * framework and level filters keep the elements of that framework (and
 * level) and the records that name one. A query that is an element's id, in any of
 * the forms the index gives (its number, its framework's short forms:
 * "GV-1.1" for GOVERN 1.1), compared without case, spaces and hyphens,
 * gives that element first, then the ids it begins, and (when the id has
 * a digit) nothing fuzzy. Two ids with a space between them ("GV-1
 * 3.2.1") give the records between those two elements, then the two.
 * Otherwise: ids starting with the query (once it has a digit), then
 * MiniSearch's ranked hits (AND, falling back to OR), words reduced to a
 * rough stem on both sides ("explainability" and "explained" both "explain"). Arrow keys move between the input and the result links; Escape
 * returns to the input. No innerHTML: every node is built with createElement.
 */
(function () {
  "use strict";

  var MAX_RESULTS = 50;
  var EXCERPT_LENGTH = 200;
  var DEBOUNCE_MS = 150;

  var input = document.getElementById("search-q");
  var form = input && input.form;
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  if (!input || !status || !list) return;

  var root = document.body.getAttribute("data-root") || "";
  var docs = window.CROSSWALK_SEARCH_INDEX;
  var MiniSearch = window.MiniSearch;

  if (!Array.isArray(docs)) {
    status.textContent = "Search is unavailable: the search index (search-index.js) did not load.";
    return;
  }
  if (typeof MiniSearch !== "function") {
    status.textContent = "Search is unavailable: the search library (MiniSearch) did not load.";
    return;
  }

  var tokenize = MiniSearch.getDefault("tokenize");

  // A mapping record's name and place, from its elements' documents.
  function named(d) { return d ? d.title : "?"; } // an element's full label
  docs.forEach(function (d) {
    if (d.kind !== "mapping" || !Array.isArray(d.pair)) return;
    var src = docs[d.pair[0]], tgt = docs[d.pair[1]], cw = docs[d.cw];
    d.ref = (src ? src.ref : "") + " " + (tgt ? tgt.ref : "");
    d.title = named(src) + (d.rel ? " " + d.rel + " " : " ↔ ") + named(tgt);
    d.context = "Mapping record" + (cw ? " · " + cw.title : "") + (d.rel ? "" : " · relationship not stated by the source");
  });

  // A rough English stem: the longest of a few common suffixes removed,
  // when at least four letters are left ("explainability", "explained",
  // "explanation"… → "explain"…). Index and query go through it alike, so
  // it only has to be consistent, not right.
  var SUFFIXES = ["abilities", "ibilities", "ability", "ibility", "ations", "ation", "ments", "ment",
    "ness", "ities", "ity", "able", "ible", "ings", "ing", "ies", "ied", "ed", "es", "s"];
  function stem(word) {
    for (var i = 0; i < SUFFIXES.length; i++) {
      var suf = SUFFIXES[i];
      if (word.length - suf.length >= 4 && word.slice(-suf.length) === suf) return word.slice(0, -suf.length);
    }
    return word;
  }
  var miniSearch;
  try {
    miniSearch = new MiniSearch({
      fields: ["ref", "title", "text", "context"],
      storeFields: [], // a hit is read back from docs by its id
      searchOptions: {
        boost: { ref: 6, title: 3, context: 1.5 },
        prefix: true,
        fuzzy: function (term) { return term.length >= 5 ? 0.2 : false; },
        combineWith: "AND",
        // A query word is looked up by its stem, which matches the
        // stems indexed ("explainability" → "explain")…
        processTerm: function (term) { return stem(term.toLowerCase()); }
      },
      // …and every word is indexed as itself and as its stem, so that a
      // word typed halfway ("explainabil", no suffix to strip) still
      // finds the whole word by prefix.
      processTerm: function (term) {
        var w = term.toLowerCase(), st = stem(w);
        return st === w ? w : [w, st];
      }
    });
    miniSearch.addAll(docs);
  } catch (err) {
    status.textContent = "Search is unavailable: the search index could not be built (" + err.message + ").";
    return;
  }

  // "MEASURE 2.11", "measure-2.11" -> "measure2.11", as the index's ids
  // are normalized (internal/search.Normalize).
  function normaliseId(s) {
    return String(s || "").toLowerCase().replace(/[ \t\r\n_-]+/g, "");
  }
  var idForms = docs.map(function (d) {
    if (Array.isArray(d.ids)) return d.ids;
    return d.ref && d.kind !== "mapping" ? [normaliseId(d.ref)] : [];
  });

  // Exact id forms → the documents that have them, and element pairs →
  // the records between them ("i,j", either way round).
  var byForm = new Map();
  idForms.forEach(function (forms, i) {
    forms.forEach(function (f) {
      if (!byForm.has(f)) byForm.set(f, []);
      byForm.get(f).push(i);
    });
  });
  var recordsOfPair = new Map();
  docs.forEach(function (d, i) {
    if (d.kind !== "mapping" || !Array.isArray(d.pair)) return;
    [d.pair[0] + "," + d.pair[1], d.pair[1] + "," + d.pair[0]].forEach(function (k) {
      if (!recordsOfPair.has(k)) recordsOfPair.set(k, []);
      recordsOfPair.get(k).push(i);
    });
  });

  // pairRecords returns the records between two elements that the query
  // names by their ids, split at a space ("GV-1 3.2.1", "GOVERN 1 7.1"),
  // and those two elements: the records an analyst asks for.
  function pairRecords(query) {
    var words = query.trim().split(/\s+/);
    for (var k = 1; k < words.length; k++) {
      var a = byForm.get(normaliseId(words.slice(0, k).join(""))) || [];
      var b = byForm.get(normaliseId(words.slice(k).join(""))) || [];
      var found = [];
      a.forEach(function (i) {
        b.forEach(function (j) {
          (recordsOfPair.get(i + "," + j) || []).forEach(function (r) { found.push(r); });
        });
      });
      if (found.length) return { records: found, elements: a.concat(b) };
    }
    return null;
  }

  // Exact id matches, then id-prefix matches (index order), then ranked
  // hits, but for a query that is a numbered id ("GV-1.1", "7.4.2"), which
  // gets no ranked hits: it asks for that element, not for 100 fuzzy
  // neighbours. A word that is also an id ("explainability") is that
  // element first, then the text's hits. Prefixes are
  // pinned only once the query has a digit ("measure 2"), so that typing a
  // word ("m…") is not swamped by every MAP and MEASURE id.
  function search(query) {
    var pair = pairRecords(query);
    if (pair) {
      return pair.records.concat(pair.elements).map(function (i) { return docs[i]; });
    }
    var key = normaliseId(query);
    var pinPrefixes = /[0-9]/.test(key);
    var exact = [], prefixed = [], seen = new Set();
    idForms.forEach(function (forms, i) {
      var isExact = forms.indexOf(key) >= 0;
      // A prefix at an id's boundary: "measure2.1" begins measure2.1.x,
      // not measure2.10.
      var isPrefix = !isExact && pinPrefixes && key && forms.some(function (f) {
        return f.startsWith(key) && !/[0-9]/.test(f.charAt(key.length));
      });
      if (!isExact && !isPrefix) return;
      (isExact ? exact : prefixed).push(docs[i]);
      seen.add(docs[i].id);
    });
    if (exact.length > 0 && pinPrefixes) return exact.concat(prefixed);
    var ranked = miniSearch.search(query);
    if (ranked.length === 0) ranked = miniSearch.search(query, { combineWith: "OR" });
    var records = [], others = [];
    ranked.forEach(function (r) {
      if (seen.has(r.id)) return;
      var hit = Object.assign({ terms: r.terms }, docs[r.id]);
      (hit.kind === "mapping" ? records : others).push(hit);
    });
    return exact.concat(prefixed, others, records);
  }

  // The filters: what kind of result, which framework, which level.
  var filters = document.getElementById("search-filters");
  var kindSelect = document.getElementById("search-kind");
  var fwSelect = document.getElementById("search-fw");
  var levelSelect = document.getElementById("search-level");
  var levelsOf = new Map(); // framework -> its levels, in depth order
  docs.forEach(function (d) {
    if (d.kind !== "element" || !d.fw) return;
    if (!levelsOf.has(d.fw)) levelsOf.set(d.fw, []);
    var levels = levelsOf.get(d.fw);
    if (d.level && levels.indexOf(d.level) < 0) levels.push(d.level);
  });
  function fill(select, values) {
    if (!select) return;
    while (select.options.length > 1) select.remove(1);
    values.forEach(function (v) {
      var o = document.createElement("option");
      o.value = v;
      o.textContent = v;
      select.appendChild(o);
    });
  }
  fill(fwSelect, Array.from(levelsOf.keys()));
  function fillLevels() {
    if (!levelSelect) return;
    var levels = (fwSelect && levelsOf.get(fwSelect.value)) || [];
    var value = levelSelect.value;
    fill(levelSelect, levels);
    levelSelect.value = levels.indexOf(value) >= 0 ? value : "";
    levelSelect.disabled = levels.length === 0;
  }
  function value(select) { return select && !select.disabled ? select.value : ""; }
  // wanted reports whether a hit passes the filters.
  function wanted(hit) {
    var kind = value(kindSelect), fw = value(fwSelect), level = value(levelSelect);
    var isPage = hit.kind !== "element" && hit.kind !== "mapping";
    if (kind && (kind === "page" ? !isPage : hit.kind !== kind)) return false;
    if (!fw) return true;
    var elements = hit.kind === "mapping" ? [docs[hit.pair[0]], docs[hit.pair[1]]] : [hit];
    return elements.some(function (d) { return d && d.fw === fw && (!level || d.level === level); });
  }

  // Cut at a word boundary near EXCERPT_LENGTH characters.
  function excerptOf(text) {
    text = String(text || "").replace(/\s+/g, " ").trim();
    if (text.length <= EXCERPT_LENGTH) return text;
    var cut = text.lastIndexOf(" ", EXCERPT_LENGTH);
    if (cut < EXCERPT_LENGTH / 2) cut = EXCERPT_LENGTH;
    return text.slice(0, cut).replace(/[\s.,;:]+$/, "") + "…";
  }

  // Append text to parent, wrapping the words that matched in <mark>.
  // Words are found with MiniSearch's own tokenizer so they line up with the
  // index; a word is marked if it is a matched document term or starts with
  // a query term (prefix search).
  function appendHighlighted(parent, text, matched, queryTerms) {
    var cursor = 0;
    tokenize(text).forEach(function (token) {
      if (!token) return;
      var at = text.indexOf(token, cursor);
      if (at < 0) return;
      var word = token.toLowerCase(), w = stem(word);
      var hit = matched.has(word) || matched.has(w) || queryTerms.some(function (q) {
        return word === q || (q.length >= 2 && word.startsWith(q)) || stem(q) === w;
      });
      if (!hit) return;
      if (at > cursor) parent.appendChild(document.createTextNode(text.slice(cursor, at)));
      var mark = document.createElement("mark");
      mark.textContent = token;
      parent.appendChild(mark);
      cursor = at + token.length;
    });
    if (cursor < text.length) parent.appendChild(document.createTextNode(text.slice(cursor)));
  }

  function renderHit(hit, queryTerms) {
    var li = document.createElement("li");
    li.className = "search-hit";
    var a = document.createElement("a");
    a.className = "search-result";
    var url = String(hit.url || "");
    // Index URLs are root-relative; never let one carry its own scheme.
    a.href = /^[a-z][a-z0-9+.-]*:/i.test(url) ? "#" : root + url;
    a.textContent = hit.title || hit.ref || url;
    li.appendChild(a);
    if (hit.context) {
      li.appendChild(document.createTextNode(" "));
      var ctx = document.createElement("span");
      ctx.className = "search-context";
      ctx.textContent = hit.context;
      li.appendChild(ctx);
    }
    if (hit.kind === "element") {
      li.appendChild(document.createTextNode(" "));
      var n = document.createElement("span");
      n.className = "search-records";
      var count = function (k) { return k + (k === 1 ? " mapping record" : " mapping records"); };
      n.textContent = hit.records ? count(hit.records) :
        hit.inherited ? count(hit.inherited) + " through what it lies within" : "no mapping record";
      li.appendChild(n);
    }
    var excerpt = excerptOf(hit.text);
    if (excerpt) {
      var p = document.createElement("p");
      p.className = "search-excerpt";
      appendHighlighted(p, excerpt, new Set(hit.terms || []), queryTerms);
      li.appendChild(p);
    }
    return li;
  }

  function run(rawQuery) {
    var query = rawQuery.trim();
    while (list.firstChild) list.removeChild(list.firstChild);
    if (!query) {
      status.textContent = "Type to search ids, titles and statements.";
      return;
    }
    var hits = search(query).filter(wanted);
    var quoted = "“" + query + "”";
    if (hits.length === 0) {
      status.textContent = "No results for " + quoted;
      return;
    }
    var queryTerms = tokenize(query).map(function (t) { return t.toLowerCase(); })
      .filter(Boolean);
    var fragment = document.createDocumentFragment();
    hits.slice(0, MAX_RESULTS).forEach(function (hit) {
      fragment.appendChild(renderHit(hit, queryTerms));
    });
    list.appendChild(fragment);
    var nRecords = hits.filter(function (h) { return h.kind === "mapping"; }).length;
    var filtered = value(kindSelect) || value(fwSelect) ? " (filtered)" : "";
    status.textContent = hits.length + (hits.length === 1 ? " result" : " results") +
      " for " + quoted + filtered +
      (nRecords && nRecords < hits.length ? ": " + (hits.length - nRecords) + " elements and pages, " + nRecords + (nRecords === 1 ? " mapping record" : " mapping records") : "") +
      (hits.length > MAX_RESULTS ? " (showing the first " + MAX_RESULTS + ")" : "");
  }

  // Keep ?q= and the filters in the address bar; some file:// contexts
  // refuse replaceState.
  function updateAddress(query) {
    var p = new URLSearchParams();
    if (query.trim()) p.set("q", query.trim());
    [kindSelect, fwSelect, levelSelect].forEach(function (select) {
      if (value(select)) p.set(select.name, select.value);
    });
    var search = p.toString() ? "?" + p.toString() : "";
    try {
      history.replaceState(null, "", location.pathname + search + location.hash);
    } catch (err) { /* ignore: the page still works without it */ }
  }

  var timer = null;
  function searchNow() {
    clearTimeout(timer);
    timer = null;
    run(input.value);
    updateAddress(input.value);
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(searchNow, DEBOUNCE_MS);
  });
  if (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      searchNow();
    });
  }

  // Keyboard: input -> first link; links move up/down; Escape -> input.
  function resultLinks() {
    return Array.prototype.slice.call(list.querySelectorAll("a.search-result"));
  }
  input.addEventListener("keydown", function (event) {
    if (event.key !== "ArrowDown") return;
    var links = resultLinks();
    if (links.length === 0) return;
    event.preventDefault();
    links[0].focus();
  });
  list.addEventListener("keydown", function (event) {
    var links = resultLinks();
    var i = links.indexOf(event.target);
    if (i < 0) return;
    var next = null;
    if (event.key === "ArrowDown") next = links[Math.min(i + 1, links.length - 1)];
    else if (event.key === "ArrowUp") next = i === 0 ? input : links[i - 1];
    else if (event.key === "Escape") next = input;
    if (!next) return;
    event.preventDefault();
    next.focus();
  });

  var params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  function restore(select) {
    var v = select && params.get(select.name);
    if (v && Array.prototype.some.call(select.options, function (o) { return o.value === v; })) select.value = v;
  }
  restore(kindSelect);
  restore(fwSelect);
  fillLevels();
  restore(levelSelect);
  if (filters) filters.hidden = false;
  [kindSelect, fwSelect, levelSelect].forEach(function (select) {
    if (!select) return;
    select.addEventListener("change", function () {
      if (select === fwSelect) fillLevels();
      searchNow();
    });
  });
  run(input.value);
  // Arriving with a query (from the header's box on another page), the
  // reader wants the results: the focus goes to them, the box keeps the
  // query. Arriving without one, the box has the focus.
  if (input.value.trim() && list.firstChild) {
    list.setAttribute("tabindex", "-1");
    list.focus();
  } else if (!input.value.trim()) {
    input.focus();
  }
}());
