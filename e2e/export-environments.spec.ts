import { readFile } from 'node:fs/promises';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { collectionTree, nameItem, openImport, treeAction } from './collections-helpers';
import { connectionState, defineEnvironment, timeline } from './helpers';

const SECRET = 's3cret-value';

/** Environment "Staging" (host and a secret token) and a collection "Team" whose connection uses both. */
async function setUp(page: Page): Promise<void> {
  await page.goto('/');
  await defineEnvironment(page, 'Staging', [
    { name: 'host', value: '127.0.0.1:8787' },
    { name: 'token', value: SECRET, secret: true },
  ]);

  await page.getByRole('button', { name: 'New collection' }).click();
  await nameItem(page, 'Collection name', 'Team');
  await treeAction(page, 'Actions for collection Team', 'Team', 'New connection');
  await nameItem(page, 'Connection name', 'Echo');
  await page.getByRole('textbox', { name: 'WebSocket URL' }).fill('ws://{{host}}/echo?t={{token}}');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(collectionTree(page).getByText('ws://{{host}}/echo?t={{token}}')).toBeVisible();
}

/** Opens "Export as file…" for the collection Team. */
async function openExport(page: Page) {
  await treeAction(page, 'Actions for collection Team', 'Team', 'Export as file');
  const dialog = page.getByRole('dialog', { name: 'Export Team' });
  await expect(dialog.getByRole('heading', { name: 'Export “Team”' })).toBeVisible();
  return dialog;
}

/** Presses Download and returns the file's path and its parsed contents. */
async function download(page: Page, dialog: ReturnType<Page['getByRole']>) {
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Download', exact: true }).click();
  const path = await (await downloading).path();
  const text = await readFile(path, 'utf8');
  return { path, text, file: JSON.parse(text) };
}

/** Opens the import preview of a file in a browser with no saved data. */
async function previewInCleanBrowser(browser: Browser, path: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/');
  const dialog = await openImport(page);
  await dialog.getByLabel('Collection file').setInputFiles(path);
  await expect(dialog.getByRole('heading', { name: 'Review the import' })).toBeVisible();
  return { context, dialog };
}

test('a collection exported with its environment imports with host defined, the secret to fill in, and connects', async ({
  page,
}) => {
  await setUp(page);
  const dialog = await openExport(page);
  const staging = dialog.getByRole('checkbox', { name: 'Staging — host, token' });
  await expect(staging).toBeChecked();
  await expect(dialog.getByRole('group', { name: 'Environments its connections use' })).toBeVisible();
  await expect(dialog.getByRole('checkbox', { name: 'Include secret values' })).not.toBeChecked();
  await expect(dialog.getByRole('alert')).toHaveCount(0);
  const { path, text, file } = await download(page, dialog);
  await expect(dialog).toHaveCount(0);
  await expect(
    page.getByRole('status').filter({ hasText: 'Exported “Team” as team.frameline.json.' }),
  ).toBeVisible();

  expect(text).not.toContain(SECRET);
  expect(file.environments).toEqual([
    {
      id: expect.any(String),
      name: 'Staging',
      variables: [
        { name: 'host', value: '127.0.0.1:8787', secret: false },
        { name: 'token', secret: true },
      ],
    },
  ]);

  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect(collectionTree(page)).toHaveCount(0);
  const importer = await openImport(page);
  await importer.getByLabel('Collection file').setInputFiles(path);
  await expect(importer.getByRole('heading', { name: 'Review the import' })).toBeVisible();
  const toFill = importer.getByRole('list', { name: 'Secrets to fill in' });
  await expect(toFill.getByRole('listitem')).toHaveText(['token (Staging)']);
  await expect(importer).toContainText('Secret values to fill in after importing: token (Staging)');
  await expect(importer.getByRole('list', { name: 'Undefined variables' })).toHaveCount(0);
  await importer.getByRole('button', { name: 'Import', exact: true }).click();
  await importer.getByRole('button', { name: 'Done' }).click();

  await collectionTree(page).getByRole('button', { name: /^Echo/ }).click();
  await page.getByLabel('Environment', { exact: true }).selectOption({ label: 'Staging' });
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(connectionState(page)).toHaveText('Open');
  await expect(timeline(page).getByText('ws://127.0.0.1:8787/echo?t=')).toBeVisible();
});

