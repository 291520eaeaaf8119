import { readFile, writeFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import {
  collectionTree,
  exportEverything,
  nameItem,
  openImport,
  treeAction,
  treeOutline,
} from './collections-helpers';
import { connectionState, setMessage, TEST_SERVER } from './helpers';

test('a collection holds folders and connections that can be moved, duplicated, deleted and restored', async ({
  page,
}) => {
  await page.goto('/');
  const tree = collectionTree(page);
  await page.getByRole('button', { name: 'New collection' }).click();
  await nameItem(page, 'Collection name', 'Team');
  await treeAction(page, 'Actions for collection Team', 'Team', 'New folder');
  await nameItem(page, 'Folder name', 'Auth');
  await treeAction(page, 'Actions for folder Auth', 'Auth', 'New connection');
  await nameItem(page, 'Connection name', 'Login');
  await page.getByRole('textbox', { name: 'WebSocket URL' }).fill(`${TEST_SERVER}/echo`);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(tree.getByText(`${TEST_SERVER}/echo`)).toBeVisible();

  await treeAction(page, 'Actions for collection Team', 'Team', 'Duplicate');
  await expect
    .poll(() => treeOutline(page))
    .toEqual(['Team', '  Auth', '    Login', 'Team (copy)', '  Auth', '    Login']);

  // A folder made in the copy moves into the original's folder, taking nothing else with it.
  await treeAction(page, 'Actions for collection Team (copy)', 'Team (copy)', 'New folder');
  await nameItem(page, 'Folder name', 'Archive');
  await treeAction(page, 'Actions for folder Archive', 'Archive', 'Move to…');
  const move = page.getByRole('dialog', { name: 'Move Archive' });
  await move.getByLabel('Destination').selectOption({ label: 'Team / Auth' });
  await move.getByRole('button', { name: 'Move', exact: true }).click();
  const final = ['Team', '  Auth', '    Archive', '    Login', 'Team (copy)', '  Auth', '    Login'];
  await expect.poll(() => treeOutline(page)).toEqual(final);

  await treeAction(page, 'Actions for collection Team', 'Team', 'Delete');
  await expect.poll(() => treeOutline(page)).toEqual(['Team (copy)', '  Auth', '    Login']);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(() => treeOutline(page)).toEqual(final);

  await page.reload();
  await expect.poll(() => treeOutline(page)).toEqual(final);

  await treeAction(page, 'Actions for collection Team (copy)', 'Team (copy)', 'Move up');
  await expect.poll(() => treeOutline(page)).toEqual([...final.slice(4), ...final.slice(0, 4)]);
});

test('a collection variable resolves in the URL and messages of its connections', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'New collection' }).click();
  await nameItem(page, 'Collection name', 'Local');
  await treeAction(page, 'Actions for collection Local', 'Local', 'Variables…');
  const editor = page.getByRole('dialog', { name: 'Variables of Local' });
  await editor.getByRole('button', { name: 'Add variable' }).click();
  await editor.getByLabel('Variable 1 name').fill('endpoint');
  await editor.getByLabel('Variable 1 value').fill('echo');
  await editor.getByRole('button', { name: 'Save' }).click();

  await treeAction(page, 'Actions for collection Local', 'Local', 'New connection');
  await nameItem(page, 'Connection name', 'Echo');
  await page.getByRole('textbox', { name: 'WebSocket URL' }).fill(`${TEST_SERVER}/{{endpoint}}`);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(connectionState(page)).toHaveText('Open');
  await expect(page.getByRole('log', { name: 'Timeline' }).getByText(`${TEST_SERVER}/echo`)).toBeVisible();
});

