/* fonds: the search page of a large catalogue. The index is in bundles (pagefind/, pagefind-1/,
   ...; site/search_index.py): one bundle answers first (the first, or the one a typed record id
   falls in), its results are shown, then the other bundles are merged one by one and the list is updated as they answer. Filter files are
   loaded only when the filter panel is opened. Every value goes in as text (textContent),
   never as HTML; links are made relative to the page, so the site works under any base URL. */
(function () {
  "use strict";
  var box = document.querySelector("[data-fonds-search]");
  if (!box) { return; }
  var config = JSON.parse(box.getAttribute("data-fonds-search"));
  var input = box.querySelector("input[type=search]");
  var status = box.querySelector(".fonds-search-status");
  var list = box.querySelector(".fonds-search-results");
  var more = box.querySelector(".fonds-search-more");
  var panel = box.querySelector(".fonds-search-filters");
  var filterList = box.querySelector(".fonds-search-filter-list");
  var FILTERS = ["class", "format", "status", "year"];
  var LABELS = { "class": "Class", "format": "Format", "status": "Status", "year": "Year created" };
  var PAGE = 10;
  var EXCERPT = 30;
  var bundles = config.bundles;
  var root = new URL(config.root || "./", document.baseURI);
  var pagefind = null;
  var merged = 1;
  var merging = null;
  var latest = 0;
  var timer = null;
  var results = [];
  var shown = 0;

  function say(text) { status.textContent = text; }

  if (location.protocol === "file:") {
    input.disabled = true;
    say("Search needs the site to be served over the web (http or https): a browser does not let " +
        "a page opened from a file read the search index. The indexes list every record.");
    return;
  }

  /* The bundles in the order they are searched: first the one a typed record id (one word
     with a digit in it) falls in (bundles hold records sorted by address, config.starts is
     the first of each), then the others. Any bundle can come first: each has all of Pagefind. */
  var order = bundles.map(function (b, k) { return k; });
  function route(term) {
    var starts = config.starts || [];
    if (!/\d/.test(term) || /\s/.test(term) || starts.length !== bundles.length) { return; }
    var key = ("records/" + term + "/").toUpperCase();
    var first = 0;
    starts.forEach(function (start, k) { if (start && start.toUpperCase() <= key) { first = k; } });
    order = [first].concat(order.filter(function (k) { return k !== first; }));
  }

  function load() {
    if (!pagefind) {
      route(input.value.trim());
      pagefind = import(new URL(bundles[order[0]] + "pagefind.js", document.baseURI).href).then(function (pf) {
        return Promise.resolve(pf.options({ excerptLength: EXCERPT })).then(function () {
          return pf.init();
        }).then(function () { return pf; });
      });
    }
    return pagefind;
  }

  function mergeAll(pf) {
    if (!merging) {
      merging = order.slice(1).reduce(function (done, k) {
        return done.then(function () {
          return pf.mergeIndex(new URL(bundles[k], document.baseURI).href, {});
        }).then(function () {
          merged += 1;
          if (query().active) { search(0); }
        });
      }, Promise.resolve());
    }
    return merging;
  }

  function chosen() {
    var filters = {};
    Array.prototype.forEach.call(box.querySelectorAll(".fonds-search-filter-list input:checked"), function (c) {
      var name = c.getAttribute("data-filter");
      (filters[name] = filters[name] || { any: [] }).any.push(c.value);
    });
    return filters;
  }

  function query() {
    var term = input.value.trim();
    var filters = chosen();
    return { term: term || null, filters: filters, active: term !== "" || Object.keys(filters).length > 0 };
  }

  function search(delay) {
    var mine = ++latest;
    clearTimeout(timer);
    var q = query();
    if (!q.active) {
      list.textContent = "";
      more.hidden = true;
      say("Type a word to search the catalogue.");
      return;
    }
    timer = setTimeout(function () {
      if (merged === 1 && !results.length) { say("Searching\u2026"); }
      var complete = merged === bundles.length;
      load().then(function (pf) {
        return pf.search(q.term, { filters: q.filters }).then(function (found) {
          if (mine !== latest) { return null; }
          results = found.results;
          shown = 0;
          return show(PAGE, mine, true).then(function () {
            if (mine !== latest) { return; }
            report(complete);
            if (!complete) { mergeAll(pf); }
          });
        });
      }).catch(function (error) {
        say("The search could not be loaded (" + String(error && error.message || error) + ").");
      });
    }, delay);
  }

  function report(complete) {
    var n = results.length;
    var text = n === 0 ? "No record found" : n === 1 ? "1 record found" : n + " records found";
    if (!complete) {
      say(text + " so far; searching more of the catalogue\u2026 (" + merged + " of " + bundles.length + " parts)");
    } else {
      say(text + (n === 0 ? ": try another word, or fewer filters." : "."));
    }
  }

  /* The next results, put in once their fragments are loaded (fresh: in place of the
     list shown, which stays on the screen until then). */
  function show(count, mine, fresh) {
    var next = results.slice(shown, shown + count);
    shown += next.length;
    return Promise.all(next.map(function (r) { return r.data(); })).then(function (pages) {
      if (mine !== latest) { return; }
      if (fresh) { list.textContent = ""; }
      more.hidden = shown >= results.length;
      pages.forEach(function (page) { list.appendChild(item(page)); });
    });
  }

  function item(page) {
    var li = document.createElement("li");
    var a = document.createElement("a");
    a.href = new URL(String(page.raw_url || page.url).replace(/^\/+/, ""), root).href;
    a.textContent = (page.meta && page.meta.title) || page.raw_url || page.url;
    a.className = "fonds-search-title";
    var p = document.createElement("p");
    p.className = "fonds-search-excerpt";
    excerpt(p, page.content || "", page.locations || [], a.textContent);
    li.appendChild(a);
    li.appendChild(p);
    return li;
  }

  /* The excerpt made here from the plain text, the matched words in <mark>: Pagefind's own
     excerpt is HTML, and nothing from the index is ever parsed as HTML. The text starts with
     the title (the link above it): the excerpt starts after it. */
  function excerpt(p, content, locations, title) {
    var words = content.split(/[\r\n\s]+/g);
    var skip = content.indexOf(title) === 0 ? title.split(/[\r\n\s]+/g).length : 0;
    words = words.slice(skip);
    locations = locations.map(function (l) { return l - skip; }).filter(function (l) { return l >= 0; });
    var first = locations.length ? Math.min.apply(null, locations) : 0;
    var start = Math.max(0, Math.min(first - 8, words.length - EXCERPT));
    var marked = {};
    locations.forEach(function (l) { marked[l] = true; });
    if (start > 0) { p.appendChild(document.createTextNode("\u2026 ")); }
    for (var i = start; i < Math.min(words.length, start + EXCERPT); i += 1) {
      if (i > start) { p.appendChild(document.createTextNode(" ")); }
      if (marked[i]) {
        var mark = document.createElement("mark");
        mark.textContent = words[i];
        p.appendChild(mark);
      } else {
        p.appendChild(document.createTextNode(words[i]));
      }
    }
    if (start + EXCERPT < words.length) { p.appendChild(document.createTextNode(" \u2026")); }
  }

  function loadFilters() {
    filterList.textContent = "";
    filterList.appendChild(document.createTextNode("Loading the filters\u2026"));
    load().then(function (pf) {
      return mergeAll(pf).then(function () { return pf.filters(); });
    }).then(function (filters) {
      filterList.textContent = "";
      FILTERS.forEach(function (name) {
        var values = Object.keys(filters[name] || {}).sort(function (a, b) {
          return a.localeCompare(b, undefined, { numeric: true, sensitivity: "base" });
        });
        if (!values.length) { return; }
        var set = document.createElement("fieldset");
        var legend = document.createElement("legend");
        legend.textContent = LABELS[name];
        set.appendChild(legend);
        values.forEach(function (value) {
          var label = document.createElement("label");
          var check = document.createElement("input");
          check.type = "checkbox";
          check.value = value;
          check.setAttribute("data-filter", name);
          check.addEventListener("change", function () { search(0); });
          label.appendChild(check);
          label.appendChild(document.createTextNode(" " + value + " (" + filters[name][value] + ")"));
          set.appendChild(label);
        });
        filterList.appendChild(set);
      });
    }).catch(function (error) {
      filterList.textContent = "The filters could not be loaded (" + String(error && error.message || error) + ").";
    });
  }

  input.addEventListener("input", function () { search(200); });
  box.querySelector("form").addEventListener("submit", function (event) { event.preventDefault(); search(0); });
  more.addEventListener("click", function () { show(PAGE, latest); });
  panel.addEventListener("toggle", function () {
    if (panel.open && !panel.hasAttribute("data-loaded")) {
      panel.setAttribute("data-loaded", "");
      loadFilters();
    }
  });
  var asked = new URLSearchParams(location.search).get("q");
  if (asked) {
    input.value = asked;
    search(0);
  }
}());
