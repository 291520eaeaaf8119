import { expect, test, type Locator, type Page } from '@playwright/test';
import { connectionState, setMessage, timeline } from './helpers';

const urlField = (page: Page) => page.getByRole('textbox', { name: 'WebSocket URL' });
const tabs = (page: Page) => page.getByRole('tablist', { name: 'Open connections' }).getByRole('tab');
const shortcutsDialog = (page: Page) => page.getByRole('dialog', { name: 'Keyboard shortcuts' });
const detailHint = (page: Page) => page.getByText('Select a row to see it in full.');

/** Somewhere on the page no popover covers and that takes no focus: the blank end of the sidebar's footer. */
async function clickNowhere(page: Page): Promise<void> {
  const footer = page.locator('.sidebar-footer');
  const box = await footer.boundingBox();
  if (!box) throw new Error('no sidebar footer');
  await footer.click({ position: { x: box.width - 8, y: box.height / 2 } });
}

test('? lists the shortcuts in a dialog that Escape closes, giving focus back', async ({ page }) => {
  await page.goto('/');
  const newTab = page.getByRole('button', { name: 'New tab' });
  await newTab.focus();
  await page.keyboard.press('?');
  const dialog = shortcutsDialog(page);
  await expect(dialog).toBeVisible();
  for (const [action, keys] of [
    ['New tab', 'Alt+Shift+N'],
    ['Close tab', 'Alt+Shift+W'],
    ['Next tab', 'Alt+Shift+]'],
    ['Previous tab', 'Alt+Shift+['],
    ['Focus the URL', 'Alt+Shift+L'],
    ['Connect or disconnect', 'Alt+Shift+C'],
    ['Send the message (in the editor)', 'Ctrl+Enter'],
    ['Filter the timeline', 'Alt+Shift+K'],
    ['Show or hide the detail pane', 'Alt+Shift+D'],
  ] as const) {
    await expect(dialog.getByRole('row', { name: action })).toContainText(keys);
  }
  // The app's shortcuts wait while the dialog is open.
  await page.keyboard.press('Alt+Shift+N');
  await expect(tabs(page)).toHaveCount(1);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(newTab).toBeFocused();

  await page.keyboard.press('?');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(newTab).toBeFocused();
});

test('? typed in the URL field or the message editor is text, not the dialog', async ({ page }) => {
  await page.goto('/');
  await urlField(page).fill('ws://127.0.0.1:8787/echo');
  await urlField(page).press('End');
  await urlField(page).press('?');
  await expect(urlField(page)).toHaveValue('ws://127.0.0.1:8787/echo?');

  await page.getByRole('radio', { name: 'Text' }).click();
  await setMessage(page, 'what');
  await page.keyboard.press('?');
  await expect(page.locator('.monaco-editor .view-lines')).toHaveText('what?');
  await expect(shortcutsDialog(page)).toHaveCount(0);
});

test('tabs open, switch and close from the keyboard, also from inside the editor', async ({ page }) => {
  await page.goto('/');
  await expect(tabs(page)).toHaveCount(1);
  await page.keyboard.press('Alt+Shift+N');
  await expect(tabs(page)).toHaveCount(2);
  await expect(tabs(page).nth(1)).toHaveAttribute('aria-selected', 'true');

  await page.keyboard.press('Alt+Shift+BracketLeft');
  await expect(tabs(page).first()).toHaveAttribute('aria-selected', 'true');
  // Wraps around at either end.
  await page.keyboard.press('Alt+Shift+BracketLeft');
  await expect(tabs(page).nth(1)).toHaveAttribute('aria-selected', 'true');
  await page.getByRole('textbox', { name: 'Message' }).focus();
  await page.keyboard.press('Alt+Shift+BracketRight');
  await expect(tabs(page).first()).toHaveAttribute('aria-selected', 'true');

  await page.getByRole('textbox', { name: 'Message' }).focus();
  await page.keyboard.press('Alt+Shift+N');
  await expect(tabs(page)).toHaveCount(3);
  await page.keyboard.press('Alt+Shift+W');
  await expect(tabs(page)).toHaveCount(2);
  await page.keyboard.press('Alt+Shift+W');
  await expect(tabs(page)).toHaveCount(1);
});

test('focus the URL, connect, send, filter and disconnect from the keyboard', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('radio', { name: 'Text' }).click();
  await setMessage(page, 'hello keys');
  // From inside Monaco: the editor must not keep the keys for itself.
  await page.keyboard.press('Alt+Shift+L');
  await expect(urlField(page)).toBeFocused();
  await page.keyboard.press('Alt+Shift+C');
  await expect(connectionState(page)).toHaveText('Open');

  await page.getByRole('textbox', { name: 'Message' }).focus();
  await page.keyboard.press('Control+Enter');
  await expect(page.getByLabel('Sent messages')).toHaveText('1');
  await expect(timeline(page).locator('.timeline-row.tone-in')).toContainText('hello keys');

  await page.getByRole('textbox', { name: 'Message' }).focus();
  await page.keyboard.press('Alt+Shift+K');
  const filter = page.getByRole('textbox', { name: 'Filter timeline' });
  await expect(filter).toBeFocused();
  await page.keyboard.type('keys');
  await expect(page.getByLabel('Matching entries')).toHaveText('2');

  await page.keyboard.press('Alt+Shift+C');
  await expect(connectionState(page)).toHaveText('Closed');
});

