import { expect, test, type Locator, type Page } from '@playwright/test';
import { connectionState, timeline } from './helpers';

const sidebar = (page: Page) => page.getByRole('navigation', { name: 'Sidebar' });
const separator = (page: Page, name: string) => page.getByRole('separator', { name, exact: true });

async function open(page: Page, width: number, height: number): Promise<void> {
  await page.setViewportSize({ width, height });
  await page.goto('/');
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeVisible();
}

async function box(locator: Locator) {
  const found = await locator.boundingBox();
  if (!found) throw new Error('not laid out');
  return found;
}

async function valueOf(locator: Locator): Promise<number> {
  return Number(await locator.getAttribute('aria-valuenow'));
}

for (const [width, height] of [
  [360, 740],
  [390, 844],
  [1024, 700],
  [1440, 900],
] as const) {
  test(`nothing scrolls sideways at ${width}px`, async ({ page }) => {
    await open(page, width, height);
    const scroll = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    expect(await scroll()).toBe(true);
    if (width < 900) {
      await page.getByRole('button', { name: 'Show sidebar' }).click();
      await expect(sidebar(page)).toBeVisible();
      expect(await scroll()).toBe(true);
    }
  });
}

test('at 1024px the URL keeps 320px and the timeline’s filter bar stays inside its panel', async ({
  page,
}) => {
  await open(page, 1024, 700);
  const url = await box(page.getByRole('textbox', { name: 'WebSocket URL' }));
  expect(url.width).toBeGreaterThanOrEqual(320);
  await expect(page.getByRole('button', { name: 'Connect', exact: true })).toBeInViewport({ ratio: 1 });

  const panel = await box(page.getByRole('region', { name: 'Timeline panel' }));
  for (const name of ['Regular expression', 'Match case', 'Lifecycle events', 'Automatic sends']) {
    const option = await box(page.getByRole('checkbox', { name }));
    expect(option.x).toBeGreaterThanOrEqual(panel.x);
    expect(option.x + option.width).toBeLessThanOrEqual(panel.x + panel.width);
  }
  const overflows = await page
    .locator('.filter-bar')
    .evaluate((bar) => bar.scrollWidth > bar.clientWidth || bar.scrollHeight > bar.clientHeight);
  expect(overflows).toBe(false);
});

for (const [width, height] of [
  [1024, 700],
  [1440, 900],
] as const) {
  test(`at ${width}px Send and Format stay on the composer's first row and Subprotocols stays readable`, async ({
    page,
  }) => {
    await open(page, width, height);
    await page.getByRole('radio', { name: 'JSON' }).click();
    const middle = async (locator: Locator) => {
      const found = await box(locator);
      return found.y + found.height / 2;
    };
    const row = await middle(page.getByRole('radiogroup', { name: 'Message format' }));
    for (const name of ['Send', 'Format']) {
      expect(Math.abs((await middle(page.getByRole('button', { name, exact: true }))) - row)).toBeLessThan(4);
    }
    const protocols = await box(page.getByRole('textbox', { name: 'Subprotocols' }));
    expect(protocols.width).toBeGreaterThanOrEqual(150);
  });
}

test('below 900px the sidebar hides behind a button and the composer sits above the timeline', async ({
  page,
}) => {
  await open(page, 390, 844);
  await expect(sidebar(page)).toBeHidden();
  await expect(page.getByRole('separator')).toHaveCount(1);
  const show = page.getByRole('button', { name: 'Show sidebar' });
  await expect(show).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByRole('button', { name: 'Connect', exact: true })).toBeInViewport({ ratio: 1 });

  const composer = await box(page.getByRole('region', { name: 'Composer' }));
  const timeline = await box(page.getByRole('region', { name: 'Timeline panel' }));
  expect(timeline.y).toBeGreaterThanOrEqual(composer.y + composer.height - 1);
  expect(composer.width).toBeGreaterThan(350);

  await show.click();
  const hide = page.getByRole('button', { name: 'Hide sidebar' });
  await expect(hide).toHaveAttribute('aria-expanded', 'true');
  await expect(sidebar(page)).toBeInViewport();
  await expect(sidebar(page).getByRole('button', { name: 'New collection' })).toBeInViewport();
  await hide.click();
  await expect(sidebar(page)).toBeHidden();

  await show.click();
  await sidebar(page).getByRole('button', { name: 'New collection' }).focus();
  await page.keyboard.press('Escape');
  await expect(sidebar(page)).toBeHidden();
  await expect(show).toBeFocused();

  // Wide again: the sidebar is back beside the workbench, and the button is gone.
  await page.setViewportSize({ width: 1440, height: 900 });
  await expect(sidebar(page)).toBeVisible();
  await expect(page.getByRole('button', { name: /^(Show|Hide) sidebar$/ })).toHaveCount(0);
});

test('a narrow timeline leaves out the time since open and keeps room for the preview; wide, it shows it again', async ({
  page,
}) => {
  await open(page, 390, 844);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(connectionState(page)).toHaveText('Open');
  const openRow = timeline(page).locator('.timeline-row').filter({ hasText: 'Open' });
  await expect(openRow.locator('.cell-since')).toBeHidden();
  expect((await box(openRow.locator('.cell-preview'))).width).toBeGreaterThanOrEqual(60);

  // Resizing the window alone (no re-render from the stream) must bring the column back.
  await page.setViewportSize({ width: 1440, height: 900 });
  await expect(openRow.locator('.cell-since')).toBeVisible();
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(openRow.locator('.cell-since')).toBeHidden();
});

