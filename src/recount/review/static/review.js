// recount review: keyboard shortcuts and the weight breakdown. No inline script
// (the Content-Security-Policy forbids it); data comes from data- attributes.
"use strict";

(function () {
  function click(id) {
    var element = document.getElementById(id);
    if (element) { element.click(); return true; }
    return false;
  }

  var keys = {
    y: "btn-match", n: "btn-non-match", u: "btn-unsure",
    z: "btn-undo", ArrowRight: "btn-skip", ArrowLeft: "link-prev"
  };

  var busy = false;
  // Keys pressed before this deferred script runs are lost; tests wait for this mark.
  document.documentElement.dataset.keys = "ready";
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || busy) { return; }
    var target = event.target;
    var tag = target && target.tagName ? target.tagName.toLowerCase() : "";
    if (tag === "input" || tag === "select" || tag === "textarea" || (target && target.isContentEditable)) { return; }
    var id = keys[event.key];
    if (id && click(id)) { busy = true; event.preventDefault(); }
  });

  function cell(row, text) {
    var td = document.createElement("td");
    td.textContent = text;
    row.appendChild(td);
  }

  function showWeights(button) {
    var table = document.getElementById("weights-table");
    var note = document.getElementById("weights-note");
    var query = new URLSearchParams({ l: button.dataset.l, r: button.dataset.r });
    fetch("/api/pair/weights?" + query.toString(), { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        var body = table.querySelector("tbody");
        body.textContent = "";
        (data.comparisons || []).forEach(function (c) {
          var row = document.createElement("tr");
          cell(row, c.comparison);
          cell(row, c.level === null || c.level === undefined ? "" : String(c.level));
          cell(row, c.match_weight === null ? "" : c.match_weight.toFixed(2));
          body.appendChild(row);
        });
        if (data.comparisons && data.comparisons.length) {
          table.hidden = false;
          note.textContent = "Total match weight: " +
            (data.match_weight === null || data.match_weight === undefined ? "n/a" : data.match_weight.toFixed(2));
        } else {
          note.textContent = "No per-comparison weights are stored for this pair.";
        }
        note.hidden = false;
        button.disabled = true;
      });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var button = document.getElementById("show-weights");
    if (button) { button.addEventListener("click", function () { showWeights(button); }); }
    document.querySelectorAll("button.split").forEach(function (b) {
      b.addEventListener("click", function (event) {
        if (!window.confirm("Split record " + b.dataset.record + " off this person?")) { event.preventDefault(); }
      });
    });
  });
})();
