import { test } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { SNAKE_CODE_PATTERN, UUID_PATTERN } from '../../shared/labels';
import { launchApp } from '../harness/launchApp';
import { renderPages } from '../helpers/pdf';
import { seedPrintableCase } from '../helpers/printCase';
import { gamblingIntake } from '../helpers/vault';
import { expect } from './fixtures';
import { PrintPages } from './pages/printPages';
import { TEST_PASSPHRASE, VaultPage } from './pages/vaultPage';

// Every screen at both sizes an analyst's workstation has, saved to be looked at
// (test-results/screens/<size>/<screen>.png), with the checks that caught what was
// cut or wrapped badly: the window never scrolls, axe finds nothing, the recovery
// key breaks only between groups, dialog buttons stay on screen, a printout's
// outcome does not follow the user to another case.
const outDir = resolve(import.meta.dirname, '..', '..', 'test-results', 'screens');
const USER = 'Dana Whitfield';
const sizes = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;
const caseTabs = ['Overview', 'Reports & indicators', 'Analysis', 'Assessment', 'Mitigation plan', 'Reporting', 'Evidence', 'Monitoring', 'Timeline', 'Closure', 'Team', 'Audit log'];

async function shot(page: Page, dir: string, name: string): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight);
  expect(overflow, `${name}: the window scrolls by ${overflow}px`).toBeLessThanOrEqual(0);
  // Nothing wasted: a screen uses the width its pane gives it, at 1920 as at 1366.
  const used = await page.evaluate(() => {
    const main = document.querySelector<HTMLElement>('.frame-main');
    const screen = main?.querySelector<HTMLElement>('.screen');
    if (main === null || main === undefined || screen === null || screen === undefined) return 1;
    const style = getComputedStyle(main);
    return screen.getBoundingClientRect().width / (main.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight));
  });
  expect(used, `${name}: the screen uses ${Math.round(used * 100)}% of its pane's width`).toBeGreaterThanOrEqual(0.95);
  // Nothing cut: no table row or tab strip runs past its right edge, no badge is clipped by its cell,
  // and every case tab's label stays on one line.
  const cut = await page.evaluate(() => {
    const found: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('.frame-main, .vtable-row, [role="tablist"]')) {
      if (el.scrollWidth > el.clientWidth + 1) found.push(`${el.className} runs ${el.scrollWidth - el.clientWidth}px past its edge`);
    }
    for (const badge of document.querySelectorAll<HTMLElement>('.vtable-row .badge')) {
      const cell = badge.parentElement;
      if (cell !== null && badge.getBoundingClientRect().right > cell.getBoundingClientRect().right + 1) found.push(`badge “${badge.textContent ?? ''}” is cut`);
    }
    const tabs = [...document.querySelectorAll<HTMLElement>('[role="tab"]')].map((tab) => tab.getBoundingClientRect().height);
    if (tabs.length > 0 && Math.max(...tabs) > Math.min(...tabs) + 1) found.push('a tab label wraps');
    return found;
  });
  expect(cut, `${name}: cut or wrapped`).toEqual([]);
  await page.screenshot({ path: join(dir, `${name}.png`) });
  // Words, not codes: nothing shown reads as a snake_case code or a UUID.
  const shown = await page.evaluate(() => document.body.innerText);
  const codes = shown.split('\n').filter((line) => new RegExp(SNAKE_CODE_PATTERN.source).test(line) || new RegExp(UUID_PATTERN.source, 'i').test(line));
  expect(codes, `${name}: codes on screen`).toEqual([]);
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), name).toEqual([]);
}

