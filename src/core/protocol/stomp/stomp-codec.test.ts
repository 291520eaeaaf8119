import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bodyText,
  decodeStompUnits,
  encodeStompFrame,
  type StompUnit,
  type StompVersion,
} from './stomp-codec';

function frames(units: StompUnit[]) {
  return units.map((unit) =>
    unit.kind === 'heart-beat'
      ? 'heart-beat'
      : { command: unit.frame.command, headers: unit.frame.headers, body: bodyText(unit.frame) },
  );
}

function decodeOk(data: string | Uint8Array, version: StompVersion = '1.2') {
  const decoded = decodeStompUnits(data, version);
  if (!decoded.ok) throw new Error(decoded.error);
  return frames(decoded.value);
}

function decodeError(data: string | Uint8Array, version: StompVersion = '1.2'): string {
  const decoded = decodeStompUnits(data, version);
  if (decoded.ok) throw new Error('decoded');
  return decoded.error;
}

describe('decodeStompUnits: frames from the STOMP 1.2 specification', () => {
  it('reads a SEND frame with its headers and body', () => {
    expect(decodeOk('SEND\ndestination:/queue/a\ncontent-type:text/plain\n\nhello queue a\0')).toEqual([
      {
        command: 'SEND',
        headers: [
          { name: 'destination', value: '/queue/a' },
          { name: 'content-type', value: 'text/plain' },
        ],
        body: 'hello queue a',
      },
    ]);
  });

  it('reads CR LF line ends and the optional EOLs after the NUL', () => {
    expect(decodeOk('CONNECT\r\naccept-version:1.2\r\nhost:stomp.github.org\r\n\r\n\0\r\n\n')).toEqual([
      {
        command: 'CONNECT',
        headers: [
          { name: 'accept-version', value: '1.2' },
          { name: 'host', value: 'stomp.github.org' },
        ],
        body: '',
      },
    ]);
  });

  it('keeps repeated headers in order (the first is the one that counts)', () => {
    const [frame] = decodeOk('MESSAGE\nfoo:World\nfoo:Hello\n\n\0');
    expect(frame).toMatchObject({
      headers: [
        { name: 'foo', value: 'World' },
        { name: 'foo', value: 'Hello' },
      ],
    });
  });

  it('decodes a bare EOL as a heart-beat, LF or CR LF', () => {
    expect(decodeOk('\n')).toEqual(['heart-beat']);
    expect(decodeOk('\r\n')).toEqual(['heart-beat']);
    expect(decodeOk('\n\n')).toEqual(['heart-beat', 'heart-beat']);
  });

  it('decodes frames back to back, with heart-beats before them', () => {
    const units = decodeOk(
      '\nRECEIPT\nreceipt-id:1\n\n\0\nMESSAGE\nsubscription:0\n\nx\0RECEIPT\nreceipt-id:2\n\n\0',
    );
    expect(units.map((unit) => (typeof unit === 'string' ? unit : unit.command))).toEqual([
      'heart-beat',
      'RECEIPT',
      'MESSAGE',
      'RECEIPT',
    ]);
  });

  it('honours content-length: the body may then hold NUL bytes', () => {
    const [frame] = decodeOk('MESSAGE\ncontent-length:5\n\na\0b\0c\0');
    expect(frame).toMatchObject({ body: 'a\0b\0c' });
  });

  it('counts content-length in UTF-8 bytes, not characters', () => {
    const [frame] = decodeOk('SEND\ncontent-length:4\n\nhé!\0');
    expect(frame).toMatchObject({ body: 'hé!' });
  });

  it('decodes binary frames as UTF-8 STOMP', () => {
    const bytes = new TextEncoder().encode('MESSAGE\ndestination:/topic/ü\n\nbody\0');
    expect(decodeOk(bytes)).toEqual([
      { command: 'MESSAGE', headers: [{ name: 'destination', value: '/topic/ü' }], body: 'body' },
    ]);
  });
});

