'use strict';
// Channel shift in figures (/admin/channels): the officers' page at 320 px
// in English and Welsh, axe clean, the wide table scrolling in its own
// named region, with and without JavaScript.
module.exports = async (browser, t) => {
  for (const l of ['en', 'cy']) {
    for (const js of [true, false]) {
      const tag = `channels ${l} ${js ? 'js' : 'nojs'}`;
      const ctx = await browser.newContext({ javaScriptEnabled: js, bypassCSP: true, viewport: { width: 320, height: 800 } });
      const page = await ctx.newPage();
      await page.goto(`${t.base}/admin?lang=${l}`);
      await page.locator('#f-username').fill('browser.officer');
      await page.locator('#f-password').fill('a-long-browser-password');
      await t.press(page, null);
      await page.locator('a[href="/admin/channels"]').click();
      t.ok(page.url().endsWith('/admin/channels'), `${tag}: the dashboard links to the channel figures`);
      t.ok(await page.locator('h1').count() === 1, `${tag}: one heading`);
      const regions = await page.locator('[role="region"]').evaluateAll((rs) => rs.map((r) => r.getAttribute('aria-label')));
      t.ok(regions.length >= 1 && new Set(regions).size === regions.length, `${tag}: each table region has its own name`);
      await t.audit(page, 'admin', `${tag} channels`);
      await ctx.close();
    }
  }
};
