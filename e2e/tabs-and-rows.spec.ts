import { expect, test, type Page } from '@playwright/test';
import { connectionState, connectTo, setMessage, timeline, TEST_SERVER } from './helpers';

const ECHO_TITLE = '127.0.0.1:8787/echo';

const tab = (page: Page, name: string | RegExp) =>
  page.getByRole('tab', typeof name === 'string' ? { name, exact: true } : { name });

async function saveTemplate(page: Page, name: string, body: string) {
  await page.getByRole('radio', { name: 'Text' }).click();
  await setMessage(page, body);
  await page.getByRole('button', { name: 'Save as template' }).click();
  await page.getByRole('textbox', { name: 'Template name' }).fill(name);
  await page.getByRole('textbox', { name: 'Template name' }).press('Enter');
  await expect(page.getByRole('region', { name: 'Templates' }).getByText(name)).toBeVisible();
}

const automationToggle = (page: Page) => page.getByRole('button', { name: /^Automation/ });
const automationPanel = (page: Page) => page.getByRole('form', { name: 'Automation' });

test('a tab is renamed by double-click or its menu, Escape cancels, empty resets, and the name survives a reload', async ({
  page,
}) => {
  await page.goto('/');
  await tab(page, ECHO_TITLE).dblclick();
  const field = page.getByRole('textbox', { name: 'Tab name' });
  await expect(field).toHaveValue(ECHO_TITLE);
  await field.fill('My echo');
  await field.press('Enter');
  await expect(tab(page, 'My echo')).toBeFocused();

  await tab(page, 'My echo').dblclick();
  await field.fill('Not this');
  await field.press('Escape');
  await expect(field).toHaveCount(0);
  await expect(tab(page, 'My echo')).toBeVisible();

  // An empty name goes back to the title made from the URL.
  await page.getByRole('button', { name: 'Tab actions' }).click();
  await page.getByRole('menuitem', { name: 'Rename tab' }).click();
  await field.fill('  ');
  await field.press('Enter');
  await expect(tab(page, ECHO_TITLE)).toBeVisible();

  await tab(page, ECHO_TITLE).focus();
  await page.keyboard.press('F2');
  await field.fill('Kept after reload');
  await field.press('Enter');
  await expect(tab(page, 'Kept after reload')).toBeVisible();
  await page.reload();
  await expect(tab(page, 'Kept after reload')).toBeVisible();
  // A named tab keeps its name when its URL changes.
  await page.getByRole('textbox', { name: 'WebSocket URL' }).fill(`${TEST_SERVER}/chat`);
  await expect(tab(page, 'Kept after reload')).toBeVisible();
});

test('tabs on one URL get distinct titles, and a title follows its URL until named', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'New tab' }).click();
  await expect(tab(page, 'Untitled')).toBeVisible();
  const url = page.getByRole('textbox', { name: 'WebSocket URL' });
  await url.fill(`${TEST_SERVER}/echo`);
  await expect(page.getByRole('tab')).toHaveText([ECHO_TITLE, `${ECHO_TITLE} (2)`]);

  await url.fill(`${TEST_SERVER}/stream?rate=5`);
  await expect(page.getByRole('tab')).toHaveText([ECHO_TITLE, '127.0.0.1:8787/stream']);
  await page.reload();
  await expect(page.getByRole('tab')).toHaveText([ECHO_TITLE, '127.0.0.1:8787/stream']);
});

test('a saved connection’s tab marks unsaved URL, subprotocol and automation changes', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Save to sidebar' }).click();
  const unsaved = tab(page, /unsaved changes/);
  await expect(tab(page, ECHO_TITLE)).toBeVisible();
  await expect(unsaved).toHaveCount(0);

  const url = page.getByRole('textbox', { name: 'WebSocket URL' });
  await url.fill(`${TEST_SERVER}/chat`);
  await expect(unsaved).toHaveAccessibleName(`${ECHO_TITLE} (unsaved changes)`);
  await expect(unsaved.locator('.unsaved-mark')).toBeVisible();
  await url.fill(`${TEST_SERVER}/echo`);
  await expect(unsaved).toHaveCount(0);

  await page.getByRole('textbox', { name: 'Subprotocols' }).fill('chat.v1');
  await expect(unsaved).toHaveCount(1);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(unsaved).toHaveCount(0);

  await automationToggle(page).click();
  const reconnect = automationPanel(page).getByRole('checkbox', { name: 'Reconnect after an unclean close' });
  await reconnect.check();
  await expect(unsaved).toHaveCount(1);
  // Not yet applied: the draft and the mark survive a reload.
  await page.reload();
  await expect(unsaved).toHaveCount(1);
  await automationToggle(page).click();
  await expect(reconnect).toBeChecked();
  await automationPanel(page).getByRole('button', { name: 'Apply' }).click();
  await expect(unsaved).toHaveCount(0);
});

