/* Your Voice: progressive enhancement only; every page works without it.
   - focus the error summary so screen readers announce it at once, and
     its links move focus to the input they name
   - ranking: a running count, and no two options given one place
   - a character counter under text areas with a limit
   - the budget's running total, recomputed as choices change */
(function () {
  'use strict';
  var summary = document.querySelector('.error-summary');
  if (summary) { summary.focus(); }

  /* An error summary's link moves focus to the input it names and shows
     its question's legend or label above it (the browser alone would only
     scroll, leaving focus on the link). */
  if (summary) {
    summary.addEventListener('click', function (ev) {
      var a = ev.target.closest ? ev.target.closest('a[href*="#"]') : null;
      if (!a) { return; }
      var id = decodeURIComponent(a.getAttribute('href').split('#')[1] || '');
      if (a.pathname !== window.location.pathname) { return; }
      var input = document.getElementById(id);
      if (!input) { return; }
      ev.preventDefault();
      var q = input.closest('.question');
      var head = q ? q.querySelector('legend, .question-label') : null;
      (head || input).scrollIntoView();
      input.focus({ preventScroll: true });
    });
  }

  /* Ranking: the same selects as without JavaScript, plus a count of the
     places given and a rank taken from the option that had it when
     another option gets it, so no two options share a place. */
  var rankWords = document.documentElement.lang === 'cy'
    ? { of: ' o ', placed: ' wedi eu rhoi yn eu trefn' }
    : { of: ' of ', placed: ' placed in order' };
  Array.prototype.forEach.call(document.querySelectorAll('.ranking[data-rank]'), function (box) {
    var max = parseInt(box.getAttribute('data-rank'), 10);
    var selects = box.querySelectorAll('select');
    var status = document.createElement('p');
    status.className = 'rank-status';
    status.setAttribute('aria-live', 'polite');
    box.parentNode.insertBefore(status, box.nextSibling);
    function count() {
      var n = 0;
      Array.prototype.forEach.call(selects, function (s) { if (s.value) { n++; } });
      status.textContent = n + rankWords.of + max + rankWords.placed;
    }
    Array.prototype.forEach.call(selects, function (s) {
      s.addEventListener('change', function () {
        if (s.value) {
          Array.prototype.forEach.call(selects, function (o) {
            if (o !== s && o.value === s.value) { o.value = ''; }
          });
        }
        count();
      });
    });
    count();
  });

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
}());