test('export to a file, clear storage, import the file: the same tree comes back', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'New collection' }).click();
  await nameItem(page, 'Collection name', 'Team');
  await treeAction(page, 'Actions for collection Team', 'Team', 'New folder');
  await nameItem(page, 'Folder name', 'Rooms');
  await treeAction(page, 'Actions for folder Rooms', 'Rooms', 'New connection');
  await nameItem(page, 'Connection name', 'Chat');
  await page.getByRole('textbox', { name: 'WebSocket URL' }).fill(`${TEST_SERVER}/chat`);
  await page.getByRole('textbox', { name: 'Subprotocols' }).fill('chat.v1');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await setMessage(page, '{"user":"ada","content":"hi"}');
  await page.getByRole('button', { name: 'Save as template' }).click();
  await page.getByRole('textbox', { name: 'Template name' }).fill('Hello');
  await page.getByRole('textbox', { name: 'Template name' }).press('Enter');
  const before = await treeOutline(page);

  const file = await exportEverything(page);
  const path = await file.path();
  const exported = JSON.parse(await readFile(path, 'utf8'));
  expect(exported).toMatchObject({ format: 'frameline-collection', version: 3 });

  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect(collectionTree(page)).toHaveCount(0);

  const dialog = await openImport(page);
  await dialog.getByLabel('Collection file').setInputFiles(path);
  await expect(dialog.getByRole('heading', { name: 'Review the import' })).toBeVisible();
  // A fresh workspace has its own Global environment: replace it with the exported one.
  await dialog.getByLabel('When “Global” already exists').selectOption('replace');
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await dialog.getByRole('button', { name: 'Done' }).click();

  await expect.poll(() => treeOutline(page)).toEqual(before);
  const again = JSON.parse(await readFile(await (await exportEverything(page)).path(), 'utf8'));
  expect({ ...again, exportedAt: null }).toEqual({ ...exported, exportedAt: null });
});

test('a malformed file shows an error naming the problem, and stored collections stay byte-for-byte the same', async ({
  page,
}, testInfo) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Save to sidebar' }).click();
  await expect(collectionTree(page).getByText('127.0.0.1:8787/echo').first()).toBeVisible();
  const stored = await page.evaluate(() => localStorage.getItem('frameline.workspace'));

  const cases = [
    {
      name: 'cut.json',
      text: '{"format":"frameline-collection","version":1,"collections":[{"id":"a"',
      expect: 'ends too early',
    },
    {
      name: 'types.json',
      text: '{"format":"frameline-collection","version":1,"collections":[{"id":"a","name":"A","variables":[],"items":[{"type":"connection","id":"c","name":"C","url":42,"protocols":[],"templates":[]}]}]}',
      expect: '$.collections[0].items[0].url',
    },
    {
      name: 'future.json',
      text: '{"format":"frameline-collection","version":7,"collections":[]}',
      expect: 'newer Frameline',
    },
    {
      name: 'proto.json',
      text: '{"format":"frameline-collection","version":1,"collections":[{"__proto__":{"polluted":true}}]}',
      expect: '"__proto__" is not allowed',
    },
  ];
  const dialog = await openImport(page);
  for (const item of cases) {
    await dialog
      .getByLabel('Collection file')
      .setInputFiles({ name: item.name, mimeType: 'application/json', buffer: Buffer.from(item.text) });
    await expect(dialog.getByRole('alert')).toContainText(item.expect);
    await expect(dialog.getByRole('alert')).toContainText('Your saved collections are unchanged.');
  }
  // Playwright passes buffers only up to 50 MB: the large file goes through the disk.
  const huge = testInfo.outputPath('huge.json');
  await writeFile(huge, Buffer.alloc(50 * 1024 * 1024, 0x20));
  await dialog.getByLabel('Collection file').setInputFiles(huge);
  await expect(dialog.getByRole('alert')).toContainText('50 MiB');
  expect(await page.evaluate(() => localStorage.getItem('frameline.workspace'))).toBe(stored);
});

test('a share link opened in a fresh browser shows a preview, adds only on confirm, and opens no socket', async ({
  page,
  browser,
}) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Save to sidebar' }).click();
  await treeAction(page, 'More actions for 127.0.0.1:8787/echo', '127.0.0.1:8787/echo', 'Share link…');
  const share = page.getByRole('dialog', { name: 'Share 127.0.0.1:8787/echo' });
  await expect(share.getByLabel('Link length')).toContainText('characters long');
  const link = await share.getByRole('textbox', { name: 'Share link' }).inputValue();
  expect(link).toMatch(/#share=v1\./);

  const context = await browser.newContext();
  const fresh = await context.newPage();
  const sockets: string[] = [];
  fresh.on('websocket', (socket) => sockets.push(socket.url()));
  await fresh.goto(link);
  const dialog = fresh.getByRole('dialog', { name: 'Import' });
  await expect(dialog.getByRole('heading', { name: 'Review the import' })).toBeVisible();
  await expect(dialog).toContainText('Connects to 127.0.0.1:8787');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(collectionTree(fresh)).toHaveCount(0);
  expect(await fresh.evaluate(() => location.hash)).toBe('');

  await fresh.goto(link);
  await dialog.getByLabel('Add to collection').selectOption({ label: 'A new collection' });
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect.poll(() => treeOutline(fresh)).toEqual(['Shared connections', '  127.0.0.1:8787/echo']);
  await fresh.waitForTimeout(500);
  expect(sockets).toEqual([]);
  await context.close();
});
