// SPDX-License-Identifier: AGPL-3.0-or-later
// The budget simulator (app/render/form_budget.c, public/yourvoice.js) at
// 320 px, in English and Welsh, with JavaScript on and off: the balance
// stays in view while choosing (its box is inside the viewport after
// scrolling to the last service), the chosen consequence is announced (the
// text of its aria-live region changes on a stepper click), the steppers
// work from the keyboard, nothing below moves when a consequence changes,
// "Update my total" works without the script, and axe finds nothing.
'use strict';

const words = {
  en: { update: 'Update my total', still: 'still to find', increase: 'Increase: Schools' },
  cy: { update: 'Diweddaru fy nghyfanswm', still: 'ar ôl i’w ganfod', increase: 'Cynyddu: Ysgolion' },
};

module.exports = async (browser, t) => {
  const { ok, audit } = t;
  for (const l of ['en', 'cy']) {
    for (const js of [true, false]) {
      const tag = `budget ${l} ${js ? 'js' : 'nojs'}`;
      const w = words[l];
      const ctx = await browser.newContext({ javaScriptEnabled: js, bypassCSP: true, viewport: { width: 320, height: 800 } });
      const page = await ctx.newPage();
      await page.goto(`${t.base}/s/budget-2026/the-budget?lang=${l}`);
      await audit(page, 'budget-simulator', `${tag} simulator`);

      const bar = page.locator('.budget-balance');
      const total = page.locator('.budget-total');
      ok((await total.textContent()).includes(w.still), `${tag}: the balance says how much is still to find`);

      // The balance stays in view while choosing: scroll to the last service.
      await page.locator('.budget-line').last().scrollIntoViewIfNeeded();
      await page.locator('.budget-line').last().evaluate((e) => e.scrollIntoView({ block: 'end' }));
      const box = await bar.boundingBox();
      const scrolled = await page.evaluate(() => window.scrollY);
      ok(scrolled > 1000 && box && box.y >= 0 && box.y + box.height <= 800,
        `${tag}: the balance is in the viewport after scrolling to the last service`,
        JSON.stringify({ scrolled, box }));

      if (js) {
        const down = page.locator('button.step-down[data-for="f-budget.libraries"]');
        const live = page.locator('[id="c-budget.libraries"]');
        ok(await page.locator('button.step-down:visible').count() === 12, `${tag}: every line has a − / + stepper`);
        ok(await page.locator('.budget-update:visible').count() === 0, `${tag}: the script makes "Update my total" unneeded`);
        ok((await live.getAttribute('aria-live')) === 'polite', `${tag}: the consequence is a polite live region`);
        const last = page.locator('.budget-line').last();
        const yBefore = await last.evaluate((e) => e.getBoundingClientRect().top + window.scrollY);
        const before = await live.textContent();
        const totalBefore = await total.textContent();
        await down.click();
        const after = await live.textContent();
        ok(after !== before, `${tag}: a stepper click changes the announced consequence`, `${before} -> ${after}`);
        ok((await page.locator('select[name="budget.libraries"]').inputValue()) === '-5', `${tag}: the stepper moves the choice one step`);
        await down.click();
        const chosen = await live.textContent();
        ok(chosen.startsWith('-10%') && chosen !== after, `${tag}: the level written for -10% is announced`, chosen);
        const totalAfter = await total.textContent();
        ok(totalAfter !== totalBefore && totalAfter.includes('460,000'), `${tag}: the balance follows the stepper`, totalAfter);
        const yAfter = await last.evaluate((e) => e.getBoundingClientRect().top + window.scrollY);
        ok(Math.abs(yAfter - yBefore) < 0.5, `${tag}: nothing below moves when the consequence changes (space reserved)`, `${yBefore} -> ${yAfter}`);

        // Keyboard: Tab from − reaches the select then +; Enter and Space step up.
        await page.locator('button.step-down[data-for="f-budget.schools"]').focus();
        await page.keyboard.press('Tab');
        ok(await page.evaluate(() => document.activeElement.id) === 'f-budget.schools', `${tag}: Tab goes from − to the select`);
        await page.keyboard.press('Tab');
        const name = await page.evaluate(() => document.activeElement.textContent);
        ok(name === `+${w.increase}`, `${tag}: then to +, named for its service`, name);
        await page.keyboard.press('Enter');
        await page.keyboard.press('Space');
        ok((await page.locator('select[name="budget.schools"]').inputValue()) === '2', `${tag}: Enter and Space on + each raise the change one step`);
        ok((await page.locator('[id="c-budget.schools"]').textContent()).length > 0, `${tag}: the chosen consequence is shown`);
        // Council tax: the household cost follows the rise (4%: £90.24 a year, £1.74 a week).
        const ctUp = page.locator('button.step-up[data-for="f-budget.council-tax"]');
        for (let i = 0; i < 8; i++) await ctUp.click();
        const ct = await page.locator('[id="c-budget.council-tax"]').textContent();
        ok(ct.includes('£90.24') && ct.includes('£1.74'), `${tag}: the Band D cost of a 4% rise`, ct);
        await audit(page, 'budget-simulator', `${tag} simulator after choosing`);
      } else {
        ok(await page.locator('button.step:visible').count() === 0, `${tag}: no stepper buttons without the script`);
        await page.locator('select[name="budget.highways"]').selectOption('-25');
        await page.locator('select[name="budget.council-tax"]').selectOption('4');
        await t.press(page, w.update);
        ok((await total.textContent()).includes('7,860,000'), `${tag}: "Update my total" shows the new total`, await total.textContent());
        ok((await page.locator('select[name="budget.highways"]').inputValue()) === '-25'
          && (await page.locator('select[name="budget.council-tax"]').inputValue()) === '4', `${tag}: the choices are kept`);
        ok((await page.locator('[id="c-budget.highways"]').textContent()).startsWith('-25%'), `${tag}: the chosen consequence is shown`);
        ok((await page.locator('[id="c-budget.council-tax"]').textContent()).includes('£90.24'), `${tag}: the Band D cost is shown`);
        ok(await page.locator('.error-summary').count() === 0, `${tag}: nothing is validated`);
        await audit(page, 'budget-simulator', `${tag} simulator updated`);
      }
      await ctx.close();
    }
  }
};
