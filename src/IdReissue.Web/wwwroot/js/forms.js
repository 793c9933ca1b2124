// Every page: after a form came back with errors, focus goes to the first refused field, so a screen
// reader reads its label, "invalid" (aria-invalid) and the message linked by aria-describedby, and a
// keyboard user starts right there. The messages are also role="alert" (read when they appear).
(function () {
  'use strict';
  var first = document.querySelector('main [aria-invalid=true]');
  if (first) {
    if (first.hidden || first.closest('[hidden]')) { return; }
    first.focus();
  } else {
    var summary = document.querySelector('main .validation-summary-errors');
    if (summary) {
      summary.setAttribute('tabindex', '-1');
      summary.focus();
    }
  }
})();
