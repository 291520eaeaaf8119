import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { exportEverything } from './collections-helpers';
import { setMessage, TEST_SERVER, timeline } from './helpers';

const BIN = fileURLToPath(new URL('../bin/frameline.mjs', import.meta.url));

function frameline(...args: string[]): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { timeout: 20_000 }, (error, stdout) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout });
    });
  });
}

const scenarios = (page: Page) => page.getByRole('region', { name: 'Scenarios' });
const step = (dialog: Locator, name: string) => dialog.getByRole('group', { name });

async function addStep(dialog: Locator, kind: string) {
  const adder = dialog.locator('.add-step').last();
  await adder.getByRole('combobox').selectOption({ label: kind });
  await adder.getByRole('button', { name: /^Add step/ }).click();
}

test('a scenario built in the app against /chat passes, shows its diff when broken, and runs the same from the CLI', async ({
  page,
}, testInfo) => {
  await page.goto('/');
  await page.getByRole('textbox', { name: 'WebSocket URL' }).fill(`${TEST_SERVER}/chat`);
  await page.getByRole('button', { name: 'Save to sidebar' }).click();
  await expect(scenarios(page)).toContainText('No scenarios yet');

  // Build it: connect, send {user, content}, expect the broadcast with that content, capture its id.
  await scenarios(page).getByRole('button', { name: 'New scenario' }).click();
  const dialog = page.getByRole('dialog', { name: 'Steps of New scenario' });
  await expect(step(dialog, 'Step 1: Connect')).toBeVisible();
  await addStep(dialog, 'Send');
  const send = step(dialog, 'Step 2: Send');
  await send.getByLabel('Message').selectOption({ label: 'Written here' });
  await send.getByLabel('Body').fill('{"user":"ada","content":"hello from a scenario"}');
  await addStep(dialog, 'Expect a message');
  const expectStep = step(dialog, 'Step 3: Expect a message');
  await expectStep
    .getByLabel(/^JSON the message must hold/)
    .fill('{"type":"message","content":"hello from a scenario"}');
  await expectStep.getByLabel(/^Capture into variables/).fill('messageId = $.id');
  await addStep(dialog, 'Disconnect');
  await dialog.getByRole('button', { name: 'Save steps' }).click();
  await expect(dialog).toBeHidden();

  // Run it: a new tab, every step passes, and a step shows its rows in the timeline.
  await scenarios(page).getByRole('button', { name: 'Run scenario New scenario' }).click();
  await expect(page.getByRole('tab', { name: /New scenario \(scenario\)/ })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  const results = page.getByRole('list', { name: 'Scenario results' });
  await expect(results.getByRole('listitem')).toHaveCount(4);
  await expect(results.locator('[data-status="passed"]')).toHaveCount(4);
  await expect(page.getByRole('status').filter({ hasText: 'New scenario: passed' })).toBeVisible();
  await results.getByRole('button', { name: 'Show in timeline: step 3' }).click();
  await expect(page.getByLabel('Message content')).toContainText('"content": "hello from a scenario"');
  await expect(timeline(page).locator('.timeline-row.tone-out')).toHaveCount(1);

  // Export the collection; the CLI runs the same file and passes.
  const passing = testInfo.outputPath('passing.json');
  await (await exportEverything(page)).saveAs(passing);
  const cliPass = await frameline('run', passing);
  expect(cliPass.stdout).toContain(
    '✓ 3. expect {"type":"message","content":"hello from a scenario"} within 1000 ms',
  );
  expect(cliPass.code).toBe(0);

  // Break it: expect another content. The app shows the diff, and so does the CLI on the exported file.
  await scenarios(page).getByRole('button', { name: 'Actions for scenario New scenario' }).click();
  await page.getByRole('menuitem', { name: 'Edit steps' }).click();
  const again = page.getByRole('dialog', { name: 'Steps of New scenario' });
  await step(again, 'Step 3: Expect a message')
    .getByLabel(/^JSON the message must hold/)
    .fill('{"type":"message","content":"something else"}');
  await again.getByRole('button', { name: 'Save steps' }).click();
  await scenarios(page).getByRole('button', { name: 'Run scenario New scenario' }).click();
  const failed = page.getByRole('list', { name: 'Scenario results' }).locator('[data-status="failed"]');
  await expect(failed).toHaveCount(1, { timeout: 5000 });
  await expect(failed).toContainText('3. expect');
  await expect(failed.getByRole('list', { name: 'Differences in step 3' })).toHaveText(
    '$.content expected "something else" got "hello from a scenario"',
  );
  await expect(
    page.getByRole('list', { name: 'Scenario results' }).locator('[data-status="skipped"]'),
  ).toHaveCount(1);

  const broken = testInfo.outputPath('broken.json');
  await (await exportEverything(page)).saveAs(broken);
  const cliFail = await frameline('run', broken, '--reporter', 'junit');
  expect(cliFail.code).toBe(1);
  expect(cliFail.stdout).toContain(
    '$.content: expected &quot;something else&quot;, got &quot;hello from a scenario&quot;',
  );
});

test('a scenario made from a session replays it; scenarios can be renamed, duplicated and deleted with undo', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByRole('textbox', { name: 'WebSocket URL' }).fill(`${TEST_SERVER}/echo`);
  await page.getByRole('button', { name: 'Save to sidebar' }).click();
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await page.getByRole('radio', { name: 'Text' }).click();
  await setMessage(page, 'ping 1');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByLabel('Received messages')).toHaveText('1');

  await scenarios(page).getByRole('button', { name: 'Make a scenario from this session' }).click();
  const dialog = page.getByRole('dialog', { name: 'Steps of From this session' });
  await expect(step(dialog, 'Step 2: Send').getByLabel('Body')).toHaveValue('ping 1');
  await expect(step(dialog, 'Step 3: Expect a message').getByLabel('Regular expression')).toHaveValue(
    '^ping 1$',
  );
  await dialog.getByRole('button', { name: 'Save steps' }).click();

  const names = () => scenarios(page).locator('.template-label').allTextContents();

  // Unsaved edits are not dropped by Escape or Cancel without asking.
  await scenarios(page).getByRole('button', { name: 'Actions for scenario From this session' }).click();
  await page.getByRole('menuitem', { name: 'Edit steps' }).click();
  const editing = page.getByRole('dialog', { name: 'Steps of From this session' });
  await step(editing, 'Step 2: Send').getByLabel('Body').fill('ping 2');
  await page.keyboard.press('Escape');
  await expect(editing.getByRole('alert')).toHaveText(/Discard your changes to these steps\?/);
  await editing.getByRole('button', { name: 'Keep editing' }).click();
  await expect(step(editing, 'Step 2: Send').getByLabel('Body')).toHaveValue('ping 2');
  await editing.getByRole('button', { name: 'Cancel' }).click();
  await editing.getByRole('button', { name: 'Discard changes' }).click();
  await expect(editing).toBeHidden();
  await scenarios(page).getByRole('button', { name: 'Actions for scenario From this session' }).click();
  await page.getByRole('menuitem', { name: 'Edit steps' }).click();
  await expect(step(editing, 'Step 2: Send').getByLabel('Body')).toHaveValue('ping 1');
  await page.keyboard.press('Escape');
  await expect(editing).toBeHidden();

  await scenarios(page).getByRole('button', { name: 'Actions for scenario From this session' }).click();
  await page.getByRole('menuitem', { name: 'Duplicate' }).click();
  await expect.poll(names).toEqual(['From this session', 'From this session (copy)']);
  await scenarios(page)
    .getByRole('button', { name: 'Actions for scenario From this session (copy)' })
    .click();
  await page.getByRole('menuitem', { name: 'Rename' }).click();
  await scenarios(page).getByRole('textbox', { name: 'Scenario name' }).fill('Echo check');
  await scenarios(page).getByRole('textbox', { name: 'Scenario name' }).press('Enter');
  await expect.poll(names).toEqual(['From this session', 'Echo check']);
  await scenarios(page).getByRole('button', { name: 'Actions for scenario From this session' }).click();
  await page.getByRole('menuitem', { name: 'Delete' }).click();
  await expect.poll(names).toEqual(['Echo check']);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(names).toEqual(['From this session', 'Echo check']);

  // Saved: a reload keeps both, and the replay passes.
  await page.reload();
  await expect.poll(names).toEqual(['From this session', 'Echo check']);
  await scenarios(page).getByRole('button', { name: 'Run scenario Echo check' }).click();
  const results = page.getByRole('list', { name: 'Scenario results' });
  await expect(results.locator('[data-status="passed"]')).toHaveCount(4);

  // The connection's correlation path: a bad one is explained and not saved, a good one survives a reload.
  await page
    .getByRole('tab', { name: /127\.0\.0\.1:8787\/echo/ })
    .first()
    .click();
  const correlation = scenarios(page).getByRole('textbox', { name: 'Requests match replies by' });
  await correlation.fill('id');
  await correlation.press('Enter');
  await expect(
    scenarios(page).getByText(/^Not saved: Column 1: expected a path starting with \$/),
  ).toBeVisible();
  await correlation.fill('$.request.id');
  await correlation.press('Enter');
  await expect(correlation).toHaveAttribute('aria-invalid', 'false');
  await page.reload();
  await expect(scenarios(page).getByRole('textbox', { name: 'Requests match replies by' })).toHaveValue(
    '$.request.id',
  );
});
