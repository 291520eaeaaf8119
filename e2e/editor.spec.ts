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

test('Tab leaves the editor for the next control; Ctrl+M makes it indent', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('radio', { name: 'Text' }).click();
  await setMessage(page, 'hello');
  await page.getByRole('button', { name: 'Save as template' }).click();
  await page.getByRole('textbox', { name: 'Template name' }).fill('Greeting');
  await page.getByRole('textbox', { name: 'Template name' }).press('Enter');
  const next = page.getByRole('region', { name: 'Templates' }).getByRole('button', { name: 'Text Greeting' });
  await expect(next).toBeVisible();

  const editor = page.getByRole('textbox', { name: 'Message' });
  await editor.focus();
  await expect(editor).toHaveAccessibleDescription('Tab moves focus · Ctrl+M to indent with Tab');
  await page.keyboard.press('Tab');
  await expect(next).toBeFocused();
  await expect(page.getByLabel('Message size')).toHaveText('5 B');

  await page.keyboard.press('Shift+Tab');
  await expect(editor).toBeFocused();
  await page.keyboard.press('Control+M');
  await expect(editor).toHaveAccessibleDescription('Tab indents · Ctrl+M to move focus with Tab');
  await page.keyboard.press('ControlOrMeta+Home');
  await page.keyboard.press('Tab');
  await expect(editor).toBeFocused();
  await expect(page.getByLabel('Message size')).toHaveText('7 B');

  await page.keyboard.press('Control+M');
  await page.keyboard.press('Tab');
  await expect(next).toBeFocused();
});
