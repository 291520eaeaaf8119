import { expect, test, type Page } from '@playwright/test';
import { openAndConnectEcho, setMessage, timeline } from './helpers';

/** The last sent row's detail, shown raw: the exact text that went on the wire. */
async function lastSent(page: Page) {
  const sent = timeline(page).locator('.timeline-row.tone-out');
  await sent.last().click();
  const detail = page.getByRole('complementary', { name: 'Message detail' });
  const raw = detail.getByRole('radio', { name: 'Raw' });
  if (await raw.isVisible()) await raw.click();
  return detail;
}

test('typing over a selection replaces it instead of wrapping it', async ({ page }) => {
  await openAndConnectEcho(page);
  await page.getByRole('radio', { name: 'JSON' }).click();
  await setMessage(page, 'old text that must go');
  await page.keyboard.press('ControlOrMeta+A');
  // Key by key, as a person types: `{` over the selection, then brackets and quotes that auto-close.
  await page.keyboard.type('{"type":"ping","id":7,"ok":true}');
  await expect(page.getByLabel('Message size')).toHaveText('32 B');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByLabel('Sent messages')).toHaveText('1');

  const detail = await lastSent(page);
  await expect(detail).toContainText('32 B');
  await expect(detail.getByLabel('Message content')).toHaveText('{"type":"ping","id":7,"ok":true}');
});
