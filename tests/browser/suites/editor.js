// SPDX-License-Identifier: AGPL-3.0-or-later
// The survey editor (issue 22): the edit page of a sample survey, the same
// page with the check's messages (a broken text: an error summary whose
// links lead to numbered lines), the preview of the first page in English
// and Welsh, and the new survey page with and without an error; at 320 px,
// axe clean, in English and Welsh, with JavaScript on and off (the pages
// need none). Check and Preview store nothing; the new-survey form is
// submitted only with an invalid id, so the suite leaves no version behind.
'use strict';

module.exports = async (browser, t) => {
  const S = 'what-matters';
  const before = t.sql(`SELECT COUNT(*) FROM survey_xml_version WHERE survey_id='${S}'`);
  for (const l of ['en', 'cy']) {
    for (const js of [true, false]) {
      const tag = `editor ${l} ${js ? 'js' : 'nojs'}`;
      const ctx = await browser.newContext({ javaScriptEnabled: js, bypassCSP: true, viewport: { width: 320, height: 800 } });
      const page = await ctx.newPage();
      await page.goto(`${t.base}/admin?lang=${l}`);
      await page.locator('#f-username').fill('browser.officer');
      await page.locator('#f-password').fill('a-long-browser-password');
      await t.press(page, null);
      await page.goto(`${t.base}/admin/edit/${S}`);
      t.ok(await t.lang(page) === l, `${tag}: the edit page in ${l}`);
      const xml = await page.locator('#xml').inputValue();
      t.ok(xml.includes(`id="${S}"`), `${tag}: the text area holds the survey`);
      await t.audit(page, 'editor', `${tag} edit page`);

      // a broken text: the check's messages, each a link to its line
      await page.locator('#xml').fill(xml.replace('<choice id="priority" required="true">', '<choice id="priority" required="maybe">'));
      await Promise.all([page.waitForLoadState('load'), page.locator('button[value="check"]').click()]);
      await page.waitForLoadState('load');
      const link = page.locator('.error-summary a').first();
      t.ok((await link.innerText()).startsWith(`${S}.xml:`), `${tag}: the check's message names file, line and column`);
      const href = await link.getAttribute('href');
      t.ok(/^#L[0-9]+$/.test(href) && await page.locator(href).count() === 1, `${tag}: and links to its numbered line (${href})`);
      t.ok((await page.locator('#xml').inputValue()).includes('required="maybe"'), `${tag}: the text is kept for fixing`);
      await t.audit(page, 'editor', `${tag} check messages`);

      // the preview of the fixed text in both languages
      for (const pl of ['en', 'cy']) {
        await page.goto(`${t.base}/admin/edit/${S}`);
        await Promise.all([page.waitForLoadState('load'), page.locator(`button[value="preview-${pl}"]`).click()]);
        await page.waitForLoadState('load');
        t.ok(await t.lang(page) === pl, `${tag}: the preview in ${pl}`);
        t.ok(await page.locator('.notice-preview').count() === 1, `${tag}: marked as a preview (${pl})`);
        t.ok(await page.locator('input[name="priority"]').count() > 0, `${tag}: with the first page's question (${pl})`);
        await t.audit(page, 'editor', `${tag} preview ${pl}`);
      }

      // a new survey
      await page.goto(`${t.base}/admin/new?lang=${l}`);
      t.ok(await page.locator('#id').count() === 1 && await page.locator('#from option').count() > 1,
        `${tag}: the new survey page offers an id and what to start from`);
      await t.audit(page, 'editor', `${tag} new survey`);
      await page.locator('#id').fill('Not an id');
      await t.press(page, null);
      t.ok(await page.locator('.error-summary').count() === 1, `${tag}: an invalid id is shown as an error`);
      await t.audit(page, 'editor', `${tag} new survey error`);
      await ctx.close();
    }
  }
  t.ok(t.sql(`SELECT COUNT(*) FROM survey_xml_version WHERE survey_id='${S}'`) === before, 'check and preview stored nothing');
};
