import { expect, test, type Page } from '@playwright/test';
import { openImport } from './collections-helpers';
import { openAndConnectEcho, setMessage, timeline, TEST_SERVER } from './helpers';

// The built app enforces Trusted Types: no string ever reaches an HTML or script sink. These tests check that the
// policy is in force, and that everything using such sinks under a policy (Monaco, its workers, the import
// dialog, the detail pane) still works without a single violation.

interface Watch {
  /** Console errors and uncaught exceptions. */
  problems: string[];
  /** `securitypolicyviolation` events, as "directive: sample". */
  violations(): Promise<string[]>;
}

async function watch(page: Page): Promise<Watch> {
  const problems: string[] = [];
  page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
  page.on('pageerror', (error) => problems.push(error.message));
  // Registered before any app script runs, so a violation while Monaco's modules load is caught too.
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __violations: string[] }).__violations = seen;
    document.addEventListener('securitypolicyviolation', (event) =>
      seen.push(`${event.violatedDirective}: ${event.sample}`),
    );
  });
  return {
    problems,
    violations: () => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations),
  };
}

test('the built app refuses a string assigned to innerHTML, by its Content-Security-Policy', async ({
  page,
}) => {
  const { violations } = await watch(page);
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Connect', exact: true })).toBeVisible();

  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(policy).toContain("require-trusted-types-for 'script'");
  const allowed = policy?.split(';').find((directive) => directive.trim().startsWith('trusted-types '));
  expect(allowed).toBeDefined();
  // A wildcard, a default policy (applied to every plain string) or duplicates would hollow it out.
  expect(allowed).not.toMatch(/\*|\bdefault\b|'allow-duplicates'|'none'/);

  const outcome = await page.evaluate(() => {
    try {
      document.body.innerHTML = '<b>x</b>';
      return { threw: false, name: '', message: '' };
    } catch (error) {
      return { threw: true, name: (error as Error).name, message: (error as Error).message };
    }
  });
  expect(outcome).toMatchObject({ threw: true, name: 'TypeError' });
  expect(outcome.message).toMatch(/TrustedHTML/);
  await expect(page.getByRole('button', { name: 'Connect', exact: true })).toBeVisible();
  // The listener the next test relies on sees exactly this refusal.
  expect(await violations()).toEqual([
    expect.stringMatching(/^require-trusted-types-for: Element innerHTML\|<b>x/),
  ]);
});

test('the editor, its workers, the timeline, the detail pane and the import dialog work with no violation', async ({
  page,
}) => {
  const { problems, violations } = await watch(page);
  const workers: string[] = [];
  page.on('worker', (worker) => workers.push(worker.url()));
  await openAndConnectEcho(page);

  // Typed key by key into Monaco (its lines render through the editorViewLayer policy), then echoed.
  await page.getByRole('radio', { name: 'Text' }).click();
  await page.getByRole('textbox', { name: 'Message' }).focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type('typed under Trusted Types');
  await expect(page.getByLabel('Message size')).toHaveText('25 B');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(timeline(page).locator('.timeline-row.tone-in')).toContainText('typed under Trusted Types');

  // JSON mode starts the JSON worker (through the frameline-worker policy) for folding and formatting.
  await page.getByRole('radio', { name: 'JSON' }).click();
  await setMessage(page, '{"type": "ping",, "n": [1, 2]}');
  await expect(page.getByText('1 JSON problem')).toBeVisible();
  await expect
    .poll(() => workers)
    .toContainEqual(expect.stringMatching(/\/assets\/json\.worker-[\w-]+\.js$/));

  // A markdown hover, sanitized by DOMPurify under its own policy: the warning on a confusable character.
  await setMessage(page, '{"site": "p\u0430ypal"}');
  await expect(page.getByText('1 JSON problem')).toHaveCount(0);
  // Monaco's text layer sits above its decorations: point at the highlighted character regardless.
  await page.locator('.monaco-editor .unicode-highlight').hover({ force: true });
  await expect(page.getByRole('tooltip')).toContainText('could be confused with the ASCII character');
  await page.mouse.move(0, 0);

  // Sticky scroll renders its lines under the stickyScrollViewLayer policy.
  const keys = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`k${i}`, i]));
  await setMessage(page, JSON.stringify({ outer: { inner: keys } }));
  await page.getByRole('button', { name: 'Format' }).click();
  await page.getByRole('textbox', { name: 'Message' }).focus();
  await page.keyboard.press('ControlOrMeta+End');
  await expect(page.getByRole('listitem').filter({ hasText: '"inner": {' })).toBeVisible();

  await setMessage(page, '{"type":"ping","n":[1,2]}');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  const echoed = timeline(page)
    .locator('.timeline-row.tone-in')
    .filter({ hasText: '{"type":"ping","n":[1,2]}' });
  await expect(echoed).toHaveCount(1);
  await echoed.click();
  await expect(page.getByLabel('Message content')).toHaveText(
    '{\n  "type": "ping",\n  "n": [\n    1,\n    2\n  ]\n}',
  );

  const dialog = await openImport(page);
  await dialog.getByRole('radio', { name: 'Paste' }).click();
  await dialog.getByRole('textbox', { name: 'Text to import' }).fill(
    JSON.stringify({
      format: 'frameline-collection',
      version: 1,
      collections: [
        {
          id: 'pasted',
          name: 'Pasted <img src=x onerror=alert(1)>',
          variables: [],
          items: [
            {
              type: 'connection',
              id: 'pasted-echo',
              name: 'Echo',
              url: `${TEST_SERVER}/echo`,
              protocols: [],
              templates: [],
            },
          ],
        },
      ],
    }),
  );
  await dialog.getByRole('button', { name: 'Preview' }).click();
  await expect(dialog.getByRole('heading', { name: 'Review the import' })).toBeVisible();
  await expect(dialog.getByRole('list', { name: 'Items to import' })).toContainText(
    'Pasted <img src=x onerror=alert(1)>',
  );
  await expect(dialog.getByRole('img')).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();

  expect(await violations()).toEqual([]);
  expect(problems).toEqual([]);
});
