import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeSocket } from '../session/fake-socket.test-support';
import { ok } from '../shared/result';
import { interpolate } from '../template/interpolate';
import { createDynamicValues } from '../template/dynamic-values';
import type { Scenario, ScenarioMessage, ScenarioStep } from './scenario';
import { checkScenario, runScenario, type ScenarioRunOptions, type StepResult } from './scenario-runner';

let sockets: FakeSocket[];

beforeEach(() => {
  vi.useFakeTimers();
  sockets = [];
});
afterEach(() => vi.useRealTimers());

function options(extra: Partial<ScenarioRunOptions> = {}): ScenarioRunOptions {
  return {
    url: 'ws://server.test/chat',
    protocols: [],
    createSocket: (url, protocols) => {
      const socket = new FakeSocket(url, protocols);
      sockets.push(socket);
      return socket;
    },
    timers: { setTimeout: (cb, ms) => setTimeout(cb, ms), clearTimeout: (id) => clearTimeout(id as number) },
    now: () => Date.now(),
    resolveMessage: (message: ScenarioMessage, captured) => {
      if (message.kind !== 'inline') return { ok: false, error: 'no templates here' };
      const expanded = interpolate(message.body, {
        variables: [
          {
            name: 'captured',
            variables: [...captured].map(([name, value]) => ({ name, value, secret: false })),
          },
        ],
        dynamic: createDynamicValues({ counter: 1 }),
      });
      return expanded.ok ? ok(expanded.value.text) : { ok: false, error: expanded.error.message };
    },
    ...extra,
  };
}

const scenario = (steps: ScenarioStep[]): Scenario => ({ id: 's', name: 'chat', steps });
const json = (body: string): ScenarioMessage => ({ kind: 'inline', format: 'json', body });

/** Starts a run and opens its socket as the server would. */
async function start(steps: ScenarioStep[], extra: Partial<ScenarioRunOptions> = {}) {
  const updates: StepResult[] = [];
  const done = runScenario(scenario(steps), options({ onStep: (r) => updates.push(r), ...extra }));
  await vi.advanceTimersByTimeAsync(0);
  const socket = sockets[0] as FakeSocket;
  socket.open();
  await vi.advanceTimersByTimeAsync(0);
  return { done, socket, updates };
}