for (const size of sizes) {
  test(`every screen at ${size.width}×${size.height}`, async () => {
    test.setTimeout(300_000);
    const app = await launchApp({ viewport: size, backend: { kdf: 'fast-insecure-for-tests' } });
    const dir = join(outDir, `${size.width}x${size.height}`);
    mkdirSync(dir, { recursive: true });
    try {
      const { page } = app;
      const vault = new VaultPage(page);
      await expect(page.getByRole('heading', { name: 'Create the vault' })).toBeVisible();
      await shot(page, dir, '01-first-run');
      await page.getByLabel('Your user name').fill(USER);
      await page.getByLabel('Passphrase', { exact: true }).fill(TEST_PASSPHRASE);
      await page.getByLabel('Repeat passphrase').fill(TEST_PASSPHRASE);
      await page.getByRole('button', { name: 'Create vault' }).click();
      await expect(page.getByRole('heading', { name: 'Store the recovery key' })).toBeVisible({ timeout: 20_000 });
      // The recovery key wraps only between its groups of four, never inside one.
      const splitGroups = await page.getByTestId('recovery-key').evaluate((el) => {
        const node = el.firstChild;
        if (node === null || node.nodeType !== Node.TEXT_NODE) return ['no text'];
        const text = node.textContent ?? '';
        const bad: string[] = [];
        for (let at = 0; at < text.length; at += 5) {
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, Math.min(at + 4, text.length));
          if (range.getClientRects().length > 1) bad.push(text.slice(at, at + 4));
        }
        return bad;
      });
      expect(splitGroups).toEqual([]);
      await shot(page, dir, '02-recovery-key');
      await page.getByLabel('I have stored the recovery key safely').check();
      await page.getByRole('button', { name: 'Continue' }).click();
      await expect(page.getByRole('status').filter({ hasText: 'Unlocked' })).toBeVisible();

      const rich = await seedPrintableCase(app.backend, USER);
      const other = await app.backend.invoke('cases.create', gamblingIntake('second'));
      if (!other.ok) throw new Error(other.error.message);
      const otherNumber = (other.value as { number: string }).number;
      await page.reload();
      await expect(page.getByRole('status').filter({ hasText: 'Unlocked' })).toBeVisible();

      const screens: [string, string, string][] = [
        ['Alt+1', '03-home', 'Home'],
        ['Alt+2', '04-cases', 'Cases'],
        ['Alt+3', '05-new-case', 'New case'],
        ['Alt+4', '06-packets', 'Referral packets'],
        ['Alt+5', '07-administration', 'Administration'],
        ['Alt+6', '08-records', 'Records'],
        ['Alt+7', '09-audit-log', 'Audit log'],
      ];
      for (const [key, name, heading] of screens) {
        await page.keyboard.press(key);
        await expect(page.getByRole('heading', { level: 1 }).first()).toContainText(heading === 'Home' ? /./ : heading);
        await page.waitForLoadState('networkidle');
        await shot(page, dir, name);
      }

      const print = new PrintPages(page);
      await print.openCase(rich.number);
      let n = 10;
      for (const tab of caseTabs) {
        await page.getByRole('tab', { name: tab, exact: true }).click();
        await page.waitForLoadState('networkidle');
        await shot(page, dir, `${String(n)}-case-${tab.toLowerCase().replace(/[^a-z]+/g, '-')}`);
        n += 1;
      }

      // The export dialog: its buttons on screen, even at 768 px.
      await page.getByRole('button', { name: 'Export referral packet…' }).click();
      const exportDialog = page.getByRole('dialog', { name: 'Export a referral packet' });
      await exportDialog.getByLabel('Recipient profile').selectOption({ index: 1 });
      for (const button of await exportDialog.locator('.dialog-actions button').all()) {
        const box = await button.boundingBox();
        expect(box, 'an export dialog button').not.toBeNull();
        expect((box?.y ?? 0) + (box?.height ?? 0)).toBeLessThanOrEqual(size.height);
      }
      await shot(page, dir, '30-export-dialog');
      await page.keyboard.press('Escape');
      await expect(page.getByRole('button', { name: 'Export referral packet…' })).toBeFocused();

      await print.choose({ paper: 'A4', only: ['Case header and person of concern'] });
      await shot(page, dir, '31-print-dialog');
      app.dialogAnswers.push(join(dir, 'summary.pdf'));
      await print.run('Save as PDF…');
      expect(await print.outcome()).toContain('saved as PDF');
      await shot(page, dir, '32-case-after-pdf');
      // The printed summary's pages, as the PDF shows them.
      renderPages(join(dir, 'summary.pdf'), join(dir, '33-print'));
      // The outcome stays with its case.
      await print.openCase(otherNumber);
      await expect(page.getByRole('status').filter({ hasText: 'saved as PDF' })).toHaveCount(0);
      await print.openCase(rich.number);
      await expect(page.getByRole('status').filter({ hasText: 'saved as PDF' })).toHaveCount(0);

      await vault.lock();
      await shot(page, dir, '40-unlock');
      await page.getByRole('button', { name: 'Use the recovery key' }).click();
      await shot(page, dir, '41-unlock-recovery-key');
      await page.getByRole('button', { name: 'Back to unlock' }).click();

      // The training vault: its banner, its Home and its review activities.
      await page.getByRole('button', { name: 'Open training vault' }).click();
      await expect(page.getByText('TRAINING VAULT — FICTIONAL CASES ONLY')).toBeVisible({ timeout: 30_000 });
      await expect(page.getByRole('status').filter({ hasText: 'Unlocked' })).toBeVisible();
      await page.waitForLoadState('networkidle');
      await shot(page, dir, '50-training-home');
      await page.keyboard.press('Alt+7');
      await expect(page.getByRole('heading', { level: 1 }).first()).toContainText('Review activities');
      await shot(page, dir, '51-training-activities');
    } finally {
      await app.close();
    }
  });
}
