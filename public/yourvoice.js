/* Your Voice: progressive enhancement only; every page works without it. */
(function () {
  'use strict';
  // Move focus to the error summary so screen readers announce it at once.
  var summary = document.querySelector('.error-summary');
  if (summary) { summary.focus(); }
}());
