import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { openImport } from './collections-helpers';
import {
  connectionState,
  connectTo,
  defineEnvironment,
  openAndConnectEcho,
  setMessage,
  timeline,
  TEST_SERVER,
} from './helpers';

const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url).pathname;

function history(page: Page) {
  return page.getByRole('list', { name: 'Session history' });
}

/** Sends each text on the open echo socket and waits for its echo. */
async function echo(page: Page, texts: readonly string[]): Promise<void> {
  await page.getByRole('radio', { name: 'Text' }).click();
  for (const [index, text] of texts.entries()) {
    await setMessage(page, text);
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(page.getByLabel('Received messages')).toHaveText(String(index + 1));
  }
}

async function disconnect(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Disconnect' }).click();
  await expect(connectionState(page)).toHaveText('Closed');
}

async function sessionAction(page: Page, item: ReturnType<Page['getByRole']>, action: string) {
  await item.getByRole('button', { name: /^Actions for session/ }).click();
  await page.getByRole('menuitem', { name: action }).click();
}

test('a session is archived as it runs: after a reload its tab shows it again without reconnecting, and History opens, renames, exports and deletes it', async ({
  page,
}) => {
  const sockets: string[] = [];
  await openAndConnectEcho(page);
  await echo(page, ['first archived', 'second archived']);
  await disconnect(page);
  const item = history(page).getByRole('listitem');
  await expect(item).toHaveCount(1);
  await expect(item).toContainText('127.0.0.1:8787/echo');
  await expect(item).toContainText('↓ 2');
  await expect(item).toContainText('↑ 2');
  await expect(item).toContainText(/close 10\d\d/);

  page.on('websocket', (socket) => sockets.push(socket.url()));
  await page.reload();
  await expect(timeline(page).locator('.timeline-row.tone-in')).toHaveCount(2);
  await expect(timeline(page)).toContainText('second archived');
  await expect(connectionState(page)).toHaveText('Not connected');
  expect(sockets).toEqual([]);
  await expect(history(page).getByRole('listitem')).toHaveCount(1);

  // Opened from History: read-only, in a tab of its own, with the same rows.
  await history(page)
    .getByRole('listitem')
    .getByRole('button', { name: /^127\.0\.0\.1:8787\/echo/ })
    .click();
  const recorded = page.getByRole('region', { name: 'Recorded timeline' });
  await expect(recorded).toContainText('read-only');
  await expect(recorded).toContainText('4 frames');
  await expect(page.getByRole('button', { name: 'Connect', exact: true })).toHaveCount(0);
  await expect(timeline(page).locator('.timeline-row.tone-out')).toHaveCount(2);
  await page.reload();
  await expect(page.getByRole('region', { name: 'Recorded timeline' })).toBeVisible();
  await expect(timeline(page).locator('.timeline-row.tone-out')).toHaveCount(2);

  await sessionAction(page, history(page).getByRole('listitem'), 'Rename');
  const name = page.getByRole('textbox', { name: /^Name of session/ });
  await name.fill('Echo check');
  await name.press('Enter');
  await expect(history(page).getByRole('listitem')).toContainText('Echo check');

  await sessionAction(page, history(page).getByRole('listitem'), 'Export as NDJSON…');
  const dialog = page.getByRole('dialog', { name: 'Export session as NDJSON' });
  await expect(dialog).toContainText('No secret values appear in these entries.');
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Download' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^frameline-127\.0\.0\.1-8787-.*\.ndjson$/);
  const records = (await readFile(await download.path(), 'utf8'))
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  expect(records[0]).toMatchObject({ kind: 'connecting', url: `${TEST_SERVER}/echo` });
  expect(records.filter((r) => r.kind === 'message').map((r) => r.data)).toEqual([
    'first archived',
    'first archived',
    'second archived',
    'second archived',
  ]);
  expect(records.at(-1)).toMatchObject({ kind: 'close' });

  await sessionAction(page, history(page).getByRole('listitem'), 'Delete');
  await expect(history(page)).toHaveCount(0);
  await expect(page.getByText('No sessions yet')).toBeVisible();
});

test('a live session is marked live; lowering the limit removes the oldest sessions with a notice, never the live one', async ({
  page,
}) => {
  await openAndConnectEcho(page);
  await disconnect(page);
  for (let i = 0; i < 2; i++) {
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(connectionState(page)).toHaveText('Open');
    await disconnect(page);
  }
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(connectionState(page)).toHaveText('Open');
  const items = history(page).getByRole('listitem');
  await expect(items).toHaveCount(4);
  await expect(items.first()).toContainText('live');

  await page.getByText('Settings').click();
  await page.getByLabel('Sessions kept in History').fill('1');
  await page.getByRole('button', { name: 'Set limits' }).click();
  await expect(page.getByText('Removed 3 oldest sessions to stay under the archive limit.')).toBeVisible();
  await expect(items).toHaveCount(1);
  await expect(items.first()).toContainText('live');
});

test('each recording of a multi-connection HAR import is in History and opens read-only, also after a reload', async ({
  page,
}) => {
  await page.goto('/');
  const dialog = await openImport(page);
  await dialog.getByLabel('Collection file').setInputFiles(fixture('two-recordings.har'));
  await expect(dialog).toContainText('2 recorded timelines');
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await dialog.getByRole('button', { name: 'Done' }).click();

  const items = history(page).getByRole('listitem');
  await expect(items).toHaveCount(2);
  await page.reload();
  await expect(items).toHaveCount(2);

  const recorded = page.getByRole('region', { name: 'Recorded timeline' });
  await items.getByRole('button', { name: /^127\.0\.0\.1:8787\/chat/ }).click();
  await expect(recorded).toContainText('3 frames');
  await expect(timeline(page)).toContainText('second recording');
  await items.getByRole('button', { name: /^127\.0\.0\.1:8787\/echo/ }).click();
  await expect(recorded).toContainText('4 frames');
  await expect(timeline(page)).toContainText('"room":"lobby"');

  await page.reload();
  await expect(page.getByRole('tab')).toHaveCount(3);
  await expect(recorded).toContainText('4 frames');
  await page.getByRole('tab', { name: /chat/ }).click();
  await expect(recorded).toContainText('3 frames');
  await expect(timeline(page)).toContainText('second recording');
});

test('an export from History writes secret values as {{name}} unless they are included, even after a reload', async ({
  page,
}) => {
  const secret = 'hunter2-archived';
  await page.goto('/');
  await defineEnvironment(page, 'Global', [{ name: 'token', value: secret, secret: true }]);
  await connectTo(page, `${TEST_SERVER}/echo?token={{token}}`);
  await expect(connectionState(page)).toHaveText('Open');
  await echo(page, [`my token is ${secret}`]);
  await disconnect(page);
  await page.reload();

  const item = history(page).getByRole('listitem');
  await expect(item).toHaveCount(1);
  await expect(history(page)).not.toContainText(secret);

  const download = async (includeSecrets: boolean) => {
    await sessionAction(page, item, 'Export as NDJSON…');
    const dialog = page.getByRole('dialog', { name: 'Export session as NDJSON' });
    await expect(dialog).toContainText('3 entries contain secret values.');
    if (includeSecrets) await dialog.getByRole('checkbox', { name: 'Include secret values' }).check();
    const downloading = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Download' }).click();
    return readFile(await (await downloading).path(), 'utf8');
  };
  const masked = await download(false);
  expect(masked).not.toContain(secret);
  expect(masked).toContain('token={{token}}');
  expect(masked).toContain('my token is {{token}}');
  const revealed = await download(true);
  expect(revealed).toContain(`token=${secret}`);
});
