// copylint's review page: filters, pages rendered when opened, decisions kept in localStorage
// and exported as CSV. Every string from the checked copy goes in as textContent, never as markup.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("report-data").textContent);
  var storeKey = "copylint-review:" + data.fingerprint;
  var DECISIONS = [
    ["", "not reviewed"],
    ["accept", "accept the rewrite"],
    ["keep", "keep, with reason"],
    ["false-alarm", "false alarm"],
  ];
  var reviews = load();
  var pagesEl = document.getElementById("pages");
  var byPage = data.pages.map(function () { return []; });
  data.findings.forEach(function (f) {
    var rule = data.rules[f.rule];
    f.category = rule.category;
    f.jurisdictions = rule.jurisdictions;
    f.where = f.where || "text";
    byPage[f.page].push(f);
  });

  function load() {
    try { return JSON.parse(localStorage.getItem(storeKey) || "{}"); } catch (e) { return {}; }
  }
  function save() {
    try { localStorage.setItem(storeKey, JSON.stringify(reviews)); } catch (e) { /* private mode */ }
  }
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else if (k === "class") node.className = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(c); });
    return node;
  }
  function option(select, value, label) { select.appendChild(el("option", { value: value, text: label })); }

  // --- filters -----------------------------------------------------------------------------
  var severityBoxes = {};
  var severityFilter = document.querySelector(".severity-filter");
  data.severities.forEach(function (s) {
    var box = el("input", { type: "checkbox", value: s, "data-severity": s });
    box.checked = true;
    severityBoxes[s] = box;
    severityFilter.appendChild(el("label", {}, [box, el("span", { class: "badge " + s, text: s })]));
  });
  var categorySelect = document.getElementById("filter-category");
  var jurisdictionSelect = document.getElementById("filter-jurisdiction");
  var pageSelect = document.getElementById("filter-page");
  var search = document.getElementById("search");
  Array.from(new Set(data.findings.map(function (f) { return f.category; }))).sort()
    .forEach(function (c) { option(categorySelect, c, c); });
  data.jurisdictions.forEach(function (j) { option(jurisdictionSelect, j, j.toUpperCase()); });
  data.pages.forEach(function (p, i) { option(pageSelect, String(i), p); });

  function matches(f) {
    if (!severityBoxes[f.severity].checked) return false;
    if (categorySelect.value && f.category !== categorySelect.value) return false;
    var j = jurisdictionSelect.value;
    if (j && f.jurisdictions.length && f.jurisdictions.indexOf(j) === -1) return false;
    if (pageSelect.value && String(f.page) !== pageSelect.value) return false;
    var words = search.value.trim().toLowerCase();
    if (words) {
      var hay = [f.text, f.sentence, f.rule, f.category, f.where, data.pages[f.page],
        data.strings[f.message]].join("\n").toLowerCase();
      if (hay.indexOf(words) === -1) return false;
    }
    return true;
  }

  // --- one finding ----------------------------------------------------------------------------
  function sentence(f, kind) {
    var p = el("p", { class: "sentence" });
    if (!f.span) {
      p.appendChild(document.createTextNode(f.sentence + " "));
      p.appendChild(el("mark", { class: "claim " + kind, text: f.text }));
    } else {
      p.appendChild(document.createTextNode(f.sentence.slice(0, f.span[0])));
      p.appendChild(el("mark", { class: "claim " + kind, text: f.sentence.slice(f.span[0], f.span[1]) }));
      p.appendChild(el("span", { class: "claim-label " + kind, text: kind }));
      p.appendChild(document.createTextNode(f.sentence.slice(f.span[1])));
    }
    return p;
  }
  function references(rule) {
    var refs = (data.rules[rule] || {}).references || [];
    if (!refs.length) return null;
    return el("ul", { class: "references" }, refs.map(function (r) {
      var link = r.url ? el("a", { href: r.url, rel: "noopener noreferrer", target: "_blank", text: r.title })
        : el("span", { text: r.title });
      return el("li", {}, [link]);
    }));
  }
  function reviewControls(f) {
    var current = reviews[f.id] || { decision: "", note: "" };
    var select = el("select", { "aria-label": "decision", class: "decision" });
    DECISIONS.forEach(function (d) { option(select, d[0], d[1]); });
    select.value = current.decision;
    var note = el("input", { type: "text", class: "note", "aria-label": "note",
      placeholder: "note (the reason, for keep)" });
    note.value = current.note;
    var decided = el("span", { class: "decided" });
    function update() {
      var label = DECISIONS.filter(function (d) { return d[0] === select.value; })[0][1];
      decided.textContent = "Decision: " + label + (note.value ? " — " + note.value : "");
      if (select.value || note.value) reviews[f.id] = { decision: select.value, note: note.value };
      else delete reviews[f.id];
      save();
    }
    select.addEventListener("change", update);
    note.addEventListener("input", update);
    update();
    return el("div", { class: "review" }, [el("span", { class: "label", text: "Review:" }), select, note, decided]);
  }
  function card(f) {
    var kind = f.suppressed_by ? "suppressed" : f.severity;
    var why = (data.rules[f.rule] || {}).why;
    var head = el("h3", {}, [
      el("span", { class: "badge " + kind, text: f.suppressed_by ? "suppressed" : f.severity }),
      el("code", { text: f.rule }),
      el("span", { class: "where", text: "line " + f.line + ", column " + f.column +
        (f.where !== "text" ? " · in " + f.where : "") +
        (f.jurisdictions.length ? " · " + f.jurisdictions.join("/").toUpperCase() + " law" : "") }),
    ]);
    var parts = [head, sentence(f, f.severity)];
    if (f.suppressed_by) {
      parts.push(el("p", { class: "reason", text: "Suppressed by " + f.suppressed_by.join(", ") +
        (f.reason ? ": " + f.reason : "") }));
    }
    parts.push(el("p", {}, [el("span", { class: "label", text: "Problem: " }),
      document.createTextNode(data.strings[f.message])]));
    if (why) parts.push(el("p", {}, [el("span", { class: "label", text: "Why: " }), document.createTextNode(why)]));
    if (f.suggestions.length) {
      parts.push(el("p", { class: "label", text: "Suggestions:" }));
      parts.push(el("ul", { class: "suggestions" }, f.suggestions.map(function (s) {
        return el("li", { text: data.strings[s] });
      })));
    }
    var refs = references(f.rule);
    if (refs) { parts.push(el("p", { class: "label", text: "References:" })); parts.push(refs); }
    if (!f.suppressed_by) parts.push(reviewControls(f));
    return el("article", { class: "finding " + kind, "data-id": f.id, "data-severity": f.severity }, parts);
  }

  // --- pages, rendered when opened ----------------------------------------------------------
  var shownPages = [];
  function renderBody(details) {
    details.dataset.rendered = "1";
    var body = details.querySelector(".page-body");
    body.textContent = "";
    var shown = byPage[Number(details.dataset.page)].filter(matches);
    var standing = shown.filter(function (f) { return !f.suppressed_by; });
    var parked = shown.filter(function (f) { return f.suppressed_by; });
    standing.forEach(function (f) { body.appendChild(card(f)); });
    if (parked.length) {
      var apart = el("details", { class: "suppressed-list" },
        [el("summary", { text: "Suppressed and baselined (" + parked.length + ")" })]);
      parked.forEach(function (f) { apart.appendChild(card(f)); });
      body.appendChild(apart);
    }
  }
  function pageSummary(index, shown) {
    var counts = {};
    shown.forEach(function (f) { var k = f.suppressed_by ? "suppressed" : f.severity; counts[k] = (counts[k] || 0) + 1; });
    var badges = data.severities.concat(["suppressed"]).filter(function (s) { return counts[s]; })
      .map(function (s) { return el("span", { class: "badge " + s, text: counts[s] + " " + s }); });
    return el("summary", {}, [el("span", { class: "path", text: data.pages[index] })].concat(badges));
  }
  function refresh() {
    pagesEl.textContent = "";
    shownPages = [];
    var total = 0, withStanding = 0, parked = 0;
    byPage.forEach(function (findings, index) {
      var shown = findings.filter(matches);
      if (!shown.length) return;
      var standing = shown.filter(function (f) { return !f.suppressed_by; }).length;
      total += standing;
      parked += shown.length - standing;
      if (standing) withStanding += 1;
      var details = el("details", { class: "page", "data-page": String(index) },
        [pageSummary(index, shown), el("div", { class: "page-body" })]);
      details.addEventListener("toggle", function () { if (details.open && !details.dataset.rendered) renderBody(details); });
      pagesEl.appendChild(details);
      shownPages.push(details);
    });
    document.getElementById("shown").textContent = "Showing " + total + " finding" + (total === 1 ? "" : "s") +
      " on " + withStanding + " page" + (withStanding === 1 ? "" : "s") +
      (parked ? " (and " + parked + " suppressed or baselined, shown apart)" : "") + ".";
  }
  var timer = null;
  function refreshSoon() { clearTimeout(timer); timer = setTimeout(refresh, 150); }
  [categorySelect, jurisdictionSelect, pageSelect].concat(Object.values(severityBoxes))
    .forEach(function (c) { c.addEventListener("change", refresh); });
  search.addEventListener("input", refreshSoon);
  document.getElementById("expand-all").addEventListener("click", function () {
    shownPages.forEach(function (d) { d.open = true; if (!d.dataset.rendered) renderBody(d); });
  });
  document.getElementById("collapse-all").addEventListener("click", function () {
    shownPages.forEach(function (d) { d.open = false; });
  });
  window.addEventListener("beforeprint", function () {
    shownPages.forEach(function (d) { d.open = true; if (!d.dataset.rendered) renderBody(d); });
    document.querySelectorAll(".suppressed-list").forEach(function (d) { d.open = true; });
  });

  // --- export ---------------------------------------------------------------------------------
  function cell(value) {
    var text = String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = "'" + text; // a spreadsheet would run it as a formula
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }
  document.getElementById("export").addEventListener("click", function () {
    var rows = [["path", "line", "column", "severity", "rule", "text", "fingerprint", "decision", "note"]];
    data.findings.forEach(function (f) {
      if (f.suppressed_by) return;
      var r = reviews[f.id] || { decision: "", note: "" };
      rows.push([data.pages[f.page], f.line, f.column, f.severity, f.rule, f.text, f.id, r.decision, r.note]);
    });
    var csv = "\ufeff" + rows.map(function (row) { return row.map(cell).join(","); }).join("\r\n") + "\r\n";
    var link = el("a", { href: URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" })),
      download: "copylint-review-" + data.fingerprint + ".csv" });
    document.body.appendChild(link);
    link.click();
    link.remove();
  });

  refresh();
})();
