import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ComposerValues, DecodeContext, LensFrame, LensInput, ProtocolMessage } from '../lens';
import { stompLens, type StompDecodeContext } from './stomp-lens';
import type { StompState } from './stomp-machine';

const V12: DecodeContext = { protocol: 'v12.stomp' };
const inbound = (data: string | ArrayBuffer): LensFrame => ({ direction: 'in', data });
const outbound = (data: string): LensFrame => ({ direction: 'out', data });

function messages(data: string | ArrayBuffer, context: DecodeContext = V12): ProtocolMessage[] {
  const decoded = stompLens.decode(inbound(data), context);
  if (!decoded.ok) throw new Error(decoded.reason);
  return decoded.messages;
}

function only(data: string, context: DecodeContext = V12): ProtocolMessage {
  const [message, ...rest] = messages(data, context);
  expect(rest).toEqual([]);
  if (message === undefined) throw new Error('no message');
  return message;
}

function stateAfter(inputs: readonly LensInput[]): StompState {
  let state = stompLens.machine.initial({});
  for (const input of inputs) state = stompLens.machine.step(state, input, 0).state;
  return state;
}

function encoded(formId: string, values: ComposerValues, state = stompLens.machine.initial({})): string[] {
  const result = stompLens.encode(formId, values, state);
  if (!result.ok) throw new Error(result.error);
  return result.value.map((frame) => (typeof frame === 'string' ? frame : new TextDecoder().decode(frame)));
}

