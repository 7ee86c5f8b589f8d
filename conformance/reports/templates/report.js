/* report.html behaviour: inlined by conformance/reports/html.py. Filters, matrix cells, copy buttons.
   Reads only the page's own data-* attributes; never fetches anything. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  var form = document.getElementById("filters");
  var familySelect = document.getElementById("filter-family");
  var textInput = document.getElementById("filter-text");
  var shownCount = document.getElementById("shown-count");
  var emptyMessage = document.getElementById("empty-message");
  var endpointBox = document.getElementById("endpoint-filter");
  var endpointValue = document.getElementById("endpoint-filter-value");
  var endpointFilter = "";
  // Passes and skips are folded away; a filter that finds some of them opens the fold.
  var fold = document.getElementById("quiet-results");

  // Read every row once; filtering then touches only rows whose visibility changes.
  var rows = Array.prototype.map.call(document.querySelectorAll(".result"), function (row) {
    var summary = row.querySelector("summary") || row;
    return {
      element: row,
      outcome: row.getAttribute("data-outcome"),
      severity: row.getAttribute("data-severity"),
      family: row.getAttribute("data-family"),
      endpoint: row.getAttribute("data-endpoint"),
      quiet: !!row.closest("#quiet-results"),
      text: (summary ? summary.textContent : "").replace(/\s+/g, " ").toLowerCase()
    };
  });

  function checkedValues(name) {
    var values = {};
    Array.prototype.forEach.call(form.querySelectorAll("input[name='" + name + "']"), function (box) {
      if (box.checked) { values[box.value] = true; }
    });
    return values;
  }

  function apply() {
    var outcomes = checkedValues("outcome");
    var severities = checkedValues("severity");
    var family = familySelect.value;
    var terms = textInput.value.toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0, quietShown = 0;
    rows.forEach(function (row) {
      var visible = !!outcomes[row.outcome] && !!severities[row.severity] &&
        (!family || row.family === family) &&
        (!endpointFilter || row.endpoint === endpointFilter) &&
        terms.every(function (term) { return row.text.indexOf(term) !== -1; });
      if (row.element.hidden === visible) { row.element.hidden = !visible; }
      if (visible) { shown += 1; if (row.quiet) { quietShown += 1; } }
    });
    if (fold) {
      var narrowed = terms.length > 0 || !!family || !!endpointFilter || !outcomes.failed || !outcomes.error;
      fold.hidden = quietShown === 0;
      if (narrowed && quietShown > 0) { fold.open = true; }
    }
    shownCount.textContent = String(shown);
    emptyMessage.hidden = shown !== 0;
    endpointBox.hidden = !endpointFilter;
    endpointValue.textContent = endpointFilter;
  }

  var pending = null;
  function applySoon() {
    if (pending) { clearTimeout(pending); }
    pending = setTimeout(function () { pending = null; apply(); }, rows.length > 2000 ? 180 : 60);
  }

  function setAll(name, only) {
    Array.prototype.forEach.call(form.querySelectorAll("input[name='" + name + "']"), function (box) {
      box.checked = only === undefined || box.value === only;
    });
  }

  function showResults() {
    document.getElementById("results").scrollIntoView({ behavior: "smooth", block: "start" });
  }

  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("change", apply);
  textInput.addEventListener("input", applySoon);
  form.addEventListener("reset", function () {
    endpointFilter = "";
    setTimeout(apply, 0); // after the browser has reset the controls
  });

  document.getElementById("endpoint-filter-clear").addEventListener("click", function () {
    endpointFilter = "";
    apply();
  });

  // The summary counts: show only that outcome.
  Array.prototype.forEach.call(document.querySelectorAll("[data-show-outcome]"), function (button) {
    button.addEventListener("click", function () {
      setAll("outcome", button.getAttribute("data-show-outcome"));
      setAll("severity");
      familySelect.value = "";
      textInput.value = "";
      endpointFilter = "";
      apply();
      showResults();
    });
  });

  // Matrix cells: list the results of one endpoint and family.
  Array.prototype.forEach.call(document.querySelectorAll(".matrix button[data-endpoint]"), function (cell) {
    cell.addEventListener("click", function () {
      setAll("outcome");
      setAll("severity");
      textInput.value = "";
      familySelect.value = cell.getAttribute("data-family");
      endpointFilter = cell.getAttribute("data-endpoint");
      apply();
      showResults();
    });
  });

  // Copy a curl line; where the clipboard is not available, select it for Ctrl+C instead.
  Array.prototype.forEach.call(document.querySelectorAll("button[data-copy]"), function (button) {
    button.addEventListener("click", function () {
      var text = button.closest(".curl").querySelector(".curl-text");
      function done(label) {
        button.textContent = label;
        button.classList.add("copied");
        setTimeout(function () { button.textContent = "Copy"; button.classList.remove("copied"); }, 1500);
      }
      function selectText() {
        var range = document.createRange();
        range.selectNodeContents(text);
        var selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        done("Selected");
      }
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text.textContent).then(function () { done("Copied"); }, selectText);
      } else {
        selectText();
      }
    });
  });

  apply();
})();
