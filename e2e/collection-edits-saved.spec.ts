import { expect, test, type Page } from '@playwright/test';
import { collectionTree, nameItem, newCollection, treeAction, treeOutline } from './collections-helpers';

/**
 * Each kind of collection and folder edit touches only the collections, never a connection: each is followed by
 * its own reload, so an edit that was not saved cannot hide behind one that saved everything.
 */
test('every kind of collection and folder edit survives a reload on its own', async ({ page }) => {
  await page.goto('/');
  const reloadShows = async (outline: string[]) => {
    await page.reload();
    await expect.poll(() => treeOutline(page)).toEqual(outline);
  };

  await newCollection(page, 'Team');
  await reloadShows(['Team']);

  await treeAction(page, 'Actions for collection Team', 'Team', 'Rename');
  await nameItem(page, 'Collection name', 'Platform');
  await reloadShows(['Platform']);

  await newCollection(page, 'Second');
  await reloadShows(['Platform', 'Second']);

  await treeAction(page, 'Actions for collection Second', 'Second', 'Move up');
  await reloadShows(['Second', 'Platform']);

  await treeAction(page, 'Actions for collection Platform', 'Platform', 'New folder');
  await nameItem(page, 'Folder name', 'Auth');
  await reloadShows(['Second', 'Platform', '  Auth']);

  await treeAction(page, 'Actions for folder Auth', 'Auth', 'Rename');
  await nameItem(page, 'Folder name', 'Login');
  await reloadShows(['Second', 'Platform', '  Login']);

  await treeAction(page, 'Actions for collection Platform', 'Platform', 'New folder');
  await nameItem(page, 'Folder name', 'Billing');
  await reloadShows(['Second', 'Platform', '  Login', '  Billing']);

  await treeAction(page, 'Actions for folder Billing', 'Billing', 'Move up');
  await reloadShows(['Second', 'Platform', '  Billing', '  Login']);

  await treeAction(page, 'Actions for folder Login', 'Login', 'Duplicate');
  await reloadShows(['Second', 'Platform', '  Billing', '  Login', '  Login (copy)']);

  await treeAction(page, 'Actions for folder Login (copy)', 'Login (copy)', 'Delete');
  await reloadShows(['Second', 'Platform', '  Billing', '  Login']);

  await setVariable(page, 'Platform', 'region', 'eu-west');
  await page.reload();
  await treeAction(page, 'Actions for collection Platform', 'Platform', 'Variables…');
  const editor = page.getByRole('dialog', { name: 'Variables of Platform' });
  await expect(editor.getByLabel('Variable 1 name')).toHaveValue('region');
  await expect(editor.getByLabel('Variable 1 value')).toHaveValue('eu-west');
  await editor.getByRole('button', { name: 'Cancel' }).click();

  await treeAction(page, 'Actions for collection Second', 'Second', 'Delete');
  await reloadShows(['Platform', '  Billing', '  Login']);
  await expect(collectionTree(page)).toBeVisible();
});

async function setVariable(page: Page, collection: string, name: string, value: string) {
  await treeAction(page, `Actions for collection ${collection}`, collection, 'Variables…');
  const editor = page.getByRole('dialog', { name: `Variables of ${collection}` });
  await editor.getByRole('button', { name: 'Add variable' }).click();
  await editor.getByLabel('Variable 1 name').fill(name);
  await editor.getByLabel('Variable 1 value').fill(value);
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(editor).toHaveCount(0);
}
