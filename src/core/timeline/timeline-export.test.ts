import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importHar } from '../collection/importers/har';
import type { MessageEvent, SessionEvent } from '../session/session-events';
import { createRedactor } from '../template/secret-redaction';
import { prepareExport, timelineFile, timelineToHar, timelineToNdjson } from './timeline-export';

const T0 = Date.parse('2025-03-14T09:30:00.123Z') + 0.25;

function bytes(...values: number[]): ArrayBuffer {
  return new Uint8Array(values).buffer;
}

function message(
  at: number,
  fields: Partial<MessageEvent> & Pick<MessageEvent, 'direction' | 'data'>,
): MessageEvent {
  const text = typeof fields.data === 'string';
  return {
    kind: 'message',
    at,
    sinceOpen: at - (T0 + 40),
    format: text ? 'text' : 'binary',
    size:
      typeof fields.data === 'string' ? new TextEncoder().encode(fields.data).length : fields.data.byteLength,
    ...fields,
  };
}

const SESSION: SessionEvent[] = [
  {
    kind: 'connecting',
    at: T0,
    sinceOpen: null,
    url: 'wss://chat.example.com/socket?room=lobby',
    protocols: ['chat.v2', 'json'],
  },
  {
    kind: 'open',
    at: T0 + 40,
    sinceOpen: 0,
    protocol: 'chat.v2',
    extensions: 'permessage-deflate',
    openMs: 40,
  },
  message(T0 + 100.125, { direction: 'out', data: '{"type":"join"}' }),
  message(T0 + 150.5, { direction: 'in', data: 'héllo ✓ 👋\n' }),
  message(T0 + 200.75, { direction: 'out', data: bytes(0, 1, 2, 255) }),
  message(T0 + 250, { direction: 'in', data: bytes(0xde, 0xad, 0xbe, 0xef) }),
  message(T0 + 300, { direction: 'out', data: 'ping', auto: 'interval' }),
  { kind: 'closing', at: T0 + 400, sinceOpen: 360, initiator: 'client', code: 4001, reason: 'bye' },
  {
    kind: 'close',
    at: T0 + 420,
    sinceOpen: 380,
    code: 4001,
    reason: 'bye',
    wasClean: true,
    initiator: 'client',
    durationMs: 380,
  },
  {
    kind: 'reconnect',
    at: T0 + 421,
    sinceOpen: null,
    phase: 'scheduled',
    attempt: 1,
    maxAttempts: 3,
    delayMs: 1000,
  },
  {
    kind: 'connecting',
    at: T0 + 1421,
    sinceOpen: null,
    url: 'wss://chat.example.com/socket?room=lobby',
    protocols: [],
  },
  { kind: 'error', at: T0 + 1500, sinceOpen: null, message: 'Connection refused' },
  {
    kind: 'close',
    at: T0 + 1501,
    sinceOpen: null,
    code: 1006,
    reason: '',
    wasClean: false,
    initiator: 'server',
    durationMs: null,
  },
];

const OPTIONS = {
  url: 'wss://fallback.test/',
  protocols: ['fallback'],
  creator: { name: 'Frameline', version: '0.1.0' },
};

