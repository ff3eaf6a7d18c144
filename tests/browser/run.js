// SPDX-License-Identifier: AGPL-3.0-or-later
// Browser tests: every page kind of every sample survey, in English and
// Welsh, with JavaScript on and off, in headless Debian Chromium driven by
// playwright-core, each page checked with axe-core against WCAG 2.2 AA
// (zero violations allowed). One screenshot per page kind is kept in
// $YV_STATE/screenshots as a test artefact. Output is TAP.
//
// Run by tests/run against the test stack (YV_HTTP_PORT, YV_STATE).
'use strict';

const { chromium } = require('playwright-core');
const axeSource = require('axe-core').source;
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const base = `http://127.0.0.1:${process.env.YV_HTTP_PORT || 18080}`;
const state = process.env.YV_STATE;
const shots = path.join(state, 'screenshots');
fs.mkdirSync(shots, { recursive: true });

let n = 0;
let failed = 0;
function ok(cond, what, detail) {
  n++;
  console.log(`${cond ? 'ok' : 'not ok'} ${n} - ${what}`);
  if (!cond) {
    failed++;
    if (detail) console.log(detail.split('\n').map((l) => `#   ${l}`).join('\n'));
  }
  return cond;
}

function sql(q) {
  return execFileSync('mariadb', [`--defaults-file=${state}/my.cnf`, '-uroot', '-N', '-B', 'yourvoice', '-e', q])
    .toString().trim();
}

// How receipts and other codes are stored (token_code_hash): HMAC-SHA-256
// under the installation key of the hex SHA-256 of the code.
function codeHash(code) {
  const crypto = require('crypto');
  const key = fs.readFileSync(`${state}/secret.key`);
  const inner = crypto.createHash('sha256').update(code).digest('hex');
  return crypto.createHmac('sha256', key).update(inner).digest('hex');
}

const seen = new Set();
// With JavaScript off, axe cannot run in the page itself: the same HTML is
// served to an auditing page (same origin, so the stylesheet applies) whose
// copy of our script is emptied, so it is checked exactly as rendered.
let auditor = null;
let auditHtml = '';
async function auditorPage(browser) {
  const ctx = await browser.newContext({ javaScriptEnabled: true, bypassCSP: true, viewport: { width: 320, height: 800 } });
  await ctx.route('**/__audit*', (r) => r.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: auditHtml }));
  await ctx.route('**/static/yourvoice*.js', (r) => r.fulfill({ status: 200, contentType: 'text/javascript', body: '' }));
  auditor = await ctx.newPage();
}

