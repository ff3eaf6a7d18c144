// SPDX-License-Identifier: AGPL-3.0-or-later
// Surveys stored with their history (issue 22): the officers' versions
// page (/admin/versions/<survey>, with its compare form) and the
// differences between two versions (/admin/diff/<survey>), at 320 px, axe
// clean, in English and Welsh, with JavaScript on and off. A draft version
// of a sample is stored for the suite (a draft is never served) and
// removed at the end.
'use strict';

module.exports = async (browser, t) => {
  const S = 'what-matters';
  const last = Number(t.sql(`SELECT COALESCE(MAX(version), 0) FROM survey_xml_version WHERE survey_id='${S}'`));
  t.ok(last >= 1, 'the sample is stored as at least one version');
  const draft = last + 1;
  const x = `REPLACE(xml, 'What matters to you?', 'What matters most to you?')`;
  t.sql(`INSERT INTO survey_xml_version (survey_id, version, xml, size, sha256, origin, source, author, reason, state, created_at)
         SELECT survey_id, ${draft}, ${x}, LENGTH(${x}), SHA2(${x}, 256), 'web', '', 'browser', 'A <draft> for the browser suite', 'draft', UTC_TIMESTAMP(3)
         FROM survey_xml_version WHERE survey_id='${S}' AND version=${last}`);
  try {
    for (const l of ['en', 'cy']) {
      for (const js of [true, false]) {
        const tag = `authoring ${l} ${js ? 'js' : 'nojs'}`;
        const ctx = await browser.newContext({ javaScriptEnabled: js, bypassCSP: true, viewport: { width: 320, height: 800 } });
        const page = await ctx.newPage();
        await page.goto(`${t.base}/admin?lang=${l}`);
        await page.locator('#f-username').fill('browser.officer');
        await page.locator('#f-password').fill('a-long-browser-password');
        await t.press(page, null);
        await page.goto(`${t.base}/admin/versions/${S}`);
        t.ok(await t.lang(page) === l, `${tag}: the versions page in ${l}`);
        t.ok(await page.locator('table tbody tr').count() === draft, `${tag}: every version is listed`);
        t.ok((await page.content()).includes('A &lt;draft&gt; for the browser suite'), `${tag}: the reason is shown escaped`);
        await t.audit(page, 'authoring', `${tag} versions`);
        // compare the served version with the draft, as an officer would (a GET form)
        await page.locator('#from').selectOption(String(last));
        await page.locator('#to').selectOption(String(draft));
        await Promise.all([page.waitForLoadState('load'), page.locator('form[action^="/admin/diff/"] button').click()]);
        await page.waitForLoadState('load');
        t.ok(page.url().includes(`from=${last}`) && page.url().includes(`to=${draft}`), `${tag}: the compare form is a plain GET`);
        t.ok(await page.locator('tr.diff-del').count() === 1 && await page.locator('tr.diff-add').count() === 1,
          `${tag}: one line removed and one added`);
        t.ok((await page.locator('tr.diff-add').innerText()).includes('What matters most to you?'), `${tag}: the added line is the new title`);
        await t.audit(page, 'authoring', `${tag} diff`);
        await ctx.close();
      }
    }
  } finally {
    t.sql(`DELETE FROM survey_xml_version WHERE survey_id='${S}' AND version=${draft} AND state='draft'`);
  }
};
