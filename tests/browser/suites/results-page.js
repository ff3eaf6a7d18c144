'use strict';
// The results page people read (issue 19 part B): /r/<id> and its printable
// briefing at 320 px, in English and Welsh, with and without JavaScript:
// axe with the best-practice rules too (landmarks named once, regions
// unique), no text in a chart rendered under 14 px, tables that scroll
// say so and keep their first column in view, and the briefing printed
// to PDF as A4 with no navigation.
const axeSource = require('axe-core').source;

const S = 'rp-browser';

// A closed copy of what-matters whose results are public, with 25
// responses (and a group of 3 that is suppressed).
function fixture(t) {
  const src = t.fs.readFileSync(t.path.join(t.state, 'surveys', 'what-matters.xml'), 'utf8');
  const xml = src.replace('id="what-matters"', `id="${S}"`).replace(/<abuse [^>]*\/>/, '')
    .replace(/<dates [^>]*\/>/, '<dates opens="2025-01-06T09:00" closes="2025-06-30T17:00" results="2025-07-01"/>');
  t.fs.writeFileSync(t.path.join(t.state, 'surveys', `${S}.xml`), xml);
  process.kill(parseInt(t.fs.readFileSync(t.path.join(t.state, 'run', 'app.pid'), 'utf8'), 10), 'SIGHUP');
}

async function loaded(t, page) {
  for (let i = 0; i < 50; i++) {
    const r = await page.goto(`${t.base}/s/${S}`);
    if (r.status() !== 404) return;
    await page.waitForTimeout(200);
  }
}

function responses(t) {
  const ver = require('crypto').createHash('sha256')
    .update(t.fs.readFileSync(t.path.join(t.state, 'surveys', `${S}.xml`))).digest('hex');
  t.sql(`INSERT IGNORE INTO survey_version (survey_id, version_hash) VALUES ('${S}', '${ver}')`);
  const rows = [];
  for (let i = 0; i < 12; i++) rows.push(['SY16 1AA', 'housing', 4, '25-44', 'en', 'web']);
  for (let i = 0; i < 10; i++) rows.push(['SY16 2AA', 'environment', 2, '45-64', 'cy', 'paper']);
  for (let i = 0; i < 3; i++) rows.push(['SY18 6AA', 'care', 5, '65-plus', 'en', 'web']);
  rows.forEach((r, i) => {
    const sid = `rbx${String(i).padStart(29, '0')}`; // apart from 43-summary's rpb…
    t.sql(`INSERT INTO response (survey_id, version_hash, receipt_hash, submission_id, lang, channel, submitted_at)
             VALUES ('${S}', '${ver}', 'RBX-${i}', '${sid}', '${r[4]}', '${r[5]}', '2025-06-01 10:00:00');
           INSERT INTO answer (response_id, survey_id, question_id, ord, value)
             SELECT id, '${S}', 'postcode', 0, '${r[0]}' FROM response WHERE submission_id='${sid}'
             UNION ALL SELECT id, '${S}', 'priority', 0, '${r[1]}' FROM response WHERE submission_id='${sid}'
             UNION ALL SELECT id, '${S}', 'satisfaction', 0, '${r[2]}' FROM response WHERE submission_id='${sid}'
             UNION ALL SELECT id, '${S}', 'age-band', 0, '${r[3]}' FROM response WHERE submission_id='${sid}'`);
  });
  // rows written by hand bypass the stored results totals (issue 23)
  t.execFileSync(t.path.join(__dirname, '..', '..', '..', 'app', 'yourvoice'),
    ['results', '--config', `${t.state}/yourvoice.conf`, S, '--rebuild'], { stdio: 'ignore' });
}

