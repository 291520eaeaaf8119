import { expect, test } from '@playwright/test';
import { connectionState, timeline } from './helpers';

test('the URL field and Connect work before the editor has loaded', async ({ page }) => {
  // Hold the lazily loaded editor chunk forever: the rest of the app must not wait for it.
  await page.route(/\/assets\/message-editor-[^/]+\.js$/, () => {});
  await page.goto('/');
  await expect(page.getByText('Loading editor…')).toBeVisible();
  await page
    .getByRole('textbox', { name: 'WebSocket URL' })
    .fill('ws://127.0.0.1:8787/stream?rate=50&count=3');
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(connectionState(page)).toHaveText('Open');
  await expect(page.getByLabel('Received messages')).toHaveText('3');
  await expect(page.getByRole('textbox', { name: 'Message' })).toHaveCount(0);

  await page.getByRole('button', { name: 'Clear' }).click();
  await expect(timeline(page).locator('.timeline-row')).toHaveCount(0);
  await expect(timeline(page)).toContainText('Nothing here yet.');
});