describe('timelineToNdjson', () => {
  const text = timelineToNdjson(SESSION);
  const lines = text.split('\n');

  it('writes one JSON object per line and ends with a newline', () => {
    expect(text.endsWith('\n')).toBe(true);
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(SESSION.length);
    for (const line of lines) expect(() => JSON.parse(line) as unknown).not.toThrow();
    expect(timelineToNdjson([])).toBe('');
  });

  it('keeps every fact of a close: code, reason, wasClean, initiator and duration', () => {
    const closes = lines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((e) => e.kind === 'close');
    expect(closes).toEqual([
      {
        kind: 'close',
        at: T0 + 420,
        sinceOpen: 380,
        code: 4001,
        durationMs: 380,
        initiator: 'client',
        reason: 'bye',
        wasClean: true,
      },
      {
        kind: 'close',
        at: T0 + 1501,
        sinceOpen: null,
        code: 1006,
        durationMs: null,
        initiator: 'server',
        reason: '',
        wasClean: false,
      },
    ]);
  });

  it('keeps every field of every event, with binary data as base64', () => {
    const parsed = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    parsed.forEach((record, index) => {
      const event = SESSION[index];
      if (event?.kind === 'message' && typeof event.data !== 'string') {
        expect(record).toEqual({ ...event, data: { base64: expect.any(String) } });
        expect(record.format).toBe('binary');
      } else {
        expect(record).toEqual(event);
      }
    });
    expect(parsed[4]?.data).toEqual({ base64: 'AAEC/w==' });
    expect(parsed[6]?.auto).toBe('interval');
  });

  it('writes keys in a fixed order: kind, at, sinceOpen, then the rest alphabetically', () => {
    expect(lines[1]).toBe(
      `{"kind":"open","at":${T0 + 40},"sinceOpen":0,"extensions":"permessage-deflate","openMs":40,"protocol":"chat.v2"}`,
    );
    const shuffled = {
      openMs: 40,
      protocol: 'chat.v2',
      extensions: 'permessage-deflate',
      sinceOpen: 0,
      at: T0 + 40,
      kind: 'open',
    } as const;
    expect(timelineToNdjson([shuffled])).toBe(`${lines[1]}\n`);
  });
});