describe('runScenario', () => {
  it('sends, expects a JSON subset skipping other messages, captures and uses the capture', async () => {
    const { done, socket } = await start([
      { kind: 'connect' },
      { kind: 'send', message: json('{"user":"ada","content":"hi"}') },
      {
        kind: 'expect',
        match: { kind: 'json-subset', value: { type: 'message', content: 'hi' } },
        timeoutMs: 500,
        capture: [{ path: '$.id', variable: 'messageId' }],
      },
      { kind: 'send', message: json('{"ack":{{messageId}}}') },
      { kind: 'disconnect' },
    ]);
    expect(socket.sent).toEqual(['{"user":"ada","content":"hi"}']);
    socket.onmessage?.({ data: '{"type":"join","clients":1}' });
    socket.onmessage?.({ data: '{"type":"message","id":7,"user":"ada","content":"hi"}' });
    await vi.advanceTimersByTimeAsync(0);
    expect(socket.sent[1]).toBe('{"ack":7}');
    expect(socket.closes).toEqual([[1000]]);
    socket.closed(1000, { wasClean: true });
    const result = await done;
    expect(result.passed).toBe(true);
    expect(result.steps.map((s) => s.status)).toEqual(['passed', 'passed', 'passed', 'passed', 'passed']);
    expect(result.steps[2]?.matched).toEqual([1]);
    expect(result.captured).toEqual({ messageId: '7' });
  });

  it('a wrong content fails with the diff, and the steps after it are skipped', async () => {
    const { done, socket } = await start([
      { kind: 'connect' },
      { kind: 'expect', match: { kind: 'json-subset', value: { content: 'bye' } }, timeoutMs: 500 },
      { kind: 'send', message: json('{}') },
    ]);
    socket.onmessage?.({ data: '{"type":"message","content":"hi"}' });
    await vi.advanceTimersByTimeAsync(500);
    const result = await done;
    expect(result.passed).toBe(false);
    const failed = result.steps[1];
    expect(failed?.status).toBe('failed');
    expect(failed?.failure?.message).toBe(
      'No matching message within 500 ms: $.content: expected "bye", got "hi"',
    );
    expect(failed?.failure?.differences).toEqual([{ path: '$.content', expected: '"bye"', actual: '"hi"' }]);
    expect(failed?.failure?.actual).toBe('{"type":"message","content":"hi"}');
    expect(failed?.compared).toEqual([0]);
    expect(result.steps[2]?.status).toBe('skipped');
    expect(socket.sent).toEqual([]);
  });

  it('mode "next" requires the very next message', async () => {
    const { done, socket } = await start([
      { kind: 'connect' },
      {
        kind: 'expect',
        match: { kind: 'json-subset', value: { type: 'ack' } },
        timeoutMs: 500,
        mode: 'next',
      },
    ]);
    socket.onmessage?.({ data: '{"type":"join"}' });
    socket.onmessage?.({ data: '{"type":"ack"}' });
    const result = await done;
    expect(result.steps[1]?.failure?.message).toBe(
      'The next message does not match: $.type: expected "ack", got "join"',
    );
  });

  it('times out with no message at all, and says none arrived', async () => {
    const { done } = await start([
      { kind: 'connect' },
      { kind: 'expect', match: { kind: 'any' }, timeoutMs: 300 },
    ]);
    await vi.advanceTimersByTimeAsync(299);
    let settled = false;
    void done.then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect((await done).steps[1]?.failure?.message).toBe('No matching message within 300 ms (none arrived)');
  });

  it('matches overlapping requests to replies by id, not order, and records each latency', async () => {
    const request = (id: number): ScenarioStep => ({
      kind: 'request',
      message: json(`{"jsonrpc":"2.0","id":${id},"method":"slow"}`),
      timeoutMs: 1000,
      match: { kind: 'json-path', predicates: ['$.result exists'] },
    });
    const { done, socket } = await start([
      { kind: 'connect' },
      // A reply to another id arriving first is not this request's, and stays for the expect after.
      request(1),
      { kind: 'expect', match: { kind: 'json-subset', value: { id: 2 } }, timeoutMs: 100 },
    ]);
    socket.onmessage?.({ data: '{"jsonrpc":"2.0","id":2,"result":"late"}' });
    await vi.advanceTimersByTimeAsync(40);
    socket.onmessage?.({ data: '{"jsonrpc":"2.0","id":1,"result":"ok"}' });
    const result = await done;
    expect(result.passed).toBe(true);
    expect(result.steps[1]?.latencyMs).toBe(40);
    expect(result.steps[1]?.matched).toEqual([1]);
    expect(result.steps[2]?.matched).toEqual([0]);
  });

  it('overlapping requests are in flight together and each takes its own reply, in any order', async () => {
    const request = (id: number, overlap: boolean): ScenarioStep => ({
      kind: 'request',
      message: json(`{"id":${id}}`),
      timeoutMs: 1000,
      overlap,
    });
    const { done, socket } = await start([
      { kind: 'connect' },
      request(1, true),
      request(2, true),
      { kind: 'send', message: json('{"after":true}') },
    ]);
    // Both went out before either reply, and the next step waits for them.
    expect(socket.sent).toEqual(['{"id":1}', '{"id":2}']);
    await vi.advanceTimersByTimeAsync(30);
    socket.onmessage?.({ data: '{"id":2,"result":"b"}' });
    await vi.advanceTimersByTimeAsync(20);
    expect(socket.sent).toHaveLength(2);
    socket.onmessage?.({ data: '{"id":1,"result":"a"}' });
    const result = await done;
    expect(socket.sent[2]).toBe('{"after":true}');
    expect(result.passed).toBe(true);
    expect(result.steps.map((s) => [s.id, s.latencyMs])).toEqual([
      ['1', undefined],
      ['2', 50],
      ['3', 30],
      ['4', undefined],
    ]);
  });

  it('an overlapping request that gets no reply fails the run before the next step', async () => {
    const { done, socket } = await start([
      { kind: 'connect' },
      { kind: 'request', message: json('{"id":9}'), timeoutMs: 100, overlap: true },
      { kind: 'send', message: json('{"after":true}') },
    ]);
    await vi.advanceTimersByTimeAsync(100);
    const result = await done;
    expect(result.steps.map((s) => s.status)).toEqual(['passed', 'failed', 'skipped']);
    expect(result.steps[1]?.failure?.message).toBe('No reply with $.id = 9 within 100 ms');
    expect(socket.sent).toEqual(['{"id":9}']);
  });

  it('a request without the correlation id fails before sending', async () => {
    const { done, socket } = await start([
      { kind: 'connect' },
      { kind: 'request', message: json('{"method":"x"}'), timeoutMs: 100 },
    ]);
    const result = await done;
    expect(result.steps[1]?.failure?.message).toBe('The request has no $.id to match its reply by');
    expect(socket.sent).toEqual([]);
  });

  it('expectNone passes when nothing matching arrives in the window, fails when something does', async () => {
    const run = await start([
      { kind: 'connect' },
      { kind: 'expectNone', match: { kind: 'json-subset', value: { type: 'error' } }, windowMs: 200 },
    ]);
    run.socket.onmessage?.({ data: '{"type":"join"}' });
    await vi.advanceTimersByTimeAsync(200);
    expect((await run.done).passed).toBe(true);

    sockets = [];
    const second = await start([
      { kind: 'connect' },
      { kind: 'expectNone', match: { kind: 'json-subset', value: { type: 'error' } }, windowMs: 200 },
    ]);
    await vi.advanceTimersByTimeAsync(50);
    second.socket.onmessage?.({ data: '{"type":"error"}' });
    const failed = (await second.done).steps[1];
    expect(failed?.failure?.message).toBe('A matching message arrived within 200 ms');
  });

  it('expects the close with its code and reason', async () => {
    const { done, socket } = await start([
      { kind: 'connect' },
      { kind: 'expectClose', code: 4000, reason: 'Bye', timeoutMs: 500 },
    ]);
    socket.closed(4001, { wasClean: true, reason: 'Bye' });
    const failed = (await done).steps[1];
    expect(failed?.failure?.message).toBe('Closed with code 4001, expected 4000');
    expect(failed?.failure?.actual).toBe('4001 “Bye”');
  });

  it('a connection that closes while a message is expected fails at once, naming the close', async () => {
    const { done, socket } = await start([
      { kind: 'connect' },
      { kind: 'expect', match: { kind: 'any' }, timeoutMs: 60_000 },
    ]);
    socket.drop();
    const result = await done;
    expect(result.steps[1]?.failure?.message).toBe(
      'The connection closed (1006, not clean) before a matching message (none arrived)',
    );
  });

  it('connect checks the negotiated subprotocol and reports a refused handshake', async () => {
    const updates: StepResult[] = [];
    const done = runScenario(
      scenario([{ kind: 'connect', protocols: ['chat.v2'], expectProtocol: 'chat.v2' }]),
      options({ onStep: (r) => updates.push(r) }),
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(sockets[0]?.protocols).toEqual(['chat.v2']);
    sockets[0]?.open();
    expect((await done).steps[0]?.failure?.message).toBe('Negotiated subprotocol none, expected “chat.v2”');

    sockets = [];
    const refused = runScenario(scenario([{ kind: 'connect' }, { kind: 'wait', ms: 10 }]), options());
    await vi.advanceTimersByTimeAsync(0);
    sockets[0]?.drop();
    const result = await refused;
    expect(result.steps.map((s) => s.status)).toEqual(['failed', 'skipped']);
    expect(result.steps[0]?.failure?.message).toBe('The connection failed (1006, not clean)');
  });

  it('repeat runs its block N times, with ids per round; progress reports running then the outcome', async () => {
    const { done, socket, updates } = await start([
      { kind: 'connect' },
      { kind: 'repeat', times: 2, steps: [{ kind: 'send', message: json('{"n":1}') }] },
    ]);
    const result = await done;
    expect(socket.sent).toHaveLength(2);
    expect(result.steps.map((s) => s.id)).toEqual(['1', '2', '2.1.1', '2.2.1']);
    expect(updates.filter((u) => u.id === '2').map((u) => u.status)).toEqual(['running', 'passed']);
  });

  it('a bad matcher is found before the run', () => {
    expect(
      checkScenario(
        scenario([
          {
            kind: 'repeat',
            times: 1,
            steps: [{ kind: 'expect', match: { kind: 'text-regex', pattern: '[' }, timeoutMs: 1 }],
          },
        ]),
      ),
    ).toEqual({
      ok: false,
      error: expect.stringMatching(/^Step 1\.1: Regular expression \/\[\/: /) as string,
    });
  });
});
