import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { collectionTree, newCollection, treeOutline } from './collections-helpers';
import { setMessage } from './helpers';

const WORKSPACE_KEY = 'frameline.workspace';

/** Puts `raw` in storage before the app's first load only (reloads then see what the app made of it). */
async function storeBeforeFirstLoad(page: Page, raw: string) {
  await page.addInitScript(
    ({ key, raw }) => {
      if (sessionStorage.getItem('seeded')) return;
      localStorage.setItem(key, raw);
      sessionStorage.setItem('seeded', 'yes');
    },
    { key: WORKSPACE_KEY, raw },
  );
}

const storedKeys = (page: Page) =>
  page.evaluate(() => Object.fromEntries(Object.keys(localStorage).map((k) => [k, localStorage.getItem(k)])));

test('a damaged workspace is kept under a backup key, offered as a download, and the app starts fresh', async ({
  page,
}) => {
  const damaged = '{"version":4,"workspace":{"collections":[{"id":"a","name":"Tea';
  await storeBeforeFirstLoad(page, damaged);
  await page.goto('/');
  const banner = page.getByRole('alert').filter({ hasText: 'damaged' });
  await expect(banner).toContainText('it is not valid JSON');
  await expect(banner).toContainText('kept unchanged as “frameline.workspace.backup-');

  const download = page.waitForEvent('download');
  await banner.getByRole('button', { name: 'Download it' }).click();
  expect(await readFile(await (await download).path(), 'utf8')).toBe(damaged);

  await newCollection(page, 'Fresh start');
  await page.reload();
  await expect.poll(() => treeOutline(page)).toEqual(['Fresh start']);
  const keys = await storedKeys(page);
  const backups = Object.entries(keys).filter(([key]) => key.startsWith(`${WORKSPACE_KEY}.backup-`));
  expect(backups.map(([, value]) => value)).toEqual([damaged]);
});

test('a workspace from a newer Frameline is never overwritten until the user starts fresh', async ({
  page,
}) => {
  const newer = JSON.stringify({ version: 99, workspace: { somethingNew: true } });
  await storeBeforeFirstLoad(page, newer);
  await page.goto('/');
  const banner = page.getByRole('alert').filter({ hasText: 'newer Frameline' });
  await expect(banner).toContainText('format version 99');
  await expect(banner).toContainText('Saving is paused');

  await page.getByRole('button', { name: 'New collection' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Not saved' })).toBeVisible();
  expect((await storedKeys(page))[WORKSPACE_KEY]).toBe(newer);

  await banner.getByRole('button', { name: 'Start fresh' }).click();
  await expect(banner).toHaveCount(0);
  await newCollection(page, 'Mine');
  await page.reload();
  await expect.poll(() => treeOutline(page)).toEqual(['Mine']);
  const keys = await storedKeys(page);
  expect(Object.entries(keys).find(([key]) => key.startsWith(`${WORKSPACE_KEY}.backup-`))?.[1]).toBe(newer);
});

test('a save refused because storage is full changes nothing and says what to free', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Save to sidebar' }).click();
  await expect(collectionTree(page).getByText('127.0.0.1:8787/echo', { exact: true })).toBeVisible();
  // Another app on this origin has taken all but about 4,000 characters of the quota.
  await page.evaluate(() => {
    for (let size = 5 * 1024 * 1024; size > 0; size -= 1_000) {
      try {
        localStorage.setItem('another-app', 'x'.repeat(size - 4_000));
        return;
      } catch {
        // Too large yet: try a little less.
      }
    }
  });
  await page.getByRole('radio', { name: 'Text' }).click();
  await setMessage(page, 'y'.repeat(8_000));
  await page.getByRole('button', { name: 'Save as template' }).click();
  await page.getByRole('textbox', { name: 'Template name' }).fill('Too big');
  await page.getByRole('textbox', { name: 'Template name' }).press('Enter');

  const alert = page.getByRole('alert').filter({ hasText: 'the change was not made' });
  await expect(alert).toContainText('storage is full');
  await expect(alert).toContainText('another-app');
  await expect(page.getByRole('region', { name: 'Templates' }).getByText('Too big')).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('region', { name: 'Templates' }).getByText('Too big')).toHaveCount(0);
  await expect(collectionTree(page).getByText('127.0.0.1:8787/echo', { exact: true })).toBeVisible();
});

test('a draft above 256 KiB is kept outside localStorage and survives a reload', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/');
  await page.getByRole('radio', { name: 'Text' }).click();
  await page.getByRole('textbox', { name: 'Message' }).focus();
  await page.evaluate(() => navigator.clipboard.writeText('z'.repeat(300_000)));
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('ControlOrMeta+V');
  const size = page.getByText('293 KiB', { exact: true });
  await expect(size).toBeVisible();

  // Saved a moment after typing stops; localStorage keeps only a note that the draft is elsewhere.
  await expect
    .poll(() =>
      page.evaluate(() => Object.values(localStorage).some((v) => v.includes('"draftStored":true'))),
    )
    .toBe(true);
  const largest = await page.evaluate(() => Math.max(...Object.values(localStorage).map((v) => v.length)));
  expect(largest).toBeLessThan(10_000);
  await page.reload();
  await expect(size).toBeVisible();
});
