// SPDX-License-Identifier: AGPL-3.0-or-later
// Commitments (issue 21): /promises (all, and filtered by status), the
// results page's "What we will do" section and the officers' commitment
// pages (the list with its add form, the form refused with errors beside
// its fields, one commitment's update and change forms), at 320 px, axe
// clean, in English and Welsh, with JavaScript on and off.
'use strict';

module.exports = async (browser, t) => {
  const S = 'customer-care';
  // Its results are published for this suite only (manual publication),
  // and put back as they were at the end.
  const hadRow = t.sql(`SELECT COUNT(*) FROM survey_publication WHERE survey_id='${S}'`) !== '0';
  const day = (n) => { const d = new Date(Date.now() + n * 86400000); return d.toLocaleDateString('en-CA', { timeZone: 'Europe/London' }); };
  t.sql(`DELETE FROM commitment_update WHERE survey_id='${S}'; DELETE FROM commitment WHERE survey_id='${S}'`);
  if (!hadRow) {
    t.sql(`INSERT INTO survey_publication (survey_id, published, updated_by, updated_at) VALUES ('${S}', 1, 'browser', UTC_TIMESTAMP(3))`);
  }
  const add = (en, cy, owner, due, status, notes) => {
    t.sql(`INSERT INTO commitment (survey_id, text_en, text_cy, answers, answers_en, answers_cy, owner, due_date, status, created_by, created_at, updated_at)
           VALUES ('${S}', '${en}', '${cy}', NULL, NULL, NULL, '${owner}', '${due}', '${status}', 'browser', UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))`);
    const id = t.sql('SELECT MAX(id) FROM commitment');
    for (const [date, st, nen, ncy] of notes) {
      t.sql(`INSERT INTO commitment_update (commitment_id, survey_id, update_date, status, note_en, note_cy, officer, created_at)
             VALUES (${id}, '${S}', '${date}', '${st}', '${nen}', '${ncy}', 'browser', UTC_TIMESTAMP(3))`);
    }
    return id;
  };
  const late = add('Answer every phone call within two minutes', 'Ateb pob galwad ffôn o fewn dau funud', 'Customer services',
    day(-1), 'planned', [[day(-20), 'planned', '', '']]);
  add('Publish a monthly report of complaints and what changed', 'Cyhoeddi adroddiad misol o gwynion a beth newidiodd', 'Policy and performance',
    day(30), 'in-progress', [[day(-20), 'planned', '', ''], [day(-2), 'in-progress', 'The first report is being written', 'Mae’r adroddiad cyntaf yn cael ei ysgrifennu']]);
  add('Open the contact centre on Saturdays', 'Agor y ganolfan gyswllt ar ddydd Sadwrn', 'Customer services',
    day(10), 'dropped', [[day(-20), 'planned', '', ''], [day(-3), 'dropped', 'Too few calls on Saturdays', 'Rhy ychydig o alwadau ar ddydd Sadwrn']]);

  try {
    for (const l of ['en', 'cy']) {
      for (const js of [true, false]) {
        const tag = `promises ${l} ${js ? 'js' : 'nojs'}`;
        const ctx = await browser.newContext({ javaScriptEnabled: js, bypassCSP: true, viewport: { width: 320, height: 800 } });
        const page = await ctx.newPage();
        await page.goto(`${t.base}/promises?lang=${l}`);
        t.ok(await t.lang(page) === l, `${tag}: /promises in ${l}`);
        t.ok(await page.locator('.promise-late').count() > 0, `${tag}: the late commitment shows as late`);
        await t.audit(page, 'promises', `${tag} /promises`);
        // the filter, as a resident would use it (a GET form: no script needed)
        await page.locator('#status-filter').selectOption('late');
        await Promise.all([page.waitForLoadState('load'), page.locator('form.filters button').click()]);
        await page.waitForLoadState('load');
        t.ok(page.url().includes('status=late'), `${tag}: the filter is a plain GET`);
        t.ok(await page.locator('li.promise').count() === 1, `${tag}: filtered to the one late commitment`);
        await t.audit(page, 'promises', `${tag} /promises?status=late`);
        await page.goto(`${t.base}/r/${S}?lang=${l}`);
        t.ok(await page.locator('#commitments .promise-history li').count() >= 4, `${tag}: the results page shows the commitments' history`);
        await t.audit(page, 'promises', `${tag} results page with commitments`);

        // the officer's pages
        await page.goto(`${t.base}/admin?lang=${l}`);
        await page.locator('#f-username').fill('browser.officer');
        await page.locator('#f-password').fill('a-long-browser-password');
        await t.press(page, null);
        t.ok(await page.locator('#late-commitments a').count() >= 1, `${tag}: the dashboard lists the late commitment`);
        await page.goto(`${t.base}/admin/promises/${S}`);
        t.ok(await page.locator('form.promise-form').count() === 1, `${tag}: the add form`);
        await t.audit(page, 'promises-admin', `${tag} officers' commitments`);
        await Promise.all([page.waitForLoadState('load'), page.locator('form.promise-form button[type=submit]').click()]);
        await page.waitForLoadState('load');
        t.ok(await page.locator('.error-summary').count() === 1, `${tag}: an empty form shows the error summary`);
        t.ok(await page.locator('.question-error .error-message').count() >= 4, `${tag}: and each error beside its field`);
        await t.audit(page, 'promises-admin', `${tag} add form with errors`);
        await page.goto(`${t.base}/admin/promises/${S}/${late}`);
        t.ok(await page.locator('form.promise-form').count() === 2, `${tag}: the update and change forms`);
        await t.audit(page, 'promises-admin', `${tag} one commitment`);
        await ctx.close();
      }
    }
  } finally {
    t.sql(`DELETE FROM commitment_update WHERE survey_id='${S}'; DELETE FROM commitment WHERE survey_id='${S}'`);
    if (!hadRow) t.sql(`DELETE FROM survey_publication WHERE survey_id='${S}'`);
  }
};
