import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DecodeContext, LensFrame, ProtocolMessage } from '../lens';
import { decodeSocketIoFrame, learnSocketIo } from './socket-io-decode';

const NONE: DecodeContext = { protocol: '' };
const inbound = (data: string | ArrayBuffer): LensFrame => ({ direction: 'in', data });
const outbound = (data: string | ArrayBuffer): LensFrame => ({ direction: 'out', data });

function only(frame: LensFrame, context: DecodeContext = NONE): ProtocolMessage {
  const decoded = decodeSocketIoFrame(frame, context);
  if (!decoded.ok) throw new Error(`expected a message, got: ${decoded.reason}`);
  expect(decoded.messages).toHaveLength(1);
  return decoded.messages[0] as ProtocolMessage;
}

function reason(frame: LensFrame): string {
  const decoded = decodeSocketIoFrame(frame, NONE);
  return decoded.ok ? 'decoded' : decoded.reason;
}

describe('Engine.IO packets', () => {
  it('shows the open handshake of the specification', () => {
    const open = only(
      inbound(
        '0{"sid":"lv_VI97HAXpY6yYWAAAC","upgrades":["websocket"],"pingInterval":25000,"pingTimeout":5000,"maxPayload":1000000}',
      ),
    );
    expect(open.type).toBe('open');
    expect(open.summary).toBe('open sid lv_VI97HAXpY6yYWAAAC, ping every 25000 ms, timeout 5000 ms');
    expect(open.value).toEqual({
      type: 'open',
      sid: 'lv_VI97HAXpY6yYWAAAC',
      upgrades: ['websocket'],
      pingInterval: 25000,
      pingTimeout: 5000,
      maxPayload: 1000000,
    });
    expect(open.fields).toEqual([
      { label: 'Session id', value: 'lv_VI97HAXpY6yYWAAAC' },
      { label: 'Upgrades', value: 'websocket' },
      { label: 'Ping interval', value: '25000 ms' },
      { label: 'Ping timeout', value: '5000 ms' },
      { label: 'Max payload', value: '1000000 bytes' },
    ]);
  });

  it('refuses an open packet that is not a JSON object', () => {
    expect(reason(inbound('0{"sid"'))).toMatch(/^Engine.IO open handshake is not JSON: /);
    expect(reason(inbound('0[]'))).toBe('Engine.IO open handshake must be a JSON object');
  });

  it('shows pings, probes, pongs, upgrade, noop and close', () => {
    expect(only(inbound('2'))).toMatchObject({ type: 'ping', summary: 'ping', value: { type: 'ping' } });
    expect(only(inbound('2')).note).toMatch(/must answer with pong/);
    expect(only(inbound('2probe'))).toMatchObject({
      summary: 'ping probe',
      value: { type: 'ping', data: 'probe' },
    });
    expect(only(outbound('3probe')).value).toEqual({ type: 'pong', data: 'probe' });
    expect(only(outbound('5')).value).toEqual({ type: 'upgrade' });
    expect(only(inbound('6')).value).toEqual({ type: 'noop' });
    expect(only(outbound('1'))).toMatchObject({ type: 'close', value: { type: 'close' } });
    expect(only(outbound('1')).note).toMatch(/^The client ends the Engine.IO session/);
    expect(only(inbound('1')).note).toMatch(/^The server ends the Engine.IO session/);
  });

  it('refuses empty frames, unknown types and messages that are not Socket.IO', () => {
    expect(reason(inbound(''))).toBe('Empty frame: an Engine.IO packet starts with its type digit 0–6');
    expect(reason(inbound('{"a":1}'))).toBe('Unknown Engine.IO packet type "{": expected a digit 0–6');
    expect(reason(inbound('4hello'))).toBe('Unknown Socket.IO packet type "h": expected a digit 0–6');
  });
});