describe('timelineToHar', () => {
  const har = JSON.parse(timelineToHar(SESSION, OPTIONS)) as {
    log: { version: string; creator: unknown; entries: Record<string, unknown>[] };
  };
  const [opened, failed] = har.log.entries;

  it('writes HAR 1.2 with two-space indentation and one entry per connection attempt', () => {
    expect(timelineToHar(SESSION, OPTIONS).startsWith('{\n  "log": {\n    "version": "1.2"')).toBe(true);
    expect(har.log.creator).toEqual({ name: 'Frameline', version: '0.1.0' });
    expect(har.log.entries).toHaveLength(2);
  });

  it('describes the handshake as Chrome does: GET, the ws URL, 101 with the accepted protocol and extensions', () => {
    expect(opened).toMatchObject({
      _resourceType: 'websocket',
      startedDateTime: '2025-03-14T09:30:00.123Z',
      request: {
        method: 'GET',
        url: 'wss://chat.example.com/socket?room=lobby',
        queryString: [{ name: 'room', value: 'lobby' }],
        headers: expect.arrayContaining([{ name: 'Sec-WebSocket-Protocol', value: 'chat.v2, json' }]),
      },
      response: {
        status: 101,
        headers: expect.arrayContaining([
          { name: 'Sec-WebSocket-Protocol', value: 'chat.v2' },
          { name: 'Sec-WebSocket-Extensions', value: 'permessage-deflate' },
        ]),
      },
      // Until the attempt's last event, the scheduled reconnect.
      timings: { wait: 40, receive: 421 - 40 },
      time: 421,
    });
    expect(failed).toMatchObject({
      response: { status: 0, headers: [] },
      startedDateTime: '2025-03-14T09:30:01.544Z',
    });
    const failedHeaders = (failed?.request as { headers: { name: string }[] }).headers.map((h) => h.name);
    expect(failedHeaders).not.toContain('Sec-WebSocket-Protocol');
  });

  it("writes frames in Chrome's shape: epoch seconds, opcode 1 or 2, binary as base64", () => {
    expect(opened?._webSocketMessages).toEqual([
      { type: 'send', time: (T0 + 100.125) / 1000, opcode: 1, data: '{"type":"join"}' },
      { type: 'receive', time: (T0 + 150.5) / 1000, opcode: 1, data: 'héllo ✓ 👋\n' },
      { type: 'send', time: (T0 + 200.75) / 1000, opcode: 2, data: 'AAEC/w==' },
      { type: 'receive', time: (T0 + 250) / 1000, opcode: 2, data: '3q2+7w==' },
      { type: 'send', time: (T0 + 300) / 1000, opcode: 1, data: 'ping' },
    ]);
    expect(failed?._webSocketMessages).toEqual([]);
  });

  it('uses the options for events recorded before any connecting event', () => {
    const capped = SESSION.slice(2, 4);
    const [entry] = (JSON.parse(timelineToHar(capped, OPTIONS)) as typeof har).log.entries;
    expect(entry?.request).toMatchObject({
      url: 'wss://fallback.test/',
      headers: expect.arrayContaining([{ name: 'Sec-WebSocket-Protocol', value: 'fallback' }]),
    });
    expect(entry?.response).toMatchObject({ status: 0 });
  });

  it('round-trips through the HAR importer: same directions, formats, bytes and times, templates for sends', () => {
    const imported = importHar(JSON.parse(timelineToHar(SESSION, OPTIONS)), {
      newId: () => 'id',
      fileName: 'x.har',
    });
    if (!imported.ok) throw new Error(imported.error.message);
    const original = SESSION.filter((event): event is MessageEvent => event.kind === 'message');
    const events = imported.value.timelines[0]?.events ?? [];
    const back = events.filter((event): event is MessageEvent => event.kind === 'message');
    expect(back.map(comparable)).toEqual(original.map(comparable));
    back.forEach((event, index) => expect(Math.abs(event.at - (original[index]?.at ?? 0))).toBeLessThan(1));
    expect(events[1]).toMatchObject({
      kind: 'open',
      protocol: 'chat.v2',
      extensions: 'permessage-deflate',
      openMs: 40,
    });
    const connection = imported.value.collections[0]?.items[0];
    expect(connection?.type === 'connection' && connection.protocols).toEqual(['chat.v2', 'json']);
    expect(
      connection?.type === 'connection' && connection.templates.map(({ format, body }) => [format, body]),
    ).toEqual([
      ['json', '{"type":"join"}'],
      ['binary', 'AAEC/w=='],
      ['text', 'ping'],
    ]);
  });

  it('round-trips any text and bytes in either direction', () => {
    const frame = fc.record({
      direction: fc.constantFrom('in' as const, 'out' as const),
      data: fc.oneof(
        fc.string({ unit: 'grapheme' }),
        fc.uint8Array({ maxLength: 64 }).map((array) => new Uint8Array(array).buffer),
      ),
      delay: fc.double({ min: 0, max: 10_000, noNaN: true }),
    });
    fc.assert(
      fc.property(fc.array(frame, { maxLength: 12 }), (frames) => {
        let at = T0 + 40;
        const events: SessionEvent[] = [SESSION[0] as SessionEvent, SESSION[1] as SessionEvent];
        for (const { direction, data, delay } of frames)
          events.push(message((at += delay), { direction, data }));
        const imported = importHar(JSON.parse(timelineToHar(events, OPTIONS)), { newId: () => 'id' });
        if (!imported.ok) throw new Error(imported.error.message);
        const back = (imported.value.timelines[0]?.events ?? []).filter((e) => e.kind === 'message');
        expect(back.map(comparable)).toEqual(events.filter((e) => e.kind === 'message').map(comparable));
      }),
    );
  });
});

/** What must survive a HAR round trip; bytes compared as arrays because ArrayBuffers compare by identity. */
function comparable(event: MessageEvent): unknown {
  const data = typeof event.data === 'string' ? event.data : [...new Uint8Array(event.data)];
  return { direction: event.direction, format: event.format, data, size: event.size };
}

