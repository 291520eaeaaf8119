import { describe, expect, it } from 'vitest';
import type { ComposerValues } from '../lens';
import { socketIoLens, socketIoUrl } from './socket-io-lens';

const state = socketIoLens.machine.initial({});
const encode = (formId: string, values: ComposerValues, at = state) =>
  socketIoLens.encode(formId, values, at);

describe('socketIoLens', () => {
  it('is the socket.io lens, with its URL helper beside it', () => {
    expect(socketIoLens.id).toBe('socket.io');
    expect(socketIoUrl('ws://h')).toEqual({ ok: true, value: 'ws://h/socket.io/?EIO=4&transport=websocket' });
    expect(socketIoLens.forms.map((form) => [form.id, form.label])).toEqual([
      ['emit', 'Emit'],
      ['connect', 'Connect to namespace'],
      ['disconnect', 'Leave namespace'],
    ]);
  });

  it('emits an event with a JSON array of arguments, or one argument', () => {
    expect(
      encode('emit', { event: 'chat message', args: '["hi", {"n":1}]', namespace: '/', ack: false }),
    ).toEqual({
      ok: true,
      value: ['42["chat message","hi",{"n":1}]'],
    });
    expect(encode('emit', { event: 'hello', args: '"world"', namespace: '', ack: false })).toEqual({
      ok: true,
      value: ['42["hello","world"]'],
    });
    expect(encode('emit', { event: 'ping', args: '  ', namespace: '/admin' })).toEqual({
      ok: true,
      value: ['42/admin,["ping"]'],
    });
  });

  it('asks for an acknowledgement with the next ack id', () => {
    expect(encode('emit', { event: 'save', args: '[1]', namespace: '/admin', ack: true })).toEqual({
      ok: true,
      value: ['42/admin,1["save",1]'],
    });
    const later = { ...state, lastAckId: 41 };
    expect(encode('emit', { event: 'save', args: '', namespace: '/', ack: true }, later)).toEqual({
      ok: true,
      value: ['4242["save"]'],
    });
  });

  it('connects to and leaves namespaces', () => {
    expect(encode('connect', { namespace: '/admin', auth: '' })).toEqual({ ok: true, value: ['40/admin,'] });
    expect(encode('connect', { namespace: '/admin', auth: '{"token":"123"}' })).toEqual({
      ok: true,
      value: ['40/admin,{"token":"123"}'],
    });
    expect(encode('connect', { namespace: '/' })).toEqual({ ok: true, value: ['40'] });
    expect(encode('disconnect', { namespace: '/admin' })).toEqual({ ok: true, value: ['41/admin,'] });
    expect(encode('disconnect', { namespace: '/' })).toEqual({ ok: true, value: ['41'] });
  });

  it('names the field that is wrong', () => {
    expect(encode('emit', { event: ' ', args: '[]' })).toEqual({ ok: false, error: 'Event name: required' });
    expect(encode('emit', { event: 'disconnect' })).toEqual({
      ok: false,
      error: 'Event name: "disconnect" is reserved by Socket.IO',
    });
    const badArgs = encode('emit', { event: 'x', args: '[1,' });
    expect(badArgs.ok ? '' : badArgs.error).toMatch(/^Arguments: not JSON: /);
    expect(encode('emit', { event: 'x', namespace: 'admin' })).toEqual({
      ok: false,
      error: 'Namespace: must start with "/", like /admin',
    });
    expect(encode('disconnect', { namespace: '/a,b' })).toEqual({
      ok: false,
      error: 'Namespace: must not contain a comma (it ends the namespace on the wire)',
    });
    expect(encode('connect', { namespace: '/', auth: '[1]' })).toEqual({
      ok: false,
      error: 'Auth: must be a JSON object',
    });
    const badAuth = encode('connect', { namespace: '/', auth: '{' });
    expect(badAuth.ok ? '' : badAuth.error).toMatch(/^Auth: not JSON: /);
    expect(encode('publish', {})).toEqual({ ok: false, error: 'Unknown form "publish"' });
  });

  it('decodes what it encodes', () => {
    const sent = encode('emit', { event: 'save', args: '[{"a":[1,2]}]', namespace: '/admin', ack: true });
    if (!sent.ok) throw new Error(sent.error);
    const decoded = socketIoLens.decode(
      { direction: 'out', data: sent.value[0] as string },
      { protocol: '' },
    );
    expect(decoded).toMatchObject({
      ok: true,
      messages: [
        { value: { type: 'event', namespace: '/admin', name: 'save', args: [{ a: [1, 2] }], ackId: 1 } },
      ],
    });
  });
});
