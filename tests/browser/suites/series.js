'use strict';
// A tracked series (/t/<series>): the page at 320 px in English and Welsh,
// with and without JavaScript, axe clean, every chart's text at least
// 14 px as rendered (16 units in a 320-unit box, scaled to the screen).
module.exports = async (browser, t) => {
  // tests/integration/48-series.sh loads the fixture waves (and their
  // responses); a browser-only run loads the waves itself.
  const surveys = process.env.YV_SURVEYS || `${t.state}/surveys`;
  if (!t.fs.existsSync(`${surveys}/trust-2026-q4.xml`)) {
    const fx = t.path.join(__dirname, '..', '..', 'fixtures', 'series');
    for (const f of t.fs.readdirSync(fx)) t.fs.copyFileSync(t.path.join(fx, f), `${surveys}/${f}`);
    process.kill(Number(t.fs.readFileSync(`${t.state}/run/app.pid`, 'utf8')), 'SIGHUP');
    await new Promise((r) => setTimeout(r, 2000));
  }
  for (const l of ['en', 'cy']) {
    for (const js of [true, false]) {
      const tag = `series ${l} ${js ? 'js' : 'nojs'}`;
      const ctx = await browser.newContext({ javaScriptEnabled: js, bypassCSP: true, viewport: { width: 320, height: 800 } });
      const page = await ctx.newPage();
      const res = await page.goto(`${t.base}/t/trust-tracker?lang=${l}`);
      t.ok(res.status() === 200, `${tag}: the series page answers`);
      const small = await page.locator('svg.chart-line').evaluateAll((svgs) => {
        const out = [];
        for (const svg of svgs) {
          const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
          for (const tx of svg.querySelectorAll('text')) {
            const px = Number(tx.getAttribute('font-size')) * scale;
            if (!(px >= 14)) out.push(`${tx.textContent}: ${px.toFixed(1)} px`);
          }
        }
        return out;
      });
      t.ok((await page.locator('svg.chart-line').count()) > 0 && small.length === 0,
        `${tag}: every chart text is at least 14 px`, small.join('; '));
      const regions = await page.locator('[role="region"]').evaluateAll((rs) => rs.map((r) => r.getAttribute('aria-label')));
      t.ok(new Set(regions).size === regions.length, `${tag}: each table region has its own name`);
      await t.audit(page, 'series', `${tag} series`);
      await ctx.close();
    }
  }
};
