import { expect, test, type Page } from '@playwright/test';
import { connectionState, connectTo, setMessage, timeline, TEST_SERVER } from './helpers';

async function saveTemplate(page: Page, name: string, body: string) {
  await setMessage(page, body);
  await page.getByRole('button', { name: 'Save as template' }).click();
  await page.getByRole('textbox', { name: 'Template name' }).fill(name);
  await page.getByRole('textbox', { name: 'Template name' }).press('Enter');
  await expect(page.getByRole('region', { name: 'Templates' }).getByText(name)).toBeVisible();
}

const autoRows = (page: Page) => timeline(page).locator('.timeline-row.tone-out', { hasText: 'auto' });

/** After a disconnect, nothing automatic may be sent: the count of auto rows stays put for a while. */
async function expectNoMoreAutoSends(page: Page, forMs: number) {
  const sent = await autoRows(page).count();
  await page.waitForTimeout(forMs);
  await expect(autoRows(page)).toHaveCount(sent);
}

test('after a drop the app reconnects and re-sends the on-open messages', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('textbox', { name: 'WebSocket URL' }).fill(`${TEST_SERVER}/drop?after=400`);
  await page.getByRole('radio', { name: 'Text' }).click();
  await saveTemplate(page, 'Hello on open', 'hello {{$counter}}');

  await page.getByText('Automation', { exact: true }).click();
  const panel = page.getByRole('form', { name: 'Automation' });
  await panel.getByRole('checkbox', { name: 'Hello on open' }).check();
  await panel.getByRole('checkbox', { name: 'Reconnect after an unclean close' }).check();
  await panel.getByLabel('First delay (ms)').fill('1500');
  await panel.getByLabel('Longest delay (ms)').fill('3000');
  await panel.getByLabel('Attempts (empty: no limit)').fill('2');
  await panel.getByRole('button', { name: 'Apply' }).click();
  await page.getByText('Automation', { exact: true }).click();

  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(
    timeline(page)
      .getByText(/Reconnecting in/)
      .first(),
  ).toBeVisible();
  await expect(autoRows(page)).toHaveCount(2, { timeout: 15_000 });
  await expect(autoRows(page).first()).toContainText('hello 1');
  await expect(autoRows(page).nth(1)).toContainText('hello 2');

  // Each drop comes after a successful open, which resets the attempt count: only Disconnect ends the loop.
  await expect(page.getByRole('timer', { name: 'Reconnect countdown' })).toBeVisible({ timeout: 5_000 });
  await page.getByRole('button', { name: 'Disconnect' }).click();
  await expect(timeline(page).getByText('Reconnect cancelled').last()).toBeVisible();
  await expect(connectionState(page)).toHaveText('Closed');
  await expectNoMoreAutoSends(page, 1_500);
});

test('a 1 s heartbeat appears on the timeline and stops on Disconnect', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('radio', { name: 'Text' }).click();
  await saveTemplate(page, 'Ping', '{"type":"ping"}');
  await page.getByText('Automation', { exact: true }).click();
  const panel = page.getByRole('form', { name: 'Automation' });
  await panel.getByLabel('Heartbeat template').selectOption({ label: 'Ping' });
  await panel.getByLabel('Heartbeat interval (ms)').fill('0');
  await panel.getByRole('button', { name: 'Apply' }).click();
  await expect(panel.getByRole('alert')).toContainText('Heartbeat interval');
  await panel.getByLabel('Heartbeat interval (ms)').fill('1000');
  // Started by hand here (tabs-and-rows.spec.ts covers starting with the connection).
  await panel.getByRole('checkbox', { name: 'Start with the connection' }).uncheck();
  await panel.getByRole('button', { name: 'Apply' }).click();

  await connectTo(page, `${TEST_SERVER}/echo`);
  await expect(connectionState(page)).toHaveText('Open');
  // The click on Connect closed the popover.
  await page.getByText('Automation', { exact: true }).click();
  await panel.getByRole('button', { name: 'Start heartbeat' }).click();
  await expect(panel.getByText('Running every 1000 ms')).toBeVisible();
  await page.getByRole('button', { name: /^Automation/ }).click();

  await expect(autoRows(page)).toHaveCount(2, { timeout: 5_000 });
  await expect(autoRows(page).first()).toContainText('{"type":"ping"}');
  await page.getByRole('button', { name: 'Disconnect' }).click();
  await expect(connectionState(page)).toHaveText('Closed');
  await expectNoMoreAutoSends(page, 2_000);
});

test('a connect timeout closes a handshake that never finishes, and says so', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('textbox', { name: 'WebSocket URL' }).fill(`${TEST_SERVER}/stall?for=20000`);
  await page.getByRole('button', { name: 'Save to sidebar' }).click();
  await page.getByText('Automation', { exact: true }).click();
  const panel = page.getByRole('form', { name: 'Automation' });
  await panel.getByLabel('Connect timeout (ms, empty: none)').fill('50');
  await panel.getByRole('button', { name: 'Apply' }).click();
  await expect(panel.getByRole('alert')).toContainText('Connect timeout');
  await panel.getByLabel('Connect timeout (ms, empty: none)').fill('800');
  await panel.getByRole('button', { name: 'Apply' }).click();
  await page.getByText('Automation', { exact: true }).click();

  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(connectionState(page)).toHaveText('Connecting');
  await expect(timeline(page).getByText('Connect timed out after 800 ms')).toBeVisible();
  await expect(connectionState(page)).toHaveText('Closed');
});