describe('Socket.IO packets', () => {
  it('shows the client CONNECT with its auth and the server CONNECT with the sid', () => {
    expect(only(outbound('40'))).toMatchObject({
      type: 'CONNECT',
      summary: 'connect /',
      value: { type: 'connect', namespace: '/' },
    });
    const withAuth = only(outbound('40/admin,{"token":"123"}'));
    expect(withAuth.summary).toBe('connect /admin auth {"token":"123"}');
    expect(withAuth.value).toEqual({ type: 'connect', namespace: '/admin', auth: { token: '123' } });
    const granted = only(inbound('40/admin,{"sid":"-G5j-67EZFp-q59rADQM"}'));
    expect(granted.summary).toBe('connected /admin sid -G5j-67EZFp-q59rADQM');
    expect(granted.value).toEqual({ type: 'connect', namespace: '/admin', sid: '-G5j-67EZFp-q59rADQM' });
  });

  it('shows a refused connection as an error with its message', () => {
    const refused = only(inbound('44{"message":"Not authorized","data":{"code":7}}'));
    expect(refused).toMatchObject({
      type: 'CONNECT_ERROR',
      summary: 'connect error: Not authorized',
      error: 'Not authorized',
      value: { type: 'connect-error', namespace: '/', message: 'Not authorized', data: { code: 7 } },
    });
    expect(only(inbound('44/admin,"nope"')).summary).toBe('connect error /admin: nope');
  });

  it('explains who left a namespace', () => {
    const left = only(outbound('41/admin,'));
    expect(left).toMatchObject({
      type: 'DISCONNECT',
      summary: 'disconnect /admin',
      value: { type: 'disconnect', namespace: '/admin' },
    });
    expect(left.note).toBe('The client left namespace /admin; the server sends no reply.');
    expect(only(inbound('41')).note).toMatch(/^The server removed this client from namespace \//);
  });

  it('shows an EVENT as name(args…)', () => {
    const event = only(inbound('42["chat message","hi",{"n":1}]'));
    expect(event).toMatchObject({
      type: 'EVENT',
      summary: 'chat message("hi", {"n":1})',
      body: '["chat message","hi",{"n":1}]',
      value: { type: 'event', namespace: '/', name: 'chat message', args: ['hi', { n: 1 }] },
    });
    expect(event.correlation).toBeUndefined();
    expect(only(inbound('42["hey"]')).summary).toBe('hey()');
  });

  it('correlates an EVENT that asks for an ack with its ACK', () => {
    const event = only(outbound('42/admin,1["tellme"]'));
    expect(event.summary).toBe('/admin tellme() · ack id 1');
    expect(event.value).toEqual({ type: 'event', namespace: '/admin', name: 'tellme', args: [], ackId: 1 });
    expect(event.correlation).toEqual({ key: 'ack:/admin:1', role: 'request' });
    const ack = only(inbound('43/admin,1["bar",2]'));
    expect(ack.summary).toBe('/admin ack 1: "bar", 2');
    expect(ack.value).toEqual({ type: 'ack', namespace: '/admin', ackId: 1, args: ['bar', 2] });
    expect(ack.correlation).toEqual({ key: 'ack:/admin:1', role: 'reply' });
    expect(only(inbound('4312[]')).summary).toBe('ack 12: no data');
  });

  it('shows binary placeholders readably and counts attachments', () => {
    const upload = only(
      outbound('452-["upload",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}]'),
    );
    expect(upload.type).toBe('BINARY_EVENT');
    expect(upload.summary).toBe('upload(<attachment 1>, <attachment 2>)');
    expect(upload.value).toMatchObject({ type: 'binary-event', name: 'upload', attachments: 2 });
    expect(upload.fields).toContainEqual({ label: 'Attachments', value: '2' });
    expect(upload.note).toBe('2 binary frames follow, one per placeholder.');
    const binaryAck = only(inbound('461-/admin,1[{"_placeholder":true,"num":0}]'));
    expect(binaryAck).toMatchObject({
      type: 'BINARY_ACK',
      summary: '/admin ack 1: <attachment 1>',
      value: { type: 'binary-ack', namespace: '/admin', ackId: 1, attachments: 1 },
      correlation: { key: 'ack:/admin:1', role: 'reply' },
    });
  });

  it('refuses packets the protocol forbids, saying why', () => {
    expect(reason(outbound('42[]'))).toBe('EVENT payload must be a non-empty array: [name, ...args]');
    expect(reason(inbound('42["connect"]'))).toBe('EVENT name "connect" is reserved by Socket.IO');
    expect(reason(inbound('42["x",'))).toMatch(/^EVENT payload is not JSON: /);
  });
});

describe('binary attachments', () => {
  const header = outbound('452-["upload",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}]');
  const bytes = (n: number) => new Uint8Array(n).buffer;

  /** Decodes frames as the shell does: each with the context its own `learn` returned. */
  function timeline(frames: readonly LensFrame[]): { summary: string; value: unknown }[] {
    let context = NONE;
    return frames.map((frame) => {
      context = learnSocketIo(context, frame);
      const message = only(frame, context);
      return { summary: message.summary, value: message.value };
    });
  }

  it('numbers each attachment of a binary packet', () => {
    const rows = timeline([header, outbound(bytes(4)), outbound(bytes(2)), outbound(bytes(1))]);
    expect(rows.map((row) => row.summary)).toEqual([
      'upload(<attachment 1>, <attachment 2>)',
      'attachment 1 of 2 of upload(<attachment 1>, <attachment 2>) · 4 B',
      'attachment 2 of 2 of upload(<attachment 1>, <attachment 2>) · 2 B',
      'binary message · 1 B',
    ]);
    expect(rows[1]?.value).toEqual({
      type: 'attachment',
      num: 0,
      count: 2,
      of: 'upload(<attachment 1>, <attachment 2>)',
      byteLength: 4,
    });
  });

  it('numbers the one attachment of a BINARY_ACK, as a server sends it', () => {
    const rows = timeline([
      inbound('461-/admin,1[{"_placeholder":true,"num":0}]'),
      inbound(bytes(8)),
      inbound('2'),
    ]);
    expect(rows.map((row) => row.summary)).toEqual([
      '/admin ack 1: <attachment 1>',
      'attachment 1 of 1 of /admin ack 1: <attachment 1> · 8 B',
      'ping',
    ]);
  });

  it('keeps the count through frames of the other direction', () => {
    const rows = timeline([
      header,
      inbound('2'),
      outbound('3'),
      inbound(bytes(3)),
      outbound(bytes(4)),
      outbound(bytes(5)),
    ]);
    expect(rows.map((row) => row.summary)).toEqual([
      'upload(<attachment 1>, <attachment 2>)',
      'ping',
      'pong',
      'binary message · 3 B',
      'attachment 1 of 2 of upload(<attachment 1>, <attachment 2>) · 4 B',
      'attachment 2 of 2 of upload(<attachment 1>, <attachment 2>) · 5 B',
    ]);
  });

  it('drops the record once every attachment came, at the next frame', () => {
    const announced = learnSocketIo(NONE, inbound('451-["f",{"_placeholder":true,"num":0}]'));
    const last = learnSocketIo(announced, inbound(bytes(1)));
    expect(last.attachments).toMatchObject({ next: 1, count: 1 });
    expect(learnSocketIo(last, inbound('2'))).toEqual(NONE);
    expect(learnSocketIo(last, inbound(bytes(1)))).toEqual(NONE);
  });

  it('leaves the context alone for frames that change nothing', () => {
    const pending = learnSocketIo(NONE, header);
    expect(learnSocketIo(pending, inbound(bytes(3)))).toBe(pending);
    expect(learnSocketIo(pending, inbound('42["x"]'))).toBe(pending);
    expect(learnSocketIo(NONE, outbound('42["x"]'))).toBe(NONE);
    expect(learnSocketIo(NONE, outbound(bytes(1)))).toBe(NONE);
    expect(learnSocketIo(NONE, outbound('450-["x"]'))).toBe(NONE);
  });

  it('shows a binary frame nobody announced as a plain binary message', () => {
    expect(only(inbound(bytes(3)))).toMatchObject({
      type: 'binary',
      value: { type: 'binary', byteLength: 3 },
    });
  });
});

describe('decoding arbitrary input', () => {
  const context: fc.Arbitrary<DecodeContext> = fc.record({
    protocol: fc.string(),
    attachments: fc.option(
      fc.record({
        direction: fc.constantFrom('in' as const, 'out' as const),
        of: fc.string(),
        next: fc.nat(),
        count: fc.nat(),
      }),
      { nil: undefined },
    ),
  });
  const frame: fc.Arbitrary<LensFrame> = fc.record({
    direction: fc.constantFrom('in' as const, 'out' as const),
    data: fc.oneof(
      fc.string(),
      fc.string().map((text) => `4${text}`),
      fc
        .constantFrom('40', '42', '45', '46', '43')
        .chain((prefix) => fc.string().map((text) => prefix + text)),
      fc.uint8Array().map((array) => array.buffer as ArrayBuffer),
    ),
  });

  it('never throws, in decode or learn', () => {
    fc.assert(
      fc.property(frame, context, (data, facts) => {
        const decoded = decodeSocketIoFrame(data, facts);
        if (decoded.ok) expect(decoded.messages.length).toBeGreaterThan(0);
        else expect(decoded.reason).not.toBe('');
        expect(learnSocketIo(facts, data)).toBeTypeOf('object');
      }),
    );
  });
});
