// The check-in screen (templates/events/admin/checkin.html): filter as you type, one tap is
// one small POST (fetch, with the page's CSRF token) answered with JSON. Without this script
// the same page works with a GET search and a form POST per tap.
(function () {
  "use strict";
  var root = document.querySelector("[data-checkin]");
  if (!root) return;
  var search = document.getElementById("checkin-search");
  var form = root.querySelector("[data-checkin-form]");
  var rows = Array.prototype.slice.call(root.querySelectorAll("[data-search]"));
  var empty = root.querySelector("[data-empty]");
  var status = document.getElementById("checkin-status");
  var alertRegion = document.getElementById("checkin-alert");
  var checkedIn = root.querySelector("[data-checked-in]");
  var expected = root.querySelector("[data-expected]");

  function normalise(text) {
    return text.toLocaleLowerCase("nl").normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }
  rows.forEach(function (row) { row.searchText = normalise(row.dataset.search); });

  function filter() {
    var words = normalise(search.value).split(/\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (row) {
      var hit = words.every(function (word) { return row.searchText.indexOf(word) !== -1; });
      row.hidden = !hit;
      if (hit) shown += 1;
    });
    empty.hidden = shown !== 0;
  }
  search.addEventListener("input", filter);
  search.form.addEventListener("submit", function (event) {
    event.preventDefault();
    filter();
  });

  function say(message) {
    alertRegion.textContent = "";
    status.textContent = message;
  }
  function fail(message) {
    status.textContent = "";
    alertRegion.textContent = message;
  }

  function show(row, isIn) {
    row.classList.toggle("person--in", isIn);
    row.querySelector(".person__in").hidden = isIn;
    row.querySelector(".person__undo").hidden = !isIn;
    var state = row.querySelector("[data-state]");
    state.textContent = isIn ? state.dataset.in : state.dataset.out;
  }

  form.addEventListener("click", function (event) {
    var button = event.target.closest("button[name=tap]");
    if (!button) return;
    event.preventDefault();
    var row = button.closest("[data-registration]");
    if (row.getAttribute("aria-busy") === "true") return; // one tap in flight per person
    var parts = button.value.split(":");
    var data = new FormData();
    data.append("csrfmiddlewaretoken", form.elements.csrfmiddlewaretoken.value);
    data.append("action", parts[0]);
    data.append("registration", parts[1]);
    row.setAttribute("aria-busy", "true");
    fetch(form.action, {
      method: "POST",
      body: data,
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    })
      .then(function (response) {
        return response.json().then(
          function (body) { return { response: response, body: body }; },
          function () { return { response: response, body: null }; }
        );
      })
      .then(function (result) {
        var body = result.body;
        if (!result.response.ok || !body || !body.ok) {
          fail(body && body.message ? body.message : root.dataset.serverError);
          return;
        }
        show(row, body.checked_in);
        checkedIn.textContent = body.count.checked_in;
        expected.textContent = body.count.expected;
        say(body.message);
        var next = row.querySelector("button[name=tap]:not([hidden])");
        if (next) next.focus();
      })
      .catch(function () { fail(root.dataset.networkError); })
      .finally(function () { row.removeAttribute("aria-busy"); });
  });
  if (search.value) filter();
})();
