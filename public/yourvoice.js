/* Your Voice: progressive enhancement only; every page works without it.
   - focus the error summary so screen readers announce it at once
   - a character counter under text areas with a limit
   - the budget's running total, recomputed as choices change
   - tables wider than their region show the hint that they scroll */
(function () {
  'use strict';
  var summary = document.querySelector('.error-summary');
  if (summary) { summary.focus(); }

  var lang = document.documentElement.lang === 'cy' ? 'cy' : 'en';
  var words = {
    en: { left: ' characters left', over: ' characters too many',
          saves: 'Your choices save ', target: ' of the ', needed: ' needed',
          costs: 'Your choices add ' },
    cy: { left: ' nod ar ôl', over: ' nod yn ormod',
          saves: 'Mae eich dewisiadau’n arbed ', target: ' o’r ', needed: ' sydd ei angen',
          costs: 'Mae eich dewisiadau’n ychwanegu ' }
  }[lang];

  Array.prototype.forEach.call(document.querySelectorAll('textarea[data-maxlength]'), function (ta) {
    var max = parseInt(ta.getAttribute('data-maxlength'), 10);
    var out = document.createElement('div');
    out.className = 'char-count';
    out.setAttribute('aria-live', 'polite');
    ta.parentNode.insertBefore(out, ta.nextSibling);
    function update() {
      var n = Array.from(ta.value).length, left = max - n;
      out.textContent = left >= 0 ? left + words.left : (-left) + words.over;
      out.className = 'char-count' + (left < 0 ? ' over' : '');
    }
    ta.addEventListener('input', update);
    update();
  });

  function money(pence) {
    var pounds = Math.round(Math.abs(pence) / 100);
    return (pence < 0 ? '-' : '') + '£' + pounds.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  }
  Array.prototype.forEach.call(document.querySelectorAll('.budget-total[data-target]'), function (box) {
    var q = box.getAttribute('data-question');
    var selects = document.querySelectorAll('select[data-budget="' + q + '"]');
    function update() {
      var savings = 0;
      Array.prototype.forEach.call(selects, function (s) {
        var pct = parseFloat(s.value || '0');
        var spend = parseFloat(s.getAttribute('data-spend') || '0');
        var income = parseFloat(s.getAttribute('data-income-per-point') || '0');
        if (s.hasAttribute('data-spend')) { savings -= Math.round(spend * pct / 100); }
        else { savings += Math.round(income * pct); }
      });
      var target = parseFloat(box.getAttribute('data-target'));
      box.textContent = (savings >= 0 ? words.saves + money(savings) : words.costs + money(-savings)) +
        words.target + money(target) + words.needed;
      box.className = 'budget-total' + (savings >= target ? ' met' : '');
    }
    Array.prototype.forEach.call(selects, function (s) { s.addEventListener('change', update); });
  });

  function markScrollable() {
    Array.prototype.forEach.call(document.querySelectorAll('.table-wrap'), function (w) {
      var wide = w.scrollWidth > w.clientWidth + 1;
      var hint = w.previousElementSibling;
      w.classList.toggle('is-scrollable', wide);
      if (hint && hint.classList.contains('scroll-hint')) { hint.hidden = !wide; }
    });
  }
  markScrollable();
  window.addEventListener('resize', markScrollable);
}());