test('exported without its environment, a clean browser is told that host is defined nowhere', async ({
  page,
  browser,
}) => {
  await setUp(page);
  const dialog = await openExport(page);
  await dialog.getByRole('checkbox', { name: 'Staging — host, token' }).uncheck();
  // Without Staging the export holds no secret, so there is nothing to include.
  await expect(dialog.getByRole('checkbox', { name: 'Include secret values' })).toHaveCount(0);
  const { path, file } = await download(page, dialog);
  expect(file.environments).toEqual([]);

  const { context, dialog: importer } = await previewInCleanBrowser(browser, path);
  const undefinedNames = importer.getByRole('list', { name: 'Undefined variables' });
  await expect(undefinedNames.getByRole('listitem')).toHaveText(['{{host}}', '{{token}}']);
  // The commas between the names are drawn by CSS, so the text reads without them.
  await expect(importer).toContainText(
    'Not defined anywhere: {{host}}{{token}} — these stay as written until you define them in an environment.',
  );
  await expect(importer.getByRole('list', { name: 'Secrets to fill in' })).toHaveCount(0);
  await context.close();
});

test('secret values are in the file only when "Include secret values" is ticked, after a warning', async ({
  page,
  browser,
}) => {
  await setUp(page);
  let dialog = await openExport(page);
  const include = dialog.getByRole('checkbox', { name: 'Include secret values' });
  await include.check();
  const warning = dialog.getByRole('alert');
  await expect(warning).toHaveText(
    'The file will contain these secret values in plain text. Anyone who has the file can read and use them.',
  );
  await expect(warning).toBeVisible();
  const withSecrets = await download(page, dialog);
  expect(withSecrets.file.environments[0].variables).toEqual([
    { name: 'host', value: '127.0.0.1:8787', secret: false },
    { name: 'token', value: SECRET, secret: true },
  ]);
  const { context, dialog: importer } = await previewInCleanBrowser(browser, withSecrets.path);
  await expect(importer.getByRole('list', { name: 'Items to import' })).toContainText('Staging');
  await expect(importer.getByRole('list', { name: 'Secrets to fill in' })).toHaveCount(0);
  await context.close();

  // Unticked again (and by default on the next export), the value stays behind.
  dialog = await openExport(page);
  await expect(dialog.getByRole('checkbox', { name: 'Include secret values' })).not.toBeChecked();
  await dialog.getByRole('checkbox', { name: 'Include secret values' }).check();
  await dialog.getByRole('checkbox', { name: 'Include secret values' }).uncheck();
  await expect(dialog.getByRole('alert')).toHaveCount(0);
  const without = await download(page, dialog);
  expect(without.text).not.toContain(SECRET);
  expect(without.file.environments[0].variables[1]).toEqual({ name: 'token', secret: true });
});

test('a share link carries the same choices: the environment, and secret values only when ticked', async ({
  page,
  browser,
}) => {
  await setUp(page);
  await treeAction(page, 'Actions for collection Team', 'Team', 'Share link…');
  const share = page.getByRole('dialog', { name: 'Share Team' });
  const field = share.getByRole('textbox', { name: 'Share link' });
  await expect(share.getByLabel('Link length')).toContainText('characters long');
  await expect(share.getByRole('checkbox', { name: 'Staging — host, token' })).toBeChecked();

  const preview = async (link: string) => {
    const context = await browser.newContext();
    const fresh = await context.newPage();
    await fresh.goto(link);
    const dialog = fresh.getByRole('dialog', { name: 'Import' });
    await expect(dialog.getByRole('heading', { name: 'Review the import' })).toBeVisible();
    return { context, page: fresh, dialog };
  };
  const nextLink = async (previous: string) => {
    await expect(field).not.toHaveValue(previous);
    await expect(field).toHaveValue(/#share=v1\./);
    return field.inputValue();
  };

  const withEnvironment = await field.inputValue();
  let opened = await preview(withEnvironment);
  await expect(opened.dialog.getByRole('list', { name: 'Undefined variables' })).toHaveCount(0);
  await expect(opened.dialog.getByRole('list', { name: 'Secrets to fill in' })).toHaveText('token (Staging)');
  await opened.context.close();

  await share.getByRole('checkbox', { name: 'Staging — host, token' }).uncheck();
  const bare = await nextLink(withEnvironment);
  opened = await preview(bare);
  await expect(
    opened.dialog.getByRole('list', { name: 'Undefined variables' }).getByRole('listitem'),
  ).toHaveText(['{{host}}', '{{token}}']);
  await opened.context.close();

  await share.getByRole('checkbox', { name: 'Staging — host, token' }).check();
  await share.getByRole('checkbox', { name: 'Include secret values' }).check();
  await expect(share.getByRole('alert')).toHaveText(
    'The link will contain these secret values in plain text. Anyone who has the link can read and use them.',
  );
  const withSecrets = await nextLink(withEnvironment);
  opened = await preview(withSecrets);
  await expect(opened.dialog.getByRole('list', { name: 'Undefined variables' })).toHaveCount(0);
  await expect(opened.dialog.getByRole('list', { name: 'Secrets to fill in' })).toHaveCount(0);
  await opened.dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await opened.dialog.getByRole('button', { name: 'Done' }).click();
  const stored = await opened.page.evaluate(() => localStorage.getItem('frameline.workspace'));
  expect(stored).toContain(SECRET);
  await opened.context.close();
});