// Check the page in front of us with axe; screenshot the first of each kind.
async function audit(page0, kind, label) {
  let page = page0;
  if (label.includes('nojs')) {
    auditHtml = await page0.content();
    await auditor.goto(`${base}/__audit`);
    page = auditor;
  }
  await page.addScriptTag({ content: axeSource });
  const res = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return r.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((x) => x.target.join(' ')).slice(0, 3).join(', ')})`);
  });
  ok(res.length === 0, `axe: ${label}: no WCAG 2.2 AA violations`, res.join('\n'));
  // 320 CSS pixels wide (a small phone, or 1280 at 400% zoom): nothing scrolls sideways.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  ok(overflow <= 0, `${label}: fits 320 px without scrolling sideways`, `${overflow}px too wide`);
  if (!seen.has(kind + label.slice(0, 12))) {
    seen.add(kind + label.slice(0, 12));
    const file = label.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
    await page.screenshot({ path: path.join(shots, `${file}.png`), fullPage: true });
  }
}

async function lang(page) {
  return page.evaluate(() => document.documentElement.lang);
}

// Press a form button by its visible text (or the first submit button).
async function press(page, text) {
  const btn = text ? page.locator('button', { hasText: text }).first() : page.locator('button[type=submit]').first();
  await Promise.all([page.waitForLoadState('load'), btn.click()]);
  await page.waitForLoadState('load');
}

const words = {
  en: { cont: 'Continue', save: 'Save and come back later', send: 'Send your response' },
  cy: { cont: 'Parhau', save: 'Cadw a dod yn ôl yn nes ymlaen', send: 'Anfon eich ymateb' },
};

async function journey(browser, l, js) {
  const tag = `${l} ${js ? 'js' : 'nojs'}`;
  const ctx = await browser.newContext({ javaScriptEnabled: js, bypassCSP: true, viewport: { width: 320, height: 800 } });
  const page = await ctx.newPage();
  const w = words[l];

  await page.goto(`${base}/?lang=${l}`);
  ok((await lang(page)) === l, `${tag}: home page has lang="${l}"`);
  await audit(page, 'home', `${tag} home`);

  // Save and resume (before sending: the survey takes one response per browser).
  await page.goto(`${base}/s/what-matters`);
  await press(page, w.save);
  ok(await page.locator('#resume-code').count() === 1, `${tag}: saving shows a resume code`);
  await audit(page, 'save', `${tag} saved answers`);
  const saved = (await page.locator('#resume-code').textContent()) || '';
  const link = await page.locator('#resume-link').getAttribute('href');
  ok(link === `/resume?code=${saved}`, `${tag}: the resume link carries the code in its query string`);
  await page.goto(`${base}/resume`);
  await audit(page, 'resume', `${tag} resume form`);
  {
    // The link in another browser: a confirmation first, then a new code.
    const other = await browser.newContext({ javaScriptEnabled: js, bypassCSP: true });
    const p2 = await other.newPage();
    await p2.goto(`${base}${link}&lang=${l}`);
    ok((await p2.locator('input[name=code]').inputValue()) === saved, `${tag}: the resume link opens a confirmation holding the code`);
    await audit(p2, 'resume', `${tag} resume confirmation`);
    await press(p2, w.cont);
    const fresh = (await p2.locator('#resume-code').textContent()) || '';
    ok(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/.test(fresh) && fresh !== saved, `${tag}: resuming gives a new code`);
    await audit(p2, 'resumed', `${tag} resumed with a new code`);
    await other.close();
  }

  // what-matters: error page, every page, check, done.
  await page.goto(`${base}/s/what-matters`);
  ok((await lang(page)) === l, `${tag}: the language choice is kept on the survey`);
  await audit(page, 'page', `${tag} what-matters first page`);
  await press(page, w.cont);
  ok(await page.locator('.error-summary').count() === 1, `${tag}: missing answers show an error summary`);
  if (js) {
    const focused = await page.evaluate(() => document.activeElement && document.activeElement.className);
    ok(focused === 'error-summary', `${tag}: the error summary takes the focus`);
  }
  await audit(page, 'error', `${tag} what-matters page with errors`);
  await page.locator('input[type=radio][name=priority]').first().check();
  await page.locator('textarea[name=what-matters]').fill('Buses that run in the evening. Bysiau gyda’r nos.');
  if (js) {
    const counter = await page.locator('.char-count').first().textContent();
    ok(/\d/.test(counter || ''), `${tag}: the character counter shows what is left`);
  }
  await press(page, w.cont);
  for (let i = 0; i < 6 && !page.url().endsWith('/check'); i++) {
    await audit(page, 'page', `${tag} what-matters ${new URL(page.url()).pathname.split('/').pop()}`);
    await press(page, w.cont);
  }
  ok(page.url().endsWith('/s/what-matters/check'), `${tag}: the journey reaches check your answers`);
  await audit(page, 'check', `${tag} check your answers`);
  await press(page, w.send);
  ok(page.url().endsWith('/s/what-matters/done'), `${tag}: sending leads to the receipt page`);
  const receipt = await page.locator('#receipt').textContent();
  ok(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/.test(receipt || ''), `${tag}: the receipt code is shown`);
  ok(sql(`SELECT COUNT(*) FROM response WHERE receipt_hash='${codeHash(receipt)}'`) === '1', `${tag}: the response is stored`);
  await audit(page, 'done', `${tag} receipt`);
  await page.goto(`${base}/s/what-matters`);
  ok(await page.locator('form').count() === 0 || (await page.content()).includes('/my-response'),
    `${tag}: a second response from the same browser is turned away`);
  await audit(page, 'already', `${tag} already responded`);
  await page.goto(`${base}/my-response`);
  await audit(page, 'my-response', `${tag} my response form`);
  await page.locator('input[name=receipt]').fill(receipt);
  await press(page, null);
  ok((await page.locator('#receipt').textContent()) === receipt, `${tag}: the receipt code finds the response`);
  await audit(page, 'my-response', `${tag} my response summary`);


  // The budget page, its shortfall error, and the live total with JavaScript.
  await page.goto(`${base}/s/budget-2026`);
  await audit(page, 'budget', `${tag} budget page`);
  if (js) {
    const before = await page.locator('.budget-total').textContent();
    await page.locator('select[name="budget.highways"]').selectOption('-25');
    const after = await page.locator('.budget-total').textContent();
    ok(before !== after && /3,700,000/.test(after || ''), `${tag}: the running total follows the choices`, after || '');
  }
  await press(page, w.cont);
  ok(await page.locator('.error-summary').count() === 1, `${tag}: a budget that misses the target is refused`);
  await audit(page, 'budget-error', `${tag} budget shortfall`);

  await page.goto(`${base}/s/customer-care`);
  await audit(page, 'page', `${tag} customer-care first page`);

  for (const p of ['/accessibility', '/privacy', '/cookies', '/contact', '/s/what-matters/privacy', '/s/closed', '/s/not-yet-open', '/s/no-such-survey', '/r/closed']) {
    const r = await page.goto(`${base}${p}`);
    if (p === '/s/no-such-survey') ok(r.status() === 404, `${tag}: an unknown survey answers 404`);
    await audit(page, 'info', `${tag} ${p}`);
  }
  await ctx.close();
}

// The officers' pages: sign-in, dashboard, preview, survey files, refusal.
async function admin(browser, l, js) {
  const tag = `admin ${l} ${js ? 'js' : 'nojs'}`;
  const ctx = await browser.newContext({ javaScriptEnabled: js, bypassCSP: true, viewport: { width: 320, height: 800 } });
  const page = await ctx.newPage();
  await page.goto(`${base}/admin?lang=${l}`);
  await audit(page, 'admin', `${tag} sign-in`);
  await page.locator('#f-username').fill('browser.officer');
  await page.locator('#f-password').fill('a-long-browser-password');
  await press(page, null);
  ok(page.url().endsWith('/admin'), `${tag}: signs in to the dashboard`);
  await audit(page, 'admin', `${tag} dashboard`);
  await page.goto(`${base}/admin/preview/budget-2026`);
  await audit(page, 'admin', `${tag} preview`);
  await page.goto(`${base}/admin/surveys`);
  await audit(page, 'admin', `${tag} survey files`);
  await page.goto(`${base}/admin/results/budget-2026`);
  await audit(page, 'admin', `${tag} results, officers' view`);
  await page.goto(`${base}/admin/publish/budget-2026`);
  await audit(page, 'admin', `${tag} publication`);
  await page.goto(`${base}/admin/answers/what-matters`);
  ok(await page.locator('mark.redacted, .answer').count() > 0, `${tag}: the written answers are listed`);
  await audit(page, 'answers', `${tag} written answers`);
  const hide = page.locator('form.moderation-form[action$="/hide"] button').first();
  if (await hide.count() > 0) {
    await page.locator('details.moderation summary').first().click();
    ok(await hide.isVisible(), `${tag}: the decisions open from their summary`);
    await Promise.all([page.waitForLoadState('load'), hide.click()]);
    await page.waitForLoadState('load');
    ok(await page.locator('.error-summary').count() === 1, `${tag}: hiding without a reason shows the error summary`);
    ok(await page.locator('details.moderation[open] .error-message').count() === 1, `${tag}: beside the reason box, left open`);
    await audit(page, 'answers-error', `${tag} written answers, reason missing`);
  }
  await page.goto(`${base}/admin/export/what-matters`);
  await audit(page, 'export', `${tag} export`);
  // Themes: the moderation page and the officers' results with themes
  // (themes-test has a summary when tests/integration/85-themes.sh ran first).
  await page.goto(`${base}/admin/themes/themes-test`);
  ok(await lang(page) === l, `${tag}: the themes page is in the reader's language`);
  await audit(page, 'admin', `${tag} themes`);
  await page.goto(`${base}/admin/results/themes-test`);
  await audit(page, 'admin', `${tag} results with themes`);
  // The written answers searched, and one theme's answers with the move
  // and split forms (when 85-themes.sh or 86-theme-review.sh made a summary).
  await page.goto(`${base}/admin/answers/themes-test?text=the`);
  ok(await page.locator('#f-text').inputValue() === 'the', `${tag}: the search keeps its text`);
  await audit(page, 'answers', `${tag} written answers searched`);
  const opt = page.locator('#f-theme option[value*=":"]').first();
  if (await opt.count() > 0) {
    await page.goto(`${base}/admin/answers/themes-test?theme=${encodeURIComponent(await opt.getAttribute('value'))}`);
    ok(await page.locator('#split-form').count() === 1, `${tag}: a theme's answers can be split into a new theme`);
    ok(await page.locator('form.moderation-form select[name="theme"]').count() > 0, `${tag}: each answer can be moved`);
    await audit(page, 'answers', `${tag} written answers of one theme`);
  }
  const pub = await page.goto(`${base}/r/themes-test`);
  if (pub.status() === 200) await audit(page, 'results', `${tag} public results with reviewed themes`);
  await ctx.close();
}

