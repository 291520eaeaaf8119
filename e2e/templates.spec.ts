import { expect, test } from '@playwright/test';
import { connectionState, openAndConnectEcho, setMessage, timeline } from './helpers';

test('a template saved from a timeline row sends the same bytes', async ({ page }) => {
  await openAndConnectEcho(page);
  await page.getByRole('radio', { name: 'Text' }).click();
  const exact = '  tabs\tand\ntrailing spaces  ';
  await setMessage(page, exact);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByLabel('Received messages')).toHaveText('1');

  await timeline(page).locator('.timeline-row.tone-in').click();
  const detail = page.getByRole('complementary', { name: 'Message detail' });
  await detail.getByRole('button', { name: 'Save as template' }).click();
  await detail.getByRole('textbox', { name: 'Template name' }).fill('Echoed');
  await detail.getByRole('textbox', { name: 'Template name' }).press('Enter');

  const templates = page.getByRole('region', { name: 'Templates' });
  await expect(templates.getByText('Echoed')).toBeVisible();
  await templates.getByRole('button', { name: 'Transmit template Echoed' }).click();
  await expect(page.getByLabel('Received messages')).toHaveText('2');

  const sent = timeline(page).locator('.timeline-row.tone-out');
  await expect(sent).toHaveCount(2);
  await sent.nth(1).click();
  await expect(page.getByLabel('Message content')).toHaveText(exact);
});

test('templates can be renamed, duplicated, reordered, deleted and restored', async ({ page }) => {
  await page.goto('/');
  const templates = page.getByRole('region', { name: 'Templates' });
  for (const name of ['First', 'Second']) {
    await setMessage(page, `{"n":"${name}"}`);
    await page.getByRole('button', { name: 'Save as template' }).click();
    await page.getByRole('textbox', { name: 'Template name' }).fill(name);
    await page.getByRole('textbox', { name: 'Template name' }).press('Enter');
  }
  const names = () => templates.locator('.template-label').allTextContents();
  await expect.poll(names).toEqual(['First', 'Second']);

  await templates.getByRole('listitem').filter({ hasText: 'Second' }).hover();
  await templates.getByRole('button', { name: 'Move Second up' }).click();
  await expect.poll(names).toEqual(['Second', 'First']);

  await templates.getByRole('listitem').filter({ hasText: 'First' }).hover();
  await templates.getByRole('button', { name: 'Duplicate template First' }).click();
  await expect.poll(names).toEqual(['Second', 'First', 'First (copy)']);

  await templates.getByRole('listitem').filter({ hasText: 'First (copy)' }).hover();
  await templates.getByRole('button', { name: 'Rename template First (copy)' }).click();
  await templates.getByRole('textbox', { name: 'Template name' }).fill('Third');
  await templates.getByRole('textbox', { name: 'Template name' }).press('Enter');
  await expect.poll(names).toEqual(['Second', 'First', 'Third']);

  await templates.getByRole('listitem').filter({ hasText: 'First' }).hover();
  await templates.getByRole('button', { name: 'Delete template First' }).click();
  await expect.poll(names).toEqual(['Second', 'Third']);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(names).toEqual(['Second', 'First', 'Third']);

  await page.reload();
  await expect.poll(names).toEqual(['Second', 'First', 'Third']);
  // Loading a template puts its body in the editor (Third is a copy of First: {"n":"First"}).
  await templates.getByRole('button', { name: /Third/ }).first().click();
  await expect(page.getByLabel('Message size')).toHaveText('13 B');
  await expect(connectionState(page)).toHaveText('Not connected');
});