test('after automatic reconnects the counters show this connection and the total since Connect', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByRole('textbox', { name: 'WebSocket URL' }).fill(`${TEST_SERVER}/drop?after=1500`);
  await saveTemplate(page, 'Hello', 'hello');
  await automationToggle(page).click();
  const panel = automationPanel(page);
  await panel.getByRole('checkbox', { name: 'Hello' }).check();
  await panel.getByRole('checkbox', { name: 'Reconnect after an unclean close' }).check();
  await panel.getByLabel('First delay (ms)').fill('300');
  await panel.getByLabel('Longest delay (ms)').fill('300');
  await panel.getByLabel('Attempts (empty: no limit)').fill('3');
  await panel.getByRole('button', { name: 'Apply' }).click();
  await automationToggle(page).click();

  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByRole('status', { name: 'Sent messages', exact: true })).toHaveText('1');
  // One connection so far: no total beside the counters.
  await expect(page.getByRole('status', { name: 'Sent messages in total' })).toHaveCount(0);

  // Each drop follows a successful open, so the attempt restarts at 1 while the count since Connect grows.
  await expect(
    timeline(page).getByText('Reconnecting now (attempt 1 of 3; 1 reconnect since Connect)'),
  ).toBeVisible();
  await expect(page.getByRole('status', { name: 'Sent messages in total' })).toHaveText('2');
  await expect(page.getByRole('status', { name: 'Sent messages', exact: true })).toHaveText('1');
  await expect(page.getByRole('status', { name: 'Received messages in total' })).toHaveText('0');
  await expect(
    // Jitter only ever shortens the delay.
    timeline(page).getByText(/^Reconnecting in \d+ ms \(attempt 1 of 3; 2 reconnects since Connect\)$/),
  ).toBeVisible();
  await expect
    .poll(async () =>
      Number(await page.getByRole('status', { name: 'Sent messages in total' }).textContent()),
    )
    .toBeGreaterThanOrEqual(3);

  await page.getByRole('button', { name: 'Disconnect' }).click();
  await expect(connectionState(page)).toHaveText('Closed');
  // A new Connect starts the totals again.
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByRole('status', { name: 'Sent messages', exact: true })).toHaveText('1');
  await expect(page.getByRole('status', { name: 'Sent messages in total' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Disconnect' }).click();
});

test('a saved heartbeat starts with the connection unless told not to', async ({ page }) => {
  await page.goto('/');
  await saveTemplate(page, 'Ping', 'ping');
  await automationToggle(page).click();
  const panel = automationPanel(page);
  await panel.getByLabel('Heartbeat template').selectOption({ label: 'Ping' });
  await panel.getByLabel('Heartbeat interval (ms)').fill('500');
  const withConnection = panel.getByRole('checkbox', { name: 'Start with the connection' });
  await expect(withConnection).toBeChecked();
  await panel.getByRole('button', { name: 'Apply' }).click();
  await automationToggle(page).click();
  await page.reload();

  await connectTo(page, `${TEST_SERVER}/echo`);
  await expect(connectionState(page)).toHaveText('Open');
  const autoRows = timeline(page).locator('.timeline-row.tone-out', { hasText: 'auto' });
  await expect(autoRows).toHaveCount(2, { timeout: 5_000 });
  await automationToggle(page).click();
  await expect(panel.getByText('Running every 500 ms')).toBeVisible();

  await withConnection.uncheck();
  await panel.getByRole('button', { name: 'Apply' }).click();
  await page.getByRole('button', { name: 'Disconnect' }).click();
  await expect(connectionState(page)).toHaveText('Closed');
  await page.reload();
  await automationToggle(page).click();
  await expect(withConnection).not.toBeChecked();
  // The restored timeline still shows the earlier heartbeats: none may be added now.
  const before = await autoRows.count();
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(connectionState(page)).toHaveText('Open');
  // The click on Connect closed the popover.
  await automationToggle(page).click();
  await expect(panel.getByRole('button', { name: 'Start heartbeat' })).toBeEnabled();
  await page.waitForTimeout(1_200);
  await expect(autoRows).toHaveCount(before);
});

test('icons are inline SVG, with the name on their buttons', async ({ page }) => {
  await page.goto('/');
  await saveTemplate(page, 'Ping', 'ping');
  const sidebar = page.getByRole('navigation', { name: 'Sidebar' });
  const templates = page.getByRole('region', { name: 'Templates' });
  // No glyph text that a missing font could turn into a box: only a hidden drawing.
  const expectSvgOnly = async (button: ReturnType<Page['getByRole']>) => {
    await expect(button.locator('svg[aria-hidden="true"]')).toHaveCount(1);
    await expect(button).toHaveText('');
  };
  for (const name of ['New tab', 'Tab actions', 'Next match', 'Previous match'])
    await expectSvgOnly(page.getByRole('button', { name, exact: true }));
  await sidebar.getByText(ECHO_TITLE, { exact: true }).hover();
  for (const action of ['Expand', 'Rename', 'Duplicate', 'Delete'])
    await expectSvgOnly(sidebar.getByRole('button', { name: `${action} ${ECHO_TITLE}`, exact: true }));
  await templates.getByText('Ping', { exact: true }).hover();
  for (const action of [
    'Move Ping up',
    'Rename template Ping',
    'Duplicate template Ping',
    'Delete template Ping',
  ])
    await expectSvgOnly(templates.getByRole('button', { name: action, exact: true }));
});
