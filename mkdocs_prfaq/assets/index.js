/* mkdocs-prfaq: filters for the proposals index. No framework, no network.
   Without this script the index is the complete grouped list; with it, status chips, owner,
   tag, free text and sort filter the rows, and the state lives in the URL query string
   (?status=draft,in-review&owner=Ana&tag=ml&text=search&sort=title; sort=days: longest in its status
   first, where the site has a status history), so a view can be shared,
   bookmarked, reloaded, and walked with back/forward. */
(function () {
  "use strict";

  var KEYS = ["status", "owner", "tag", "q", "sort"];
  // the text filter is "text" in the address: the mkdocs theme's search (and Material's shared
  // searches) read "q" and would open their own search dialog over the index
  var PARAMS = {status: "status", owner: "owner", tag: "tag", q: "text", sort: "sort"};

  function text(el) { return el ? el.textContent : ""; }

  function setup(root) {
    if (root.getAttribute("data-prfaq-ready")) return;
    root.setAttribute("data-prfaq-ready", "1");
    var form = root.querySelector(".prfaq-filters");
    if (!form) return;
    var results = form.querySelector(".prfaq-results");
    var total = 0;

    var groups = Array.prototype.map.call(root.querySelectorAll(".prfaq-group"), function (g) {
      var chunks = Array.prototype.map.call(g.querySelectorAll("tbody"), function (tbody) {
        return { el: tbody.closest(".prfaq-chunk") || tbody, tbody: tbody, size: tbody.rows.length, shownRows: -1,
                 lazy: tbody.closest(".prfaq-chunk--lazy") !== null };
      });
      var rows = Array.prototype.map.call(g.querySelectorAll("tbody > tr"), function (tr, i) {
        var c = tr.cells, a = c[0].querySelector("a");
        var href = a ? a.getAttribute("href") : "";
        var id = tr.getAttribute("data-id") ||
          href.replace(/\/$/, "").replace(/\.html$/, "").split("/").pop();
        // cells: proposal (title, subtitle), owner, created, updated, launch, tags
        var tags = Array.prototype.map.call(c[5].querySelectorAll("i"), text);
        total += 1;
        return {
          el: tr, index: i, shown: true,
          title: text(a).toLowerCase(),
          haystack: (text(c[0]) + " " + id).toLowerCase(),
          owner: text(c[1]), created: text(c[2]), updated: text(c[3]) || text(c[2]),
          launch: text(c[4]), tags: tags,
          days: c[6] && c[6].hasAttribute("data-days") ? +c[6].getAttribute("data-days") : -1
        };
      });
      return {
        el: g, status: g.getAttribute("data-status"), chunks: chunks,
        count: g.querySelector(".prfaq-count"), rows: rows, closed: !g.hasAttribute("open"), sort: "updated"
      };
    });

    function read(search) {
      var params = new URLSearchParams(search);
      var state = {};
      KEYS.forEach(function (k) { state[k] = params.get(PARAMS[k]) || ""; });
      state.statuses = state.status ? state.status.split(",") : [];
      return state;
    }

    function fromForm() {
      var statuses = Array.prototype.filter.call(form.querySelectorAll("input[name=status]"), function (i) {
        return i.checked;
      }).map(function (i) { return i.value; });
      return {
        status: statuses.join(","), statuses: statuses,
        owner: form.elements.owner.value, tag: form.elements.tag.value,
        q: form.elements.q.value.trim(), sort: form.elements.sort.value === "updated" ? "" : form.elements.sort.value
      };
    }

    function toForm(state) {
      Array.prototype.forEach.call(form.querySelectorAll("input[name=status]"), function (i) {
        i.checked = state.statuses.indexOf(i.value) >= 0;
      });
      form.elements.owner.value = state.owner;
      form.elements.tag.value = state.tag;
      form.elements.q.value = state.q;
      form.elements.sort.value = state.sort || "updated";
    }

    function query(state) {
      var params = new URLSearchParams();
      KEYS.forEach(function (k) { if (state[k]) params.set(PARAMS[k], state[k]); });
      var s = params.toString().replace(/%2C/g, ",");
      return s ? "?" + s : "";
    }

    function sortRows(group, key) {
      if (group.sort === key) return;
      group.sort = key;
      var rows = group.rows.slice();
      if (key === "title") {
        rows.sort(function (a, b) { return a.title < b.title ? -1 : a.title > b.title ? 1 : a.index - b.index; });
      } else if (key === "days") {  // longest in its status first
        rows.sort(function (a, b) { return a.days === b.days ? a.index - b.index : b.days - a.days; });
      } else if (key === "created" || key === "launch") {
        rows.sort(function (a, b) {
          return a[key] === b[key] ? a.index - b.index : (a[key] < b[key] ? 1 : -1);
        });
      } else {
        rows.sort(function (a, b) { return a.index - b.index; });  // the server's order: newest first
      }
      // refill the chunks in the new order, each with as many rows as it had
      var next = 0;
      group.chunks.forEach(function (chunk) {
        var fragment = document.createDocumentFragment();
        rows.slice(next, next + chunk.size).forEach(function (r) { fragment.appendChild(r.el); });
        next += chunk.size;
        chunk.tbody.appendChild(fragment);
      });
    }

    function apply(state) {
      var words = state.q.toLowerCase().split(/\s+/).filter(Boolean);
      var filtering = state.statuses.length || state.owner || state.tag || words.length;
      var shown = 0;
      groups.forEach(function (g) {
        sortRows(g, state.sort || "updated");
        var wanted = !state.statuses.length || state.statuses.indexOf(g.status) >= 0;
        var visible = 0;
        g.rows.forEach(function (r) {
          var ok = wanted && (!state.owner || r.owner === state.owner) &&
            (!state.tag || r.tags.indexOf(state.tag) >= 0);
          for (var i = 0; ok && i < words.length; i++) ok = r.haystack.indexOf(words[i]) >= 0;
          if (ok !== r.shown) { r.el.hidden = !ok; r.shown = ok; }
          if (ok) visible += 1;
        });
        g.el.hidden = visible === 0;
        g.chunks.forEach(function (chunk, n) {
          var shownRows = 0;
          for (var i = 0; i < chunk.tbody.rows.length; i++) if (!chunk.tbody.rows[i].hidden) shownRows += 1;
          if (n > 0 && chunk.el.hidden === (shownRows > 0)) chunk.el.hidden = !shownRows;  // the first keeps the header
          // the height an off-screen chunk reserves is that of the rows it shows
          if (chunk.lazy && chunk.shownRows !== shownRows) {
            chunk.el.style.setProperty("--prfaq-rows", shownRows);
            chunk.shownRows = shownRows;
          }
        });
        if (g.count) g.count.textContent = filtering ? visible + "/" + g.rows.length : String(g.rows.length);
        if (g.closed) {
          if (filtering && visible) g.el.setAttribute("open", "");
          else if (!filtering) g.el.removeAttribute("open");
        }
        shown += visible;
      });
      if (results) {
        results.textContent = shown === 0 ? results.getAttribute("data-none") :
          filtering ? results.getAttribute("data-of").replace("{shown}", shown).replace("{total}", total) : "";
      }
    }

    function update(push) {
      var state = fromForm();
      apply(state);
      var url = location.pathname + query(state) + location.hash;
      if (url === location.pathname + location.search + location.hash) return;
      if (push) history.pushState({ prfaq: true }, "", url);
      else history.replaceState({ prfaq: true }, "", url);
    }

    form.addEventListener("change", function (e) { if (e.target.name !== "q") update(true); });
    form.addEventListener("input", function (e) { if (e.target.name === "q") update(false); });
    form.addEventListener("submit", function (e) { e.preventDefault(); update(true); });
    window.addEventListener("popstate", function () {
      var state = read(location.search);
      toForm(state);
      apply(state);
    });

    var initial = read(location.search);
    toForm(initial);
    apply(initial);
    form.hidden = false;
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-prfaq-index]"), setup);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);  // Material's instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