describe('secrets in a timeline export', () => {
  const value = 'hunter2 tök\\"/';
  const redactor = createRedactor([
    { name: 'token', value },
    { name: 'other', value: 'never-used' },
  ]);
  const url = new URL(`ws://127.0.0.1:8787/echo?token=${value}`).href;
  const events: SessionEvent[] = [
    { kind: 'connecting', at: T0, sinceOpen: null, url, protocols: ['chat', `bearer.${value}`] },
    { kind: 'open', at: T0 + 1, sinceOpen: 0, protocol: `bearer.${value}`, extensions: '', openMs: 1 },
    message(T0 + 2, { direction: 'out', data: JSON.stringify({ auth: value }) }),
    message(T0 + 3, { direction: 'in', data: `echo ${value}` }),
    message(T0 + 4, { direction: 'in', data: new TextEncoder().encode(`bin ${value}`).buffer }),
    message(T0 + 5, { direction: 'in', data: 'nothing secret' }),
    { kind: 'error', at: T0 + 6, sinceOpen: 5, message: `failed for ${value}` },
    { kind: 'closing', at: T0 + 7, sinceOpen: 6, initiator: 'client', code: 4000, reason: value },
    {
      kind: 'close',
      at: T0 + 8,
      sinceOpen: 7,
      code: 4000,
      reason: value,
      wasClean: true,
      initiator: 'client',
      durationMs: 7,
    },
    {
      kind: 'automation-error',
      at: T0 + 9,
      sinceOpen: null,
      source: 'interval',
      label: value,
      message: `Heartbeat "${value}" not sent`,
    },
  ];
  /** The value as written raw, JSON-escaped (once and twice: a JSON frame inside a JSON file), percent-encoded. */
  const forms = [
    value,
    JSON.stringify(value).slice(1, -1),
    JSON.stringify(JSON.stringify(value).slice(1, -1)).slice(1, -1),
    encodeURIComponent(value),
    new URL(`ws://h/?${value}`).search.slice(1),
    JSON.stringify(new URL(`ws://h/?${value}`).search.slice(1)).slice(1, -1),
  ];
  const base64 = (text: string) => Buffer.from(text).toString('base64');
  const file = (format: 'ndjson' | 'har', includeSecrets: boolean) =>
    timelineFile(prepareExport(events, redactor), {
      format,
      includeSecrets,
      redactor,
      fallback: { url: 'ws://x/', protocols: [] },
      creator: { name: 'Frameline', version: '0' },
    });

  it('counts the entries that hold a secret', () => {
    expect(prepareExport(events, redactor).withSecrets).toBe(events.length - 1);
    expect(prepareExport(events, createRedactor([])).withSecrets).toBe(0);
  });

  it.each(['ndjson', 'har'] as const)('writes {{name}} in %s and no form of the value', (format) => {
    const { text, url: fileUrl } = file(format, false);
    for (const form of forms) expect(text).not.toContain(form);
    expect(text).toContain('{{token}}');
    expect(fileUrl).toBe('ws://127.0.0.1:8787/echo?token={{token}}');
    // Binary frames get the bytes of {{name}}, so their base64 holds none of the value's either.
    expect(text).toContain(base64('bin {{token}}'));
    expect(text).not.toContain(base64(`bin ${value}`).slice(0, 12));
  });

  it('keeps every entry and every other field as it was', () => {
    const lines = file('ndjson', false).text.trimEnd().split('\n');
    expect(lines).toHaveLength(events.length);
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records[0]).toMatchObject({
      url: 'ws://127.0.0.1:8787/echo?token={{token}}',
      protocols: ['chat', 'bearer.{{token}}'],
    });
    expect(records[2]).toMatchObject({
      data: '{"auth":"{{token}}"}',
      size: events[2]?.kind === 'message' ? events[2].size : 0,
    });
    expect(records[5]).toMatchObject({ data: 'nothing secret' });
    expect(records[9]).toMatchObject({ source: 'interval', label: '{{token}}' });
    const har = JSON.parse(file('har', false).text) as {
      log: { entries: { request: { queryString: unknown } }[] };
    };
    expect(har.log.entries[0]?.request.queryString).toEqual([{ name: 'token', value: '{{token}}' }]);
  });

  it.each(['ndjson', 'har'] as const)('writes the values in %s when the user includes them', (format) => {
    const { text } = file(format, true);
    expect(text).not.toContain('{{token}}');
    expect(text).toContain(JSON.stringify(value).slice(1, -1));
    expect(text).toContain(base64(`bin ${value}`));
  });
});
