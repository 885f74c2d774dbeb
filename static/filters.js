/*
 * filters.js — progressive-enhancement filters for mapping tables.
 *
 * Without JavaScript the full table shows. With it, every
 * <table class="mappings" data-filterable> gets a row of <select>s above it.
 *
 * DOM contract:
 *   <div class="table-scroll">                       (optional wrapper)
 *   <script type="application/json" class="table-levels">   (optional)
 *     {"source": [{"name": "AI Verify principle",
 *                  "options": [{"o": 12, "s": "fairness", "l": "7 Fairness"}, …]},
 *                 {"name": "AI Verify outcome", "options": […]}],
 *      "target": […]}</script>
 *   <table data-filterable>
 *     <tbody><tr data-relationship="intersects-with" data-basis="statement-matching"
 *                data-source-path="12 13" data-target-path="40 52">…</tr>
 *
 * A row's data-<attr>-label, when it has one, names its value in the
 * filter ("unstated" is "not stated"); without one the value is shown.
 *
 * A row's path lists the Order of each element from the framework's root
 * down to the row's element; the levels script names them once for the
 * whole table, level by level in framework order.
 *
 * Inserted before the wrapper (or the table when there is none):
 *   <div class="table-filters" role="group" aria-label="Filter the mappings">
 *     <label for="mapping-filter-0-text">Text</label><input type="search" …>
 *     <label for="mapping-filter-0-relationship">Relationship</label>
 *     <select id="mapping-filter-0-relationship" data-filter="relationship">
 *       <option value="">All</option>…</select>
 *     … one label + select per attribute with at least two distinct values,
 *     then one per level of each side with at least two elements
 *     (data-filter="source-1", "source-2", …, valued by slug) …
 *     <button type="button">Reset</button>
 *     <p class="filter-count" role="status" aria-live="polite">Showing 77 of 77 mappings</p>
 *   </div>
 * Attribute options keep the order in which values first appear; their
 * text comes from data-<attribute>-label when present. A level's options
 * are in framework order and narrow to what lies within the levels above
 * it that are chosen. Rows that do not match every chosen value get
 * row.hidden = true.
 *
 * Besides the selects, every such table gets:
 *   - a text filter (<input type="search">): rows whose text holds every word;
 *   - sorting: each column heading becomes a button; a click sorts the rows
 *     by that column (numbers as numbers, "GOVERN 10" after "GOVERN 9"), a
 *     second click reverses, a third restores the file's order; aria-sort
 *     says which;
 *   - the state in the address's fragment, "#t<n>:q=…&relationship=…&sort=2",
 *     so that a filtered view can be bookmarked and shared; a fragment that
 *     is not one of these (an anchor) is left alone;
 *   - the caption says how many rows show;
 *   - "Download these rows (CSV)": the rows shown, as a CSV file made in the
 *     page (a Blob), which works from file:// too.
 */
