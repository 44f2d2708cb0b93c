/**
 * The DataBento panel in the Backfill tab, against a loopback server that speaks DataBento's documented API
 * (tests/support/databento-server.ts) serving Databento's own MBP-10 sample: key, cost above the limit needs a
 * tick, import with progress, and the session is then in Replay's browser.
 */
import { describe, expect, it } from 'vitest';
import { startFakeDatabento } from '../support/databento-server';
import { fixture, hasFixtures } from '../support/fixtures';
import { withApp } from './fixture';
import { screenshot, waitForReady } from './harness';

const KEY = 'db-E2EKEY00000000000000000000000';

describe.skipIf(!hasFixtures)('DataBento panel (serve --demo)', () => {
  it('saves the key, shows the cost, needs a tick above the limit, imports with progress, then Replay lists it', async () => {
    const server = await startFakeDatabento({ apiKey: KEY, cost: 12.5, rangeFile: fixture('databento', 'XNAS.ITCH_test_data.mbp-10.dbn.zst') });
    try {
      await withApp('databento', async ({ serve, browser }) => {
        const { page } = browser;
        await page.goto(serve.url);
        await waitForReady(page);
        await page.getByTestId('tab-backfill').click();
        const panel = page.getByTestId('databento-panel');
        await expect.poll(() => panel.count()).toBe(1);
        expect(await page.getByTestId('db-import').isDisabled()).toBe(true);

        await page.getByTestId('db-key').fill('not-a-key');
        await page.getByTestId('db-key-save').click();
        await expect.poll(async () => (await page.getByTestId('db-error').textContent()) ?? '').toMatch(/look like db-/);
        await page.getByTestId('db-key').fill(KEY);
        await page.getByTestId('db-key-save').click();
        await expect.poll(async () => (await page.getByTestId('db-key-state').textContent()) ?? '').toMatch(/API key set \(kept for this run only/);

        await page.getByTestId('db-symbol').fill('nvda');
        await page.getByTestId('db-date').fill('2020-12-28');
        await page.getByTestId('db-cost').click();
        const verdict = page.getByTestId('db-verdict');
        await expect.poll(() => verdict.getAttribute('data-needs-confirm'), { timeout: 10_000 }).toBe('true');
        expect(await verdict.textContent()).toMatch(/\$13, above your limit of \$5\.00/);
        expect(await page.getByTestId('db-import').isDisabled()).toBe(true);
        await page.getByTestId('db-accept').check();
        await page.getByTestId('db-import').click();
        await expect.poll(async () => (await page.getByTestId('db-done').textContent()) ?? '', { timeout: 30_000 }).toMatch(/Imported [\d,]+ records/);
        expect(await page.getByTestId('db-progress').getAttribute('data-phase')).toBe('done');
        expect(server.requests.map((r) => r.method)).toContain('timeseries.get_range');
        expect(server.requests.every((r) => r.form.symbols === 'NVDA')).toBe(true);
        await screenshot(page, 'databento-panel');

        await page.getByTestId('tab-replay').click();
        await expect.poll(() => page.locator('[data-testid^="replay-session-"][data-symbol="NVDA"]').count(), { timeout: 10_000 }).toBe(1);
      }, ['--demo', '--databento-url', server.baseUrl]);
    } finally {
      await server.close();
    }
  });
});
