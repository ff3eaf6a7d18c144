// SPDX-License-Identifier: AGPL-3.0-or-later
// Feedback, good and bad (issue 21): the public page /feedback of the
// standing customer-care survey (a stored snapshot with approved themes,
// a stance split with suppressed cells, quotes, and a commitment made in
// reply) and the officers' settings on its publication page, at 320 px,
// axe clean, in English and Welsh, with JavaScript on and off.
'use strict';

module.exports = async (browser, t) => {
  const S = 'customer-care';
  const snap = JSON.stringify({
    survey: S, min_group_size: 10,
    questions: [
      { question: 'complaint-details', status: 'ready', answers: 48, awaiting_review: 9, themes: [
        { id: 'k1', label: { en: 'potholes on the roads', cy: 'tyllau yn y ffyrdd' }, label_cy_fallback: false, count: 24, suppressed: false,
          stance: { praise: null, complaint: 17, suggestion: null, neutral: 0 },
          quotes: [{ id: '1', text: 'The potholes on the main road were never fixed' }, { id: '2', text: 'Potholes again, ring me on [redacted phone]' }] },
        { id: 'k2', label: { en: 'bin collection', cy: 'bin collection' }, label_cy_fallback: true, count: 15, suppressed: false,
          stance: { praise: 0, complaint: 15, suggestion: 0, neutral: 0 },
          quotes: [{ id: '3', text: 'My bin was not collected again this week' }] }] },
      { question: 'compliment-details', status: 'ready', answers: 30, awaiting_review: 0, themes: [
        { id: 'k1', label: { en: 'library staff', cy: 'staff y llyfrgell' }, label_cy_fallback: false, count: 22, suppressed: false,
          stance: { praise: 22, complaint: 0, suggestion: 0, neutral: 0 },
          quotes: [{ id: '4', text: 'The library staff were kind and helpful' }] },
        { id: 'k2', label: { en: 'park', cy: 'parc' }, label_cy_fallback: false, count: null, suppressed: true, stance: null,
          quotes: [{ id: '5', text: 'The park is beautifully kept' }] }] },
      { question: 'suggestion-details', status: 'too_few', answers: 4, awaiting_review: 0, themes: [] }] });
  const esc = (s) => s.replace(/\\/g, '\\\\').replace(/'/g, "''");
  t.sql(`DELETE FROM feedback_page WHERE survey_id='${S}'`);
  t.sql(`INSERT INTO feedback_page (survey_id, enabled, every_unit, snapshot, updated_at, next_at, set_by, set_at)
         VALUES ('${S}', 1, 'month', '${esc(snap)}', UTC_TIMESTAMP(), UTC_TIMESTAMP() + INTERVAL 1 MONTH, 'browser', UTC_TIMESTAMP(3))`);
  t.sql(`DELETE FROM commitment_update WHERE survey_id='${S}' AND officer='browser-fb'; DELETE FROM commitment WHERE survey_id='${S}' AND created_by='browser-fb'`);
  t.sql(`INSERT INTO commitment (survey_id, text_en, text_cy, answers, answers_en, answers_cy, owner, due_date, status, created_by, created_at, updated_at)
         VALUES ('${S}', 'Repair every reported pothole within 28 days', 'Trwsio pob twll a adroddir o fewn 28 diwrnod', NULL, NULL, NULL, 'Highways', UTC_DATE() + INTERVAL 60 DAY, 'in-progress', 'browser-fb', UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))`);
  const hadRow = t.sql(`SELECT COUNT(*) FROM survey_publication WHERE survey_id='${S}'`) !== '0';
  if (!hadRow) {
    t.sql(`INSERT INTO survey_publication (survey_id, published, updated_by, updated_at) VALUES ('${S}', 1, 'browser', UTC_TIMESTAMP(3))`);
  }
  try {
    for (const l of ['en', 'cy']) {
      for (const js of [true, false]) {
        const tag = `feedback ${l} ${js ? 'js' : 'nojs'}`;
        const ctx = await browser.newContext({ javaScriptEnabled: js, bypassCSP: true, viewport: { width: 320, height: 800 } });
        const page = await ctx.newPage();
        const r = await page.goto(`${t.base}/feedback?lang=${l}`);
        t.ok(r.status() === 200, `${tag}: /feedback answers`);
        t.ok(await t.lang(page) === l, `${tag}: /feedback in ${l}`);
        t.ok(await page.locator('.feedback-question table').count() === 2, `${tag}: a table for each question with themes`);
        t.ok(await page.locator('blockquote').count() === 5, `${tag}: the quotes`);
        t.ok(await page.locator('#commitments').count() === 1, `${tag}: the commitments made in reply`);
        await t.audit(page, 'feedback', `${tag} /feedback`);
        await page.goto(`${t.base}/admin?lang=${l}`);
        await page.locator('#f-username').fill('browser.officer');
        await page.locator('#f-password').fill('a-long-browser-password');
        await t.press(page, null);
        await page.goto(`${t.base}/admin/publish/${S}`);
        t.ok(await page.locator('#feedback-enabled').isChecked(), `${tag}: the publication page has the page on`);
        t.ok(await page.locator('#every-month').isChecked(), `${tag}: updated every month`);
        await t.audit(page, 'feedback-admin', `${tag} publication page with the feedback settings`);
        await ctx.close();
      }
    }
  } finally {
    t.sql(`DELETE FROM feedback_page WHERE survey_id='${S}'`);
    t.sql(`DELETE FROM commitment WHERE survey_id='${S}' AND created_by='browser-fb'`);
    if (!hadRow) t.sql(`DELETE FROM survey_publication WHERE survey_id='${S}'`);
  }
};
