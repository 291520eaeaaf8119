import { expect, test } from '@playwright/test';
import { connectionState, connectTo, setMessage, timeline, TEST_SERVER } from './helpers';

test('two tabs connected at once keep separate timelines', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(connectionState(page)).toHaveText('Open');
  await page.getByRole('radio', { name: 'Text' }).click();
  await setMessage(page, 'from tab one');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByLabel('Received messages')).toHaveText('1');

  await page.getByRole('button', { name: 'New tab' }).click();
  await connectTo(page, `${TEST_SERVER}/stream?rate=50&count=5`);
  await expect(page.getByLabel('Received messages')).toHaveText('5');
  await expect(timeline(page).getByText('from tab one')).toHaveCount(0);

  const tabs = page.getByRole('tab');
  await tabs.first().click();
  await expect(connectionState(page)).toHaveText('Open');
  await expect(page.getByLabel('Received messages')).toHaveText('1');
  await expect(timeline(page).locator('.timeline-row.tone-in')).toHaveCount(1);
  await expect(timeline(page).getByText('"seq"')).toHaveCount(0);

  await tabs.nth(1).click();
  await expect(connectionState(page)).toHaveText('Open');
  await expect(timeline(page).locator('.timeline-row', { hasText: '"seq"' }).first()).toBeVisible();
});

test('a 2,000 msg/s stream for 5 s is counted exactly and Disconnect responds at once', async ({ page }) => {
  await page.goto('/');
  await connectTo(page, `${TEST_SERVER}/stream?rate=2000&count=10000`);
  await expect(connectionState(page)).toHaveText('Open');
  // Mid-stream the UI still answers: the counter moves while frames pour in.
  await expect
    .poll(async () => Number(await page.getByLabel('Received messages').textContent()))
    .toBeGreaterThan(0);
  await expect(page.getByLabel('Received messages')).toHaveText('10000', { timeout: 20_000 });

  const rows = timeline(page).locator('.timeline-row');
  await expect(rows.last()).toContainText('"seq":10000');

  await page.getByRole('button', { name: 'Disconnect' }).click();
  await expect(connectionState(page)).toHaveText('Closed', { timeout: 2_000 });
});

test('Disconnect during a firehose closes promptly', async ({ page }) => {
  await page.goto('/');
  await connectTo(page, `${TEST_SERVER}/stream?rate=0`);
  await expect
    .poll(async () => Number(await page.getByLabel('Received messages').textContent()))
    .toBeGreaterThan(5000);
  await page.getByRole('button', { name: 'Disconnect' }).click();
  await expect(connectionState(page)).toHaveText('Closed', { timeout: 3_000 });
  const count = Number(await page.getByLabel('Received messages').textContent());
  await page.waitForTimeout(300);
  expect(Number(await page.getByLabel('Received messages').textContent())).toBe(count);
});

test('the timeline cap is a setting, and dropped entries are counted where the user sees them', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByText('Settings').click();
  const capField = page.getByLabel('Timeline entries kept per tab');
  await capField.fill('50');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByText('Keep between 100 and 1,000,000 entries per tab.')).toBeVisible();
  await capField.fill('100');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByText('each tab keeps the newest 100 entries')).toBeVisible();

  await connectTo(page, `${TEST_SERVER}/stream?rate=0&count=250`);
  await expect(page.getByLabel('Received messages')).toHaveText('250');
  // 252 entries (connecting, open, 250 frames) with room for 100: the 152 oldest are gone, and said so.
  await expect(
    page.getByText('152 older entries are no longer in memory; they are kept in History'),
  ).toBeVisible();
  await expect(timeline(page).locator('.timeline-row').last()).toContainText('"seq":250');

  await page.reload();
  await page.getByText('Settings').click();
  await expect(page.getByLabel('Timeline entries kept per tab')).toHaveValue('100');
});

test('autoscroll pauses while the user reads older rows and resumes at the bottom', async ({ page }) => {
  await page.goto('/');
  await connectTo(page, `${TEST_SERVER}/stream?rate=100`);
  const log = timeline(page);
  await expect
    .poll(async () => Number(await page.getByLabel('Received messages').textContent()))
    .toBeGreaterThan(60);
  await log.hover();
  await page.mouse.wheel(0, -400);
  await expect(page.getByRole('button', { name: /Jump to latest/ })).toBeVisible();
  const firstVisible = await log.locator('.timeline-row').first().textContent();
  await page.waitForTimeout(500);
  // New frames keep arriving, but the rows the user is reading stay put.
  expect(await log.locator('.timeline-row').first().textContent()).toBe(firstVisible);

  await page.getByRole('button', { name: /Jump to latest/ }).click();
  await expect(page.getByRole('button', { name: /Jump to latest/ })).toHaveCount(0);
  const latest = Number(await page.getByLabel('Received messages').textContent());
  await expect
    .poll(async () => {
      const text = (await log.locator('.timeline-row').last().textContent()) ?? '';
      return Number(/"seq":(\d+)/.exec(text)?.[1] ?? 0);
    })
    .toBeGreaterThan(latest);
  await page.getByRole('button', { name: 'Disconnect' }).click();
});
