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
  const code = page.getByLabel('Close code', { exact: true });
  const reason = page.getByLabel('Close reason');
  // Flagged as typed, before Disconnect is pressed.
  await code.fill('1001');
  await expect(code).toHaveAttribute('aria-invalid', 'true');
  await expect(code).toHaveAccessibleDescription(
    'Close code 1001 cannot be sent by a browser: use 1000 or 3000–4999.',
  );
  await reason.fill('é'.repeat(65));
  await expect(reason).toHaveAttribute('aria-invalid', 'true');
  await expect(reason).toHaveAccessibleDescription('Reason is 130 bytes in UTF-8; the limit is 123.');
  await page.getByRole('button', { name: 'Disconnect' }).click();
  await expect(
    page.getByRole('alert').filter({ hasText: 'Not disconnected: Close code 1001 cannot be sent' }),
  ).toBeVisible();
  await expect(connectionState(page)).toHaveText('Open');

  // The click on Disconnect closed the popover.
  await page.getByLabel('Close options').click();
  await code.fill('4100');
  await expect(code).not.toHaveAttribute('aria-invalid');
  await expect(code).toHaveAccessibleDescription('');
  await reason.fill('done testing');
  await expect(reason).not.toHaveAttribute('aria-invalid');
  await page.getByRole('button', { name: 'Disconnect' }).click();
  await expect(connectionState(page)).toHaveText('Closed');
  const closeRow = timeline(page).locator('.timeline-row', { hasText: 'Closed' });
  await expect(closeRow).toContainText('4100');
  await expect(closeRow).toContainText('done testing');
  await expect(closeRow).toContainText('closed by client');
});

test('Disconnect with empty Close options sends 1000, which the server echoes back', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(connectionState(page)).toHaveText('Open');
  await page.getByRole('button', { name: 'Disconnect' }).click();
  await expect(connectionState(page)).toHaveText('Closed');
  await expect(timeline(page).locator('.timeline-row', { hasText: 'Closing' })).toContainText(
    'You started closing · code 1000',
  );
  // The close code shown is the one in the server's close frame: the echo of what it received.
  await expect(timeline(page).locator('.timeline-row', { hasText: 'Closed' })).toContainText(
    '1000 Normal Closure · no reason · clean · closed by client',
  );
});
