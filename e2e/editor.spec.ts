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
  await expect(detail).toContainText('Sent text · 32 B');
  await expect(detail.getByLabel('Message content')).toHaveText('{"type":"ping","id":7,"ok":true}');
});

test('Tab leaves the editor for the next control; Ctrl+M makes it indent', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('radio', { name: 'Text' }).click();
  await setMessage(page, 'hello');
  // The control after the editor in tab order: the status line between them holds nothing focusable.
  const next = page
    .getByRole('region', { name: 'Templates' })
    .getByRole('button', { name: 'Save as template' });
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

test('placeholders are judged by the JSON they expand to, in the header and in the editor', async ({
  page,
}) => {
  await openAndConnectEcho(page);
  await page.getByRole('radio', { name: 'JSON' }).click();
  await setMessage(page, '{"n": 1,}');
  await expect(page.getByText('1 JSON problem')).toBeVisible();
  await expect(page.locator('.monaco-editor .squiggly-error')).toHaveCount(1);

  await setMessage(page, '{"n": {{$counter}}}');
  await expect(page.getByRole('region', { name: 'Resolved message' })).toContainText('{"n": 1}');
  await expect(page.getByText('1 JSON problem')).toHaveCount(0);
  await expect(page.locator('.monaco-editor .squiggly-error')).toHaveCount(0);
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(page.getByLabel('Sent messages')).toHaveText('1');
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  const detail = await lastSent(page);
  await expect(detail.getByLabel('Message content')).toHaveText('{"n": 1}');
});

test('invalid JSON asks first: Cancel sends nothing and returns to the editor, Send anyway sends it', async ({
  page,
}) => {
  await openAndConnectEcho(page);
  await page.getByRole('radio', { name: 'JSON' }).click();
  await setMessage(page, '{"n": {{$counter}},}');
  await page.getByRole('button', { name: 'Send', exact: true }).click();

  const confirm = page.getByRole('alertdialog', { name: 'Invalid JSON' });
  await expect(confirm).toContainText(
    'Not valid JSON once its variables are filled in: Expected a property name in double quotes, found "}" at line 1, column 20.',
  );
  await expect(confirm.getByRole('button')).toHaveText(['Send anyway', 'Cancel']);
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toHaveCount(0);
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeFocused();
  await expect(page.getByLabel('Sent messages')).toHaveText('0');

  // From the keyboard: Ctrl+Enter asks, the focus is on Cancel, Escape cancels too.
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(confirm).toHaveCount(0);
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeFocused();
  await expect(page.getByLabel('Sent messages')).toHaveText('0');

  await page.keyboard.press('ControlOrMeta+Enter');
  await confirm.getByRole('button', { name: 'Send anyway' }).click();
  await expect(page.getByLabel('Sent messages')).toHaveText('1');
  const detail = await lastSent(page);
  await expect(detail).toContainText('Sent text · 9 B');
  await expect(detail.getByLabel('Message content')).toHaveText('{"n": 1,}');
});

test('an unknown name that breaks the JSON is asked about once', async ({ page }) => {
  await openAndConnectEcho(page);
  await page.getByRole('radio', { name: 'JSON' }).click();
  await setMessage(page, '{"n": {{nobody}}}');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Invalid JSON' });
  await expect(confirm).toContainText('No environment defines {{nobody}}: it would be sent as written.');
  await confirm.getByRole('button', { name: 'Send anyway' }).click();
  await expect(page.getByLabel('Sent messages')).toHaveText('1');
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  const detail = await lastSent(page);
  await expect(detail.getByLabel('Message content')).toHaveText('{"n": {{nobody}}}');
});

test('a pasted 1 MiB message keeps the page responsive; below 256 KiB the editor features come back', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openAndConnectEcho(page);
  await page.getByRole('radio', { name: 'JSON' }).click();
  // One line of valid JSON, padded with spaces to exactly 1 MiB: the shape that froze the page. A click waits
  // for whatever task holds the main thread, so the longest task from the paste on bounds any click's wait.
  await page.evaluate(() => {
    const probe = window as unknown as { longestTask: number };
    probe.longestTask = 0;
    new PerformanceObserver((list) => {
      for (const task of list.getEntries()) probe.longestTask = Math.max(probe.longestTask, task.duration);
    }).observe({ type: 'longtask' });
    const items = Array.from({ length: 9000 }, (_, id) => ({ id, name: `item ${id}`, tags: ['a', 'b'] }));
    return navigator.clipboard.writeText(JSON.stringify(items).padEnd(1024 * 1024, ' '));
  });
  const editor = page.getByRole('textbox', { name: 'Message' });
  await editor.focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('ControlOrMeta+V');
  await page.getByRole('button', { name: 'Save as template' }).click();
  await expect(page.getByRole('textbox', { name: 'Template name' })).toBeVisible();
  await expect(page.getByLabel('Message size')).toHaveText('1 MiB');
  const longestTask = await page.evaluate(() => (window as unknown as { longestTask: number }).longestTask);
  expect(longestTask).toBeLessThan(1000);
  await expect(page.getByText('Large message: validation and folding are off')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Format' })).toBeDisabled();
  await page.getByRole('textbox', { name: 'Template name' }).press('Escape');

  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByLabel('Sent messages')).toHaveText('1');
  const sent = await lastSent(page);
  await expect(sent).toContainText('Sent text · 1 MiB');

  await setMessage(page, '{"small": true,}');
  await expect(page.getByText('Large message: validation and folding are off')).toHaveCount(0);
  await expect(page.getByText('1 JSON problem')).toBeVisible();
  await expect(page.locator('.monaco-editor .squiggly-error')).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'Format' })).toBeEnabled();
});
