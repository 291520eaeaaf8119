import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { MessageEvent, SessionEvent } from '../../session/session-events';
import { createDefaultAutomation } from '../../workspace/workspace';
import type { CollectionDocument } from '../collection-document';
import { importHar, MAX_HAR_TEMPLATES } from './har';

function fixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));
}

function sequentialIds(): () => string {
  let next = 0;
  return () => `new-${++next}`;
}

function importValue(value: unknown, fileName?: string): CollectionDocument {
  const result = importHar(value, { newId: sequentialIds(), fileName });
  if (!result.ok) throw new Error(`${result.error.path}: ${result.error.message}`);
  return result.value;
}

function harOf(entries: unknown[]): unknown {
  return { log: { version: '1.2', creator: { name: 't', version: '1' }, entries } };
}

function socketEntry(frames: unknown[], fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    _resourceType: 'websocket',
    startedDateTime: '2025-01-01T00:00:00.000Z',
    request: { method: 'GET', url: 'wss://x.test/s', headers: [] },
    response: { status: 101, headers: [] },
    _webSocketMessages: frames,
    ...fields,
  };
}

function messageEvents(events: readonly SessionEvent[]): MessageEvent[] {
  return events.filter((event): event is MessageEvent => event.kind === 'message');
}

const START = Date.parse('2025-03-14T09:30:00.123Z');

describe('importHar (Chrome)', () => {
  const document = importValue(fixture('chrome.har'), 'chat.har');
  const [collection] = document.collections;
  const [first, second] = collection?.items ?? [];

  it('makes one collection named after the file, with a connection per WebSocket entry', () => {
    expect(document.source).toBe('HAR file');
    expect(collection?.name).toBe('HAR: chat.har');
    expect(collection?.items.map((item) => item.name)).toEqual([
      'chat.example.com/socket',
      'chat.example.com/socket (2)',
    ]);
    expect(first).toMatchObject({
      type: 'connection',
      url: 'wss://chat.example.com/socket?room=lobby',
      protocols: ['chat.v2', 'json'],
      automation: createDefaultAutomation(),
      scenarios: [],
    });
    expect(second).toMatchObject({ protocols: [] });
  });

  it('keeps each distinct sent message once as a template, named after what it says', () => {
    expect(first?.type === 'connection' && first.templates.map(({ id: _, ...template }) => template)).toEqual(
      [
        { name: 'join', format: 'json', body: '{"type":"join","room":"lobby"}' },
        { name: 'Binary, 5 bytes', format: 'binary', body: 'AAECA/8=', encoding: 'base64' },
        { name: 'ping', format: 'text', body: 'ping' },
        { name: 'héllo ✓ 👋', format: 'text', body: 'héllo ✓ 👋' },
      ],
    );
  });

  it('records a timeline: connecting, open with the accepted protocol and extensions, then every message', () => {
    const timeline = document.timelines[0];
    expect(timeline?.connectionId).toBe(first?.id);
    expect(timeline?.title).toBe('chat.example.com/socket, recorded 2025-03-14T09:30:00.123Z');
    const [connecting, open] = timeline?.events ?? [];
    expect(connecting).toEqual({
      kind: 'connecting',
      at: START,
      sinceOpen: null,
      url: 'wss://chat.example.com/socket?room=lobby',
      protocols: ['chat.v2', 'json'],
    });
    expect(open).toMatchObject({
      kind: 'open',
      sinceOpen: 0,
      protocol: 'chat.v2',
      extensions: 'permessage-deflate',
    });
    expect(open?.kind === 'open' && open.openMs).toBeCloseTo(47, 6);
    expect(open?.at).toBeCloseTo(START + 47, 6);
    expect(timeline?.events.some((event) => event.kind === 'close')).toBe(false);
  });

  it('turns frames into message events with direction, format, data, size and times', () => {
    const messages = messageEvents(document.timelines[0]?.events ?? []);
    expect(messages.map(({ direction, format, size }) => [direction, format, size])).toEqual([
      ['out', 'text', 30],
      ['in', 'text', 44],
      ['out', 'binary', 5],
      ['in', 'binary', 4],
      ['out', 'text', 4],
      ['in', 'text', 4],
      ['out', 'text', 30],
      ['out', 'text', 15],
      ['in', 'text', 43],
    ]);
    const [join, , sentBytes, receivedBytes] = messages;
    expect(join?.at).toBeCloseTo(1741944600210.1, 3);
    expect(join?.sinceOpen).toBeCloseTo(1741944600210.1 - (START + 47), 3);
    expect(new Uint8Array(sentBytes?.data as ArrayBuffer)).toEqual(new Uint8Array([0, 1, 2, 3, 255]));
    expect(new Uint8Array(receivedBytes?.data as ArrayBuffer)).toEqual(
      new Uint8Array([0xde, 0xad, 0xbe, 0xef]),
    );
  });

  it('notes the entries that are not WebSockets, once with their count', () => {
    expect(document.notes).toEqual([
      {
        where: 'log.entries',
        message:
          '2 other requests were not imported: Frameline imports the WebSocket connections of a HAR file.',
      },
    ]);
  });

  it('names the collection "HAR import" without a file name', () => {
    expect(importValue(fixture('chrome.har')).collections[0]?.name).toBe('HAR import');
  });
});

