import { expect, test } from '@playwright/test';
import { connectionState, connectTo, timeline, TEST_SERVER } from './helpers';

test('a server close shows the code, its meaning and the reason', async ({ page }) => {
  await page.goto('/');
  await connectTo(page, `${TEST_SERVER}/close?code=4001&reason=${encodeURIComponent('token expired')}`);
  await expect(connectionState(page)).toHaveText('Closed');
  const closeRow = timeline(page).locator('.timeline-row', { hasText: 'Closed' });
  await expect(closeRow).toContainText('4001');
  await expect(closeRow).toContainText('token expired');
  await expect(closeRow).toContainText('clean');
  await expect(closeRow).toHaveAttribute('class', /tone-close-clean/);

  await closeRow.click();
  const detail = page.getByRole('complementary', { name: 'Message detail' });
  await expect(detail).toContainText('4001');
  await expect(detail).toContainText(/private use/i);
  await expect(detail).toContainText('token expired');
  await expect(detail).toContainText('server');
});

test('a dropped TCP connection shows 1006, unclean', async ({ page }) => {
  await page.goto('/');
  await connectTo(page, `${TEST_SERVER}/drop?after=200`);
  await expect(connectionState(page)).toHaveText('Closed');
  const closeRow = timeline(page).locator('.timeline-row', { hasText: 'Closed' });
  await expect(closeRow).toContainText('1006');
  await expect(closeRow).toContainText('unclean');
  await expect(closeRow).toHaveAttribute('class', /tone-close-unclean/);
});

test('Disconnect with a code and reason closes cleanly from the client side', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(connectionState(page)).toHaveText('Open');
  await page.getByLabel('Close options').click();
  await page.getByLabel('Close code', { exact: true }).fill('1001');
  await page.getByRole('button', { name: 'Disconnect' }).click();
  await expect(page.getByText('Close code 1001 cannot be sent by a browser')).toBeVisible();
  await expect(connectionState(page)).toHaveText('Open');

  // The click on Disconnect closed the popover.
  await page.getByLabel('Close options').click();
  await page.getByLabel('Close code', { exact: true }).fill('4100');
  await page.getByLabel('Close reason').fill('done testing');
  await page.getByRole('button', { name: 'Disconnect' }).click();
  await expect(connectionState(page)).toHaveText('Closed');
  const closeRow = timeline(page).locator('.timeline-row', { hasText: 'Closed' });
  await expect(closeRow).toContainText('4100');
  await expect(closeRow).toContainText('done testing');
  await expect(closeRow).toContainText('closed by client');
});
