/*
 * filters.js — progressive-enhancement filters for mapping tables.
 *
 * Without JavaScript the full table shows. With it, every
 * <table class="mappings" data-filterable> gets a row of <select>s above it.
 *
 * DOM contract:
 *   <div class="table-scroll">                       (optional wrapper)
 *   <table data-filterable
 *          data-source-name="AI Verify principle"     label of the source-root filter
 *          data-target-name="NIST AI RMF function">   label of the target-root filter
 *     <tbody><tr data-relationship="intersects-with" data-basis="statement-matching"
 *                data-source-root="fairness" data-source-root-label="7 Fairness"
 *                data-target-root="MEASURE" data-target-root-label="MEASURE">…</tr>
 *
 * Inserted before the wrapper (or the table when there is none):
 *   <div class="table-filters" role="group" aria-label="Filter the mappings">
 *     <label for="mapping-filter-0-relationship">Relationship</label>
 *     <select id="mapping-filter-0-relationship" data-filter="relationship">
 *       <option value="">All</option>…</select>
 *     … one label + select per attribute with at least two distinct values …
 *     <button type="button">Reset</button>
 *     <p class="filter-count" role="status" aria-live="polite">Showing 77 of 77 mappings</p>
 *   </div>
 * Options keep the order in which values first appear; their text comes from
 * data-<attribute>-label when present. Rows that do not match every chosen
 * value get row.hidden = true. A table with nothing to filter is left alone.
 */
(function () {
  "use strict";

  // The filterable row attributes (data-*) and how to label their select.
  function filterSpecs(table) {
    return [
      { attr: "relationship", label: "Relationship" },
      { attr: "basis", label: "Basis" },
      { attr: "source-root", label: table.getAttribute("data-source-name") || "Source" },
      { attr: "target-root", label: table.getAttribute("data-target-name") || "Target" }
    ];
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

  function buildSelect(id, spec, values) {
    var select = document.createElement("select");
    select.id = id;
    select.setAttribute("data-filter", spec.attr);
    select.setAttribute("autocomplete", "off"); // no stale values restored on Back
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
    return select;
  }

  function enhance(table, tableIndex) {
    var rows = bodyRows(table);
    var selects = [];
    var bar = document.createElement("div");
    bar.className = "table-filters";
    bar.setAttribute("role", "group");
    bar.setAttribute("aria-label", "Filter the mappings");

    filterSpecs(table).forEach(function (spec) {
      var values = distinctValues(rows, spec.attr);
      if (values.length < 2) return;
      var id = "mapping-filter-" + tableIndex + "-" + spec.attr;
      var label = document.createElement("label");
      label.htmlFor = id;
      label.textContent = spec.label;
      var select = buildSelect(id, spec, values);
      bar.appendChild(label);
      bar.appendChild(select);
      selects.push(select);
    });
    if (selects.length === 0) return; // nothing worth filtering

    var reset = document.createElement("button");
    reset.type = "button";
    reset.textContent = "Reset";
    bar.appendChild(reset);

    var count = document.createElement("p");
    count.className = "filter-count";
    count.setAttribute("role", "status");
    count.setAttribute("aria-live", "polite");
    bar.appendChild(count);

    function apply() {
      var shown = 0;
      rows.forEach(function (row) {
        var match = selects.every(function (select) {
          return select.value === "" ||
            row.getAttribute("data-" + select.getAttribute("data-filter")) === select.value;
        });
        row.hidden = !match;
        if (match) shown++;
      });
      count.textContent = "Showing " + shown + " of " + rows.length +
        (rows.length === 1 ? " mapping" : " mappings");
    }

    selects.forEach(function (select) { select.addEventListener("change", apply); });
    reset.addEventListener("click", function () {
      selects.forEach(function (select) { select.value = ""; });
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
