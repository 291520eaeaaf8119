import { expect, test } from '@playwright/test';
import { setMessage, TEST_SERVER } from './helpers';

test('a saved connection and its template survive a reload', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('textbox', { name: 'WebSocket URL' }).fill(`${TEST_SERVER}/chat`);
  await page.getByRole('textbox', { name: 'Subprotocols' }).fill('chat.v1');
  await page.getByRole('button', { name: 'Save to sidebar' }).click();
  const sidebar = page.getByRole('navigation', { name: 'Sidebar' });
  await expect(sidebar.getByText('127.0.0.1:8787/chat').first()).toBeVisible();

  await page.getByRole('radio', { name: 'JSON' }).click();
  await setMessage(page, '{"user":"ada","content":"hi"}');
  await page.getByRole('button', { name: 'Save as template' }).click();
  await page.getByRole('textbox', { name: 'Template name' }).fill('Say hi');
  await page.getByRole('textbox', { name: 'Template name' }).press('Enter');
  await expect(page.getByRole('region', { name: 'Templates' }).getByText('Say hi')).toBeVisible();

  await page.reload();

  await sidebar.getByText('127.0.0.1:8787/chat', { exact: true }).hover();
  await sidebar.getByRole('button', { name: 'Rename 127.0.0.1:8787/chat' }).click();
  await page.getByRole('textbox', { name: 'Connection name' }).fill('Chat room');
  await page.getByRole('textbox', { name: 'Connection name' }).press('Enter');
  await page.reload();

  await expect(sidebar.getByText('Chat room', { exact: true })).toBeVisible();
  await sidebar.getByRole('button', { name: 'Expand Chat room' }).click();
  await expect(sidebar.getByText('Say hi')).toBeVisible();
  await sidebar.getByText('Chat room', { exact: true }).click();
  await expect(page.getByRole('textbox', { name: 'WebSocket URL' })).toHaveValue(`${TEST_SERVER}/chat`);
  await expect(page.getByRole('textbox', { name: 'Subprotocols' })).toHaveValue('chat.v1');
  await expect(page.getByRole('region', { name: 'Templates' }).getByText('Say hi')).toBeVisible();
});

test('deleting a connection can be undone', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Save to sidebar' }).click();
  const sidebar = page.getByRole('navigation', { name: 'Sidebar' });
  const item = sidebar.getByText('127.0.0.1:8787/echo', { exact: true });
  await expect(item).toBeVisible();
  await item.hover();
  await sidebar.getByRole('button', { name: 'Delete 127.0.0.1:8787/echo' }).click();
  await expect(item).toHaveCount(0);
  await expect(page.getByText('Deleted connection “127.0.0.1:8787/echo”.')).toBeVisible();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(item).toBeVisible();
  await page.reload();
  await expect(item).toBeVisible();
});