describe('decodeStompUnits: header escaping', () => {
  it('unescapes \\r \\n \\c \\\\ in STOMP 1.2', () => {
    const [frame] = decodeOk('MESSAGE\na\\cb:x\\ny\\r\\\\z\\c\n\n\0');
    expect(frame).toMatchObject({ headers: [{ name: 'a:b', value: 'x\ny\r\\z:' }] });
  });

  it('does not unescape CONNECT or CONNECTED, where passwords may hold backslashes', () => {
    const [connect] = decodeOk('CONNECT\npasscode:a\\b\\c\n\n\0');
    expect(connect).toMatchObject({ headers: [{ name: 'passcode', value: 'a\\b\\c' }] });
    const [connected] = decodeOk('CONNECTED\nserver:x\\t\n\n\0');
    expect(connected).toMatchObject({ headers: [{ name: 'server', value: 'x\\t' }] });
  });

  it('rejects an undefined escape, naming it', () => {
    expect(decodeError('MESSAGE\ndestination:/a\\tb\n\n\0')).toBe(
      'MESSAGE header "destination": undefined escape \\t (STOMP 1.2 defines only \\r \\n \\c \\\\)',
    );
    expect(decodeError('SEND\ndestination:/a\\\n\n\0')).toBe(
      'SEND header "destination": ends in a lone backslash',
    );
  });

  it('treats \\r as undefined in STOMP 1.1, which predates it', () => {
    expect(decodeError('MESSAGE\nx:a\\rb\n\n\0', '1.1')).toContain('undefined escape \\r (STOMP 1.1');
    expect(decodeOk('MESSAGE\nx:a\\nb\\cc\n\n\0', '1.1')[0]).toMatchObject({
      headers: [{ value: 'a\nb:c' }],
    });
  });

  it('reads headers verbatim in STOMP 1.0, which has no escaping', () => {
    expect(decodeOk('MESSAGE\nx:a\\tb\n\n\0', '1.0')[0]).toMatchObject({ headers: [{ value: 'a\\tb' }] });
  });

  it('switches escaping at a CONNECTED frame for the frames after it in the same message', () => {
    const data = 'CONNECTED\nversion:1.0\n\n\0MESSAGE\nx:a\\tb\n\n\0';
    expect(decodeStompUnits(data, '1.2').ok).toBe(true);
    expect(decodeStompUnits(data, '1.2', true).ok).toBe(false);
  });
});

describe('decodeStompUnits: malformed frames', () => {
  it.each([
    ['', 'Empty message: a STOMP frame starts with a command, a heart-beat is an EOL'],
    ['HELLO\n\n\0', 'Unknown STOMP command "HELLO"'],
    ['{"not":"stomp"}', 'Unknown STOMP command "{\\"not\\":\\"stomp\\"}"'],
    ['send\n\n\0', 'Unknown STOMP command "send"'],
    ['SEND', 'Truncated SEND frame: nothing after the command'],
    ['SEND\0', 'SEND frame ends (NUL) right after its command, with no EOL'],
    ['SEND\ndestination:/a\n', 'Truncated SEND frame: headers not ended by a blank line'],
    ['SEND\ndestination:/a\0', 'SEND frame ends (NUL) before the blank line that ends its headers'],
    ['SEND\ndestination\n\n\0', 'SEND header line "destination" has no colon'],
    ['SEND\n:x\n\n\0', 'SEND header line ":x" has an empty name'],
    ['SEND\ndestination:/a\n\nbody', 'Truncated SEND frame: no NUL at the end of the body'],
    [
      'MESSAGE\ncontent-length:40\n\n123456789012',
      'Truncated MESSAGE frame: content-length says 40 bytes, 12 present',
    ],
    [
      'MESSAGE\ncontent-length:3\n\nabc',
      'Truncated MESSAGE frame: no NUL after the 3-byte body (content-length)',
    ],
    [
      'MESSAGE\ncontent-length:2\n\nabc\0',
      'MESSAGE content-length says 2 bytes, but the byte after them is 0x63, not NUL',
    ],
    ['MESSAGE\ncontent-length:ten\n\nabc\0', 'MESSAGE content-length "ten" is not a number of bytes'],
    ['RECEIPT\nreceipt-id:1\n\n\0BOGUS\n\n\0', 'STOMP frame 2: Unknown STOMP command "BOGUS"'],
  ])('%j → %s', (data, reason) => {
    expect(decodeError(data)).toBe(reason);
  });

  it('rejects headers that are not UTF-8', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('SEND\nx:'), 0xff, 0x0a, 0x0a, 0x00]);
    expect(decodeError(bytes)).toBe('SEND header line 1 is not UTF-8');
  });

  it('never throws, whatever the bytes or text', () => {
    const versions = fc.constantFrom<StompVersion>('1.0', '1.1', '1.2');
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), versions, fc.boolean(), (bytes, version, fixed) => {
        decodeStompUnits(bytes, version, fixed);
      }),
    );
    const stompish = fc
      .array(
        fc.constantFrom(
          'SEND',
          'MESSAGE',
          'CONNECTED',
          '\n',
          '\r',
          ':',
          '\\',
          '\0',
          'content-length:',
          '3',
          'x',
        ),
      )
      .map((parts) => parts.join(''));
    fc.assert(fc.property(stompish, versions, (text, version) => void decodeStompUnits(text, version)));
  });
});

