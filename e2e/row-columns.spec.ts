import { expect, test } from '@playwright/test';
import { openAndConnectEcho, setMessage, timeline } from './helpers';

test('rows say JSON for JSON frames and show picked top-level fields as columns, kept after a reload', async ({
  page,
}) => {
  await openAndConnectEcho(page);
  await page.getByRole('radio', { name: 'Text' }).click();
  await setMessage(page, '{"type":"trade","id":7,"px":65000}');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await setMessage(page, 'plain words');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByLabel('Received messages')).toHaveText('2');

  const received = timeline(page).locator('.timeline-row.tone-in');
  await expect(received.first().locator('.cell-kind')).toHaveText('JSON');
  await expect(received.nth(1).locator('.cell-kind')).toHaveText('Text');

  const toggle = page.getByRole('button', { name: 'Columns', exact: true });
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const input = page.getByRole('textbox', { name: 'Row columns' });
  await expect(input).toBeFocused();
  await input.fill('type, id, missing');
  await input.press('Enter');
  // Applied: the form closes and focus goes back to its button, which names the columns.
  const named = page.getByRole('button', { name: 'Columns: type, id, missing' });
  await expect(named).toBeFocused();
  await expect(received.first().locator('.cell-field')).toHaveText(['type: trade', 'id: 7', 'missing: ']);
  await expect(received.nth(1).locator('.cell-field')).toHaveText(['type: ', 'id: ', 'missing: ']);
  await expect(page.locator('.timeline-fields-header .cell-field')).toHaveText(['type', 'id', 'missing']);

  await page.reload();
  await expect(page.getByRole('button', { name: 'Columns: type, id, missing' })).toBeVisible();
  await expect(received.first().locator('.cell-field')).toHaveText(['type: trade', 'id: 7', 'missing: ']);

  // Too many columns are refused with a reason, and the columns in use stay.
  await page.getByRole('button', { name: 'Columns: type, id, missing' }).click();
  await input.fill('a, b, c, d, e, f, g');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByRole('form', { name: 'Row columns' }).getByRole('alert')).toHaveText(
    'At most 6 columns; got 7.',
  );
  await expect(input).toHaveAttribute('aria-invalid', 'true');
  await page.getByRole('button', { name: 'Remove columns' }).click();
  await expect(page.getByRole('button', { name: 'Columns', exact: true })).toBeFocused();
  await expect(timeline(page).locator('.cell-field')).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('button', { name: 'Columns', exact: true })).toBeVisible();
});
