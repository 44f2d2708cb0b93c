import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readManifest } from '../../src-main/research/manifest';
import { synthEvents, writeSynthSession } from '../support/synthetic-session';
import { withApp } from './fixture';
import { screenshot, waitForReady } from './harness';

describe('Research tab (serve --demo)', () => {
  it('exports a recording to Parquet, runs the worked example with Ctrl+Enter and refuses a COPY in words', async () => {
    await withApp('research', async ({ serve, browser }) => {
      const start = Date.UTC(2025, 2, 3, 14, 29, 0);
      const { sessionId } = writeSynthSession(serve.dataDir, 'GAPR', synthEvents({ start, events: 20_000, reconnectAt: 12_000 }), start);
      const { page } = browser;
      await page.goto(serve.url);
      await waitForReady(page);
      await page.getByTestId('tab-research').click();
      await expect.poll(async () => page.getByTestId('rs-sql').inputValue(), { timeout: 20_000 }).toContain("TIME '09:30:00'");

      await page.getByTestId('rs-export').click();
      await expect.poll(async () => (await page.getByTestId('rs-export-result').textContent().catch(() => '')) ?? '', { timeout: 60_000 }).toMatch(/\d+ written, 0 unchanged/);
      for (const d of ['depth', 'trades', 'book']) {
        expect(existsSync(join(serve.dataDir, 'research', d, 'symbol=GAPR', 'date=2025-03-03', `part-${sessionId}.parquet`)), d).toBe(true);
      }
      expect(existsSync(join(serve.dataDir, 'research', 'manifest.json'))).toBe(true);

      await page.getByTestId('rs-sql').focus();
      await page.keyboard.press('Control+Enter');
      const results = page.getByTestId('rs-results');
      await expect.poll(() => results.getAttribute('data-rows').catch(() => null), { timeout: 30_000 }).toBe('1');
      await expect.poll(async () => (await results.textContent()) ?? '', { timeout: 10_000 }).toContain('GAPR');
      expect(await results.textContent()).toContain('avg_spread');
      await screenshot(page, 'research-tab');

      await page.getByTestId('rs-sql').fill("COPY (SELECT * FROM depth) TO '/tmp/tapedeck-research-e2e.csv'");
      await page.getByTestId('rs-run').click();
      await expect.poll(async () => (await page.getByTestId('rs-error').textContent().catch(() => '')) ?? '', { timeout: 20_000 }).toMatch(/read-only/);
      expect(existsSync('/tmp/tapedeck-research-e2e.csv')).toBe(false);

      // A second export leaves the unchanged recording's files alone (the demo scanner may add hits meanwhile).
      const sessionFiles = () => JSON.stringify(readManifest(join(serve.dataDir, 'research')).files.filter((f) => f.source.includes(sessionId)));
      const before = sessionFiles();
      await page.getByTestId('rs-export-result').evaluate((el) => (el.textContent = ''));
      await page.getByTestId('rs-export').click();
      await expect.poll(async () => (await page.getByTestId('rs-export-result').textContent().catch(() => '')) ?? '', { timeout: 60_000 }).toMatch(/^\d+ written, [1-9]\d* unchanged/);
      expect(sessionFiles()).toBe(before);
      expect(JSON.parse(before)).toHaveLength(3);
    }, ['--demo']);
  }, 180_000);
});
