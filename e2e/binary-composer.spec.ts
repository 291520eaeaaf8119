import { expect, test } from '@playwright/test';
import { openAndConnectEcho, setMessage, timeline } from './helpers';

test('a hex message comes back from /echo with identical bytes in the hex view', async ({ page }) => {
  await openAndConnectEcho(page);
  await page.getByRole('radio', { name: 'Binary' }).click();
  await setMessage(page, '00 01 7f 80\nde ad be ef ff');
  await expect(page.getByLabel('Message size')).toHaveText('9 B');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByLabel('Received messages')).toHaveText('1');

  const received = timeline(page).locator('.timeline-row.tone-in');
  await expect(received).toContainText('Binary');
  await expect(received).toContainText('9 B');
  await received.click();
  await expect(page.getByLabel('Hex dump')).toContainText('00 01 7f 80 de ad be ef  ff');
  await page.getByRole('radio', { name: 'Base64' }).last().click();
  await expect(page.getByLabel('Base64', { exact: true })).toHaveText('AAF/gN6tvu//');
  // Not valid UTF-8 (0x80 alone), so that view is offered but disabled.
  await expect(page.getByRole('radio', { name: 'UTF-8' })).toBeDisabled();
});

test('a base64 message is sent as its bytes, and bad input points at the character', async ({ page }) => {
  await openAndConnectEcho(page);
  await page.getByRole('radio', { name: 'Binary' }).click();
  await page.getByRole('radio', { name: 'Base64' }).click();
  await setMessage(page, 'SGVsbG8sIOKckw==');
  await expect(page.getByLabel('Message size')).toHaveText('10 B');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await timeline(page).locator('.timeline-row.tone-in').click();
  await page.getByRole('radio', { name: 'UTF-8' }).click();
  await expect(page.getByLabel('UTF-8 text')).toHaveText('Hello, ✓');

  await page.getByRole('radio', { name: 'Hex' }).first().click();
  await setMessage(page, 'de ad\nbe eg');
  await expect(page.getByLabel('Message size')).toHaveText('invalid hex');
  const composer = page.getByRole('region', { name: 'Composer' });
  await expect(composer.getByRole('alert')).toContainText('line 2, column 5');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(composer.getByRole('alert').last()).toContainText('Not sent');
  await expect(page.getByLabel('Sent messages')).toHaveText('1');
});
