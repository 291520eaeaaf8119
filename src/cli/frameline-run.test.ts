import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncomingMessage } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { startTestServer } from '../../server/test-server.mjs';
import type { ScenarioStep } from '../core/scenario/scenario';

/*
 * `frameline run` as CI runs it: the real bin, as a child process, against the bundled test server and a
 * server this test starts, both on port 0.
 */

const BIN = fileURLToPath(new URL('../../bin/frameline.mjs', import.meta.url));

let server: Awaited<ReturnType<typeof startTestServer>>;
let dir: string;

beforeAll(async () => {
  server = await startTestServer({ port: 0, log: () => {} });
  dir = await mkdtemp(join(tmpdir(), 'frameline-run-'));
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

function frameline(...args: string[]): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { timeout: 25_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** A server of the test's own on port 0, for what the bundled one does not do. */
async function ownServer(
  options: ConstructorParameters<typeof WebSocketServer>[0],
  onConnection: (ws: WebSocket, request: IncomingMessage) => void,
): Promise<{ own: WebSocketServer; port: number }> {
  const own = new WebSocketServer({ ...options, host: '127.0.0.1', port: 0 });
  own.on('connection', onConnection);
  await new Promise((resolve) => own.once('listening', resolve));
  return { own, port: (own.address() as { port: number }).port };
}

type Connection = {
  id: string;
  name: string;
  path: string;
  headers?: { name: string; value: string }[];
  protocols?: string[];
  lens?: string;
  handshakePayload?: string;
  scenarios: { name: string; steps: ScenarioStep[] }[];
};

async function collectionFile(
  name: string,
  connections: Connection[],
  baseUrl = '{{host}}',
): Promise<string> {
  const file = join(dir, name);
  const host = server.wsUrl.replace(/^ws:\/\//, '');
  await writeFile(
    file,
    JSON.stringify({
      format: 'frameline-collection',
      version: 3,
      collections: [
        {
          id: 'team',
          name: 'Team',
          variables: [{ name: 'host', value: host, secret: false }],
          items: connections.map((c) => ({
            type: 'connection',
            id: c.id,
            name: c.name,
            url: `ws://${baseUrl}${c.path}`,
            protocols: c.protocols ?? [],
            ...(c.lens ? { lens: c.lens } : {}),
            ...(c.handshakePayload ? { handshakePayload: c.handshakePayload } : {}),
            templates: [
              { id: 'say', name: 'Say', format: 'json', body: '{"user":"{{user}}","content":"{{content}}"}' },
            ],
            scenarios: c.scenarios.map((s, i) => ({ id: `${c.id}-${i}`, ...s })),
            ...(c.headers ? { headers: c.headers } : {}),
          })),
        },
      ],
      environments: [
        { id: 'global', name: 'Global', variables: [{ name: 'user', value: 'ada', secret: false }] },
      ],
    }),
  );
  return file;
}

const chatSteps = (content: string): ScenarioStep[] => [
  { kind: 'connect' },
  { kind: 'send', message: { kind: 'template', templateId: 'say' } },
  {
    kind: 'expect',
    match: { kind: 'json-subset', value: { type: 'message', content } },
    timeoutMs: 500,
    capture: [{ path: '$.id', variable: 'id' }],
  },
  { kind: 'disconnect' },
];

describe('frameline run', () => {
  it('passes a chat scenario and out-of-order requests to /rpc, and exits 0', async () => {
    const file = await collectionFile('pass.json', [
      { id: 'chat', name: 'Chat', path: '/chat', scenarios: [{ name: 'Hello', steps: chatSteps('hello') }] },
      {
        id: 'rpc',
        name: 'RPC',
        path: '/rpc',
        scenarios: [
          {
            name: 'Add',
            steps: [
              { kind: 'connect' },
              {
                kind: 'request',
                message: {
                  kind: 'inline',
                  format: 'json',
                  body: '{"jsonrpc":"2.0","id":{{$counter}},"method":"add","params":[2,3]}',
                },
                timeoutMs: 1000,
                match: { kind: 'json-subset', value: { result: 5 } },
              },
            ],
          },
        ],
      },
    ]);
    const result = await frameline('run', file, '--var', 'content=hello', '--reporter', 'json');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as {
      passed: boolean;
      scenarios: {
        name: string;
        runs: { captured: Record<string, string>; steps: { status: string }[] }[];
      }[];
    };
    expect(report.passed).toBe(true);
    expect(report.scenarios.map((s) => s.name)).toEqual(['Chat / Hello', 'RPC / Add']);
    expect(report.scenarios[0]?.runs[0]?.captured['id']).toMatch(/^\d+$/);
    expect(report.scenarios[1]?.runs[0]?.steps.map((s) => s.status)).toEqual(['passed', 'passed']);
  });

  it('speaks each connection’s protocol: its lens answers pings and handshakes, and protocol matchers decode', async () => {
    const inline = (body: string) => ({ kind: 'inline' as const, format: 'text' as const, body });
    const file = await collectionFile('lenses.json', [
      {
        id: 'sio',
        name: 'Socket.IO',
        path: '/socket.io/',
        lens: 'socket.io',
        handshakePayload: '{"user":"{{user}}"}',
        scenarios: [
          {
            name: 'Echo with ack',
            steps: [
              { kind: 'connect' },
              // Only the lens's own `40` joins the namespace: the server greets the socket once it has.
              {
                kind: 'expect',
                match: { kind: 'protocol', lens: 'socket.io', value: { type: 'event', name: 'welcome' } },
                timeoutMs: 2000,
              },
              { kind: 'send', message: inline('421["echo","hi",2]') },
              {
                kind: 'expect',
                match: {
                  kind: 'protocol',
                  lens: 'socket.io',
                  value: { type: 'ack', ackId: 1, args: ['hi', 2] },
                },
                timeoutMs: 2000,
              },
              // Longer than the server's ping interval plus timeout: the lens's pongs keep the socket.
              { kind: 'wait', ms: 9500 },
              { kind: 'send', message: inline('422["add",2,3]') },
              {
                kind: 'expect',
                match: { kind: 'protocol', lens: 'socket.io', value: { type: 'ack', ackId: 2, args: [5] } },
                timeoutMs: 2000,
              },
            ],
          },
        ],
      },
      {
        id: 'gql',
        name: 'GraphQL',
        path: '/graphql',
        protocols: ['graphql-transport-ws'],
        scenarios: [
          {
            name: 'Countdown',
            steps: [
              { kind: 'connect' },
              {
                kind: 'expect',
                match: { kind: 'protocol', lens: 'graphql-ws', value: { type: 'connection_ack' } },
                timeoutMs: 2000,
              },
              {
                kind: 'send',
                message: inline(
                  '{"id":"1","type":"subscribe","payload":{"query":"subscription { countdown(from: 2) }"}}',
                ),
              },
              {
                kind: 'expect',
                match: {
                  kind: 'protocol',
                  lens: 'graphql-ws',
                  value: { type: 'next', payload: { data: { countdown: 0 } } },
                },
                timeoutMs: 3000,
              },
            ],
          },
        ],
      },
      {
        id: 'rpc',
        name: 'RPC',
        path: '/rpc',
        scenarios: [
          {
            name: 'Add',
            steps: [
              { kind: 'connect' },
              { kind: 'send', message: inline('{"jsonrpc":"2.0","id":7,"method":"add","params":[2,3]}') },
              {
                kind: 'expect',
                match: { kind: 'protocol', lens: 'json-rpc', value: { type: 'result', id: 7, result: 5 } },
                timeoutMs: 2000,
              },
            ],
          },
        ],
      },
    ]);
    const result = await frameline('run', file, '--reporter', 'json');
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout) as {
      passed: boolean;
      scenarios: { name: string; runs: { steps: { status: string; failure?: { message: string } }[] }[] }[];
    };
    expect(report.scenarios.flatMap((s) => s.runs[0]?.steps.filter((step) => step.failure) ?? [])).toEqual(
      [],
    );
    expect(report.passed).toBe(true);
    expect(result.code).toBe(0);
  }, 30_000);

  it('fails a broken expectation with exit 1, and the JUnit file names the step and the diff', async () => {
    const file = await collectionFile('broken.json', [
      {
        id: 'chat',
        name: 'Chat',
        path: '/chat',
        scenarios: [{ name: 'Hello', steps: chatSteps('goodbye') }],
      },
    ]);
    const out = join(dir, 'report.xml');
    const result = await frameline(
      'run',
      file,
      '--var',
      'content=hello',
      '--reporter',
      'junit',
      '--out',
      out,
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^1 scenario: 0 passed, 1 failed \(.+\); junit report in /);
    const xml = await readFile(out, 'utf8');
    expect(xml).toMatch(/<testsuite name="Chat \/ Hello" tests="4" failures="1" skipped="1"/);
    expect(xml).toContain(
      '<testcase name="3. expect {&quot;type&quot;:&quot;message&quot;,&quot;content&quot;:&quot;goodbye&quot;} within 500 ms"',
    );
    expect(xml).toContain('$.content: expected &quot;goodbye&quot;, got &quot;hello&quot;');
    expect(xml).toMatch(/<testcase name="4\. disconnect"[^>]*>\s*<skipped\/>/);
  });

  it('overlapping requests to /rpc take their replies by id, the slow one last', async () => {
    const rpc = (id: number, method: string, params: string, result: unknown): ScenarioStep => ({
      kind: 'request',
      message: {
        kind: 'inline',
        format: 'json',
        body: `{"jsonrpc":"2.0","id":${id},"method":"${method}","params":${params}}`,
      },
      timeoutMs: 2000,
      overlap: true,
      match: { kind: 'json-subset', value: { result } },
    });
    const file = await collectionFile('overlap.json', [
      {
        id: 'rpc',
        name: 'RPC',
        path: '/rpc',
        scenarios: [
          {
            name: 'Out of order',
            steps: [
              { kind: 'connect' },
              rpc(1, 'sleep', '{"ms":300}', { slept: 300 }),
              rpc(2, 'add', '[2,3]', 5),
              { kind: 'disconnect' },
            ],
          },
        ],
      },
    ]);
    const result = await frameline('run', file, '--reporter', 'json');
    expect(result.code).toBe(0);
    const steps = (
      JSON.parse(result.stdout) as {
        scenarios: { runs: { steps: { id: string; latencyMs?: number; matched?: number[] }[] }[] }[];
      }
    ).scenarios[0]?.runs[0]?.steps;
    const [sleep, add] = [steps?.[1], steps?.[2]];
    // The quick reply came first (message 0), the slow one second, and each step got its own.
    expect(add?.matched).toEqual([0]);
    expect(sleep?.matched).toEqual([1]);
    expect(sleep?.latencyMs).toBeGreaterThanOrEqual(300);
    expect(add?.latencyMs).toBeLessThan(300);
  });

  it('runs copies concurrently and prints request latency percentiles', async () => {
    const file = await collectionFile('load.json', [
      {
        id: 'rpc',
        name: 'RPC',
        path: '/rpc',
        scenarios: [
          {
            name: 'Sleep',
            steps: [
              { kind: 'connect' },
              {
                kind: 'request',
                message: {
                  kind: 'inline',
                  format: 'json',
                  body: '{"jsonrpc":"2.0","id":1,"method":"sleep","params":{"ms":50}}',
                },
                timeoutMs: 2000,
              },
            ],
          },
        ],
      },
    ]);
    const result = await frameline('run', file, '--repeat', '6', '--concurrency', '3');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('✓ RPC / Sleep ×6, 0 failed');
    expect(result.stdout).toMatch(
      /request latency over 6: p50 \d+ ms, p90 \d+ ms, p95 \d+ ms, p99 \d+ ms, max \d+ ms/,
    );
    // Pretty output to a pipe has no colours.
    expect(result.stdout).not.toContain('\x1b[');
  });

  it('checks a server of its own: the subprotocol it negotiates and the close it sends', async () => {
    const { own, port } = await ownServer({ handleProtocols: () => 'v2.proto' }, (ws) =>
      ws.on('message', () => ws.close(4001, 'Bye now')),
    );
    const file = await collectionFile(
      'own.json',
      [
        {
          id: 'own',
          name: 'Own',
          path: '/',
          scenarios: [
            {
              name: 'Close',
              steps: [
                { kind: 'connect', protocols: ['v2.proto'], expectProtocol: 'v2.proto' },
                { kind: 'send', message: { kind: 'inline', format: 'text', body: 'quit' } },
                { kind: 'expectClose', code: 4000, timeoutMs: 1000 },
              ],
            },
          ],
        },
      ],
      `127.0.0.1:${port}`,
    );
    const result = await frameline('run', file);
    own.close();
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('✓ 1. connect (v2.proto)');
    expect(result.stdout).toContain('Closed with code 4001, expected 4000');
    expect(result.stdout).toContain('+ actual:   4001 “Bye now”');
  });

  it('passes echo, close and drop scenarios against the bundled server', async () => {
    const file = await collectionFile('lifecycle.json', [
      {
        id: 'echo',
        name: 'Echo',
        path: '/echo',
        scenarios: [
          {
            name: 'Text and bytes',
            steps: [
              { kind: 'connect' },
              { kind: 'send', message: { kind: 'inline', format: 'text', body: 'hello {{user}}' } },
              {
                kind: 'expect',
                match: { kind: 'text-regex', pattern: '^hello ada$' },
                timeoutMs: 1000,
                mode: 'next',
              },
              {
                kind: 'send',
                message: { kind: 'inline', format: 'binary', encoding: 'hex', body: 'de ad be ef' },
              },
              { kind: 'expect', match: { kind: 'binary', length: 4, hexPrefix: 'dead' }, timeoutMs: 1000 },
              { kind: 'disconnect', code: 1000 },
            ],
          },
        ],
      },
      {
        id: 'close',
        name: 'Close',
        path: '/close?code=4000&reason=Bye&after=50',
        scenarios: [
          {
            name: 'Closes with 4000',
            steps: [
              { kind: 'connect' },
              { kind: 'expectClose', code: 4000, reason: 'Bye', clean: true, timeoutMs: 2000 },
            ],
          },
        ],
      },
      {
        id: 'drop',
        name: 'Drop',
        path: '/drop?after=50',
        scenarios: [
          {
            name: 'Drops',
            steps: [{ kind: 'connect' }, { kind: 'expectClose', code: 1006, clean: false, timeoutMs: 2000 }],
          },
        ],
      },
    ]);
    const result = await frameline('run', file);
    expect(result.stdout).toContain('3 scenarios: 3 passed, 0 failed');
    expect(result.code).toBe(0);
  });

  it('sends the handshake headers a connection carries, with variables, and says so', async () => {
    const { own, port } = await ownServer({}, (ws, request) =>
      ws.send(JSON.stringify({ team: request.headers['x-team'] ?? null })),
    );
    const file = await collectionFile(
      'headers.json',
      [
        {
          id: 'own',
          name: 'Own',
          path: '/',
          headers: [{ name: 'X-Team', value: '{{user}}-team' }],
          scenarios: [
            {
              name: 'Header',
              steps: [
                { kind: 'connect' },
                {
                  kind: 'expect',
                  match: { kind: 'json-subset', value: { team: 'ada-team' } },
                  timeoutMs: 1000,
                },
              ],
            },
          ],
        },
      ],
      `127.0.0.1:${port}`,
    );
    const result = await frameline('run', file);
    own.close();
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'handshake headers sent: X-Team (a browser cannot send these; the app does not)',
    );
  });

  it('exits 2 for bad arguments, an unreadable file, a file that is not a collection, or a missing scenario', async () => {
    const usage = await frameline('run');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/^frameline: Which collection file\?/);

    const missing = await frameline('run', join(dir, 'nope.json'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read “.*nope\.json”: ENOENT/);

    const garbage = join(dir, 'garbage.json');
    await writeFile(garbage, '{"format": "frameline-collection", "version": 2, "collections": 3}');
    const bad = await frameline('run', garbage);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/cannot be read as a collection: .*\(at \$\.collections\)/);

    const file = await collectionFile('names.json', [
      { id: 'chat', name: 'Chat', path: '/chat', scenarios: [{ name: 'Hello', steps: chatSteps('x') }] },
    ]);
    const unknown = await frameline('run', file, '--scenario', 'Bye');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('frameline: No scenario “Bye” in the file (it has: “Chat / Hello”).\n');
  });

  it('a variable defined nowhere fails the step that needs it, naming it', async () => {
    const file = await collectionFile('unset.json', [
      { id: 'chat', name: 'Chat', path: '/chat', scenarios: [{ name: 'Hello', steps: chatSteps('x') }] },
    ]);
    const result = await frameline('run', file);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('{{content}} is defined nowhere');
  });
});