describe('encodeStompFrame', () => {
  it('writes headers, content-length for a body, and NUL', () => {
    const frame = encodeStompFrame('SEND', [{ name: 'destination', value: '/queue/a' }], 'hé', '1.2');
    expect(frame).toEqual({ ok: true, value: 'SEND\ndestination:/queue/a\ncontent-length:3\n\nhé\0' });
  });

  it('escapes header values per version, never in CONNECT', () => {
    const header = [{ name: 'x', value: 'a:b\\c\nd\re' }];
    expect(encodeStompFrame('SEND', header, '', '1.2')).toEqual({
      ok: true,
      value: 'SEND\nx:a\\cb\\\\c\\nd\\re\n\n\0',
    });
    expect(encodeStompFrame('SEND', [{ name: 'x', value: 'a:b' }], '', '1.0')).toEqual({
      ok: true,
      value: 'SEND\nx:a:b\n\n\0',
    });
    expect(encodeStompFrame('CONNECT', [{ name: 'passcode', value: 'p:w\\' }], '', '1.2')).toEqual({
      ok: true,
      value: 'CONNECT\npasscode:p:w\\\n\n\0',
    });
  });

  it('refuses a line break where escaping is off, naming the field', () => {
    expect(encodeStompFrame('CONNECT', [{ name: 'host', value: 'a\nb', label: 'Host' }], '', '1.2')).toEqual({
      ok: false,
      error: 'Host: cannot hold a line break in a CONNECT frame (no escaping there)',
    });
    expect(encodeStompFrame('SEND', [{ name: 'destination', value: 'a\nb' }], '', '1.0')).toEqual({
      ok: false,
      error: 'destination: cannot hold a line break in STOMP 1.0 (no escaping there)',
    });
  });

  it('round-trips any headers and body through decode (1.1 and 1.2)', () => {
    const name = fc.string({ minLength: 1 }).filter((text) => !text.includes('\r'));
    fc.assert(
      fc.property(
        fc.constantFrom<StompVersion>('1.1', '1.2'),
        fc.array(fc.record({ name, value: fc.string() }), { maxLength: 5 }),
        fc.string(),
        (version, headers, body) => {
          // 1.1 cannot escape CR, and content-length is written by the encoder.
          const usable = headers.filter(
            (header) => header.name !== 'content-length' && (version === '1.2' || !/\r/.test(header.value)),
          );
          const encoded = encodeStompFrame('SEND', usable, body, version);
          if (!encoded.ok) return false;
          const decoded = decodeStompUnits(encoded.value, version);
          if (!decoded.ok) return false;
          const [unit] = decoded.value;
          if (unit?.kind !== 'frame') return false;
          expect(unit.frame.headers.slice(0, usable.length)).toEqual(usable);
          // Lone surrogates become U+FFFD on the way through UTF-8.
          expect(bodyText(unit.frame)).toBe(new TextDecoder().decode(new TextEncoder().encode(body)));
          return true;
        },
      ),
    );
  });
});
