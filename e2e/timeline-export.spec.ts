import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { connectionState, connectTo, openAndConnectEcho, setMessage, timeline, TEST_SERVER } from './helpers';

/** Picks a format from the timeline's Export menu, downloads from its dialog, returns the file's name and text. */
async function exportAs(page: Page, format: 'NDJSON' | 'HAR'): Promise<{ name: string; text: string }> {
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await page.getByRole('menuitem', { name: format, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `Export timeline as ${format}` });
  // Nothing secret in these timelines: the dialog says so and offers no choice about it.
  await expect(dialog).toContainText('No secret values appear in these entries.');
  await expect(dialog.getByRole('checkbox', { name: 'Include secret values' })).toHaveCount(0);
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Download' }).click();
  const download = await downloading;
  await expect(dialog).toHaveCount(0);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: await readFile(path, 'utf8') };
}

interface HarFrame {
  type: 'send' | 'receive';
  time: number;
  opcode: number;
  data: string;
}

test('exports the timeline as NDJSON and as a HAR with Chrome-style WebSocket messages', async ({ page }) => {
  await page.goto('/');
  const exportButton = page.getByRole('button', { name: 'Export', exact: true });
  // Nothing to export yet: the button says why instead of offering an empty file.
  await expect(exportButton).toBeDisabled();
  await expect(exportButton).toHaveAttribute('title', /timeline is empty/);

  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(connectionState(page)).toHaveText('Open');
  await page.getByRole('radio', { name: 'Text' }).click();
  const text = 'export me  <b>exactly</b> ✓';
  await setMessage(page, text);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByLabel('Received messages')).toHaveText('1');
  const rows = timeline(page).locator('.timeline-row');
  await expect(rows).toHaveCount(4);
  await expect(exportButton).toBeEnabled();

  const ndjson = await exportAs(page, 'NDJSON');
  expect(ndjson.name).toMatch(/^frameline-127\.0\.0\.1-8787-\d{4}-\d{2}-\d{2}-\d{6}\.ndjson$/);
  const lines = ndjson.text.trimEnd().split('\n');
  // One line per visible entry: connecting, open, sent, received.
  expect(lines).toHaveLength(await rows.count());
  const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  expect(records.map((r) => r.kind)).toEqual(['connecting', 'open', 'message', 'message']);
  expect(records[0]).toMatchObject({ url: `${TEST_SERVER}/echo` });
  expect(records.slice(2)).toMatchObject([
    { direction: 'out', data: text },
    { direction: 'in', data: text },
  ]);
  // The menu and the dialog close after a download and give focus back to the button.
  await expect(page.getByRole('menu', { name: 'Export timeline' })).toHaveCount(0);
  await expect(exportButton).toBeFocused();

  // Cancel (or Escape) downloads nothing and also gives focus back.
  await exportButton.click();
  await page.getByRole('menuitem', { name: 'HAR', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Export timeline as HAR' });
  await expect(dialog).toContainText('The file holds the 4 entries kept in this tab.');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(exportButton).toBeFocused();

  const har = await exportAs(page, 'HAR');
  expect(har.name).toMatch(/^frameline-127\.0\.0\.1-8787-\d{4}-\d{2}-\d{2}-\d{6}\.har$/);
  const parsed = JSON.parse(har.text) as {
    log: {
      creator: { name: string };
      entries: { request: { url: string }; _webSocketMessages: HarFrame[] }[];
    };
  };
  expect(parsed.log.creator.name).toBe('Frameline');
  expect(parsed.log.entries).toHaveLength(1);
  expect(parsed.log.entries[0]?.request.url).toBe(`${TEST_SERVER}/echo`);
  expect(parsed.log.entries[0]?._webSocketMessages).toMatchObject([
    { type: 'send', opcode: 1, data: text },
    { type: 'receive', opcode: 1, data: text },
  ]);
});

test('the Export menu works from the keyboard and says when older entries are not in the file', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByText('Settings').click();
  await page.getByLabel('Timeline entries kept per tab').fill('100');
  await page.getByRole('button', { name: 'Apply' }).click();
  await connectTo(page, `${TEST_SERVER}/stream?rate=0&count=150`);
  await expect(page.getByLabel('Received messages')).toHaveText('150');
  await expect(
    page.getByText('52 older entries are no longer in memory; they are kept in History'),
  ).toBeVisible();

  const exportButton = page.getByRole('button', { name: 'Export', exact: true });
  await exportButton.focus();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('menu', { name: 'Export timeline' });
  await expect(menu).toBeVisible();
  await expect(page.getByRole('menuitem', { name: 'NDJSON', exact: true })).toBeFocused();
  await expect(page.getByRole('menuitem', { name: 'HAR', exact: true })).toHaveAccessibleDescription(
    'Messages as Chrome DevTools saves them',
  );
  await expect(page.getByText('Exports the 100 entries kept')).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('menuitem', { name: 'HAR', exact: true })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
  await expect(exportButton).toBeFocused();

  await exportButton.click();
  await page.getByRole('menuitem', { name: 'NDJSON', exact: true }).click();
  await expect(page.getByRole('dialog', { name: 'Export timeline as NDJSON' })).toContainText(
    'The 52 older ones were dropped by the timeline limit and are not in the file. History keeps them: export the session from there to get all of it.',
  );
  await page.keyboard.press('Escape');

  const ndjson = await exportAs(page, 'NDJSON');
  expect(ndjson.text.trimEnd().split('\n')).toHaveLength(100);
});

test('a connected timeline exports even while the socket is still open', async ({ page }) => {
  await openAndConnectEcho(page);
  const { text } = await exportAs(page, 'HAR');
  const parsed = JSON.parse(text) as { log: { entries: { response: { status: number } }[] } };
  expect(parsed.log.entries[0]?.response.status).toBe(101);
});
