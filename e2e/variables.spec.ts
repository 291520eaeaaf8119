import { expect, test } from '@playwright/test';
import { connectionState, defineEnvironment, setMessage, timeline } from './helpers';

test('environment variables resolve in the URL and in messages; unknown names ask first', async ({
  page,
}) => {
  await page.goto('/');
  await defineEnvironment(page, 'Local', [
    { name: 'endpoint', value: 'echo' },
    { name: 'token', value: 's3cret-value', secret: true },
  ]);

  const url = page.getByRole('textbox', { name: 'WebSocket URL' });
  await url.fill('ws://127.0.0.1:8787/{{endpoint}}');
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByText('No environment defines {{endpoint}} used in the URL')).toBeVisible();
  await expect(connectionState(page)).toHaveText('Not connected');

  await page.getByLabel('Environment', { exact: true }).selectOption({ label: 'Local' });
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(connectionState(page)).toHaveText('Open');
  await expect(timeline(page).getByText('ws://127.0.0.1:8787/echo')).toBeVisible();

  await page.getByRole('radio', { name: 'Text' }).click();
  await setMessage(page, 'auth {{token}} #{{$counter}}');
  const preview = page.getByRole('region', { name: 'Resolved message' });
  await expect(preview).toContainText('auth •••• #1');
  await expect(preview).not.toContainText('s3cret-value');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  // The echo carries the secret back: the timeline masks it there too.
  await expect(timeline(page).locator('.timeline-row.tone-in')).toContainText('auth •••• #1');
  await expect(timeline(page)).not.toContainText('s3cret-value');

  await setMessage(page, 'hi {{nobody}}');
  await expect(preview).toContainText('Unresolved: {{nobody}}');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Unresolved variables' });
  await expect(confirm).toBeVisible();
  await expect(page.getByLabel('Sent messages')).toHaveText('1');
  await confirm.getByRole('button', { name: 'Send anyway' }).click();
  await expect(page.getByLabel('Sent messages')).toHaveText('2');
  await expect(timeline(page).locator('.timeline-row.tone-in').last()).toContainText('hi {{nobody}}');
});
