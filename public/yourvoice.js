/* Your Voice: progressive enhancement only; every page works without it.
   - focus the error summary so screen readers announce it at once, and
     its links move focus to the input they name
   - ranking: a running count, and no two options given one place
   - a character counter under text areas with a limit
   - the budget simulator: steppers, the balance, consequences and prompts
   - tables wider than their region show the hint that they scroll */
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
    en: { left: ' characters left', over: ' characters too many' },
    cy: { left: ' nod ar ôl', over: ' nod yn ormod' }
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

  // The budget simulator (app/render/form_budget.c): the server writes every
  // figure and, in data-t-* attributes, the translated words; this redoes the
  // same sums with the same rounding as choices change, turns each select
  // into a − / + stepper, and shows the prompts whose pair now contradicts.
  function roundDiv(x, den) { // to the nearest, halves away from zero (as in C)
    return x >= 0 ? Math.floor((x + Math.floor(den / 2)) / den) : -Math.floor((-x + Math.floor(den / 2)) / den);
  }
  function money(pence) {
    var pounds = roundDiv(Math.abs(pence), 100);
    return (pence < 0 ? '-' : '') + '£' + pounds.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  }
  function moneyPence(pence) {
    var p = Math.abs(pence), whole = money(Math.floor(p / 100) * 100);
    return (pence < 0 ? '-' : '') + whole + '.' + ('0' + (p % 100)).slice(-2);
  }
  function fill(tpl, args) {
    return (tpl || '').replace(/%([123])\$s/g, function (m, i) { return args[i - 1] || ''; });
  }
  function hundredths(v) { return Math.round(parseFloat(v || '0') * 100) || 0; }
  Array.prototype.forEach.call(document.querySelectorAll('.budget-balance[data-question]'), function (bar) {
    var q = bar.getAttribute('data-question');
    var box = bar.querySelector('.budget-total');
    var selects = document.querySelectorAll('select[data-budget="' + q + '"]');
    var tpl = document.querySelector('#q-' + q + ' .budget-ct-templates');
    var update = bar.querySelector('.budget-update');
    if (update) { update.hidden = true; }
    function sums() {
      var savings = 0;
      Array.prototype.forEach.call(selects, function (s) {
        var bp = hundredths(s.value);
        if (s.hasAttribute('data-spend')) {
          savings -= roundDiv(parseInt(s.getAttribute('data-spend'), 10) * bp, 10000);
        } else {
          var step = parseInt(s.getAttribute('data-step'), 10);
          if (step > 0) { savings += roundDiv(parseInt(s.getAttribute('data-income-per-step'), 10) * bp, step); }
        }
      });
      return savings;
    }
    function balance() {
      var savings = sums(), target = parseInt(bar.getAttribute('data-target'), 10) || 0;
      var d = savings - target, state, args;
      var found = money(Math.abs(savings)), diff = money(Math.abs(d)), tgt = money(target);
      if (bar.getAttribute('data-kind') === 'balance') {
        state = d > 0 ? 'spare' : d === 0 ? 'balanced' : 'overspend';
        args = [diff];
      } else if (d === 0) { state = 'exact'; args = [tgt]; }
      else if (d > 0) { state = 'over'; args = [found, diff, tgt]; }
      else { state = savings < 0 ? 'adds' : 'short'; args = [found, diff]; }
      var text = fill(bar.getAttribute('data-t-' + state), args);
      if (box.textContent !== text) { box.textContent = text; }
      box.className = 'budget-total ' + state + (d >= 0 ? ' met' : '');
    }
    function consequence(s) {
      var out = document.getElementById('c-' + s.name);
      var opt = s.options[s.selectedIndex];
      if (!out || !opt) { return; }
      var text = opt.getAttribute('data-meaning') || '';
      if (s.hasAttribute('data-band-d') && tpl) {
        var bp = hundredths(s.value), step = parseInt(s.getAttribute('data-step'), 10);
        var income = step > 0 ? roundDiv(parseInt(s.getAttribute('data-income-per-step'), 10) * bp, step) : 0;
        var year = roundDiv(parseInt(s.getAttribute('data-band-d'), 10) * bp, 10000);
        text = fill(tpl.getAttribute(bp === 0 ? 'data-t-none' : 'data-t-rise'),
          [money(income), moneyPence(year), moneyPence(roundDiv(year, 52))]);
      }
      if (out.textContent !== text) { out.textContent = text; }
    }
    function prompts() {
      Array.prototype.forEach.call(document.querySelectorAll('#q-' + q + ' .budget-prompt[data-field]'), function (p) {
        var s = document.querySelector('select[name="' + p.getAttribute('data-field') + '"]');
        var v = s ? hundredths(s.value) : 0, when = p.getAttribute('data-when');
        p.hidden = !(when === 'rise' ? v > 0 : when === 'cut' ? v < 0 : v === 0);
      });
    }
    function stepButtons(s) {
      var down = s.parentNode.querySelector('.step-down'), up = s.parentNode.querySelector('.step-up');
      if (!down || !up) { return; }
      down.hidden = false;
      up.hidden = false;
      // Disabled at the ends would take the focus away: keep them focusable,
      // say so with aria-disabled, and do nothing.
      down.setAttribute('aria-disabled', s.selectedIndex <= 0 ? 'true' : 'false');
      up.setAttribute('aria-disabled', s.selectedIndex >= s.options.length - 1 ? 'true' : 'false');
    }
    function changed(s) {
      consequence(s);
      stepButtons(s);
      balance();
      prompts();
    }
    Array.prototype.forEach.call(selects, function (s) {
      s.addEventListener('change', function () { changed(s); });
      Array.prototype.forEach.call(s.parentNode.querySelectorAll('button.step'), function (b) {
        b.addEventListener('click', function () {
          var i = s.selectedIndex + (b.classList.contains('step-up') ? 1 : -1);
          if (i < 0 || i >= s.options.length) { return; }
          s.selectedIndex = i;
          changed(s);
        });
      });
      stepButtons(s);
    });
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
