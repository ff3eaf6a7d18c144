// SPDX-License-Identifier: AGPL-3.0-or-later
// Results that residents can find (issue 19): the home page, /results and
// a survey's pages (open with live results, and closed) at 320 px, in
// English and Welsh, JavaScript on and off: axe clean, the results link
// there and working, and no "00:00" for a date given without a time.
'use strict';

module.exports = async (browser, t) => {
  for (const l of ['en', 'cy']) {
    for (const js of [true, false]) {
      const tag = `findable ${l}${js ? '' : ' nojs'}`;
      const ctx = await browser.newContext({ javaScriptEnabled: js, bypassCSP: true, viewport: { width: 320, height: 800 } });
      const page = await ctx.newPage();

      await page.goto(`${t.base}/?lang=${l}`);
      t.ok((await t.lang(page)) === l, `${tag}: home page in the chosen language`);
      t.ok(await page.locator('a[href="/r/customer-care"]').count() === 1,
        `${tag}: home links customer-care's live results`);
      t.ok(await page.locator('a[href="/results"]').count() === 1, `${tag}: home links /results`);
      await t.audit(page, 'home-findable', `${tag} home page with results links`);

      await page.click('a[href="/results"]');
      t.ok(new URL(page.url()).pathname === '/results', `${tag}: the link leads to /results`);
      t.ok((await t.lang(page)) === l, `${tag}: /results keeps the language`);
      const items = await page.locator('ul.results-list > li').count();
      t.ok(items >= 1, `${tag}: /results lists consultations with public results (${items})`);
      t.ok(await page.locator('ul.results-list a[href="/r/customer-care"]').count() === 1,
        `${tag}: /results lists customer-care`);
      t.ok(!(await page.content()).includes('00:00'), `${tag}: /results shows no midnight for a date alone`);
      await t.audit(page, 'results-list', `${tag} results list`);
      const [resp] = await Promise.all([
        page.waitForNavigation(),
        page.click('ul.results-list a[href="/r/customer-care"]'),
      ]);
      t.ok(resp && resp.status() === 200, `${tag}: the listed results open (${resp && resp.status()})`);

      await page.goto(`${t.base}/s/customer-care?lang=${l}`);
      t.ok(await page.locator('.results-link a[href="/r/customer-care"]').count() === 1,
        `${tag}: a standing survey's first page links its live results`);
      await t.audit(page, 'survey-findable', `${tag} survey page with a results link`);

      await page.goto(`${t.base}/s/closed?lang=${l}`);
      t.ok(await page.locator('.results-link a[href="/r/closed"]').count() === 1,
        `${tag}: a closed survey's page links its results`);
      await t.audit(page, 'closed-findable', `${tag} closed survey page`);
      await ctx.close();
    }
  }
};
