import { expect, test } from '@playwright/test';
import { connectionState } from './helpers';

test('an invalid URL is explained and opens no socket', async ({ page }) => {
  const sockets: string[] = [];
  page.on('websocket', (socket) => sockets.push(socket.url()));
  await page.goto('/');
  const url = page.getByRole('textbox', { name: 'WebSocket URL' });
  const connect = page.getByRole('button', { name: 'Connect', exact: true });
  const problem = page.getByRole('region', { name: 'Connection settings' }).getByRole('alert');

  await url.fill('');
  await connect.click();
  await expect(problem).toContainText(/enter a websocket url/i);

  await url.fill('ws://exa mple.com/');
  await connect.click();
  await expect(problem).toBeVisible();

  await url.fill('http://127.0.0.1:8787/echo');
  await connect.click();
  await expect(problem).toContainText('ws://127.0.0.1:8787/echo');
  await expect(url).toHaveAttribute('aria-invalid', 'true');

  await url.fill('ws://127.0.0.1:8787/echo#section');
  await connect.click();
  await expect(problem).toContainText(/fragment/i);

  await expect(connectionState(page)).toHaveText('Not connected');
  expect(sockets).toEqual([]);

  // The offered fix works with one click.
  await page.getByRole('button', { name: 'Use ws://127.0.0.1:8787/echo' }).click();
  await expect(url).toHaveValue('ws://127.0.0.1:8787/echo');
  await connect.click();
  await expect(connectionState(page)).toHaveText('Open');
  expect(sockets).toEqual(['ws://127.0.0.1:8787/echo']);
});