describe('importHar (Firefox and other tools)', () => {
  it('imports a Firefox handshake without frames as a connection, converting https to wss, and says why', () => {
    const document = importValue(fixture('firefox.har'));
    expect(document.collections[0]?.items).toEqual([
      {
        type: 'connection',
        id: 'new-2',
        name: 'echo.example.org/live',
        url: 'wss://echo.example.org/live',
        protocols: ['echo'],
        templates: [],
        automation: createDefaultAutomation(),
        scenarios: [],
      },
    ]);
    expect(document.timelines).toEqual([]);
    expect(document.notes.map((note) => note.where)).toEqual(['log.entries[1]', 'log.entries']);
    expect(document.notes[0]?.message).toMatch(/Firefox does not save WebSocket messages/);
  });

  it('reads frame times in milliseconds or as dates, and http:// handshake URLs', () => {
    const entry = socketEntry(
      [
        { type: 'send', time: 1735689600500, opcode: 1, data: 'a' },
        { type: 'receive', time: '2025-01-01T00:00:01.000Z', opcode: 1, data: 'b' },
        { type: 'receive', opcode: 1, data: 'c' },
      ],
      { request: { url: 'http://x.test/plain' } },
    );
    const document = importValue(harOf([entry]));
    expect(
      document.collections[0]?.items[0]?.type === 'connection' && document.collections[0].items[0].url,
    ).toBe('ws://x.test/plain');
    const times = messageEvents(document.timelines[0]?.events ?? []).map((event) => event.at);
    expect(times).toEqual([1735689600500, 1735689601000, 1735689601000]);
  });

  it("opens no later than the first frame when Chrome's wait spans the socket's whole life", () => {
    const started = Date.parse('2025-01-01T00:00:00.000Z');
    const entry = socketEntry(
      [
        { type: 'receive', time: started / 1000 + 0.02, opcode: 1, data: 'hello' },
        { type: 'send', time: started / 1000 + 5, opcode: 1, data: 'bye' },
      ],
      { timings: { blocked: 1, dns: -1, connect: 3, send: 0, wait: 60_000, receive: 0 } },
    );
    const events = importValue(harOf([entry])).timelines[0]?.events ?? [];
    const open = events.find((event) => event.kind === 'open');
    const [first, second] = messageEvents(events);
    expect(open?.at).toBeCloseTo(started + 20, 3);
    expect(open?.kind === 'open' && open.openMs).toBeCloseTo(20, 3);
    expect(first?.sinceOpen).toBeCloseTo(0, 3);
    expect(second?.sinceOpen).toBeCloseTo(4980, 3);
    for (const event of events) expect(event.sinceOpen ?? 0).toBeGreaterThanOrEqual(0);
  });

  it('reads frame times below 10^9 as seconds since the handshake started', () => {
    const started = Date.parse('2025-01-01T00:00:00.000Z');
    const entry = socketEntry(
      [
        { type: 'send', opcode: 1, data: 'no time yet' },
        { type: 'send', time: 0.25, opcode: 1, data: 'a' },
        { type: 'receive', time: 1.5, opcode: 1, data: 'b' },
      ],
      { timings: { connect: 10, wait: 40 } },
    );
    const events = importValue(harOf([entry])).timelines[0]?.events ?? [];
    expect(messageEvents(events).map((event) => event.at)).toEqual([started, started + 250, started + 1500]);
    expect(events.find((event) => event.kind === 'open')?.at).toBe(started);
    expect(messageEvents(events).map((event) => event.sinceOpen)).toEqual([0, 250, 1500]);
  });

  it('skips control frames and unknown frame types, with one note that counts them', () => {
    const document = importValue(
      harOf([
        socketEntry([
          { type: 'send', time: 1, opcode: 1, data: 'kept' },
          { type: 'receive', time: 2, opcode: 9, data: '' },
          { type: 'send', time: 3, opcode: 10, data: '' },
          { type: 'receive', time: 4, opcode: 8, data: 'A+g=' },
          { type: 'receive', time: 5, opcode: 9, data: '' },
          { type: 'error', time: 6, opcode: -1, data: 'Connection reset' },
        ]),
      ]),
    );
    expect(messageEvents(document.timelines[0]?.events ?? []).map((event) => event.data)).toEqual(['kept']);
    expect(document.notes).toEqual([
      {
        where: 'log.entries[0]',
        message:
          'Skipped 5 frames that are not a text or binary message: 2 ping, 1 pong, 1 close and 1 "error" entry.',
      },
    ]);
  });

  it(`keeps at most ${MAX_HAR_TEMPLATES} templates and notes how many more there were`, () => {
    const frames = Array.from({ length: MAX_HAR_TEMPLATES + 5 }, (_, i) => ({
      type: 'send',
      time: i,
      opcode: 1,
      data: `{"op":"n${i}"}`,
    }));
    const document = importValue(harOf([socketEntry(frames)]));
    const connection = document.collections[0]?.items[0];
    expect(connection?.type === 'connection' && connection.templates.length).toBe(MAX_HAR_TEMPLATES);
    expect(messageEvents(document.timelines[0]?.events ?? [])).toHaveLength(MAX_HAR_TEMPLATES + 5);
    expect(document.notes[0]?.message).toBe(
      `Only the first ${MAX_HAR_TEMPLATES} different sent messages became templates; 5 more are in the recorded timeline only.`,
    );
  });

  it('names templates recognisably, however long or odd the message', () => {
    const sent = [
      '{"event":"subscribe","channel":"book"}',
      '["phx_join",{}]',
      'x'.repeat(60),
      '   ',
      '{"a":1}',
      '{"type":"subscribe","id":2}',
    ];
    const document = importValue(
      harOf([socketEntry(sent.map((data, time) => ({ type: 'send', time, opcode: 1, data })))]),
    );
    const connection = document.collections[0]?.items[0];
    expect(connection?.type === 'connection' && connection.templates.map((t) => t.name)).toEqual([
      'subscribe',
      'phx_join',
      `${'x'.repeat(39)}…`,
      'Empty message',
      '{"a":1}',
      'subscribe (2)',
    ]);
  });

  it('explains how to record WebSockets when the HAR has none', () => {
    const result = importHar(harOf([{ request: { url: 'https://x.test/' }, response: { status: 200 } }]), {
      newId: sequentialIds(),
    });
    expect(result).toMatchObject({
      ok: false,
      error: { path: '$.log.entries', message: expect.stringContaining('holds no WebSocket connections') },
    });
    expect(result.ok ? '' : result.error.message).toContain('Save all as HAR with content');
  });

  it('names the JSON path of a field with the wrong type', () => {
    const cases: [unknown, string, string][] = [
      [[], '$', 'Expected a HAR file'],
      [{ log: {} }, '$.log.entries', 'Expected a list at $.log.entries, but found nothing.'],
      [harOf([1]), '$.log.entries[0]', 'Expected an entry object'],
      [
        harOf([socketEntry([], { request: { url: 3 } })]),
        '$.log.entries[0].request.url',
        'Expected a string',
      ],
      [harOf([socketEntry([], { request: 'GET' })]), '$.log.entries[0].request', 'Expected an object'],
      [
        harOf([socketEntry([], { _webSocketMessages: 'x' })]),
        '$.log.entries[0]._webSocketMessages',
        'Expected a list',
      ],
      [
        harOf([socketEntry([{ type: 'send', time: 1, data: 5 }])]),
        '$.log.entries[0]._webSocketMessages[0].data',
        'Expected a string',
      ],
      [
        harOf([socketEntry([{ type: 'send', time: 'soon', data: '' }])]),
        '$.log.entries[0]._webSocketMessages[0].time',
        'the time in seconds',
      ],
      [
        harOf([socketEntry([{ type: 'send', time: 1, opcode: 2, data: '%%' }])]),
        '$.log.entries[0]._webSocketMessages[0].data',
        'Expected base64',
      ],
      [
        harOf([socketEntry([{ time: 1, data: '' }])]),
        '$.log.entries[0]._webSocketMessages[0].type',
        'Expected a string',
      ],
      [
        harOf([socketEntry([], { startedDateTime: 'yesterday' })]),
        '$.log.entries[0].startedDateTime',
        'an ISO 8601 date',
      ],
      [
        harOf([socketEntry([], { timings: { wait: '5' } })]),
        '$.log.entries[0].timings.wait',
        'Expected a number',
      ],
      [
        harOf([socketEntry([], { response: { headers: [{ name: 'a' }] } })]),
        '$.log.entries[0].response.headers[0].value',
        'Expected a string',
      ],
    ];
    for (const [value, path, message] of cases) {
      const result = importHar(value, { newId: sequentialIds() });
      expect(result.ok ? null : result.error.path).toBe(path);
      expect(result.ok ? null : result.error.message).toContain(message);
    }
  });

  it('never throws, whatever JSON it is given', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        importHar(value, { newId: sequentialIds() });
        importHar(harOf([value]), { newId: sequentialIds() });
        importHar(harOf([socketEntry([value])]), { newId: sequentialIds() });
      }),
    );
  });

  it('never throws on frames with arbitrary fields', () => {
    const frame = fc.record({
      type: fc.constantFrom('send', 'receive', 'error'),
      time: fc.oneof(fc.double(), fc.string(), fc.integer()),
      opcode: fc.oneof(fc.constantFrom(1, 2, 8), fc.double()),
      data: fc.string(),
    });
    fc.assert(
      fc.property(fc.array(frame, { maxLength: 6 }), fc.jsonValue(), (frames, timings) => {
        importHar(harOf([socketEntry(frames, { timings })]), { newId: sequentialIds() });
      }),
    );
  });
});
