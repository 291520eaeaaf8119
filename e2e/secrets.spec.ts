import { readFile } from 'node:fs/promises';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { connectionState, connectTo, defineEnvironment, setMessage, timeline, TEST_SERVER } from './helpers';

/**
 * A value that changes in a URL (ö and the quote are percent-encoded) and in JSON (quote and backslash are
 * escaped), so each encoded form is tested. No space: the app refuses URLs with spaces.
 */
const SECRET = 'hunter2-tök"\\x';
const MASK = '••••';

/** The secret as it may appear in a file or on screen: as typed, percent-encoded, JSON-escaped, or both. */
const inUrl = new URL(`ws://h/?${SECRET}`).search.slice(1);
const FORMS = [
  SECRET,
  encodeURIComponent(SECRET),
  inUrl,
  JSON.stringify(SECRET).slice(1, -1),
  JSON.stringify(inUrl).slice(1, -1),
  // Parts long enough to be unmistakable: a partial leak is a leak.
  'hunter2',
  't%C3%B6k',
];

function expectNoSecret(text: string): void {
  for (const form of FORMS) expect(text, `the text holds "${form}"`).not.toContain(form);
}

async function expectMasked(locator: Locator, masked: string): Promise<void> {
  await expect(locator).toContainText(masked);
  expectNoSecret((await locator.textContent()) ?? '');
}

async function defineGlobalSecret(page: Page): Promise<void> {
  await defineEnvironment(page, 'Global', [{ name: 'token', value: SECRET, secret: true }]);
}

/** Exports through the dialog, ticking "Include secret values" when asked; returns the file's text. */
async function exportTimeline(
  page: Page,
  format: 'NDJSON' | 'HAR',
  options: { includeSecrets: boolean },
): Promise<string> {
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await page.getByRole('menuitem', { name: format, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `Export timeline as ${format}` });
  // Connecting, sent and received hold the secret; Open does not.
  await expect(dialog).toContainText('3 entries contain secret values.');
  const include = dialog.getByRole('checkbox', { name: 'Include secret values' });
  await expect(include).not.toBeChecked();
  const warning = dialog.getByRole('alert');
  await expect(warning).toHaveCount(0);
  if (options.includeSecrets) {
    await include.check();
    await expect(warning).toHaveText(
      'The file will contain the secret values in plain text. Anyone who gets the file can use them.',
    );
  }
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Download' }).click();
  const download = await downloading;
  return readFile(await download.path(), 'utf8');
}

test('a secret used in the URL and a message is masked on screen and left out of timeline exports', async ({
  page,
}) => {
  await page.goto('/');
  await defineGlobalSecret(page);
  await connectTo(page, `${TEST_SERVER}/echo?token={{token}}`);
  await expect(connectionState(page)).toHaveText('Open');

  const connecting = timeline(page).locator('.timeline-row', { hasText: 'Connecting' });
  await expectMasked(connecting, `${TEST_SERVER}/echo?token=${MASK}`);

  await page.getByRole('radio', { name: 'Text' }).click();
  await setMessage(page, 'say {{token}} now');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByLabel('Received messages')).toHaveText('1');

  // Sent and echoed frames, in the list and in the detail pane.
  const sent = timeline(page).locator('.timeline-row.tone-out');
  const echoed = timeline(page).locator('.timeline-row.tone-in');
  const detail = page.getByRole('complementary', { name: 'Message detail' });
  const content = detail.getByLabel('Message content');
  for (const row of [sent, echoed]) {
    await expectMasked(row, `say ${MASK} now`);
    await row.click();
    await expect(content).toHaveText(`say ${MASK} now`);
    expectNoSecret((await detail.textContent()) ?? '');
  }
  await connecting.click();
  await expectMasked(detail, `${TEST_SERVER}/echo?token=${MASK}`);

  // The row's toggle shows that row only; the detail pane's toggle is the same choice for its entry.
  const rowToggle = echoed.getByRole('button', { name: 'Show secrets in this row' });
  await expect(rowToggle).toHaveAttribute('aria-pressed', 'false');
  await rowToggle.click();
  await expect(rowToggle).toHaveAttribute('aria-pressed', 'true');
  await expect(echoed).toContainText(`say ${SECRET} now`);
  await expectMasked(sent, `say ${MASK} now`);
  await expect(echoed).not.toHaveClass(/selected/);
  await echoed.click();
  await expect(content).toHaveText(`say ${SECRET} now`);
  const paneToggle = detail.getByRole('button', { name: 'Show secrets', exact: true });
  await expect(paneToggle).toHaveAttribute('aria-pressed', 'true');
  await paneToggle.click();
  await expect(paneToggle).toHaveAttribute('aria-pressed', 'false');
  await expect(content).toHaveText(`say ${MASK} now`);
  await expectMasked(echoed, `say ${MASK} now`);

  // Both exports write {{token}} where the secret was, in every entry that held it.
  const ndjson = await exportTimeline(page, 'NDJSON', { includeSecrets: false });
  expectNoSecret(ndjson);
  const records = ndjson
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  expect(records.map((r) => r.kind)).toEqual(['connecting', 'open', 'message', 'message']);
  expect(records[0]?.url).toBe(`${TEST_SERVER}/echo?token={{token}}`);
  expect(records.slice(2).map((r) => r.data)).toEqual(['say {{token}} now', 'say {{token}} now']);

  const har = await exportTimeline(page, 'HAR', { includeSecrets: false });
  expectNoSecret(har);
  const entry = (
    JSON.parse(har) as {
      log: {
        entries: {
          request: { url: string; queryString: { name: string; value: string }[] };
          _webSocketMessages: { data: string }[];
        }[];
      };
    }
  ).log.entries[0];
  expect(entry?.request.url).toBe(`${TEST_SERVER}/echo?token={{token}}`);
  expect(entry?.request.queryString).toEqual([{ name: 'token', value: '{{token}}' }]);
  expect(entry?._webSocketMessages.map((m) => m.data)).toEqual(['say {{token}} now', 'say {{token}} now']);

  // Ticked (after the warning), the files hold what was really sent.
  const revealedNdjson = await exportTimeline(page, 'NDJSON', { includeSecrets: true });
  expect(revealedNdjson).not.toContain('{{token}}');
  const sentRecords = revealedNdjson
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  expect(sentRecords[0]?.url).toBe(`${TEST_SERVER}/echo?token=${inUrl}`);
  expect(sentRecords.slice(2).map((r) => r.data)).toEqual([`say ${SECRET} now`, `say ${SECRET} now`]);
  const revealedHar = await exportTimeline(page, 'HAR', { includeSecrets: true });
  expect(revealedHar).toContain(JSON.stringify(`say ${SECRET} now`));
});

test('a suggested URL fix keeps {{token}} instead of writing the secret value into the tab', async ({
  page,
}) => {
  await page.goto('/');
  await defineGlobalSecret(page);
  const url = page.getByRole('textbox', { name: 'WebSocket URL' });
  await url.fill('http://127.0.0.1:8787/echo?token={{token}}');
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  const fix = page.getByRole('button', { name: 'Use ws://127.0.0.1:8787/echo?token={{token}}' });
  await expect(fix).toBeVisible();
  expectNoSecret((await page.getByRole('alert').allTextContents()).join(' '));
  await fix.click();
  await expect(url).toHaveValue('ws://127.0.0.1:8787/echo?token={{token}}');
});
