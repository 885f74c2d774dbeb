// crosswalk serve: live reload. Added to every page by the preview server
// only (never to the built files). It reloads the page after each good
// build and shows the errors of a failed build over the page.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !window.EventSource || !window.URL) {
    return;
  }
  var base = script.src; // .../__crosswalk/reload.js
  var OVERLAY_ID = "crosswalk-error-overlay";

  function hide() {
    var old = document.getElementById(OVERLAY_ID);
    if (old) {
      old.remove();
    }
  }

  function show(errors) {
    hide();
    var box = document.createElement("div");
    box.id = OVERLAY_ID;
    box.setAttribute("role", "alert");
    var st = box.style;
    st.position = "fixed";
    st.left = "1rem";
    st.right = "1rem";
    st.bottom = "1rem";
    st.maxHeight = "60vh";
    st.overflow = "auto";
    st.zIndex = "2147483647";
    st.padding = "1rem 1.25rem";
    st.background = "#fff5f5";
    st.color = "#1a1a1a";
    st.border = "2px solid #b00020";
    st.borderRadius = "6px";
    st.boxShadow = "0 4px 16px rgba(0, 0, 0, 0.3)";
    st.font = "14px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace";
    st.textAlign = "left";

    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "\u00d7";
    close.setAttribute("aria-label", "Close");
    close.style.cssFloat = "right";
    close.style.font = "inherit";
    close.style.fontSize = "1.25rem";
    close.style.lineHeight = "1";
    close.style.cursor = "pointer";
    close.style.background = "transparent";
    close.style.color = "inherit";
    close.style.border = "0";
    close.addEventListener("click", hide);
    box.appendChild(close);

    var title = document.createElement("strong");
    title.textContent = "crosswalk: the build failed. Fix these and the page reloads:";
    box.appendChild(title);

    var list = document.createElement("ul");
    list.style.margin = "0.5rem 0 0";
    list.style.paddingLeft = "1.25rem";
    (errors || []).forEach(function (e) {
      var item = document.createElement("li");
      item.textContent = String(e);
      item.style.whiteSpace = "pre-wrap";
      list.appendChild(item);
    });
    box.appendChild(list);
    (document.body || document.documentElement).appendChild(box);
  }

  var events = new EventSource(new URL("events", base).href);
  events.addEventListener("reload", function () {
    events.close();
    window.location.reload();
  });
  // The server's "error" events carry data; EventSource's own "error"
  // (a lost connection, which it retries by itself) does not.
  events.addEventListener("error", function (ev) {
    if (typeof ev.data !== "string") {
      return;
    }
    try {
      show(JSON.parse(ev.data).errors);
    } catch (e) {
      show([ev.data]);
    }
  });
  window.addEventListener("pagehide", function () {
    events.close();
  });
  // A page restored from the back/forward cache has no event stream and
  // may be stale.
  window.addEventListener("pageshow", function (ev) {
    if (ev.persisted) {
      window.location.reload();
    }
  });

  if (window.fetch) {
    fetch(new URL("status", base).href, { cache: "no-store" })
      .then(function (r) {
        return r.json();
      })
      .then(function (st) {
        if (st && st.ok === false) {
          show(st.errors);
        }
      })
      .catch(function () {});
  }
})();
