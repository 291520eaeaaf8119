import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { collectionTree, nameItem, newCollection, treeAction, treeOutline } from './collections-helpers';
import { setMessage } from './helpers';

/** Two browser tabs of the app in one browser: they share one saved workspace, each keeps its own tabs. */

const sidebar = (page: Page) => page.getByRole('navigation', { name: 'Sidebar' });

/** Two pages of the app in one browser, both loaded. */
async function openTwoTabs(context: BrowserContext): Promise<[Page, Page]> {
  const a = await context.newPage();
  const b = await context.newPage();
  await a.goto('/');
  await b.goto('/');
  return [a, b];
}

test('edits made in two tabs at once both survive, and each tab sees the other’s within a second', async ({
  context,
}) => {
  const [a, b] = await openTwoTabs(context);

  await newCollection(a, 'From A');
  await expect(collectionTree(b).getByText('From A', { exact: true })).toBeVisible({ timeout: 1000 });

  // B saves a connection and a template, while A adds a folder to its collection.
  await b.getByRole('button', { name: 'Save to sidebar' }).click();
  await b.getByRole('radio', { name: 'Text' }).click();
  await setMessage(b, 'hello from B');
  await b.getByRole('button', { name: 'Save as template' }).click();
  await b.getByRole('textbox', { name: 'Template name' }).fill('B says hi');
  await b.getByRole('textbox', { name: 'Template name' }).press('Enter');
  await treeAction(a, 'Actions for collection From A', 'From A', 'New folder');
  await nameItem(a, 'Folder name', 'A folder');
  await newCollection(b, 'From B');

  const expected = ['From A', '  A folder', '  127.0.0.1:8787/echo', 'From B'];
  for (const page of [a, b]) await expect.poll(() => treeOutline(page)).toEqual(expected);
  for (const page of [a, b]) {
    await page.reload();
    await expect.poll(() => treeOutline(page)).toEqual(expected);
    await sidebar(page).getByRole('button', { name: 'Expand 127.0.0.1:8787/echo' }).click();
    await expect(sidebar(page).getByText('B says hi')).toBeVisible();
  }
});

test('when both tabs edit the same item, the later edit wins and the other tab is told', async ({
  context,
}) => {
  const [a, b] = await openTwoTabs(context);
  await newCollection(a, 'Team');
  await expect(collectionTree(b).getByText('Team', { exact: true })).toBeVisible({ timeout: 1000 });

  await treeAction(a, 'Actions for collection Team', 'Team', 'Rename');
  await nameItem(a, 'Collection name', 'Team A');
  await expect(collectionTree(b).getByText('Team A', { exact: true })).toBeVisible({ timeout: 1000 });
  await treeAction(b, 'Actions for collection Team A', 'Team A', 'Rename');
  await nameItem(b, 'Collection name', 'Team B');

  await expect(collectionTree(a).getByText('Team B', { exact: true })).toBeVisible({ timeout: 1000 });
  await expect(
    a.getByRole('status').filter({ hasText: 'Another tab changed collection “Team B”' }),
  ).toBeVisible();
  await expect(b.getByText('Another tab changed')).toHaveCount(0);
  await a.reload();
  await expect.poll(() => treeOutline(a)).toEqual(['Team B']);
});

test('open tabs and drafts stay with their own browser tab across reloads', async ({ context }) => {
  const [a, b] = await openTwoTabs(context);

  await a.getByRole('radio', { name: 'Text' }).click();
  await setMessage(a, 'draft in A');
  await a.getByRole('button', { name: 'New tab' }).click();
  await b.getByRole('radio', { name: 'Text' }).click();
  await setMessage(b, 'draft in B');

  await a.reload();
  await b.reload();
  await expect(a.getByRole('tab')).toHaveCount(2);
  await expect(b.getByRole('tab')).toHaveCount(1);
  await a.getByRole('tab').first().click();
  // What Monaco shows in the composer (its textarea holds only the text around the cursor).
  const draft = (page: Page) => page.locator('.composer .view-lines');
  await expect(draft(a)).toHaveText('draft in A');
  await expect(draft(b)).toHaveText('draft in B');
});
