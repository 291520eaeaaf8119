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

/** A variable as the environment editor takes it. */
export interface VariableInput {
  name: string;
  value: string;
  secret?: boolean;
}

/**
 * Fills an environment in the sidebar's editor and saves it: `environment` is "Global" (the one every tab sees)
 * or the name of a new environment to create.
 */
export async function defineEnvironment(
  page: Page,
  environment: string,
  variables: readonly VariableInput[],
): Promise<void> {
  const sidebar = page.getByRole('navigation', { name: 'Sidebar' });
  if (environment === 'Global') {
    await sidebar.getByRole('button', { name: /^Global/ }).click();
  } else {
    await sidebar.getByRole('button', { name: 'New environment' }).click();
  }
  const editor = page.getByRole('dialog');
  if (environment !== 'Global')
    await editor.getByRole('textbox', { name: 'Environment name' }).fill(environment);
  for (const [index, variable] of variables.entries()) {
    await editor.getByRole('button', { name: 'Add variable' }).click();
    await editor.getByLabel(`Variable ${index + 1} name`).fill(variable.name);
    await editor.getByLabel(`Variable ${index + 1} value`).fill(variable.value);
    if (variable.secret) await editor.getByLabel(`Variable ${index + 1} is secret`).check();
  }
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(editor).toHaveCount(0);
}
