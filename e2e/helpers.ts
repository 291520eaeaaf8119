import { expect, type Page } from '@playwright/test';

export const TEST_SERVER = 'ws://127.0.0.1:8787';

/** Replaces the composer's text exactly (Monaco auto-closes brackets and quotes when typed key by key). */
export async function setMessage(page: Page, text: string): Promise<void> {
  const editor = page.getByRole('textbox', { name: 'Message' });
  await editor.focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

/** Points the active tab at a URL and connects. */
export async function connectTo(page: Page, url: string): Promise<void> {
  await page.getByRole('textbox', { name: 'WebSocket URL' }).fill(url);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
}

export function timeline(page: Page) {
  return page.getByRole('log', { name: 'Timeline' });
}

export function connectionState(page: Page) {
  return page.getByRole('status', { name: 'Connection state' });
}

/** Opens the app and waits until the welcome tab's socket is open. */
export async function openAndConnectEcho(page: Page): Promise<void> {
  await page.goto('/');
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(connectionState(page)).toHaveText('Open');
}
