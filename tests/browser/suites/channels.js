'use strict';
// Every channel served (issue 20): the paper form of each sample survey in
// English and Welsh, at 320 px and under print media emulation (A4, black
// on white, no navigation, boxes visible, questions kept whole), axe clean;
// and the assisted-entry banner an officer sees on every page of the
// residents' form.
module.exports = async (browser, t) => {
  const surveys = t.fs.readdirSync(t.path.join(__dirname, '..', '..', '..', 'surveys'))
    .filter((f) => f.endsWith('.xml')).map((f) => f.replace(/\.xml$/, ''));
  const ctx = await browser.newContext({ bypassCSP: true, viewport: { width: 320, height: 800 } });
  const page = await ctx.newPage();
  for (const id of surveys) {
    for (const l of ['en', 'cy']) {
      const tag = `paper ${id} ${l}`;
      await page.emulateMedia({ media: 'screen' });
      const r = await page.goto(`${t.base}/s/${id}/paper?lang=${l}`);
      t.ok(r.status() === 200, `${tag}: served`);
      t.ok(await t.lang(page) === l, `${tag}: in its language`);
      t.ok(await page.locator('.paper-question').count() > 0, `${tag}: has its questions`);
      await t.audit(page, 'paper', `${tag} screen`);
      await page.emulateMedia({ media: 'print' });
      const print = await page.evaluate(() => {
        const cs = (sel) => { const e = document.querySelector(sel); return e ? getComputedStyle(e) : null; };
        const box = cs('.paper-box');
        const q = cs('.paper-question');
        return {
          header: cs('.site-header').display,
          footer: cs('.site-footer').display,
          body: getComputedStyle(document.body).backgroundColor,
          text: getComputedStyle(document.body).color,
          boxBorder: box ? parseFloat(box.borderTopWidth) : 0,
          boxColor: box ? box.borderTopColor : '',
          breakInside: q ? q.breakInside : '',
        };
      });
      t.ok(print.header === 'none' && print.footer === 'none', `${tag}: printed without the site's navigation`, JSON.stringify(print));
      t.ok(print.body === 'rgb(255, 255, 255)' && print.text === 'rgb(0, 0, 0)', `${tag}: printed black on white`, JSON.stringify(print));
      t.ok(print.boxBorder >= 1 && print.boxColor === 'rgb(0, 0, 0)', `${tag}: the boxes print visible`, JSON.stringify(print));
      t.ok(print.breakInside === 'avoid', `${tag}: a question is not split over two pages`, JSON.stringify(print));
      await t.audit(page, 'paper-print', `${tag} print`);
      const pdf = await page.pdf({ preferCSSPageSize: true });
      const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
      // A4 is 595 x 842 points (Chromium writes 594.96 x 841.92)
      const box = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(pdf.toString('latin1'));
      const a4 = box !== null && Math.abs(parseFloat(box[1]) - 595) < 2 && Math.abs(parseFloat(box[2]) - 842) < 2;
      t.ok(pages >= 1 && a4, `${tag}: prints to A4`, `${pages} pages, MediaBox ${box ? box.slice(1).join(" x ") : "none"}`);
    }
  }
  await ctx.close();

  // Assisted entry: the banner names the channel and the officer.
  for (const l of ['en', 'cy']) {
    const tag = `assisted ${l}`;
    const c2 = await browser.newContext({ bypassCSP: true, viewport: { width: 320, height: 800 } });
    const p = await c2.newPage();
    await p.goto(`${t.base}/admin?lang=${l}`);
    await p.locator('#f-username').fill('browser.officer');
    await p.locator('#f-password').fill('a-long-browser-password');
    await t.press(p, null);
    t.ok(p.url().endsWith('/admin'), `${tag}: the officer signs in`);
    await p.selectOption('#channel-what-matters', 'phone');
    await Promise.all([p.waitForLoadState('load'), p.locator('#survey-what-matters form button').click()]);
    await p.waitForLoadState('load');
    const banner = p.locator('#assisted-entry');
    t.ok(await banner.isVisible(), `${tag}: the assisted-entry banner is visible`);
    const text = await banner.innerText();
    t.ok(text.includes(l === 'cy' ? 'ffôn' : 'phone') && text.includes('browser.officer'),
      `${tag}: it names the channel and the officer`, text);
    t.ok(await p.locator('button[value="save"]').count() === 0, `${tag}: no save and come back later`);
    await t.audit(p, 'assisted', `${tag} first page`);
    await c2.close();
  }
};