(function () {
  "use strict";

  // The filterable row attributes (data-*) and how to label their select.
  var attributeSpecs = [
    { attr: "relationship", label: "Relationship" },
    { attr: "basis", label: "Basis" }
  ];
  var sides = ["source", "target"];

  // The table's levels script, or no levels.
  function readLevels(table) {
    var script = table.previousElementSibling;
    if (!script || !script.classList.contains("table-levels")) return {};
    try { return JSON.parse(script.textContent) || {}; } catch (err) { return {}; }
  }

  function bodyRows(table) {
    var rows = [];
    Array.prototype.forEach.call(table.tBodies, function (tbody) {
      Array.prototype.forEach.call(tbody.rows, function (row) { rows.push(row); });
    });
    return rows;
  }

  // Distinct values of data-<attr>, in order of first appearance, with labels.
  function distinctValues(rows, attr) {
    var seen = new Map();
    rows.forEach(function (row) {
      var value = row.getAttribute("data-" + attr);
      if (value === null || value === "" || seen.has(value)) return;
      seen.set(value, row.getAttribute("data-" + attr + "-label") || value);
    });
    return Array.from(seen, function (entry) { return { value: entry[0], label: entry[1] }; });
  }

  // setOptions makes values (with "All" first) the select's options.
  function setOptions(select, values) {
    while (select.options.length) select.remove(0);
    var all = document.createElement("option");
    all.value = "";
    all.textContent = "All";
    select.appendChild(all);
    values.forEach(function (v) {
      var option = document.createElement("option");
      option.value = v.value;
      option.textContent = v.label;
      select.appendChild(option);
    });
  }

  function buildSelect(id, attr, values) {
    var select = document.createElement("select");
    select.id = id;
    select.setAttribute("data-filter", attr);
    select.setAttribute("autocomplete", "off"); // no stale values restored on Back
    setOptions(select, values);
    return select;
  }

  // Cell text for sorting, download and the text filter.
  function cellText(cell) { return (cell ? cell.textContent : "").replace(/\s+/g, " ").trim(); }

  var collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

  // A CSV field: quoted when it must be, and with a ' before a leading
  // =, +, -, @ so that no spreadsheet runs it (as the site's CSV does).
  function csvField(s) {
    if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
    return /[",\n\r]|^\s|\s$/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  function readState(key) {
    var h = decodeURIComponent(location.hash.slice(1));
    if (h.indexOf(key + ":") !== 0) return null;
    return new URLSearchParams(h.slice(key.length + 1));
  }

  function enhance(table, tableIndex) {
    var rows = bodyRows(table);
    var original = rows.slice();
    var key = "t" + tableIndex;
    var selects = [];
    var bar = document.createElement("div");
    bar.className = "table-filters";
    bar.setAttribute("role", "group");
    bar.setAttribute("aria-label", "Filter the mappings");

    function addSelect(attr, text, values) {
      var id = "mapping-filter-" + tableIndex + "-" + attr;
      var label = document.createElement("label");
      label.htmlFor = id;
      label.textContent = text;
      var select = buildSelect(id, attr, values);
      bar.appendChild(label);
      bar.appendChild(select);
      selects.push(select);
      return select;
    }
    // What a select matches a row by: its attribute, or for a level
    // filter the slug at its depth on the row's path.
    var valueOf = {};
    attributeSpecs.forEach(function (spec) {
      var values = distinctValues(rows, spec.attr);
      if (values.length < 2) return;
      addSelect(spec.attr, spec.label, values);
      valueOf[spec.attr] = function (row) { return row.getAttribute("data-" + spec.attr); };
    });

    // Level filters: the rows' paths as slugs, then a select per level.
    var levels = readLevels(table);
    var levelSelects = { source: [], target: [] };
    sides.forEach(function (side) {
      var slugOf = new Map();
      (levels[side] || []).forEach(function (level) {
        level.options.forEach(function (o) { slugOf.set(String(o.o), o.s); });
      });
      var paths = new Map();
      rows.forEach(function (row) {
        var path = (row.getAttribute("data-" + side + "-path") || "").split(" ");
        paths.set(row, path.map(function (o) { return slugOf.get(o) || ""; }));
      });
      (levels[side] || []).forEach(function (level, depth) {
        if (level.options.length < 2) return;
        var values = level.options.map(function (o) { return { value: o.s, label: o.l }; });
        var attr = side + "-" + (depth + 1);
        var select = addSelect(attr, level.name, values);
        valueOf[attr] = function (row) { return paths.get(row)[depth]; };
        levelSelects[side].push({ select: select, depth: depth, values: values,
          offered: values.map(function (v) { return v.value; }).join(" ") });
      });
    });

    // narrowLevels offers, at each level, only the elements within the
    // levels above it that are chosen, and drops a choice that is no
    // longer on offer.
    function narrowLevels() {
      sides.forEach(function (side) {
        var above = [];
        levelSelects[side].forEach(function (ls) {
          var present = new Set();
          rows.forEach(function (row) {
            if (above.every(function (a) { return valueOf[a.getAttribute("data-filter")](row) === a.value; })) {
              present.add(valueOf[ls.select.getAttribute("data-filter")](row));
            }
          });
          var offered = ls.values.filter(function (v) { return present.has(v.value); });
          var key = offered.map(function (v) { return v.value; }).join(" ");
          if (key !== ls.offered) {
            var value = ls.select.value;
            setOptions(ls.select, offered);
            ls.select.value = present.has(value) ? value : "";
            ls.offered = key;
          }
          if (ls.select.value) above.push(ls.select);
        });
      });
    }
    var textId = "mapping-filter-" + tableIndex + "-text";
    var textLabel = document.createElement("label");
    textLabel.htmlFor = textId;
    textLabel.textContent = "Text";
    var text = document.createElement("input");
    text.type = "search";
    text.id = textId;
    text.setAttribute("autocomplete", "off");
    text.placeholder = "Filter rows";
    bar.insertBefore(text, bar.firstChild);
    bar.insertBefore(textLabel, text);

    // Sorting: a button in each column heading.
    var heads = table.tHead ? Array.prototype.slice.call(table.tHead.rows[0].cells) : [];
    var sortCol = -1, sortDir = 0; // 0: the file's order
    heads.forEach(function (th, i) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "sort";
      while (th.firstChild) b.appendChild(th.firstChild);
      th.appendChild(b);
      b.addEventListener("click", function () {
        if (sortCol !== i) { sortCol = i; sortDir = 1; } else { sortDir = sortDir === 1 ? -1 : 0; }
        if (sortDir === 0) sortCol = -1;
        apply();
      });
    });
    function sortRows() {
      heads.forEach(function (th, i) {
        if (i === sortCol) th.setAttribute("aria-sort", sortDir > 0 ? "ascending" : "descending");
        else th.removeAttribute("aria-sort");
      });
      var order = original.slice();
      if (sortCol >= 0) {
        order.sort(function (a, b) {
          return sortDir * collator.compare(cellText(a.cells[sortCol]), cellText(b.cells[sortCol])) ||
            original.indexOf(a) - original.indexOf(b);
        });
      }
      var tbody = table.tBodies[0];
      order.forEach(function (row) { tbody.appendChild(row); });
      rows = order;
    }

    var download = document.createElement("button");
    download.type = "button";
    download.textContent = "Download these rows (CSV)";
    download.addEventListener("click", function () {
      var lines = [heads.map(function (th) { return csvField(cellText(th)); }).join(",")];
      rows.forEach(function (row) {
        if (row.hidden) return;
        lines.push(Array.prototype.map.call(row.cells, function (c) { return csvField(cellText(c)); }).join(","));
      });
      var blob = new Blob([lines.join("\n") + "\n"], { type: "text/csv;charset=utf-8" });
      var a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = (document.title.replace(/[^\w.-]+/g, "-").replace(/^-+|-+$/g, "") || "rows") + ".csv";
      document.body.appendChild(a);
      a.click();
      setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
    });

    var caption = table.caption;
    var captionText = caption ? caption.textContent : "";

    var reset = document.createElement("button");
    reset.type = "button";
    reset.textContent = "Reset";
    bar.appendChild(reset);
    bar.appendChild(download);

    var count = document.createElement("p");
    count.className = "filter-count";
    count.setAttribute("role", "status");
    count.setAttribute("aria-live", "polite");
    bar.appendChild(count);

    function writeState() {
      var p = new URLSearchParams();
      if (text.value.trim()) p.set("q", text.value.trim());
      selects.forEach(function (select) { if (select.value) p.set(select.getAttribute("data-filter"), select.value); });
      if (sortCol >= 0) p.set("sort", String((sortCol + 1) * sortDir));
      var h = p.toString();
      var own = readState(key) !== null;
      if (!h && !own) return; // leave an anchor alone
      try {
        history.replaceState(null, "", location.pathname + location.search + (h ? "#" + key + ":" + h : ""));
      } catch (err) { /* some file:// contexts refuse; the view still works */ }
    }

    function apply() {
      narrowLevels();
      sortRows();
      var words = text.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row) {
        var rowText = words.length ? row.textContent.toLowerCase() : "";
        var match = selects.every(function (select) {
          return select.value === "" || valueOf[select.getAttribute("data-filter")](row) === select.value;
        }) && words.every(function (w) { return rowText.indexOf(w) >= 0; });
        row.hidden = !match;
        if (match) shown++;
      });
      var noun = rows.length === 1 ? " mapping" : " mappings";
      count.textContent = "Showing " + shown + " of " + rows.length + noun;
      if (caption) caption.textContent = captionText + (shown < rows.length ? " (showing " + shown + " of " + rows.length + ")" : "");
      writeState();
    }

    var state = readState(key);
    if (state) {
      text.value = state.get("q") || "";
      selects.forEach(function (select) {
        var v = state.get(select.getAttribute("data-filter"));
        if (v !== null && Array.prototype.some.call(select.options, function (o) { return o.value === v; })) select.value = v;
      });
      var sort = parseInt(state.get("sort") || "0", 10);
      if (sort && Math.abs(sort) <= heads.length) { sortCol = Math.abs(sort) - 1; sortDir = sort > 0 ? 1 : -1; }
    }

    var timer = null;
    text.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(apply, 120); });
    selects.forEach(function (select) { select.addEventListener("change", apply); });
    reset.addEventListener("click", function () {
      selects.forEach(function (select) { select.value = ""; });
      text.value = "";
      sortCol = -1; sortDir = 0;
      apply();
    });

    var parent = table.parentElement;
    var anchor = parent && parent.classList.contains("table-scroll") ? parent : table;
    anchor.parentNode.insertBefore(bar, anchor);
    apply();
  }

  function init() {
    var tables = document.querySelectorAll("table[data-filterable]");
    Array.prototype.forEach.call(tables, enhance);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
}());
