import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withApp } from './fixture';
import { screenshot, waitForReady } from './harness';

describe('Backfill tab (serve --demo)', () => {
  it('refuses a plan in words, previews a small job, starts it and watches its progress reach done', async () => {
    await withApp('backfill', async ({ serve, browser }) => {
      const { page } = browser;
      await page.goto(serve.url);
      await waitForReady(page);
      await page.getByTestId('tab-backfill').click();
      await expect.poll(() => page.getByTestId('tab-backfill').textContent()).toBe('Backfill');
      const end = await page.getByTestId('bf-end').inputValue();
      expect(end).toMatch(/^\d{4}-\d{2}-\d{2}$/);

      // A refusal comes back as a sentence: 1-second bars older than six months.
      await page.getByTestId('bf-symbols').fill('aapl, msft, ZZZQ');
      await page.getByTestId('bf-start').fill('2020-01-02');
      await page.getByTestId('bf-bar').selectOption('1sec');
      await page.getByTestId('bf-preview').click();
      await expect.poll(async () => (await page.getByTestId('bf-error').textContent()) ?? '', { timeout: 20_000 }).toMatch(/only for the last six months/);

      // The dry run: tasks, requests, the time IB's pacing needs, the symbol IB does not know and why.
      await page.getByTestId('bf-bar').selectOption('1min');
      await page.getByTestId('bf-start').fill(end);
      await page.getByTestId('bf-preview').click();
      await expect.poll(async () => (await page.getByTestId('bf-plan').textContent()) ?? '', { timeout: 30_000 }).toMatch(/2 tasks.*2 requests.*2 pacing units/);
      expect(await page.getByTestId('bf-plan-time').textContent()).toBe('none');
      expect(await page.getByTestId('bf-plan-unresolved').textContent()).toContain('ZZZQ');

      await page.getByTestId('bf-symbols').fill('AAPL, MSFT');
      await page.getByTestId('bf-preview').click();
      await page.getByTestId('bf-plan').waitFor({ timeout: 30_000 });
      await page.getByTestId('bf-run').click();
      const card = page.getByTestId('bf-job').first();
      await expect.poll(() => card.getAttribute('data-state'), { timeout: 60_000 }).toBe('done');
      expect(await card.getByTestId('bf-job-bar').getAttribute('data-value')).toBe('1.000');
      expect(await card.getByTestId('bf-job-count').textContent()).toMatch(/^2\/2 tasks · 2 requests/);
      expect(await card.getByTestId('bf-job-summary').textContent()).toMatch(/^SUMMARY WRITE=2 SKIP=0 EMPTY=0 ERROR=0 total=2 /);
      expect(await card.getByTestId('bf-symbol-AAPL').textContent()).toContain('1/1');
      for (const s of ['AAPL', 'MSFT']) expect(existsSync(join(serve.dataDir, 'bars', `symbol=${s}`, 'bar=1min', `date=${end}.arrow`)), s).toBe(true);
      await screenshot(page, 'backfill-tab');
    }, ['--demo']);
  }, 180_000);
});
