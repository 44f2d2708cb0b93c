import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { clockFromMapping, demoWorkerEntry } from '../../../src-main/demo-gateway';

describe('demo gateway seams', () => {
  it('derives the simulated clock from the worker mapping', () => {
    let real = 1_000_000;
    const clock = clockFromMapping({ simStart: 5_000_000, realStart: 1_000_000, speed: 10 }, () => real);
    expect(clock.now()).toBe(5_000_000);
    real += 1_500;
    expect(clock.now()).toBe(5_015_000);
  });

  it('finds the worker entry from source and beside the bundle', () => {
    const source = demoWorkerEntry();
    expect(existsSync(fileURLToPath(source))).toBe(true);
    expect(source.pathname).toMatch(/src-main\/sim\/demo-worker-source\.mjs$/);
    expect(demoWorkerEntry('file:///app/resources/app.asar/out/main/main.js').href).toBe('file:///app/resources/app.asar/out/main/demo-worker.js');
  });
});
