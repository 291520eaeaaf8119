import { expect, test } from '@playwright/test';
import { connectionState, connectTo, timeline, TEST_SERVER } from './helpers';

test('the negotiated subprotocol is shown', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('textbox', { name: 'Subprotocols' }).fill('unknown.v9, json');
  await connectTo(page, `${TEST_SERVER}/echo`);
  await expect(connectionState(page)).toHaveText('Open');
  await expect(page.getByTestId('negotiated-protocol')).toHaveText('json');
  await expect(timeline(page).locator('.timeline-row', { hasText: 'Connecting' })).toContainText(
    'offering unknown.v9, json',
  );
  await expect(timeline(page).locator('.timeline-row', { hasText: 'Open' })).toContainText(
    'subprotocol json',
  );
});

test('a binary frame shows its size and a hex dump', async ({ page }) => {
  await page.goto('/');
  await connectTo(page, `${TEST_SERVER}/binary?count=1&size=20`);
  const binaryRow = timeline(page).locator('.timeline-row.tone-in', { hasText: 'Binary' }).first();
  await expect(binaryRow).toContainText('20 B');
  await binaryRow.click();
  const dump = page.getByLabel('Hex dump');
  await expect(dump).toContainText('00000000');
  await expect(dump).toContainText('00000010');
  // 20 bytes: one full line of 16 and a second line of 4.
  const lines = (await dump.textContent())?.trim().split('\n') ?? [];
  expect(lines).toHaveLength(2);
  expect(lines[0]?.slice(10, 57).trim().split(/\s+/)).toHaveLength(16);
  expect(lines[1]?.slice(10, 57).trim().split(/\s+/)).toHaveLength(4);
});
