import { openBrowser, screenshot, startServe, type BrowserHandle, type ServeHandle } from './harness';

/**
 * One served app + one browser per test, each with its own data directory, torn down afterwards;
 * a screenshot and the server's output are saved when the test fails.
 */
export async function withApp<T>(
  name: string,
  body: (ctx: { serve: ServeHandle; browser: BrowserHandle }) => Promise<T>,
  args: string[] = ['--demo'],
): Promise<T> {
  const serve = await startServe(args);
  const browser = await openBrowser();
  try {
    return await body({ serve, browser });
  } catch (e) {
    await screenshot(browser.page, `FAILED-${name}`).catch(() => undefined);
    console.log(`serve output for ${name}:\n${serve.output().slice(-4000)}`);
    throw e;
  } finally {
    await browser.close();
    await serve.stop();
  }
}