const handles = [
  { name: 'Resize sidebar', orientation: 'vertical', grow: 'ArrowRight', shrink: 'ArrowLeft' },
  { name: 'Resize composer', orientation: 'vertical', grow: 'ArrowRight', shrink: 'ArrowLeft' },
  { name: 'Resize detail pane', orientation: 'horizontal', grow: 'ArrowUp', shrink: 'ArrowDown' },
] as const;

/** The size each handle sets, as laid out. */
async function paneSize(page: Page, name: string): Promise<number> {
  if (name === 'Resize sidebar') return (await box(sidebar(page))).width;
  if (name === 'Resize composer') return (await box(page.getByRole('region', { name: 'Composer' }))).width;
  return (await box(page.locator('.detail-pane'))).height;
}

for (const handle of handles) {
  test(`“${handle.name}” is a named separator that the keyboard moves within its limits`, async ({
    page,
  }) => {
    await open(page, 1440, 900);
    const splitter = separator(page, handle.name);
    await expect(splitter).toHaveAttribute('aria-orientation', handle.orientation);
    await expect(splitter).toHaveAttribute('tabindex', '0');
    const start = await valueOf(splitter);
    const min = Number(await splitter.getAttribute('aria-valuemin'));
    const max = Number(await splitter.getAttribute('aria-valuemax'));
    expect(min).toBeGreaterThan(0);
    expect(start).toBeGreaterThanOrEqual(min);
    expect(start).toBeLessThanOrEqual(max);
    expect(Math.abs((await paneSize(page, handle.name)) - start)).toBeLessThanOrEqual(1);

    await splitter.focus();
    await page.keyboard.press(handle.grow);
    await expect(splitter).toHaveAttribute('aria-valuenow', String(start + 16));
    await page.keyboard.press(handle.shrink);
    await page.keyboard.press(handle.shrink);
    await expect(splitter).toHaveAttribute('aria-valuenow', String(start - 16));
    expect(Math.abs((await paneSize(page, handle.name)) - (start - 16))).toBeLessThanOrEqual(1);

    // The ends of the range: no pane vanishes, none pushes the rest off the screen.
    await page.keyboard.press('End');
    await expect(splitter).toHaveAttribute('aria-valuenow', String(max));
    await page.keyboard.press(handle.grow);
    await expect(splitter).toHaveAttribute('aria-valuenow', String(max));
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await expect(page.getByRole('button', { name: 'Export', exact: true })).toBeInViewport();
    await page.keyboard.press('Home');
    await expect(splitter).toHaveAttribute('aria-valuenow', String(min));
    await page.keyboard.press(handle.shrink);
    await expect(splitter).toHaveAttribute('aria-valuenow', String(min));
    expect(Math.abs((await paneSize(page, handle.name)) - min)).toBeLessThanOrEqual(1);
  });
}

test('dragging a handle resizes its pane, clamped', async ({ page }) => {
  await open(page, 1440, 900);
  const sidebarHandle = separator(page, 'Resize sidebar');
  const grip = await box(sidebarHandle);
  const x = grip.x + grip.width / 2;
  const y = grip.y + 200;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + 60, y, { steps: 4 });
  await page.mouse.up();
  await expect(sidebarHandle).toHaveAttribute('aria-valuenow', '320');
  expect(Math.round((await box(sidebar(page))).width)).toBe(320);

  await page.mouse.move(x + 60, y);
  await page.mouse.down();
  await page.mouse.move(x + 900, y, { steps: 4 });
  await page.mouse.up();
  await expect(sidebarHandle).toHaveAttribute('aria-valuenow', '480');

  const detailHandle = separator(page, 'Resize detail pane');
  const detailGrip = await box(detailHandle);
  const before = await valueOf(detailHandle);
  await page.mouse.move(detailGrip.x + 100, detailGrip.y + detailGrip.height / 2);
  await page.mouse.down();
  await page.mouse.move(detailGrip.x + 100, detailGrip.y - 50, { steps: 4 });
  await page.mouse.up();
  // The pointer lands on whole pixels, the handle need not.
  await expect.poll(() => valueOf(detailHandle)).toBeGreaterThanOrEqual(before + 48);
  expect(await valueOf(detailHandle)).toBeLessThanOrEqual(before + 52);
});

test('pane sizes come back after a reload, and a bad stored value gives the defaults', async ({ page }) => {
  await open(page, 1440, 900);
  const defaults = await Promise.all(handles.map(({ name }) => valueOf(separator(page, name))));
  // One after the other: a wider sidebar leaves the composer's default share less room.
  const resized: number[] = [];
  for (const handle of handles) {
    const splitter = separator(page, handle.name);
    const before = await valueOf(splitter);
    await splitter.focus();
    await page.keyboard.press(handle.grow);
    await page.keyboard.press(handle.grow);
    await expect(splitter).toHaveAttribute('aria-valuenow', String(before + 32));
    resized.push(before + 32);
  }

  await page.reload();
  for (const [index, handle] of handles.entries())
    await expect(separator(page, handle.name)).toHaveAttribute('aria-valuenow', String(resized[index]));
  expect(Math.round((await box(sidebar(page))).width)).toBe(resized[0]);

  await page.evaluate(() => localStorage.setItem('frameline.layout', '{"sidebar":"wide","composer":-5,'));
  await page.reload();
  for (const [index, handle] of handles.entries())
    await expect(separator(page, handle.name)).toHaveAttribute('aria-valuenow', String(defaults[index]));
  await page.evaluate(() => localStorage.setItem('frameline.layout', '{"sidebar":9999,"composer":null}'));
  await page.reload();
  await expect(separator(page, 'Resize sidebar')).toHaveAttribute('aria-valuenow', String(defaults[0]));
});
