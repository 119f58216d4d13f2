import { expect, test } from './fixtures';

test('the page cannot reach the network and no request leaves it', async ({ app }) => {
  const { page } = app;
  const seen: string[] = [];
  const answered: string[] = [];
  const failed: string[] = [];
  page.on('request', (request) => seen.push(request.url()));
  page.on('requestfinished', (request) => answered.push(request.url()));
  page.on('requestfailed', (request) => failed.push(request.url()));

  const outcome = await page.evaluate(async () => {
    try {
      await fetch('https://example.com/');
      return 'fetched';
    } catch (error) {
      return `failed: ${String(error)}`;
    }
  });
  expect(outcome).toMatch(/^failed:/);

  // Other ways out: an image, a beacon, a WebSocket, a form. Each must be stopped.
  await page.evaluate(() => {
    const img = document.createElement('img');
    img.src = 'https://example.com/pixel.png';
    document.body.append(img);
    navigator.sendBeacon('https://example.com/beacon', 'x');
    try {
      new WebSocket('wss://example.com/socket');
    } catch {
      /* blocked by CSP */
    }
  });
  await page.waitForTimeout(300);

  const foreign = (url: string) => !url.startsWith('https://offramp.invalid/');
  // CSP stops these in the renderer; anything that got as far as a request failed
  // (blocked by CSP, or aborted by the harness's kill switch). None was answered.
  expect(answered.filter(foreign)).toEqual([]);
  for (const url of seen.filter(foreign)) expect(failed).toContain(url);
  const cspViolations = app.pageErrors.filter((m) => /Content Security Policy/i.test(m));
  expect(cspViolations.length).toBeGreaterThan(0);
});