// Every question type, in the invitation-only fixture (English only).
async function allTypes(browser, js) {
  const tag = `all-types ${js ? 'js' : 'nojs'}`;
  const code = js ? 'AT11-JS22-ON33' : 'AT11-N0JS-0FF1';
  sql(`INSERT IGNORE INTO invitation (survey_id, code_hash) VALUES ('all-types', '${codeHash(code)}')`);
  const ctx = await browser.newContext({ javaScriptEnabled: js, bypassCSP: true });
  const page = await ctx.newPage();
  await page.goto(`${base}/s/all-types?lang=en`);
  await audit(page, 'invitation', `${tag} invitation form`);
  await page.locator('input[name=code]').fill(code);
  await press(page, 'Continue');
  for (const p of ['choices', 'numbers', 'texts']) {
    await page.goto(`${base}/s/all-types/${p}`);
    await audit(page, 'types', `${tag} page ${p}`);
  }
  await ctx.close();
}

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    await auditorPage(browser);
    // YV_BROWSER_SUITES=name[,name] runs only those suites (a quick local
    // run while working on one feature); tests/run leaves it unset.
    const only = (process.env.YV_BROWSER_SUITES || '').split(',').filter(Boolean);
    if (!only.length) {
      for (const l of ['en', 'cy']) {
        for (const js of [true, false]) await journey(browser, l, js);
      }
      for (const js of [true, false]) await allTypes(browser, js);
    }
    execFileSync(path.join(__dirname, '..', '..', 'app', 'yourvoice'),
      ['user', '--config', `${state}/yourvoice.conf`, 'add', 'browser.officer', '--role', 'officer'],
      { input: 'a-long-browser-password\n', stdio: ['pipe', 'ignore', 'ignore'] });
    if (!only.length) {
      for (const l of ['en', 'cy']) {
        for (const js of [true, false]) await admin(browser, l, js);
      }
    }
    // Each feature's own browser checks live in suites/<name>.js, a module
    // exporting async (browser, t) with t the helpers below; they run in
    // name order after the journeys above.
    const t = { base, state, shots, ok, sql, codeHash, audit, lang, press, words, execFileSync, path, fs };
    const dir = path.join(__dirname, 'suites');
    const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.js'))
      .filter((f) => !only.length || only.some((o) => f.includes(o))).sort() : [];
    for (const f of files) {
      try {
        await require(path.join(dir, f))(browser, t);
      } catch (e) {
        ok(false, `browser suite ${f} finished`, String(e && e.stack ? e.stack : e));
      }
    }
  } catch (e) {
    ok(false, 'the browser run finished', String(e && e.stack ? e.stack : e));
  } finally {
    await browser.close();
  }
  console.log(`1..${n}`);
  process.exit(failed ? 1 : 0);
})();
