import { expect, test } from '@playwright/test';
import { connectTo, TEST_SERVER } from './helpers';

test('the rate meter charts the last minute and shows this second in and out', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('img', { name: 'Message rate' })).toBeVisible();
  await expect(page.getByLabel('Current rate')).toContainText('↓ 0/s');

  await connectTo(page, `${TEST_SERVER}/stream?rate=200&count=2000&size=120`);
  // About 200 frames of 120 bytes a second: ~23 KiB/s in, nothing out.
  await expect
    .poll(async () => (await page.getByLabel('Current rate').textContent()) ?? '', { timeout: 5_000 })
    .toMatch(/↓ (1[6-9]\d|2[0-3]\d)\/s · 2\d(\.\d)? KiB\/s/);
  await expect(page.getByLabel('Current rate')).toContainText('↑ 0/s · 0 B/s');
  const points = await page.locator('.rate-line.in').getAttribute('points');
  expect(points?.split(' ').length ?? 0).toBeGreaterThanOrEqual(2);
});
