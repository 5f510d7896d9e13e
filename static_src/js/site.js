/*
 * Circulair Leren — small progressive enhancements. The site works without this file.
 * Loaded as a static file because the Content-Security-Policy forbids inline scripts.
 */
(function () {
  "use strict";

  // Move focus to the error summary after a failed submit, so keyboard and screen reader
  // users start at the list of problems (the GOV.UK error summary pattern).
  function focusErrorSummary() {
    var summary = document.querySelector("[data-error-summary]");
    if (summary) {
      summary.focus();
    }
  }

  // A link in the error summary moves focus to its field and scrolls the field's label
  // (or legend) into view, so the question is visible and not hidden above the input.
  function linkErrorSummary() {
    var links = document.querySelectorAll("[data-error-summary] a[href^='#']");
    Array.prototype.forEach.call(links, function (link) {
      link.addEventListener("click", function (event) {
        var input = document.getElementById(link.getAttribute("href").slice(1));
        if (!input) {
          return;
        }
        var fieldset = input.closest("fieldset");
        var legend = fieldset ? fieldset.querySelector("legend") : null;
        var label = legend || document.querySelector("label[for='" + CSS.escape(input.id) + "']");
        event.preventDefault();
        (label || input).scrollIntoView();
        input.focus({ preventScroll: true });
      });
    });
  }

  // On a small screen the header folds its search, account links and main menu behind one
  // "Menu" button (the CSS does that only once this runs: without scripts all stay visible).
  function headerMenu() {
    var header = document.querySelector(".site-header");
    var button = header ? header.querySelector(".site-header__menu-button") : null;
    if (!button) {
      return;
    }
    header.classList.add("site-header--enhanced", "site-header--menu-closed");
    button.hidden = false;
    button.addEventListener("click", function () {
      var closed = header.classList.toggle("site-header--menu-closed");
      button.setAttribute("aria-expanded", closed ? "false" : "true");
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    headerMenu();
    focusErrorSummary();
    linkErrorSummary();
  });
})();
