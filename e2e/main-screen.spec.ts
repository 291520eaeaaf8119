import { expect, test, type Page } from '@playwright/test';
import { connectionState, connectTo, timeline, TEST_SERVER } from './helpers';

// UPDATE_SCREENSHOTS=1 refreshes the README's pictures; otherwise they go to test-results/.
const screenshotDir = 'e2e/screenshots';

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the main screen with a live timeline, ${colorScheme}, has no console errors`, async ({
    browser,
  }, info) => {
    const context = await browser.newContext({ colorScheme, viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    page.on('pageerror', (error) => problems.push(error.message));

    await fillMainScreen(page);

    const path = process.env.UPDATE_SCREENSHOTS
      ? `${screenshotDir}/frameline-${colorScheme}.png`
      : info.outputPath(`frameline-${colorScheme}.png`);
    await page.screenshot({ path });
    // Monaco loads under the production CSP; a violation or a missing asset would show up here.
    expect(problems).toEqual([]);
    await context.close();
  });
}

async function fillMainScreen(page: Page): Promise<void> {
  await page.goto('/');
  await page.getByRole('textbox', { name: 'Subprotocols' }).fill('chat.v1');
  await connectTo(page, `${TEST_SERVER}/chat`);
  await expect(connectionState(page)).toHaveText('Open');
  await page.getByRole('button', { name: 'Save to sidebar' }).click();
  await page.getByRole('radio', { name: 'JSON' }).click();
  const editor = page.getByRole('textbox', { name: 'Message' });
  await editor.focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText('{"user":"ada","content":"Hello from Frameline"}');
  await page.getByRole('button', { name: 'Format' }).click();
  await expect(page.getByLabel('Message size')).toHaveText('56 B');
  await page.getByRole('button', { name: 'Save as template' }).click();
  await page.getByRole('textbox', { name: 'Template name' }).fill('Say hello');
  await page.keyboard.press('Enter');
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Send', exact: true }).click();
  await page.getByRole('radio', { name: 'Text' }).click();
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByLabel('Received messages')).toHaveText('5');
  await timeline(page).locator('.timeline-row.tone-in').nth(1).click();
  await expect(page.getByLabel('Message content')).toContainText('"content": "Hello from Frameline"');
}
