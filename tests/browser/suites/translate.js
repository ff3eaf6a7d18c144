'use strict';
// Translation (issue 22): the side-by-side page of a survey's English and
// Welsh texts, the preview of an uploaded translation and the refusal of a
// broken one, each in English and Welsh at 320 px, axe clean, with and
// without JavaScript; the upload works with a plain form post.
module.exports = async (browser, t) => {
  const os = require('os');
  const dir = t.fs.mkdtempSync(t.path.join(os.tmpdir(), 'yv-translate-'));
  for (const l of ['en', 'cy']) {
    const tag = `translate ${l}`;
    const ctx = await browser.newContext({ bypassCSP: true, viewport: { width: 320, height: 800 } });
    const p = await ctx.newPage();
    await p.goto(`${t.base}/admin?lang=${l}`);
    await p.locator('#f-username').fill('browser.officer');
    await p.locator('#f-password').fill('a-long-browser-password');
    await t.press(p, null);
    t.ok(p.url().endsWith('/admin'), `${tag}: the officer signs in`);

    const r = await p.goto(`${t.base}/admin/translate/what-matters?lang=${l}`);
    t.ok(r.status() === 200, `${tag}: the page is served`);
    t.ok(await t.lang(p) === l, `${tag}: in its language`);
    const counts = await p.locator('#counts').innerText();
    t.ok(/\d/.test(counts) && counts.includes(l === 'cy' ? 'Testunau:' : 'Texts:'), `${tag}: counts at the top`, counts);
    const rows = await p.locator('tbody tr').count();
    t.ok(rows > 10, `${tag}: a row for every text`, String(rows));
    t.ok(await p.locator('td[lang="cy"]').count() === rows, `${tag}: each Welsh cell marked lang=cy`);
    const unchanged = await p.locator('tr.tr-unchanged td:last-child').first().innerText();
    t.ok(unchanged === (l === 'cy' ? 'Y Gymraeg yr un fath â’r Saesneg' : 'Welsh the same as the English'),
      `${tag}: an unchanged text is marked in words`, unchanged);
    await t.audit(p, 'translate', `${tag} page`);
    await t.audit(p, 'translate', `${tag} page nojs`);

    // The translator's CSV: the title's Welsh edited.
    const csv = await (await p.request.get(`${t.base}/admin/translate/what-matters.csv`)).text();
    const edited = csv.replace('title,What matters to you?,Beth sy’n bwysig i chi?,',
      'title,What matters to you?,Beth sy’n wirioneddol bwysig i chi?,');
    t.ok(edited !== csv, `${tag}: the CSV download holds the title`);
    const file = t.path.join(dir, `what-matters-${l}.csv`);
    t.fs.writeFileSync(file, edited);
    await p.setInputFiles('#translations', file);
    await Promise.all([p.waitForLoadState('load'), p.locator('form[enctype="multipart/form-data"] button').click()]);
    await p.waitForLoadState('load');
    const result = await p.locator('#result').innerText();
    t.ok(result.includes('1'), `${tag}: one Welsh text would change`, result);
    t.ok(await p.locator('td[lang="cy"]', { hasText: 'Beth sy’n wirioneddol bwysig i chi?' }).count() === 1,
      `${tag}: the new Welsh is shown`);
    await t.audit(p, 'translate-preview', `${tag} preview`);
    const [download] = await Promise.all([
      p.waitForEvent('download'),
      p.locator('form[action$=".xml"] button').click(),
    ]);
    t.ok(download.suggestedFilename() === 'what-matters.xml', `${tag}: the updated file downloads`, download.suggestedFilename());
    const got = t.fs.readFileSync(await download.path(), 'utf8');
    t.ok(got.includes('<title xml:lang="cy">Beth sy’n wirioneddol bwysig i chi?</title>'), `${tag}: with the new Welsh title`);

    // A broken upload: the error summary names the row.
    await p.goto(`${t.base}/admin/translate/what-matters?lang=${l}`);
    const bad = t.path.join(dir, `bad-${l}.csv`);
    t.fs.writeFileSync(bad, 'key,English,Welsh\nq/nope/label,Hello,Helo\n');
    await p.setInputFiles('#translations', bad);
    await Promise.all([p.waitForLoadState('load'), p.locator('form[enctype="multipart/form-data"] button').click()]);
    await p.waitForLoadState('load');
    const summary = await p.locator('.error-summary').innerText();
    t.ok(summary.includes('row 2') && summary.includes('q/nope/label'), `${tag}: a refused upload names the row`, summary);
    await t.audit(p, 'translate-refused', `${tag} refused`);
    await ctx.close();
  }
  t.fs.rmSync(dir, { recursive: true, force: true });
};
