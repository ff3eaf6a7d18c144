// SPDX-License-Identifier: AGPL-3.0-or-later
// Residents told (issue 21): the page of the one-click unsubscribe link in
// residents' emails, here for a link that is not (or no longer) on the
// list, which uses the same page as the confirmation: at 320 px, axe
// clean, in English and Welsh, with JavaScript on and off.
'use strict';

module.exports = async (browser, t) => {
  for (const l of ['en', 'cy']) {
    for (const js of [true, false]) {
      const tag = `unsubscribe ${l} ${js ? 'js' : 'nojs'}`;
      const ctx = await browser.newContext({ javaScriptEnabled: js, bypassCSP: true, viewport: { width: 320, height: 800 } });
      const page = await ctx.newPage();
      const r = await page.goto(`${t.base}/unsubscribe?n=999999&c=${'0'.repeat(64)}&lang=${l}`);
      t.ok(r.status() < 500, `${tag}: the page answers`);
      t.ok(await t.lang(page) === l, `${tag}: in ${l}`);
      t.ok(await page.locator('h1').count() === 1, `${tag}: with one heading`);
      await t.audit(page, 'unsubscribe', `${tag} link not on the list`);
      await ctx.close();
    }
  }
};
