import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { connectionState, timeline } from './helpers';

// Monaco's own DOM is a third-party widget with known, unfixable-from-here findings; everything else is ours.
const scan = (page: import('@playwright/test').Page) =>
  new AxeBuilder({ page }).exclude('.monaco-editor').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);

for (const colorScheme of ['light', 'dark'] as const) {
  test(`no accessibility violations on the main screen, ${colorScheme}`, async ({ browser }) => {
    const context = await browser.newContext({ colorScheme });
    const page = await context.newPage();
    await page.goto('/');
    await expect(page.getByRole('textbox', { name: 'Message' })).toBeVisible();
    expect((await scan(page).analyze()).violations).toEqual([]);

    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(connectionState(page)).toHaveText('Open');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await timeline(page).locator('.timeline-row.tone-in').click();
    await expect(page.getByLabel('Message content')).toBeVisible();
    expect((await scan(page).analyze()).violations).toEqual([]);
    await context.close();
  });
}
