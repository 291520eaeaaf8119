import { expect, test } from '@playwright/test';
import { connectionState, connectTo, timeline, TEST_SERVER } from './helpers';

test('sockets run in a dedicated worker and a stream still arrives complete, in order', async ({ page }) => {
  const problems: string[] = [];
  page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto('/');
  await connectTo(page, `${TEST_SERVER}/stream?rate=0&count=5000`);
  await expect(page.getByLabel('Received messages')).toHaveText('5000');
  expect(page.workers().some((worker) => worker.url().includes('socket-worker'))).toBe(true);
  await expect(timeline(page).locator('.timeline-row.tone-in').last()).toContainText('"seq":5000');
  await page.getByRole('button', { name: 'Disconnect' }).click();
  await expect(connectionState(page)).toHaveText('Closed');
  expect(problems).toEqual([]);
});

test('a large JSON frame is pretty-printed in full, a screenful at a time', async ({ page }) => {
  const problems: string[] = [];
  page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto('/');
  await connectTo(page, `${TEST_SERVER}/stream?rate=0&count=1&size=3000000&records=1`);
  await expect(page.getByLabel('Received messages')).toHaveText('1');
  await timeline(page).locator('.timeline-row.tone-in').first().click();
  const content = page.getByLabel('Message content');
  await expect(content).toContainText('"seq": 1,');
  await expect(content).toContainText('"name": "item 1"');
  // Only the lines on screen are in the page, not the ~4 MB of pretty text.
  expect((await content.textContent())?.length ?? 0).toBeLessThan(20_000);
  await content.evaluate((element) => {
    element.scrollTop = element.scrollHeight;
  });
  await expect(content).toContainText(/"name": "item \d{5}"/);
  const detailView = page.getByRole('radiogroup', { name: 'Detail view' });
  await detailView.getByRole('radio', { name: 'Raw' }).click();
  await expect(content).toContainText('{"seq":1,');
  await detailView.getByRole('radio', { name: 'Pretty' }).click();
  await expect(content).toContainText('"seq": 1,');
  expect(problems).toEqual([]);
});