describe('stompLens.decode', () => {
  it('summarizes a SUBSCRIBE and groups it with its subscription', () => {
    const message = only('SUBSCRIBE\nid:sub-1\ndestination:/topic/chat\nack:auto\n\n\0');
    expect(message).toMatchObject({
      type: 'SUBSCRIBE',
      summary: 'SUBSCRIBE /topic/chat (id sub-1, ack auto)',
      correlation: { key: 'subscription:sub-1', role: 'member' },
      value: {
        command: 'SUBSCRIBE',
        headers: { id: 'sub-1', destination: '/topic/chat', ack: 'auto' },
        body: '',
      },
    });
    expect(only('SUBSCRIBE\nid:0\ndestination:/queue/foo\n\n\0').summary).toBe(
      'SUBSCRIBE /queue/foo (id 0, ack auto)',
    );
  });

  it('summarizes a MESSAGE with a body preview and correlates it with its subscription', () => {
    const message = only(
      'MESSAGE\nsubscription:sub-1\nmessage-id:007\ndestination:/topic/chat\ncontent-type:text/plain\n\nhello\n  there\0',
    );
    expect(message).toMatchObject({
      type: 'MESSAGE',
      summary: 'MESSAGE /topic/chat: hello there',
      body: 'hello\n  there',
      correlation: { key: 'subscription:sub-1', role: 'member' },
      fields: [
        { label: 'Command', value: 'MESSAGE' },
        { label: 'subscription', value: 'sub-1' },
        { label: 'message-id', value: '007' },
        { label: 'destination', value: '/topic/chat' },
        { label: 'content-type', value: 'text/plain' },
        { label: 'Body size', value: '13 bytes' },
      ],
    });
    const long = only(`MESSAGE\ndestination:/t\n\n${'x'.repeat(200)}\0`).summary;
    expect(long.length).toBeLessThan(100);
    expect(long.endsWith('…')).toBe(true);
  });

  it('parses a JSON body into value.json', () => {
    const message = only('MESSAGE\ndestination:/t\ncontent-type:application/json;charset=UTF-8\n\n{"n":1}\0');
    expect(message.value).toEqual({
      command: 'MESSAGE',
      headers: { destination: '/t', 'content-type': 'application/json;charset=UTF-8' },
      body: '{"n":1}',
      json: { n: 1 },
    });
  });

  it('reports an ERROR frame as an error', () => {
    const body =
      'The message:\n-----\nMESSAGE\ndestined:/queue/a\n\nHello queue a!\n-----\nDid not contain a destination header';
    const message = only(
      `ERROR\nreceipt-id:message-12345\ncontent-type:text/plain\ncontent-length:${new TextEncoder().encode(body).length}\nmessage:malformed frame received\n\n${body}\0`,
    );
    expect(message).toMatchObject({
      type: 'ERROR',
      summary: 'ERROR: malformed frame received',
      error: 'malformed frame received',
      body,
    });
  });

  it('pairs a receipt request with its RECEIPT', () => {
    expect(only('SEND\ndestination:/queue/a\nreceipt:3\n\nhi\0')).toMatchObject({
      summary: 'SEND /queue/a (receipt 3): hi',
      correlation: { key: 'receipt:3', role: 'request' },
    });
    expect(only('RECEIPT\nreceipt-id:3\n\n\0')).toMatchObject({
      summary: 'RECEIPT receipt-id 3',
      correlation: { key: 'receipt:3', role: 'reply' },
    });
    expect(only('DISCONNECT\nreceipt:77\n\n\0')).toMatchObject({
      summary: 'DISCONNECT (receipt 77)',
      correlation: { key: 'receipt:77', role: 'request' },
    });
  });

  it('shows every repeated header in fields but only the first in the value', () => {
    const message = only('MESSAGE\nfoo:World\nfoo:Hello\n\n\0');
    expect(message.fields.slice(1)).toEqual([
      { label: 'foo', value: 'World' },
      { label: 'foo (repeated, ignored)', value: 'Hello' },
    ]);
    expect(message.value).toMatchObject({ headers: { foo: 'World' } });
  });

  it('decodes heart-beats, several frames per message, and binary frames', () => {
    expect(only('\n')).toMatchObject({ type: 'heart-beat', value: { command: 'heart-beat' } });
    expect(messages('\r\n').map((m) => m.type)).toEqual(['heart-beat']);
    expect(
      messages('RECEIPT\nreceipt-id:1\n\n\0\nRECEIPT\nreceipt-id:2\n\n\0').map((m) => m.summary),
    ).toEqual(['RECEIPT receipt-id 1', 'RECEIPT receipt-id 2']);
    const bytes = new TextEncoder().encode('RECEIPT\nreceipt-id:9\n\n\0');
    expect(messages(bytes.buffer).map((m) => m.summary)).toEqual(['RECEIPT receipt-id 9']);
  });

  it('summarizes connection frames', () => {
    expect(only('CONNECT\naccept-version:1.2\nhost:stomp.github.org\n\n\0').summary).toBe(
      'CONNECT stomp.github.org (accept-version 1.2)',
    );
    expect(only('CONNECTED\nversion:1.2\nheart-beat:0,0\nserver:ActiveMQ/6\n\n\0').summary).toBe(
      'CONNECTED version 1.2 (heart-beat 0,0, ActiveMQ/6)',
    );
  });

  it('escapes by the version: 1.2 by default, CONNECTED-learned, or the subprotocol', () => {
    const frame = 'MESSAGE\ndestination:/a\\tb\n\n\0';
    expect(stompLens.decode(inbound(frame), { protocol: '' })).toMatchObject({ ok: false });
    const v10: StompDecodeContext = { protocol: '', stompVersion: '1.0' };
    expect(only(frame, v10).summary).toBe('MESSAGE /a\\tb');
    expect(only(frame, { protocol: 'v10.stomp' }).summary).toBe('MESSAGE /a\\tb');
    expect(only('MESSAGE\ndestination:/a\\cb\n\n\0', { protocol: 'v12.stomp' }).summary).toBe('MESSAGE /a:b');
  });

  it('gives the reason for malformed frames', () => {
    expect(stompLens.decode(inbound('MESSAGE\ndestination:/a\\x\n\n\0'), V12)).toEqual({
      ok: false,
      reason: 'MESSAGE header "destination": undefined escape \\x (STOMP 1.2 defines only \\r \\n \\c \\\\)',
    });
  });

  it('never throws on arbitrary frames', () => {
    const context = fc.constantFrom<DecodeContext>(V12, { protocol: '' }, { protocol: 'v10.stomp' });
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.uint8Array().map((b) => b.slice().buffer),
        ),
        context,
        (data, ctx) => {
          stompLens.decode(inbound(data), ctx);
          stompLens.learn?.(ctx, inbound(data));
        },
      ),
    );
  });
});

