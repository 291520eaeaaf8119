import { describe, expect, it } from 'vitest';
import { detectLens, isLensId } from './lens-catalog';

const facts = (url: string, offered: string[] = [], negotiated = '') => ({ url, offered, negotiated });

describe('detectLens', () => {
  it('prefers the negotiated subprotocol over what was offered and the path', () => {
    expect(detectLens(facts('ws://h/socket.io/', ['v12.stomp'], 'mqtt'))).toEqual({
      lens: 'mqtt',
      reason: 'subprotocol mqtt',
    });
  });

  it('recognises each protocol by its subprotocol names', () => {
    expect(detectLens(facts('ws://h/', [], 'graphql-transport-ws')).lens).toBe('graphql-ws');
    expect(detectLens(facts('ws://h/', [], 'graphql-ws')).lens).toBe('graphql-ws');
    expect(detectLens(facts('ws://h/', [], 'v11.stomp')).lens).toBe('stomp');
    expect(detectLens(facts('ws://h/', [], 'V10.STOMP')).lens).toBe('stomp');
  });

  it('falls back to the first offered subprotocol that names a protocol', () => {
    expect(detectLens(facts('ws://h/', ['chat', 'v12.stomp', 'mqtt']))).toEqual({
      lens: 'stomp',
      reason: 'subprotocol v12.stomp',
    });
  });

  it('recognises a Socket.IO path, with or without a query, but not a look-alike', () => {
    expect(detectLens(facts('ws://127.0.0.1:8787/socket.io/?EIO=4')).lens).toBe('socket.io');
    expect(detectLens(facts('http://h/socket.io')).lens).toBe('socket.io');
    expect(detectLens(facts('ws://h/api/socket.io/')).lens).toBe('socket.io');
    expect(detectLens(facts('ws://h/socket.iox')).lens).toBe('raw');
    expect(detectLens(facts('ws://socket.io.example/echo')).lens).toBe('raw');
  });

  it('is Raw when nothing suggests a protocol', () => {
    expect(detectLens(facts('ws://127.0.0.1:8787/echo', ['chat.v1']))).toEqual({ lens: 'raw', reason: null });
  });
});

describe('isLensId', () => {
  it('accepts the known ids only', () => {
    expect(isLensId('mqtt')).toBe(true);
    expect(isLensId('amqp')).toBe(false);
    expect(isLensId(undefined)).toBe(false);
  });
});
