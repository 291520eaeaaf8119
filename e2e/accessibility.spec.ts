import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { collectionTree, nameItem, openImport, treeAction } from './collections-helpers';
import { connectionState, connectTo, defineEnvironment, setMessage, timeline, TEST_SERVER } from './helpers';

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

for (const colorScheme of ['light', 'dark'] as const) {
  test(`no accessibility violations in the collection tree, its menus and the import and share dialogs, ${colorScheme}`, async ({
    browser,
  }) => {
    const context = await browser.newContext({ colorScheme });
    const page = await context.newPage();
    await page.goto('/');
    await page.getByRole('button', { name: 'Save to sidebar' }).click();
    await treeAction(page, 'Actions for collection My connections', 'My connections', 'New folder');
    await nameItem(page, 'Folder name', 'Rooms');
    await collectionTree(page).getByText('Rooms', { exact: true }).hover();
    await collectionTree(page).getByRole('button', { name: 'Actions for folder Rooms' }).click();
    await expect(page.getByRole('menu')).toBeVisible();
    expect((await scan(page).analyze()).violations).toEqual([]);
    await page.keyboard.press('Escape');

    await treeAction(page, 'Actions for collection My connections', 'My connections', 'Share link…');
    await expect(page.getByRole('textbox', { name: 'Share link' })).toBeVisible();
    expect((await scan(page).analyze()).violations).toEqual([]);
    await page.getByRole('button', { name: 'Close', exact: true }).click();

    const dialog = await openImport(page);
    await dialog
      .getByLabel('Collection file')
      .setInputFiles(new URL('./fixtures/insomnia-local.yaml', import.meta.url).pathname);
    await expect(dialog.getByRole('list', { name: 'Not carried over' })).toBeVisible();
    expect((await scan(page).analyze()).violations).toEqual([]);
    await context.close();
  });
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`no accessibility violations in the import preview's variables and the export dialog, ${colorScheme}`, async ({
    browser,
  }) => {
    const context = await browser.newContext({ colorScheme });
    const page = await context.newPage();
    await page.goto('/');
    const dialog = await openImport(page);
    await dialog
      .getByLabel('Collection file')
      .setInputFiles(new URL('./fixtures/team-staging.frameline.json', import.meta.url).pathname);
    await expect(dialog.getByRole('list', { name: 'Undefined variables' })).toBeVisible();
    await expect(dialog.getByRole('list', { name: 'Secrets to fill in' })).toBeVisible();
    expect((await scan(page).analyze()).violations).toEqual([]);
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await dialog.getByRole('button', { name: 'Done' }).click();

    await treeAction(page, 'Actions for collection Team', 'Team', 'Export as file');
    const exporter = page.getByRole('dialog', { name: 'Export Team' });
    await exporter.getByRole('checkbox', { name: 'Include secret values' }).check();
    await expect(exporter.getByRole('alert')).toBeVisible();
    expect((await scan(page).analyze()).violations).toEqual([]);
    await exporter.getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('button', { name: 'Collection options' }).click();
    await page.getByRole('menuitem', { name: 'Export everything as a file' }).click();
    await expect(page.getByRole('dialog', { name: 'Export everything' })).toBeVisible();
    expect((await scan(page).analyze()).violations).toEqual([]);
    await context.close();
  });
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`no accessibility violations with masked secrets, their toggles and the export dialog, ${colorScheme}`, async ({
    browser,
  }) => {
    const context = await browser.newContext({ colorScheme });
    const page = await context.newPage();
    await page.goto('/');
    await defineEnvironment(page, 'Global', [{ name: 'token', value: 'a11y-secret', secret: true }]);
    await connectTo(page, `${TEST_SERVER}/echo?token={{token}}`);
    await expect(connectionState(page)).toHaveText('Open');
    await page.getByRole('radio', { name: 'Text' }).click();
    await setMessage(page, 'say {{token}}');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    const echoed = timeline(page).locator('.timeline-row.tone-in');
    await echoed.click();
    await echoed.getByRole('button', { name: 'Show secrets in this row' }).click();
    await expect(page.getByLabel('Message content')).toHaveText('say a11y-secret');
    expect((await scan(page).analyze()).violations).toEqual([]);

    await page.getByRole('button', { name: 'Export', exact: true }).click();
    await page.getByRole('menuitem', { name: 'HAR', exact: true }).click();
    await page.getByRole('checkbox', { name: 'Include secret values' }).check();
    await expect(page.getByRole('dialog').getByRole('alert')).toBeVisible();
    expect((await scan(page).analyze()).violations).toEqual([]);
    await context.close();
  });
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`no accessibility violations with row columns picked and their form open, ${colorScheme}`, async ({
    browser,
  }) => {
    const context = await browser.newContext({ colorScheme });
    const page = await context.newPage();
    await page.goto('/');
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(connectionState(page)).toHaveText('Open');
    await page.getByRole('radio', { name: 'Text' }).click();
    await setMessage(page, '{"type":"trade","id":7}');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByRole('button', { name: 'Columns', exact: true }).click();
    await page.getByRole('textbox', { name: 'Row columns' }).fill('type, id');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(timeline(page).locator('.cell-field').first()).toHaveText('type: trade');
    await page.getByRole('button', { name: 'Columns: type, id' }).click();
    expect((await scan(page).analyze()).violations).toEqual([]);
    await context.close();
  });
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`no accessibility violations with the pane separators, and at 390px with the sidebar open, ${colorScheme}`, async ({
    browser,
  }) => {
    const context = await browser.newContext({ colorScheme, viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto('/');
    for (const name of ['Resize sidebar', 'Resize composer', 'Resize detail pane'])
      await expect(page.getByRole('separator', { name, exact: true })).toBeVisible();
    await page.getByRole('separator', { name: 'Resize composer', exact: true }).focus();
    expect((await scan(page).analyze()).violations).toEqual([]);

    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('button', { name: 'Show sidebar' }).click();
    await expect(page.getByRole('navigation', { name: 'Sidebar' })).toBeInViewport();
    expect((await scan(page).analyze()).violations).toEqual([]);
    await page.getByRole('button', { name: 'Hide sidebar' }).click();
    expect((await scan(page).analyze()).violations).toEqual([]);
    await context.close();
  });
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`no accessibility violations in flagged Close options and an explained failed handshake, ${colorScheme}`, async ({
    browser,
  }) => {
    const context = await browser.newContext({ colorScheme });
    const page = await context.newPage();
    await page.goto('/');
    await page.getByLabel('Close options').click();
    await page.getByLabel('Close code', { exact: true }).fill('1001');
    await page.getByLabel('Close reason').fill('é'.repeat(65));
    await expect(page.getByText('Reason is 130 bytes in UTF-8; the limit is 123.')).toBeVisible();
    expect((await scan(page).analyze()).violations).toEqual([]);
    await page.getByLabel('Close options').click();

    await connectTo(page, `${TEST_SERVER}/no-such-endpoint`);
    const closeRow = timeline(page).locator('.timeline-row', { hasText: 'refused the WebSocket upgrade' });
    await closeRow.click();
    await expect(page.getByRole('complementary', { name: 'Message detail' })).toContainText('Why');
    expect((await scan(page).analyze()).violations).toEqual([]);
    await context.close();
  });
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`no accessibility violations in the shortcuts dialog and the popovers, ${colorScheme}`, async ({
    browser,
  }) => {
    const context = await browser.newContext({ colorScheme });
    const page = await context.newPage();
    await page.goto('/');
    await expect(page.getByRole('textbox', { name: 'Message' })).toBeVisible();
    await page.getByRole('button', { name: 'New tab' }).focus();
    await page.keyboard.press('?');
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
    expect((await scan(page).analyze()).violations).toEqual([]);
    await page.keyboard.press('Escape');

    for (const [button, panel] of [
      ['Close options', page.getByRole('group', { name: 'Close code and reason' })],
      ['Automation', page.getByRole('group', { name: 'Automation' })],
      ['Settings', page.getByRole('group', { name: 'App settings' })],
    ] as const) {
      await page.getByRole('button', { name: button, exact: true }).click();
      await expect(panel).toBeVisible();
      expect((await scan(page).analyze()).violations).toEqual([]);
      await page.keyboard.press('Escape');
      await expect(panel).toBeHidden();
    }
    await context.close();
  });
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`no accessibility violations in the tab bar (menu, rename field, unsaved mark), the automation panel and the total counters, ${colorScheme}`, async ({
    browser,
  }) => {
    const context = await browser.newContext({ colorScheme });
    const page = await context.newPage();
    await page.goto('/');
    await page.getByRole('textbox', { name: 'WebSocket URL' }).fill(`${TEST_SERVER}/drop?after=300`);
    await page.getByRole('button', { name: 'Save to sidebar' }).click();
    await page.getByRole('textbox', { name: 'Subprotocols' }).fill('chat.v1');
    await expect(page.getByRole('tab', { name: /unsaved changes/ })).toBeVisible();
    await page.getByRole('button', { name: 'Tab actions' }).click();
    await expect(page.getByRole('menuitem', { name: 'Rename tab' })).toBeVisible();
    expect((await scan(page).analyze()).violations).toEqual([]);
    await page.getByRole('menuitem', { name: 'Rename tab' }).click();
    await expect(page.getByRole('textbox', { name: 'Tab name' })).toBeFocused();
    expect((await scan(page).analyze()).violations).toEqual([]);
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const automation = page.getByRole('button', { name: /^Automation/ });
    await automation.click();
    const panel = page.getByRole('form', { name: 'Automation' });
    await panel.getByRole('checkbox', { name: 'Reconnect after an unclean close' }).check();
    await panel.getByLabel('First delay (ms)').fill('200');
    await panel.getByLabel('Longest delay (ms)').fill('200');
    await expect(panel.getByRole('checkbox', { name: 'Start with the connection' })).toBeChecked();
    await panel.getByRole('button', { name: 'Apply' }).click();
    expect((await scan(page).analyze()).violations).toEqual([]);
    await automation.click();

    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(page.getByRole('status', { name: 'Sent messages in total' })).toBeVisible();
    expect((await scan(page).analyze()).violations).toEqual([]);
    await page.getByRole('button', { name: 'Disconnect' }).click();
    await context.close();
  });
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`no accessibility violations in the invalid-JSON question and the large-message notice, ${colorScheme}`, async ({
    browser,
  }) => {
    const context = await browser.newContext({ colorScheme });
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const page = await context.newPage();
    await page.goto('/');
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(connectionState(page)).toHaveText('Open');
    await page.getByRole('radio', { name: 'JSON' }).click();
    await setMessage(page, '{"n": 1,}');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(page.getByRole('alertdialog', { name: 'Invalid JSON' })).toBeVisible();
    expect((await scan(page).analyze()).violations).toEqual([]);
    await page.getByRole('button', { name: 'Cancel' }).click();

    // Typing 300 KiB key by key takes minutes; the clipboard brings it in as one paste, as a user would.
    await page.evaluate(() => navigator.clipboard.writeText(`"${'x'.repeat(300 * 1024)}"`));
    await page.getByRole('textbox', { name: 'Message' }).focus();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('ControlOrMeta+V');
    await expect(page.getByText('Large message: validation and folding are off')).toBeVisible();
    expect((await scan(page).analyze()).violations).toEqual([]);
    await context.close();
  });
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`no accessibility violations in the Scenarios section, its step editor and a failed run's results, ${colorScheme}`, async ({
    browser,
  }) => {
    const context = await browser.newContext({ colorScheme });
    const page = await context.newPage();
    await page.goto('/');
    await page.getByRole('textbox', { name: 'WebSocket URL' }).fill(`${TEST_SERVER}/echo`);
    await page.getByRole('button', { name: 'Save to sidebar' }).click();
    const scenarios = page.getByRole('region', { name: 'Scenarios' });
    await scenarios.getByRole('button', { name: 'New scenario' }).click();
    const dialog = page.getByRole('dialog', { name: 'Steps of New scenario' });
    const adder = dialog.locator('.add-step').last();
    for (const kind of ['Send', 'Expect a message', 'Repeat', 'Expect the close']) {
      await adder.getByRole('combobox').selectOption({ label: kind });
      await adder.getByRole('button', { name: /^Add step/ }).click();
    }
    const send = dialog.getByRole('group', { name: 'Step 2: Send' });
    await send.getByLabel('Message').selectOption({ label: 'Written here' });
    await send.getByLabel('Body').fill('{"a":1}');
    await dialog
      .getByRole('group', { name: 'Step 3: Expect a message' })
      .getByLabel(/^JSON the message must hold/)
      .fill('{"a":2}');
    expect((await scan(page).analyze()).violations).toEqual([]);
    await dialog.getByRole('button', { name: 'Save steps' }).click();

    await scenarios.getByRole('button', { name: 'Run scenario New scenario' }).click();
    const failed = page.getByRole('list', { name: 'Scenario results' }).locator('[data-status="failed"]');
    await expect(failed).toHaveCount(1, { timeout: 5000 });
    expect((await scan(page).analyze()).violations).toEqual([]);
    await context.close();
  });
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`no accessibility violations in a protocol lens's composer, rows and decoded detail, ${colorScheme}`, async ({
    browser,
  }) => {
    const context = await browser.newContext({ colorScheme });
    const page = await context.newPage();
    await page.goto('/');
    await page.getByRole('textbox', { name: 'Subprotocols' }).fill('mqtt');
    await connectTo(page, `${TEST_SERVER}/mqtt`);
    await expect(connectionState(page)).toHaveText('Open');
    const composer = page.getByRole('region', { name: 'MQTT composer' });
    await composer.getByRole('button', { name: 'Connect (MQTT)' }).click();
    await timeline(page).locator('.timeline-row', { hasText: 'CONNACK' }).click();
    await expect(page.getByRole('region', { name: 'Decoded (MQTT)' })).toBeVisible();
    expect((await scan(page).analyze()).violations).toEqual([]);
    await context.close();
  });
}