describe('stompLens.learn', () => {
  const learn = (context: DecodeContext, data: string) => stompLens.learn?.(context, inbound(data));

  it('learns the version from CONNECTED when the subprotocol names none', () => {
    const empty: DecodeContext = { protocol: '' };
    expect(learn(empty, 'CONNECTED\nversion:1.1\n\n\0')).toEqual({ protocol: '', stompVersion: '1.1' });
    expect(learn(empty, '\nCONNECTED\nsession:x\n\n\0')).toEqual({ protocol: '', stompVersion: '1.0' });
  });

  it('returns the same context when nothing changes', () => {
    const empty: DecodeContext = { protocol: '' };
    expect(learn(empty, 'MESSAGE\n\n\0')).toBe(empty);
    expect(learn(V12, 'CONNECTED\nversion:1.0\n\n\0')).toBe(V12);
    const known: StompDecodeContext = { protocol: '', stompVersion: '1.1' };
    expect(learn(known, 'CONNECTED\nversion:1.1\n\n\0')).toBe(known);
    expect(stompLens.learn?.(empty, outbound('CONNECTED\nversion:1.1\n\n\0'))).toBe(empty);
  });
});

describe('stompLens.encode', () => {
  const connectedState = stateAfter([
    { kind: 'open', protocol: 'v12.stomp' },
    {
      kind: 'frame',
      frame: outbound('SUBSCRIBE\nid:sub-1\ndestination:/topic/a\n\n\0SEND\ndestination:/a\nreceipt:4\n\n\0'),
    },
  ]);

  it('writes CONNECT with the defaults, unescaped', () => {
    const values = {
      host: '/',
      heartBeat: '10000,10000',
      acceptVersion: '1.2,1.1,1.0',
      login: '',
      passcode: '',
    };
    expect(encoded('connect', values)).toEqual([
      'CONNECT\naccept-version:1.2,1.1,1.0\nhost:/\nheart-beat:10000,10000\n\n\0',
    ]);
    expect(encoded('connect', { ...values, login: 'guest', passcode: 'p:a\\ss' })).toEqual([
      'CONNECT\naccept-version:1.2,1.1,1.0\nhost:/\nlogin:guest\npasscode:p:a\\ss\nheart-beat:10000,10000\n\n\0',
    ]);
  });

  it('writes SUBSCRIBE with the next sub-N, or the id given', () => {
    expect(
      encoded('subscribe', { destination: '/topic/chat', ack: 'client', id: '' }, connectedState),
    ).toEqual(['SUBSCRIBE\nid:sub-2\ndestination:/topic/chat\nack:client\n\n\0']);
    expect(encoded('subscribe', { destination: '/topic/a:b', ack: 'auto', id: 'mine' })).toEqual([
      'SUBSCRIBE\nid:mine\ndestination:/topic/a\\cb\nack:auto\n\n\0',
    ]);
  });

  it('writes SEND with content-type, content-length and the next receipt', () => {
    expect(
      encoded(
        'send',
        { destination: '/queue/a', contentType: 'text/plain', body: 'hé', receipt: true },
        connectedState,
      ),
    ).toEqual(['SEND\ndestination:/queue/a\ncontent-type:text/plain\nreceipt:5\ncontent-length:3\n\nhé\0']);
    expect(encoded('send', { destination: '/queue/a', contentType: '', body: '', receipt: false })).toEqual([
      'SEND\ndestination:/queue/a\n\n\0',
    ]);
  });

  it('writes UNSUBSCRIBE and DISCONNECT with a receipt', () => {
    expect(encoded('unsubscribe', { id: 'sub-1' })).toEqual(['UNSUBSCRIBE\nid:sub-1\n\n\0']);
    expect(encoded('disconnect', {}, connectedState)).toEqual(['DISCONNECT\nreceipt:5\n\n\0']);
    expect(encoded('disconnect', {})).toEqual(['DISCONNECT\nreceipt:1\n\n\0']);
  });

  it('encodes what it decodes', () => {
    const [frame] = encoded('send', {
      destination: '/a\nb',
      contentType: 'text/plain',
      body: 'x\0y',
      receipt: true,
    });
    expect(only(frame ?? '').value).toEqual({
      command: 'SEND',
      headers: { destination: '/a\nb', 'content-type': 'text/plain', receipt: '1', 'content-length': '3' },
      body: 'x\0y',
    });
  });

  it.each([
    ['subscribe', { destination: ' ', ack: 'auto', id: '' }, 'Destination: required'],
    [
      'subscribe',
      { destination: '/t', ack: 'sometimes', id: '' },
      'Ack: "sometimes" is not auto, client or client-individual',
    ],
    [
      'subscribe',
      { destination: '/t', ack: 'auto', id: 'sub-1' },
      'ID: sub-1 is already subscribed on this connection',
    ],
    ['send', { destination: '', body: 'x' }, 'Destination: required'],
    ['unsubscribe', { id: '' }, 'ID: required'],
    ['connect', { heartBeat: 'often' }, 'Heart-beat: "often" is not two millisecond counts like 10000,10000'],
    [
      'connect',
      { acceptVersion: '1.2,2.0' },
      'Accept version: "2.0" is not a STOMP version (1.0, 1.1 or 1.2)',
    ],
    ['connect', { host: 'a\nb' }, 'Host: cannot hold a line break in a CONNECT frame (no escaping there)'],
    ['nope', {}, 'Unknown STOMP form "nope"'],
  ])('%s %j → %s', (formId, values, error) => {
    expect(stompLens.encode(formId, values, connectedState)).toEqual({ ok: false, error });
  });

  it('offers the forms of the brief', () => {
    expect(
      stompLens.forms.map((form) => [form.id, form.label, form.fields.map((field) => field.name)]),
    ).toEqual([
      ['connect', 'Connect', ['host', 'login', 'passcode', 'heartBeat', 'acceptVersion']],
      ['subscribe', 'Subscribe', ['destination', 'ack', 'id']],
      ['send', 'Send', ['destination', 'contentType', 'body', 'receipt']],
      ['unsubscribe', 'Unsubscribe', ['id']],
      ['disconnect', 'Disconnect', []],
    ]);
  });
});

