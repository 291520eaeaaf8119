import { createServer } from 'node:net';
import { expect, test, type Page, type Request } from '@playwright/test';
import { connectionState, connectTo, timeline, TEST_SERVER } from './helpers';

const UPGRADE_REFUSED =
  'a server answered HTTP but refused the WebSocket upgrade (wrong path, authentication, Origin check, or not a WebSocket endpoint)';
const UNREACHABLE = 'nothing answers at that host and port';

/** A loopback port nothing listens on: the system hands one out, and it is closed again at once. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Every HTTP request the page sends to this path on this host (WebSocket handshakes are not requests here). */
function requestsTo(page: Page, origin: string, path: string): Request[] {
  const seen: Request[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.origin === origin && url.pathname === path) seen.push(request);
  });
  return seen;
}

function closeRow(page: Page) {
  return timeline(page).locator('.timeline-row', { hasText: 'Closed' });
}

function detail(page: Page) {
  return page.getByRole('complementary', { name: 'Message detail' });
}

test('a wrong path says a server answered HTTP but refused the upgrade, after one probe', async ({
  page,
}) => {
  const probes = requestsTo(page, 'http://127.0.0.1:8787', '/no-such-endpoint');
  await page.goto('/');
  await connectTo(page, `${TEST_SERVER}/no-such-endpoint?token=abc`);
  await expect(connectionState(page)).toHaveText('Closed');
  await expect(closeRow(page)).toContainText(`Could not connect: ${UPGRADE_REFUSED} · 1006 Abnormal Closure`);
  expect(probes.map((request) => [request.method(), request.url()])).toEqual([
    ['HEAD', 'http://127.0.0.1:8787/no-such-endpoint'],
  ]);

  await closeRow(page).click();
  await expect(detail(page)).toContainText(
    'A server answered HTTP at that address but refused the WebSocket upgrade',
  );

  // The explanation is part of the close event, so the archive brings it back after a reload.
  await page.reload();
  await expect(closeRow(page)).toContainText(UPGRADE_REFUSED);
  expect(probes).toHaveLength(1);
});

test('a loopback port where nothing listens says nothing answers there', async ({ page }) => {
  const port = await freePort();
  const probes = requestsTo(page, `http://127.0.0.1:${port}`, '/echo');
  await page.goto('/');
  await connectTo(page, `ws://127.0.0.1:${port}/echo`);
  await expect(connectionState(page)).toHaveText('Closed');
  await expect(closeRow(page)).toContainText(`Could not connect: ${UNREACHABLE} · 1006 Abnormal Closure`);
  expect(probes).toHaveLength(1);

  await closeRow(page).click();
  await expect(detail(page).getByText('Why')).toBeVisible();
  await expect(detail(page)).toContainText('an HTTP request to the same address failed too');
});

test('no probe after the socket opened, nor when the user closes while connecting', async ({ page }) => {
  const dropProbes = requestsTo(page, 'http://127.0.0.1:8787', '/drop');
  const stallProbes = requestsTo(page, 'http://127.0.0.1:8787', '/stall');
  await page.goto('/');

  await connectTo(page, `${TEST_SERVER}/drop?after=100`);
  await expect(closeRow(page)).toContainText('1006 Abnormal Closure · no reason · unclean');

  await connectTo(page, `${TEST_SERVER}/stall`);
  await expect(connectionState(page)).toHaveText('Connecting');
  await page.getByRole('button', { name: 'Disconnect' }).click();
  await expect(closeRow(page)).toHaveCount(2);
  // Give a probe, had one started, time to show up.
  await page.waitForTimeout(500);
  expect(dropProbes).toHaveLength(0);
  expect(stallProbes).toHaveLength(0);
  await expect(timeline(page)).not.toContainText(UNREACHABLE);
  await expect(timeline(page)).not.toContainText('a server answered HTTP');
});
