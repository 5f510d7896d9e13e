/*
 * "Kopieer link" for the personal calendar feed on "Mijn aanmeldingen".
 * A static file because the Content-Security-Policy forbids inline scripts. Without
 * JavaScript (or without the Clipboard API) the button stays hidden and the field can be
 * selected and copied by hand.
 */
(function () {
  "use strict";

  function setUp(button) {
    var field = document.getElementById(button.getAttribute("data-copy-target"));
    var status = button.parentNode.querySelector("[data-copy-status]");
    if (!field || !navigator.clipboard) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(field.value).then(
        function () {
          if (status) {
            status.textContent = button.getAttribute("data-copied-text");
          }
        },
        function () {
          field.focus();
          field.select();
        }
      );
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("[data-copy-target]"), setUp);
  });
})();
