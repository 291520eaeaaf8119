import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { exportEverything } from './collections-helpers';
import { connectionState, TEST_SERVER, timeline } from './helpers';

/*
 * Each protocol lens against the bundled server's real implementation of it (socket.io, graphql-ws, aedes, the
 * STOMP broker, the JSON-RPC methods): decoded rows, the lens's automatic replies, its composer, and replies
 * matched to their requests in the detail pane.
 */

const detail = (page: Page) => page.getByRole('complementary', { name: 'Message detail' });
const row = (page: Page, text: string | RegExp) => timeline(page).locator('.timeline-row', { hasText: text });

async function openWith(page: Page, url: string, subprotocols = '') {
  await page.goto('/');
  await page.getByRole('textbox', { name: 'WebSocket URL' }).fill(url);
  if (subprotocols) await page.getByRole('textbox', { name: 'Subprotocols' }).fill(subprotocols);
}

async function connect(page: Page) {
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(connectionState(page)).toHaveText('Open');
}

test('Socket.IO: answers pings past interval plus timeout, and an emit with ack is matched to its reply', async ({
  page,
}) => {
  test.setTimeout(60_000);
  await openWith(page, `${TEST_SERVER}/socket.io/`);
  await expect(page.getByRole('combobox', { name: 'Protocol' })).toHaveValue('socket.io');
  await connect(page);
  await expect(row(page, /open sid/)).toHaveCount(1);
  await expect(row(page, /connected \/ sid/)).toHaveCount(1);
  await expect(row(page, /welcome\(/)).toHaveCount(1);

  // The server pings every 5 s and drops a client that has not answered 4 s later.
  await page.waitForTimeout(11_000);
  await expect(connectionState(page)).toHaveText('Open');
  const pongs = row(page, /pong/);
  expect(await pongs.count()).toBeGreaterThanOrEqual(2);
  await expect(pongs.first()).toContainText('auto');

  const composer = page.getByRole('region', { name: 'Socket.IO composer' });
  await composer.getByLabel('Event name').fill('echo');
  await composer.getByLabel(/^Arguments/).fill('["hi", 2]');
  await composer.getByLabel('Ask for an acknowledgement').check();
  await composer.getByRole('button', { name: 'Emit' }).click();
  await row(page, /ack 1: "hi", 2/).click();
  const request = detail(page).getByLabel('Request', { exact: true });
  await expect(request).toContainText('echo("hi", 2)');
  await expect(request).toContainText('round trip');
  // The raw frame stays below the decoded view.
  await expect(detail(page)).toContainText('431["hi",2]');

  // A binary acknowledgement: its header, then the attachment frame it announced.
  await composer.getByLabel('Event name').fill('get binary');
  await composer.getByLabel(/^Arguments/).fill('[]');
  await composer.getByRole('button', { name: 'Emit' }).click();
  await expect(row(page, /BINARY_ACK/)).toHaveCount(1);
  await expect(row(page, /attachment 1 of 1/)).toHaveCount(1);
});

test('GraphQL over WebSocket: a subscription streams next messages and completes; Complete ends another', async ({
  page,
}) => {
  await openWith(page, `${TEST_SERVER}/graphql`, 'graphql-transport-ws');
  await expect(page.getByRole('combobox', { name: 'Protocol' })).toHaveValue('graphql-ws');
  await connect(page);
  await expect(row(page, /connection_init/)).toContainText('auto');
  await expect(row(page, /connection_ack/)).toHaveCount(1);

  const composer = page.getByRole('region', { name: 'GraphQL over WebSocket composer' });
  await composer.getByLabel('Query').fill('subscription { countdown(from: 3) }');
  await composer.getByRole('button', { name: 'Subscribe' }).click();
  await expect(row(page, /^.*next 1: /)).toHaveCount(4);
  await expect(row(page, 'complete 1')).toHaveCount(1);
  await expect(row(page, /next 1: \{"data":\{"countdown":0\}\}/)).toHaveCount(1);

  // The operation's messages, grouped by its id.
  await row(page, /subscribe 1: /).click();
  await expect(detail(page)).toContainText('6 messages in this group');

  await composer.getByLabel('Query').fill('subscription { messages }');
  await composer.getByRole('button', { name: 'Subscribe' }).click();
  await row(page, /subscribe 2: /).click();
  await detail(page).getByRole('button', { name: 'Complete' }).click();
  await expect(row(page, 'complete 2')).toHaveCount(1);

  // What was typed in the composer stays with the tab, across a reload.
  await page.reload();
  await expect(
    page.getByRole('region', { name: 'GraphQL over WebSocket composer' }).getByLabel('Query'),
  ).toHaveValue('subscription { messages }');
});

test('JSON-RPC 2.0: replies arriving out of order are matched to their own requests, with the round trip', async ({
  page,
}) => {
  await openWith(page, `${TEST_SERVER}/rpc`);
  await page.getByRole('combobox', { name: 'Protocol' }).selectOption({ label: 'JSON-RPC 2.0' });
  await connect(page);
  const composer = page.getByRole('region', { name: 'JSON-RPC 2.0 composer' });
  await composer.getByLabel('Method').fill('sleep');
  await composer.getByLabel(/^Params/).fill('{"ms": 700}');
  await composer.getByRole('button', { name: 'Request' }).click();
  await composer.getByLabel('Method').fill('add');
  await composer.getByLabel(/^Params/).fill('[2, 3]');
  await composer.getByRole('button', { name: 'Request' }).click();
  await expect(row(page, '→ result #1')).toHaveCount(1);

  // add (#2) answered first, sleep (#1) last.
  const results = timeline(page).locator('.timeline-row', { hasText: '→ result' });
  await expect(results.first()).toContainText('→ result #2: 5');
  await row(page, '→ result #2').click();
  await expect(detail(page).getByLabel('Request', { exact: true })).toContainText('add(2, 3) #2');
  await row(page, '→ result #1').click();
  const sleep = detail(page).getByLabel('Request', { exact: true });
  await expect(sleep).toContainText('sleep');
  await expect(sleep).toContainText(/round trip \d+ ms/);

  await composer.getByLabel('Method').fill('nope');
  await composer.getByLabel(/^Params/).fill('');
  await composer.getByRole('button', { name: 'Request' }).click();
  await expect(row(page, /error #3 -32601/)).toHaveCount(1);
});

test('STOMP: a SUBSCRIBE receives a SEND to the same destination, with heart-beats as negotiated', async ({
  page,
}) => {
  await openWith(page, `${TEST_SERVER}/stomp`, 'v12.stomp');
  await expect(page.getByRole('combobox', { name: 'Protocol' })).toHaveValue('stomp');
  await connect(page);
  const composer = page.getByRole('region', { name: 'STOMP composer' });
  await composer.getByLabel('Heart-beat').fill('1000,1000');
  await composer.getByRole('button', { name: 'Connect (STOMP)' }).click();
  await expect(row(page, /CONNECTED/)).toHaveCount(1);

  await composer
    .getByRole('radiogroup', { name: 'STOMP message' })
    .getByRole('radio', { name: 'Subscribe', exact: true })
    .click();
  await composer.getByLabel('Destination').fill('/topic/chat');
  await composer.getByRole('button', { name: 'Subscribe' }).click();
  await composer
    .getByRole('radiogroup', { name: 'STOMP message' })
    .getByRole('radio', { name: 'Send', exact: true })
    .click();
  await composer.getByLabel('Destination').fill('/topic/chat');
  await composer.getByLabel('Body').fill('hello over stomp');
  await composer.getByRole('button', { name: 'Send (STOMP)' }).click();
  await expect(row(page, /MESSAGE \/topic\/chat: hello over stomp/)).toHaveCount(1);

  // Heart-beats every max(1000, server's 10000)... the server's wish is what the client must meet.
  await row(page, /MESSAGE \/topic\/chat/).click();
  await expect(detail(page)).toContainText('subscription');
  await expect(connectionState(page)).toHaveText('Open');
});

test('MQTT: subscribe, publish at QoS 0 and 1 with the acknowledgements, and the keep-alive holds', async ({
  page,
}) => {
  test.setTimeout(40_000);
  await openWith(page, `${TEST_SERVER}/mqtt`, 'mqtt');
  await expect(page.getByRole('combobox', { name: 'Protocol' })).toHaveValue('mqtt');
  await connect(page);
  const composer = page.getByRole('region', { name: 'MQTT composer' });
  const pick = (name: string) =>
    composer
      .getByRole('radiogroup', { name: 'MQTT message' })
      .getByRole('radio', { name, exact: true })
      .click();
  await composer.getByLabel(/^Keep-alive/).fill('2');
  await composer.getByRole('button', { name: 'Connect (MQTT)' }).click();
  await expect(row(page, /CONNACK/)).toHaveCount(1);

  await pick('Subscribe');
  await composer.getByLabel('Topic filter').fill('frameline/test');
  await composer.getByLabel('QoS').selectOption('1');
  await composer.getByRole('button', { name: 'Subscribe' }).click();
  await expect(row(page, /SUBACK/)).toHaveCount(1);

  await pick('Publish');
  await composer.getByLabel('Topic', { exact: true }).fill('frameline/test');
  await composer.getByLabel('Payload').fill('at most once');
  await composer.getByRole('button', { name: 'Publish' }).click();
  await expect(row(page, /frameline\/test.*at most once/)).toHaveCount(2);

  await composer.getByLabel('QoS').selectOption('1');
  await composer.getByLabel('Payload').fill('at least once');
  await composer.getByRole('button', { name: 'Publish' }).click();
  await expect(row(page, /PUBACK/)).toHaveCount(2);
  // The broker's delivery to us at QoS 1 is acknowledged by the lens.
  await expect(row(page, /PUBACK/).filter({ hasText: 'auto' })).toHaveCount(1);

  // Keep-alive 2 s: the lens pings when nothing else was sent, and the broker keeps the connection.
  await page.waitForTimeout(5_000);
  expect(await row(page, /PINGREQ/).count()).toBeGreaterThanOrEqual(2);
  await expect(row(page, /PINGRESP/).first()).toBeVisible();
  await expect(connectionState(page)).toHaveText('Open');
});

test('the protocol is saved with the connection: back after a reload, in the exported file, and a scenario matches decoded results', async ({
  page,
}, testInfo) => {
  await openWith(page, `${TEST_SERVER}/rpc`);
  const protocol = page.getByRole('combobox', { name: 'Protocol' });
  await protocol.selectOption({ label: 'JSON-RPC 2.0' });
  await page.getByRole('button', { name: 'Save to sidebar' }).click();
  await expect(page.getByRole('button', { name: 'Saved' })).toBeDisabled();
  // Back to "Raw" marks the connection unsaved again.
  await protocol.selectOption({ label: 'Raw' });
  await expect(page.getByRole('button', { name: 'Save', exact: true })).toBeEnabled();
  await protocol.selectOption({ label: 'JSON-RPC 2.0' });

  await page.reload();
  await expect(page.getByRole('combobox', { name: 'Protocol' })).toHaveValue('json-rpc');
  // A fresh tab of the saved connection starts with its protocol too.
  await page.getByRole('button', { name: 'Tab actions' }).click();
  await page.getByRole('menuitem', { name: 'Close tab' }).click();
  await page
    .getByRole('navigation', { name: 'Sidebar' })
    .getByRole('button', { name: /^127\.0\.0\.1:8787\/rpc/ })
    .click();
  await expect(page.getByRole('combobox', { name: 'Protocol' })).toHaveValue('json-rpc');

  const file = testInfo.outputPath('rpc.json');
  await (await exportEverything(page)).saveAs(file);
  const exported = JSON.parse(await readFile(file, 'utf8'));
  expect(exported.version).toBe(3);
  expect(JSON.stringify(exported)).toContain('"lens":"json-rpc"');

  // A scenario step that expects a decoded JSON-RPC result.
  const scenarios = page.getByRole('region', { name: 'Scenarios' });
  await scenarios.getByRole('button', { name: 'New scenario' }).click();
  const dialog = page.getByRole('dialog', { name: 'Steps of New scenario' });
  const addStep = async (kind: string) => {
    const adder = dialog.locator('.add-step').last();
    await adder.getByRole('combobox').selectOption({ label: kind });
    await adder.getByRole('button', { name: /^Add step/ }).click();
  };
  await addStep('Send');
  const send = dialog.getByRole('group', { name: 'Step 2: Send' });
  await send.getByLabel('Message').selectOption({ label: 'Written here' });
  await send.getByLabel('Body').fill('{"jsonrpc":"2.0","id":9,"method":"add","params":[4,5]}');
  await addStep('Expect a message');
  const expectStep = dialog.getByRole('group', { name: 'Step 3: Expect a message' });
  await expectStep.getByLabel('Match').selectOption({ label: 'Protocol message holding' });
  await expectStep.getByLabel('Decoded as').selectOption({ label: 'JSON-RPC 2.0' });
  await expectStep.getByLabel(/^JSON the message must hold/).fill('{"type": "result", "id": 9, "result": 9}');
  await dialog.getByRole('button', { name: 'Save steps' }).click();
  await scenarios.getByRole('button', { name: 'Run scenario New scenario' }).click();
  const results = page.getByRole('list', { name: 'Scenario results' });
  await expect(results.locator('[data-status="passed"]')).toHaveCount(3);
});