// axe with the best-practice rules as well as WCAG 2.2 AA.
async function bestPractice(t, page, label) {
  await page.addScriptTag({ content: axeSource });
  const res = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    });
    return r.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((x) => x.target.join(' ')).slice(0, 3).join(', ')})`);
  });
  t.ok(res.length === 0, `axe: ${label}: no violations, best practices included`, res.join('\n'));
}

// The smallest rendered font size of any text in a chart (HTML text by its
// computed size; SVG text by its size on screen, viewBox scaling included).
async function smallestChartText(page) {
  return page.evaluate(() => {
    let min = Infinity, n = 0;
    for (const chart of document.querySelectorAll('.chart, svg')) {
      const walker = document.createTreeWalker(chart, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const el = node.parentElement;
        if (!node.textContent.trim() || el.closest('title, desc, .visually-hidden')) continue;
        let size = parseFloat(getComputedStyle(el).fontSize);
        if (el instanceof SVGElement && el.ownerSVGElement) {
          const m = el.getScreenCTM();
          if (m) size *= Math.abs(m.d);
        }
        n++;
        min = Math.min(min, size);
      }
    }
    return { min, n };
  });
}

module.exports = async (browser, t) => {
  const ctx0 = await browser.newContext();
  const p0 = await ctx0.newPage();
  fixture(t);
  await loaded(t, p0);
  responses(t);
  await ctx0.close();

  for (const l of ['en', 'cy']) {
    for (const js of [true, false]) {
      const tag = `${l} ${js ? 'js' : 'nojs'}`;
      const ctx = await browser.newContext({ javaScriptEnabled: js, bypassCSP: true, viewport: { width: 320, height: 800 } });
      const page = await ctx.newPage();
      const r = await page.goto(`${t.base}/r/${S}?lang=${l}`);
      t.ok(r.status() === 200, `${tag}: the results page of a closed survey is public`, String(r.status()));
      t.ok(await page.locator('#summary li').count() >= 4, `${tag}: the page opens with the summary`);
      t.ok(await page.locator('.crosstab').count() > 0, `${tag}: breakdowns are shown as cross-tables`);
      await t.audit(page, 'results-page', `${tag} results page${js ? '' : ' nojs'}`);
      if (js) await bestPractice(t, page, `${tag} results page`);
      const f = await smallestChartText(page);
      t.ok(f.n > 0 && f.min >= 14, `${tag}: no chart text under 14 px at 320 px (smallest ${f.min}px of ${f.n})`);
      // the wide cross-table scrolls: its region is focusable and named, the
      // first column stays in view, and (with the script) a hint says so
      const wrap = page.locator('.crosstab .table-wrap').first();
      const info = await wrap.evaluate((w) => ({
        scrolls: w.scrollWidth > w.clientWidth,
        tab: w.tabIndex,
        name: w.getAttribute('aria-label'),
        sticky: getComputedStyle(w.querySelector('tbody tr > :first-child')).position,
        hint: w.previousElementSibling && w.previousElementSibling.classList.contains('scroll-hint')
          ? !w.previousElementSibling.hidden : null,
      }));
      t.ok(info.scrolls, `${tag}: the cross-table is wider than 320 px and scrolls in its region`);
      t.ok(info.tab === 0 && info.name && info.name !== 'Table of figures', `${tag}: the scroll region is focusable and named by its table (${info.name})`);
      t.ok(info.sticky === 'sticky', `${tag}: the first column stays in view`);
      if (js) t.ok(info.hint === true, `${tag}: a visible hint says the table scrolls`);
      if (js) {
        await wrap.evaluate((w) => { w.scrollLeft = 400; });
        const still = await wrap.evaluate((w) => {
          const c = w.querySelector('tbody tr > :first-child').getBoundingClientRect();
          return c.left >= w.getBoundingClientRect().left - 1;
        });
        t.ok(still, `${tag}: scrolled sideways, the group names are still visible`);
      }

      const b = await page.goto(`${t.base}/r/${S}/briefing?lang=${l}`);
      t.ok(b.status() === 200, `${tag}: the briefing is public`);
      t.ok(await page.locator('nav').count() === 0, `${tag}: the briefing has no navigation`);
      await t.audit(page, 'briefing', `${tag} briefing${js ? '' : ' nojs'}`);
      if (js) await bestPractice(t, page, `${tag} briefing`);
      const g = await smallestChartText(page);
      t.ok(g.n > 0 && g.min >= 14, `${tag}: briefing: no chart text under 14 px (smallest ${g.min}px)`);
      if (js && l === 'en') {
        await page.emulateMedia({ media: 'print' });
        const hidden = await page.evaluate(() => getComputedStyle(document.querySelector('.no-print')).display);
        t.ok(hidden === 'none', `${tag}: the language link is not printed`);
        const brk = await page.evaluate(() => getComputedStyle(document.querySelector('#questions')).breakBefore);
        t.ok(brk === 'page', `${tag}: each part of the briefing starts a printed page`);
        const pdf = await page.pdf({ preferCSSPageSize: true });
        const text = pdf.toString('latin1');
        const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(text);
        t.ok(box && Math.abs(parseFloat(box[1]) - 595) < 2 && Math.abs(parseFloat(box[2]) - 842) < 2,
          `${tag}: the briefing prints to PDF on A4 (${box ? `${box[1]}x${box[2]}` : 'no MediaBox'})`);
        t.fs.writeFileSync(t.path.join(t.shots, 'briefing.pdf'), pdf);
      }
      await ctx.close();
    }
  }
  t.fs.unlinkSync(t.path.join(t.state, 'surveys', `${S}.xml`));
  process.kill(parseInt(t.fs.readFileSync(t.path.join(t.state, 'run', 'app.pid'), 'utf8'), 10), 'SIGHUP');
};
