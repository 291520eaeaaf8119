import { expect, type Page } from '@playwright/test';

/** The sidebar's collection tree. */
export function collectionTree(page: Page) {
  return page.getByRole('navigation', { name: 'Sidebar' }).getByRole('list', { name: 'Collections' });
}

/** Opens a tree row's "⋯" menu (its actions show on hover, as a mouse user finds them) and picks an item. */
export async function treeAction(
  page: Page,
  menuLabel: string,
  rowText: string,
  action: string,
): Promise<void> {
  const tree = collectionTree(page);
  await tree.getByText(rowText, { exact: true }).first().hover();
  await tree.getByRole('button', { name: menuLabel }).click();
  await page.getByRole('menuitem', { name: action }).click();
}

/** Names a new item whose name field is open in the tree. */
export async function nameItem(page: Page, label: string, name: string): Promise<void> {
  const field = page.getByRole('textbox', { name: label });
  await field.fill(name);
  await field.press('Enter');
  await expect(field).toHaveCount(0);
}

/** Makes a collection with "New" and names it. */
export async function newCollection(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'New collection' }).click();
  await nameItem(page, 'Collection name', name);
}

/** The tree as indented text lines ("Team", "  Auth", "    Login"), for comparing whole trees. */
export async function treeOutline(page: Page): Promise<string[]> {
  return collectionTree(page).evaluate((root) => {
    const lines: string[] = [];
    const walk = (list: Element, depth: number) => {
      for (const item of list.children) {
        const name = item.querySelector(':scope > div .connection-name')?.textContent ?? '';
        lines.push(`${'  '.repeat(depth)}${name}`);
        const child = item.querySelector(':scope > ul.connection-list');
        if (child) walk(child, depth + 1);
      }
    };
    walk(root, 0);
    return lines;
  });
}

/** Opens the import dialog at its source picker. */
export async function openImport(page: Page) {
  await page.getByRole('button', { name: 'Import collections' }).click();
  return page.getByRole('dialog', { name: 'Import' });
}

/** "Export everything as a file…" in the Collections header, then Download in its dialog. */
export async function exportEverything(page: Page) {
  await page.getByRole('button', { name: 'Collection options' }).click();
  await page.getByRole('menuitem', { name: 'Export everything as a file' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export everything' });
  await expect(dialog.getByLabel('Environments included')).toBeVisible();
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Download', exact: true }).click();
  return download;
}