describe('stompLens.actions', () => {
  const actions = (message: ProtocolMessage, state: StompState) =>
    (stompLens.actions?.(message, state) ?? []).map((action) => [action.label, ...action.frames]);

  it('offers ACK and NACK on a 1.2 MESSAGE with an ack header', () => {
    const state = stateAfter([{ kind: 'open', protocol: 'v12.stomp' }]);
    const message = only('MESSAGE\nsubscription:sub-1\nmessage-id:7\nack:a\\c1\ndestination:/q\n\nx\0');
    expect(actions(message, state)).toEqual([
      ['ACK', 'ACK\nid:a\\c1\n\n\0'],
      ['NACK', 'NACK\nid:a\\c1\n\n\0'],
    ]);
    expect(actions(only('MESSAGE\nsubscription:sub-1\nmessage-id:7\n\nx\0'), state)).toEqual([]);
  });

  it('acks by subscription and message-id in 1.1, when the subscription acks by hand', () => {
    const state = stateAfter([
      { kind: 'open', protocol: 'v11.stomp' },
      { kind: 'frame', frame: outbound('SUBSCRIBE\nid:s\ndestination:/q\nack:client\n\n\0') },
    ]);
    const message = only('MESSAGE\nsubscription:s\nmessage-id:7\n\nx\0', { protocol: 'v11.stomp' });
    expect(actions(message, state)).toEqual([
      ['ACK', 'ACK\nsubscription:s\nmessage-id:7\n\n\0'],
      ['NACK', 'NACK\nsubscription:s\nmessage-id:7\n\n\0'],
    ]);
    const auto = only('MESSAGE\nsubscription:other\nmessage-id:7\n\nx\0', { protocol: 'v11.stomp' });
    expect(actions(auto, state)).toEqual([]);
  });

  it('offers Unsubscribe on a SUBSCRIBE while it is open', () => {
    const subscribe = 'SUBSCRIBE\nid:sub-1\ndestination:/topic/chat\n\n\0';
    const open = stateAfter([
      { kind: 'open', protocol: '' },
      { kind: 'frame', frame: outbound(subscribe) },
    ]);
    expect(actions(only(subscribe), open)).toEqual([['Unsubscribe', 'UNSUBSCRIBE\nid:sub-1\n\n\0']]);
    const gone = stompLens.machine.step(
      open,
      { kind: 'frame', frame: outbound('UNSUBSCRIBE\nid:sub-1\n\n\0') },
      0,
    );
    expect(actions(only(subscribe), gone.state)).toEqual([]);
  });
});