test('the detail pane toggles from the keyboard and Escape closes it', async ({ page }) => {
  await page.goto('/');
  await expect(urlField(page)).toBeVisible();
  await page.keyboard.press('Alt+Shift+C');
  await expect(connectionState(page)).toHaveText('Open');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  const received = timeline(page).locator('.timeline-row.tone-in');
  await expect(received).toHaveCount(1);

  await page.keyboard.press('Alt+Shift+D');
  await expect(page.getByLabel('Message detail')).toContainText('Received');
  await expect(received).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press('Alt+Shift+D');
  await expect(detailHint(page)).toBeVisible();

  await received.click();
  await expect(page.getByLabel('Message content')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(detailHint(page)).toBeVisible();

  // Escape from inside the pane: focus goes back to the timeline, not to the page.
  await received.click();
  await page.getByRole('button', { name: 'Close detail' }).focus();
  await page.keyboard.press('Escape');
  await expect(detailHint(page)).toBeVisible();
  await expect(timeline(page)).toBeFocused();
});

test('controls name their shortcuts in their tooltips', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'New tab' })).toHaveAttribute(
    'title',
    'New tab (Alt+Shift+N)',
  );
  await expect(page.getByRole('button', { name: 'Connect', exact: true })).toHaveAttribute(
    'title',
    'Connect (Alt+Shift+C)',
  );
  await expect(urlField(page)).toHaveAttribute('title', 'WebSocket URL (Alt+Shift+L)');
  await expect(page.getByRole('textbox', { name: 'Filter timeline' })).toHaveAttribute(
    'title',
    'Filter timeline (Alt+Shift+K)',
  );
  await expect(tabs(page).first()).toHaveAttribute('title', /Alt\+Shift\+W closes the active tab/);
  await expect(tabs(page).first()).toHaveAttribute(
    'title',
    /Alt\+Shift\+\] \/ Alt\+Shift\+\[: next \/ previous tab/,
  );

  await page.keyboard.press('Alt+Shift+C');
  await expect(page.getByRole('button', { name: 'Disconnect' })).toHaveAttribute(
    'title',
    'Disconnect (Alt+Shift+C)',
  );
  await expect(page.getByRole('button', { name: 'Send', exact: true })).toHaveAttribute(
    'title',
    'Send (Ctrl+Enter)',
  );
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await timeline(page).locator('.timeline-row.tone-in').click();
  await expect(page.getByRole('button', { name: 'Close detail' })).toHaveAttribute(
    'title',
    'Close detail (Escape or Alt+Shift+D)',
  );
});

const POPOVERS: { name: string; button(page: Page): Locator; panel(page: Page): Locator }[] = [
  {
    name: 'Close options',
    button: (page) => page.getByRole('button', { name: 'Close options' }),
    panel: (page) => page.getByRole('group', { name: 'Close code and reason' }),
  },
  {
    name: 'Automation',
    button: (page) => page.getByRole('button', { name: 'Automation', exact: true }),
    panel: (page) => page.getByRole('group', { name: 'Automation' }),
  },
  {
    name: 'Settings',
    button: (page) => page.getByRole('button', { name: 'Settings', exact: true }),
    panel: (page) => page.getByRole('group', { name: 'App settings' }),
  },
];

for (const popover of POPOVERS) {
  test(`the ${popover.name} popover closes on Escape and on a click outside, giving focus back`, async ({
    page,
  }) => {
    await page.goto('/');
    const button = popover.button(page);
    const panel = popover.panel(page);
    await expect(panel).toBeHidden();
    await button.click();
    await expect(panel).toBeVisible();
    // Escape from a field inside the panel, where focus is while editing.
    await panel.locator('input, p').first().click();
    await page.keyboard.press('Escape');
    await expect(panel).toBeHidden();
    await expect(button).toBeFocused();

    await button.press('Enter');
    await expect(panel).toBeVisible();
    await clickNowhere(page);
    await expect(panel).toBeHidden();
    await expect(button).toBeFocused();

    // A click on another control closes it too, and that control keeps the focus.
    await button.click();
    await expect(panel).toBeVisible();
    await urlField(page).click();
    await expect(panel).toBeHidden();
    await expect(urlField(page)).toBeFocused();
  });
}

test('the Automation form of a saved connection closes on Escape, giving focus back', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Save to sidebar' }).click();
  const button = page.getByRole('button', { name: 'Automation', exact: true });
  await button.click();
  const form = page.getByRole('form', { name: 'Automation' });
  await form.getByLabel('Heartbeat interval (ms)').focus();
  await page.keyboard.press('Escape');
  await expect(form).toBeHidden();
  await expect(button).toBeFocused();
});

test('the URL field is one Tab and Enter away from page load, through the skip link', async ({ page }) => {
  await page.goto('/');
  await expect(urlField(page)).toBeVisible();
  const skip = page.getByRole('link', { name: 'Skip to connection' });
  await expect(skip).not.toBeInViewport();
  await page.keyboard.press('Tab');
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(urlField(page)).toBeFocused();
});
