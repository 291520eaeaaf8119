import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { collectionTree, openImport, treeOutline } from './collections-helpers';
import { connectionState, timeline } from './helpers';

const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url).pathname;

/** Drops a file onto the app as a user dragging it from their file manager would. */
async function dropFile(page: Page, path: string, name: string): Promise<void> {
  const text = await readFile(path, 'utf8');
  const transfer = await page.evaluateHandle(
    ([content, fileName]) => {
      const data = new DataTransfer();
      data.items.add(new File([content], fileName));
      return data;
    },
    [text, name] as const,
  );
  await page.dispatchEvent('main', 'dragenter', { dataTransfer: transfer });
  await page.dispatchEvent('main', 'drop', { dataTransfer: transfer });
}

test('an Insomnia export dropped on the window imports into a connection that works against the local server', async ({
  page,
}) => {
  const sockets: string[] = [];
  page.on('websocket', (socket) => sockets.push(socket.url()));
  await page.goto('/');
  await dropFile(page, fixture('insomnia-local.yaml'), 'insomnia-local.yaml');

  const dialog = page.getByRole('dialog', { name: 'Import' });
  await expect(dialog.getByRole('heading', { name: 'Review the import' })).toBeVisible();
  await expect(dialog).toContainText('Insomnia');
  await expect(dialog.getByRole('list', { name: 'Not carried over' })).toContainText('Authorization');
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await dialog.getByRole('button', { name: 'Done' }).click();
  expect(sockets).toEqual([]);

  await expect.poll(() => treeOutline(page)).toEqual(['Local service', '  Echo', '    Echo socket']);
  await collectionTree(page).getByText('Echo socket').click();
  await expect(page.getByRole('textbox', { name: 'WebSocket URL' })).toHaveValue(
    'ws://127.0.0.1:8787/{{path}}?room=lobby',
  );
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(connectionState(page)).toHaveText('Open');
  await page
    .getByRole('region', { name: 'Templates' })
    .getByRole('button', { name: 'Transmit template Say hello' })
    .click();
  await expect(timeline(page).locator('.timeline-row.tone-in')).toContainText(
    '{"user":"ada","content":"hello from Insomnia"}',
  );
});

test('a HAR recording imports as a connection with its sent messages, and its frames open as a read-only timeline', async ({
  page,
}) => {
  const sockets: string[] = [];
  page.on('websocket', (socket) => sockets.push(socket.url()));
  await page.goto('/');
  const dialog = await openImport(page);
  await dialog.getByLabel('Collection file').setInputFiles(fixture('chrome-local.har'));
  await expect(dialog.getByRole('heading', { name: 'Review the import' })).toBeVisible();
  await expect(dialog).toContainText('1 recorded timeline');
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await dialog.getByRole('button', { name: /Open recorded timeline/ }).click();

  const recorded = page.getByRole('region', { name: 'Recorded timeline' });
  await expect(recorded).toContainText('read-only');
  await expect(timeline(page).locator('.timeline-row.tone-in')).toHaveCount(2);
  await expect(page.getByRole('button', { name: 'Connect', exact: true })).toHaveCount(0);
  expect(sockets).toEqual([]);

  await recorded.getByRole('button', { name: 'Open connection' }).click();
  await expect(page.getByRole('textbox', { name: 'WebSocket URL' })).toHaveValue('ws://127.0.0.1:8787/echo');
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(connectionState(page)).toHaveText('Open');
  const templates = page.getByRole('region', { name: 'Templates' });
  await expect(templates.locator('.template-label')).toHaveCount(2);
  await templates
    .getByRole('button', { name: /^Transmit template/ })
    .first()
    .click();
  await expect(timeline(page).locator('.timeline-row.tone-in')).toContainText(
    '{"type":"join","room":"lobby"}',
  );
});

test('a collection imported from a URL (the test server’s sample) works; an unreachable address is explained', async ({
  page,
}) => {
  await page.goto('/');
  const dialog = await openImport(page);
  await dialog.getByRole('radio', { name: 'URL' }).click();
  const address = dialog.getByRole('textbox', { name: 'Address to import from' });
  await address.fill('http://127.0.0.1:9/nothing-listens-here.json');
  await dialog.getByRole('button', { name: 'Fetch' }).click();
  await expect(dialog.getByRole('alert')).toContainText(
    'Either the server is unreachable, or it does not allow',
  );
  await expect(address).toHaveValue('http://127.0.0.1:9/nothing-listens-here.json');

  await address.fill('http://127.0.0.1:8787/collection');
  await dialog.getByRole('button', { name: 'Fetch' }).click();
  await expect(dialog.getByRole('heading', { name: 'Review the import' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await dialog.getByRole('button', { name: 'Done' }).click();

  await collectionTree(page).getByText('/chat', { exact: true }).click();
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(connectionState(page)).toHaveText('Open');
  await page
    .getByRole('region', { name: 'Templates' })
    .getByRole('button', { name: 'Transmit template Say hi' })
    .click();
  await expect(timeline(page).locator('.timeline-row.tone-in').last()).toContainText('"user":"ada"');
});
