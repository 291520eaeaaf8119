import { expect, test } from '@playwright/test';
import { connectionState, openAndConnectEcho, setMessage, timeline, TEST_SERVER } from './helpers';

test('a first visit points at the echo server, connects and echoes typed text exactly', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('textbox', { name: 'WebSocket URL' })).toHaveValue(`${TEST_SERVER}/echo`);
  await expect(connectionState(page)).toHaveText('Not connected');
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(connectionState(page)).toHaveText('Open');
  await expect(timeline(page).getByText('Connected in')).toBeVisible();

  await page.getByRole('radio', { name: 'Text' }).click();
  await setMessage(page, 'héllo  world ');
  await expect(page.getByLabel('Message size')).toHaveText('14 B');
  await page.getByRole('button', { name: 'Send', exact: true }).click();

  await expect(page.getByLabel('Sent messages')).toHaveText('1');
  await expect(page.getByLabel('Received messages')).toHaveText('1');
  const rows = timeline(page).locator('.timeline-row');
  await expect(rows.filter({ hasText: 'héllo world' })).toHaveCount(2);
  await expect(rows.nth(2)).toHaveAttribute('class', /tone-out/);
  await expect(rows.nth(3)).toHaveAttribute('class', /tone-in/);

  // The detail pane shows the echoed text byte for byte (the preview collapses spaces, the detail does not).
  await rows.nth(3).click();
  await expect(page.getByLabel('Message content')).toHaveText('héllo  world ');
});

test('JSON typed in Monaco is sent as typed and pretty-printed in the detail pane', async ({ page }) => {
  await openAndConnectEcho(page);
  await page.getByRole('radio', { name: 'JSON' }).click();
  await setMessage(page, '{"type":"ping","n":[1,2]}');
  await page.keyboard.press('ControlOrMeta+Enter');

  await expect(page.getByLabel('Received messages')).toHaveText('1');
  const received = timeline(page).locator('.timeline-row.tone-in');
  await expect(received).toContainText('{"type":"ping","n":[1,2]}');
  await received.click();
  await expect(page.getByLabel('Message content')).toHaveText(
    '{\n  "type": "ping",\n  "n": [\n    1,\n    2\n  ]\n}',
  );
  await page.getByRole('radio', { name: 'Raw' }).click();
  await expect(page.getByLabel('Message content')).toHaveText('{"type":"ping","n":[1,2]}');
});

test('server frames are shown as text, never as HTML', async ({ page }) => {
  await openAndConnectEcho(page);
  await page.getByRole('radio', { name: 'Text' }).click();
  const hostile = '<img src=x onerror="window.__pwned=1"><b>bold</b>';
  await setMessage(page, hostile);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(timeline(page).locator('.timeline-row.tone-in')).toContainText(hostile);
  await expect(timeline(page).locator('img, b')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
});
