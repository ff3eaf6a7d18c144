'use strict';
// Errors and ranking (issue #20), at 320 px, in English and Welsh, with
// JavaScript on and off: the error summary's items line up, each link
// names an input on the page and (with JavaScript) moves focus to it; the
// ranking offers only the places 1..rank, works without JavaScript, and
// with it frees a place given to a second option and counts the places.
module.exports = async (browser, t) => {
  for (const l of ['en', 'cy']) {
    for (const js of [true, false]) {
      const tag = `errors ${l} ${js ? 'js' : 'nojs'}`;
      const ctx = await browser.newContext({ javaScriptEnabled: js, bypassCSP: true, viewport: { width: 320, height: 800 } });
      const page = await ctx.newPage();
      const w = t.words[l];

      // The error summary of a page with two errors.
      await page.goto(`${t.base}/s/what-matters?lang=${l}`);
      await t.press(page, w.cont);
      const items = await page.locator('.error-summary li').count();
      t.ok(items >= 2, `${tag}: the summary lists each error`);
      const geom = await page.evaluate(() => {
        const ul = document.querySelector('.error-summary ul');
        const lis = Array.from(ul.querySelectorAll('li'));
        return {
          ul: ul.getBoundingClientRect().left,
          lis: lis.map((li) => li.getBoundingClientRect().left),
          links: lis.map((li) => {
            // the left edge of every line of the link's text
            const rects = Array.from(li.querySelector('a').getClientRects());
            return rects.map((r) => Math.round(r.left));
          }),
          bullet: getComputedStyle(lis[0]).listStyleType,
        };
      });
      const lefts = geom.links.flat();
      t.ok(geom.lis.every((x) => Math.abs(x - geom.ul) < 1) && lefts.every((x) => x === lefts[0]),
        `${tag}: summary items and every line of their links start at one edge at 320 px`,
        JSON.stringify(geom));
      const hrefs = await page.locator('.error-summary a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      let named = true;
      for (const h of hrefs) {
        const id = decodeURIComponent(h.split('#')[1] || '');
        const n = await page.evaluate((i) => {
          const el = document.getElementById(i);
          return el && /^(INPUT|SELECT|TEXTAREA)$/.test(el.tagName) ? 1 : 0;
        }, id);
        if (!n) named = false;
      }
      t.ok(named && new Set(hrefs).size === hrefs.length, `${tag}: each summary link names a different input on the page`, hrefs.join(' '));
      await t.audit(page, 'errors', `${tag} error summary`);
      const first = hrefs[0] ? decodeURIComponent(hrefs[0].split('#')[1]) : '';
      await page.locator('.error-summary a').first().click();
      if (js) {
        const active = await page.evaluate(() => document.activeElement && document.activeElement.id);
        t.ok(active === first, `${tag}: the first summary link moves focus to its input`, `focused ${active}, want ${first}`);
      } else {
        const target = await page.evaluate(() => decodeURIComponent(location.hash.slice(1)));
        t.ok(target === first, `${tag}: the first summary link goes to its input`, `went to ${target}`);
      }

      // Ranking: only 1..3, refused when empty, accepted with three places.
      await page.goto(`${t.base}/s/budget-2026/priorities?lang=${l}`);
      const places = await page.locator('select[name="protect.schools"] option').evaluateAll((os) => os.map((o) => o.value));
      t.ok(JSON.stringify(places) === JSON.stringify(['', '1', '2', '3']), `${tag}: ranking offers only the places 1 to 3`, places.join(','));
      await t.audit(page, 'ranking', `${tag} ranking`);
      await t.press(page, w.cont);
      t.ok(await page.locator('.error-summary a[href="#f-protect.schools"]').count() === 1,
        `${tag}: an unranked ranking links to its first select`);
      await page.selectOption('select[name="protect.schools"]', '1');
      if (js) {
        await page.selectOption('select[name="protect.waste"]', '1');
        t.ok(await page.locator('select[name="protect.schools"]').inputValue() === '',
          `${tag}: giving a place to a second option frees it from the first`);
        const status = (await page.locator('.rank-status').textContent()) || '';
        t.ok(/^1 /.test(status) && status.includes('3'), `${tag}: the running count says 1 of 3`, status);
        await page.selectOption('select[name="protect.schools"]', '2');
      } else {
        await page.selectOption('select[name="protect.waste"]', '2');
        t.ok(await page.locator('.rank-status').count() === 0, `${tag}: without JavaScript the plain selects are the ranking`);
      }
      await page.selectOption('select[name="protect.children"]', '3');
      await t.press(page, w.cont);
      t.ok(!page.url().endsWith('/priorities') && (await page.locator('.error-summary').count()) === 0,
        `${tag}: a full top 3 is accepted`, page.url());
      await ctx.close();
    }
  }
};
