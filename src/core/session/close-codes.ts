/** What a close code means, for people reading a timeline. */
export interface CloseCodeInfo {
  code: number;
  /** Short name, e.g. "Normal Closure". */
  name: string;
  /** One or two sentences a developer can act on. */
  meaning: string;
  /** Where the meaning comes from: a specific registration, or only the range the code falls in. */
  source: 'RFC 6455' | 'IANA registry' | 'range' | 'invalid';
}

type Known = Omit<CloseCodeInfo, 'code'>;

// RFC 6455 §7.4.1 plus the later entries of the IANA WebSocket Close Code Number Registry.
const KNOWN: ReadonlyMap<number, Known> = new Map<number, Known>([
  [
    1000,
    {
      name: 'Normal Closure',
      meaning: 'The connection finished its purpose and was closed on purpose. Nothing went wrong.',
      source: 'RFC 6455',
    },
  ],
  [
    1001,
    {
      name: 'Going Away',
      meaning:
        'The endpoint is going away: a server shutting down or a browser leaving the page. Reconnecting later usually works.',
      source: 'RFC 6455',
    },
  ],
  [
    1002,
    {
      name: 'Protocol Error',
      meaning:
        'The endpoint received frames that break the WebSocket protocol and gave up on the connection.',
      source: 'RFC 6455',
    },
  ],
  [
    1003,
    {
      name: 'Unsupported Data',
      meaning:
        'The endpoint received a kind of data it cannot accept, e.g. binary sent to a text-only server.',
      source: 'RFC 6455',
    },
  ],
  [
    1004,
    {
      name: 'Reserved',
      meaning: 'Reserved by RFC 6455 with no meaning yet; an endpoint should not send it.',
      source: 'RFC 6455',
    },
  ],
  [
    1005,
    {
      name: 'No Status Received',
      meaning:
        'Never sent on the wire: the peer closed cleanly but its close frame carried no code (and so no reason).',
      source: 'RFC 6455',
    },
  ],
  [
    1006,
    {
      name: 'Abnormal Closure',
      meaning:
        'Never sent on the wire: the connection ended without a close frame. In browsers this also covers a refused connection, DNS or TLS failure, and a rejected handshake (e.g. a non-101 HTTP response).',
      source: 'RFC 6455',
    },
  ],
  [
    1007,
    {
      name: 'Invalid Frame Payload Data',
      meaning: 'A message did not match its type, most often a text message that is not valid UTF-8.',
      source: 'RFC 6455',
    },
  ],
  [
    1008,
    {
      name: 'Policy Violation',
      meaning:
        'A message broke the endpoint’s policy. It is the generic refusal, often used for failed authentication or authorization.',
      source: 'RFC 6455',
    },
  ],
  [
    1009,
    {
      name: 'Message Too Big',
      meaning: 'A message was larger than the endpoint is willing to process. Send smaller messages.',
      source: 'RFC 6455',
    },
  ],
  [
    1010,
    {
      name: 'Mandatory Extension',
      meaning:
        'The client required an extension that the server did not negotiate in the handshake. Only clients send this.',
      source: 'RFC 6455',
    },
  ],
  [
    1011,
    {
      name: 'Internal Error',
      meaning:
        'The server hit an unexpected condition while handling the connection. Check the server’s logs.',
      source: 'RFC 6455',
    },
  ],
  [
    1012,
    {
      name: 'Service Restart',
      meaning: 'The server is restarting. Reconnect after a short, randomized delay.',
      source: 'IANA registry',
    },
  ],
  [
    1013,
    {
      name: 'Try Again Later',
      meaning:
        'The server is temporarily unable to serve you, e.g. overloaded. Reconnect later, with backoff.',
      source: 'IANA registry',
    },
  ],
  [
    1014,
    {
      name: 'Bad Gateway',
      meaning: 'A gateway or proxy received an invalid response from the upstream server it was relaying to.',
      source: 'IANA registry',
    },
  ],
  [
    1015,
    {
      name: 'TLS Handshake',
      meaning:
        'Never sent on the wire: the TLS handshake failed, e.g. the server certificate could not be verified.',
      source: 'RFC 6455',
    },
  ],
  [
    3000,
    {
      name: 'Unauthorized',
      meaning: 'The server requires authentication that was missing or invalid.',
      source: 'IANA registry',
    },
  ],
  [
    3003,
    {
      name: 'Forbidden',
      meaning: 'The server understood who you are but does not allow this connection.',
      source: 'IANA registry',
    },
  ],
  [
    3008,
    {
      name: 'Timeout',
      meaning: 'The server closed the connection because something took too long, such as an idle period.',
      source: 'IANA registry',
    },
  ],
]);

/** Names and explains any close code: exact registrations first, then the range it falls in. */
export function describeCloseCode(code: number): CloseCodeInfo {
  const known = KNOWN.get(code);
  if (known) return { code, ...known };
  if (!Number.isInteger(code) || code < 0 || code > 4999) {
    return {
      code,
      name: 'Invalid Code',
      meaning:
        'Close codes are whole numbers from 1000 to 4999; this value cannot appear in a valid close frame.',
      source: 'invalid',
    };
  }
  if (code < 1000) {
    return {
      code,
      name: 'Unused',
      meaning: 'RFC 6455 does not use codes 0–999; a peer that sends one is violating the protocol.',
      source: 'invalid',
    };
  }
  if (code < 3000) {
    return {
      code,
      name: 'Reserved',
      meaning:
        'Reserved for future versions of the WebSocket protocol and its extensions; no meaning is registered for it.',
      source: 'range',
    };
  }
  if (code < 4000) {
    return {
      code,
      name: 'Library or Framework Code',
      meaning:
        'Codes 3000–3999 are registered with IANA by libraries, frameworks and applications; check the documentation of the server’s stack.',
      source: 'range',
    };
  }
  return {
    code,
    name: 'Application Code',
    meaning:
      'Codes 4000–4999 are for private use: the application defines what it means. Check the reason text or the server’s documentation.',
    source: 'range',
  };
}

/** Whether a browser lets a page send this code from `WebSocket.close()`: 1000 or 3000–4999. */
export function isSendableByClient(code: number): boolean {
  return code === 1000 || (Number.isInteger(code) && code >= 3000 && code <= 4999);
}
