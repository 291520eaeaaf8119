import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { connectTo, setMessage, timeline, TEST_SERVER } from './helpers';

const COUNT = 100_000;
// Connecting, open, the frames and one sent message: the default cap keeps them all.
const ENTRIES = COUNT + 3;

function filterBox(page: Page) {
  return page.getByRole('textbox', { name: 'Filter timeline' });
}
function matching(page: Page) {
  return page.getByLabel('Matching entries');
}
function findBar(page: Page) {
  return page.getByRole('search', { name: 'Find in timeline' });
}

/** Everything the page ran on its main thread for longer than 50 ms since `watchLongTasks`. */
async function longTasks(page: Page): Promise<number[]> {
  return page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
}
async function watchLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: number[] = [];
    (window as unknown as { longTasks: number[] }).longTasks = seen;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) seen.push(Math.round(entry.duration));
    }).observe({ type: 'longtask' });
  });
}

test('finds, steps to, filters and exports the matches among 100,000 frames', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('/');
  await connectTo(page, `${TEST_SERVER}/stream?rate=0&count=${COUNT}`);
  await expect(page.getByLabel('Received messages')).toHaveText(String(COUNT), { timeout: 90_000 });
  // One sent message among them, for the Direction filter.
  await page.getByRole('radio', { name: 'Text' }).click();
  await setMessage(page, 'hello from the client');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByLabel('Sent messages')).toHaveText('1');

  const count = matching(page);
  // No filter: everything is shown and counted.
  await expect(count).toHaveText(String(ENTRIES));

  await watchLongTasks(page);
  const started = Date.now();
  await filterBox(page).fill('"seq":12345,');
  await expect(count).toHaveText('1');
  const elapsed = Date.now() - started;
  // Generous: this only guards against a search that blocks the page, not the 1 s target itself.
  expect(elapsed).toBeLessThan(5_000);
  expect(Math.max(0, ...(await longTasks(page)))).toBeLessThan(250);

  await filterBox(page).press('Enter');
  const row = timeline(page).locator('.timeline-row[aria-current="true"]');
  await expect(row).toBeVisible();
  await expect(row).toContainText('"seq":12345,');
  await expect(row.locator('mark')).toHaveText('"seq":12345,');
  await expect(timeline(page).locator('.timeline-row')).toHaveCount(1);
  const detail = page.getByRole('complementary', { name: 'Message detail' });
  await expect(detail.getByLabel('Message content')).toContainText('"seq": 12345');

  // Two matches: Next walks to the other one, then wraps around.
  await filterBox(page).fill('"seq":1234[56],');
  await expect(count).toHaveText('0');
  await page.getByRole('checkbox', { name: 'Regular expression' }).check();
  await expect(count).toHaveText('2');
  await page.getByRole('button', { name: 'Next match' }).click();
  await expect(row).toContainText('"seq":12346,');
  await page.getByRole('button', { name: 'Next match' }).click();
  await expect(row).toContainText('"seq":12345,');
  await filterBox(page).press('Shift+Enter');
  await expect(row).toContainText('"seq":12346,');

  // An invalid pattern is explained, never thrown; the text part is then not applied.
  await filterBox(page).fill('"seq":(12');
  await expect(findBar(page).getByRole('alert')).toHaveText(
    'Invalid regular expression: Unterminated group. The text filter is not applied.',
  );
  await expect(filterBox(page)).toHaveAttribute('aria-invalid', 'true');
  await page.getByRole('checkbox', { name: 'Regular expression' }).uncheck();
  await filterBox(page).fill('');

  const direction = page.getByRole('radiogroup', { name: 'Direction' });
  await direction.getByRole('radio', { name: 'Sent' }).click();
  await expect(count).toHaveText('1');
  await expect(timeline(page).locator('.timeline-row')).toHaveCount(1);
  await expect(timeline(page).locator('.timeline-row.tone-out')).toContainText('hello from the client');
  await direction.getByRole('radio', { name: 'Received' }).click();
  await expect(count).toHaveText(String(COUNT));
  await direction.getByRole('radio', { name: 'All' }).click();

  const field = page.getByRole('textbox', { name: 'JSON field filter' });
  await field.fill('$.seq ==');
  await expect(findBar(page).getByRole('alert')).toContainText('expected a value after ==');
  await field.fill('$.seq == 12345');
  await expect(count).toHaveText('1');
  await field.fill('$.seq > 99990');
  await expect(count).toHaveText('10');

  // Ctrl/Cmd+F inside the timeline opens this find, not the browser's.
  await timeline(page).locator('.timeline-row').first().click();
  await page.keyboard.press('ControlOrMeta+F');
  await expect(filterBox(page)).toBeFocused();

  // Filtering keeps everything; only the new export option writes just the matches.
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await page.getByRole('menuitem', { name: 'NDJSON', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Export timeline as NDJSON' });
  await expect(dialog).toContainText(`The file holds the ${ENTRIES.toLocaleString('en-US')} entries kept`);
  await dialog.getByRole('checkbox', { name: 'Export matching entries' }).check();
  await expect(dialog).toContainText('The file holds the 10 entries matching the timeline filter.');
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Download' }).click();
  const text = await readFile(await (await downloading).path(), 'utf8');
  const records = text
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as { data: string });
  expect(records.map((r) => (JSON.parse(r.data) as { seq: number }).seq)).toEqual([
    99991, 99992, 99993, 99994, 99995, 99996, 99997, 99998, 99999, 100000,
  ]);
  await field.fill('');
  await expect(count).toHaveText(String(ENTRIES));
});
