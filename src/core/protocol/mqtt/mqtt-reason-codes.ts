import { byteHex } from './mqtt-wire';

/** The MQTT 5 reason code names, as the specification writes them. */
const REASON_NAMES: Readonly<Record<number, string>> = {
  0x00: 'Success',
  0x01: 'Granted QoS 1',
  0x02: 'Granted QoS 2',
  0x04: 'Disconnect with Will Message',
  0x10: 'No matching subscribers',
  0x11: 'No subscription existed',
  0x18: 'Continue authentication',
  0x19: 'Re-authenticate',
  0x80: 'Unspecified error',
  0x81: 'Malformed Packet',
  0x82: 'Protocol Error',
  0x83: 'Implementation specific error',
  0x84: 'Unsupported Protocol Version',
  0x85: 'Client Identifier not valid',
  0x86: 'Bad User Name or Password',
  0x87: 'Not authorized',
  0x88: 'Server unavailable',
  0x89: 'Server busy',
  0x8a: 'Banned',
  0x8b: 'Server shutting down',
  0x8c: 'Bad authentication method',
  0x8d: 'Keep Alive timeout',
  0x8e: 'Session taken over',
  0x8f: 'Topic Filter invalid',
  0x90: 'Topic Name invalid',
  0x91: 'Packet Identifier in use',
  0x92: 'Packet Identifier not found',
  0x93: 'Receive Maximum exceeded',
  0x94: 'Topic Alias invalid',
  0x95: 'Packet too large',
  0x96: 'Message rate too high',
  0x97: 'Quota exceeded',
  0x98: 'Administrative action',
  0x99: 'Payload format invalid',
  0x9a: 'Retain not supported',
  0x9b: 'QoS not supported',
  0x9c: 'Use another server',
  0x9d: 'Server moved',
  0x9e: 'Shared Subscriptions not supported',
  0x9f: 'Connection rate exceeded',
  0xa0: 'Maximum connect time',
  0xa1: 'Subscription Identifiers not supported',
  0xa2: 'Wildcard Subscriptions not supported',
};

/** What an MQTT 3.1.1 CONNACK return code means, and the sentence explaining a refusal. */
const CONNACK_RETURN_CODES: Readonly<Record<number, { name: string; note?: string }>> = {
  0: { name: 'Connection accepted' },
  1: {
    name: 'Connection refused, unacceptable protocol version',
    note: 'The server does not speak the protocol level this CONNECT asked for.',
  },
  2: {
    name: 'Connection refused, identifier rejected',
    note: 'The client identifier is valid UTF-8, but the server does not allow it.',
  },
  3: {
    name: 'Connection refused, server unavailable',
    note: 'The connection is up, but the MQTT service behind it is not available.',
  },
  4: {
    name: 'Connection refused, bad user name or password',
    note: 'The server did not accept the user name or password.',
  },
  5: { name: 'Connection refused, not authorized', note: 'The client is not authorized to connect.' },
};

/** Explanations for the MQTT 5 reason codes a user most often needs spelled out. */
const REASON_NOTES: Readonly<Record<number, string>> = {
  0x04: 'The client disconnects but asks the server to publish its Will Message anyway.',
  0x10: 'The message was accepted, but no subscription matched its topic.',
  0x8d: 'The server heard nothing for 1.5 × the keep-alive and closed the session.',
  0x8e: 'Another connection with the same client identifier took over this session.',
  0x93: 'More QoS 1 and 2 messages were in flight than the receiver allows (Receive Maximum).',
  0x95: 'The packet is larger than the Maximum Packet Size the receiver announced.',
  0x9c: 'The server asks the client to connect elsewhere for now (see Server Reference).',
  0x9d: 'The server asks the client to connect elsewhere from now on (see Server Reference).',
};

/** The packets whose reason code 0x00 has a name of its own. */
export type ReasonContext = 'DISCONNECT' | 'SUBACK' | 'other';

/** "0x87 Not authorized"; 0x00 reads "Normal disconnection" in DISCONNECT and "Granted QoS 0" in SUBACK. */
export function reasonCodeText(code: number, context: ReasonContext = 'other'): string {
  const hex = byteHex(code);
  if (code === 0 && context === 'DISCONNECT') return `${hex} Normal disconnection`;
  if (code === 0 && context === 'SUBACK') return `${hex} Granted QoS 0`;
  const name = REASON_NAMES[code];
  return name === undefined ? `${hex} (unknown reason code)` : `${hex} ${name}`;
}

/** A sentence explaining an MQTT 5 reason code, when it needs one. */
export function reasonCodeNote(code: number): string | undefined {
  return REASON_NOTES[code];
}

/** "0x05 Connection refused, not authorized", for an MQTT 3.1.1 CONNACK return code. */
export function connackReturnCodeText(code: number): string {
  const hex = byteHex(code);
  const known = CONNACK_RETURN_CODES[code];
  return known === undefined ? `${hex} (reserved return code)` : `${hex} ${known.name}`;
}

/** The sentence explaining an MQTT 3.1.1 CONNACK refusal. */
export function connackReturnCodeNote(code: number): string | undefined {
  return CONNACK_RETURN_CODES[code]?.note;
}

/** "0x01 Success, maximum QoS 1" or "0x80 Failure", for an MQTT 3.1.1 SUBACK return code. */
export function subackReturnCodeText(code: number): string {
  const hex = byteHex(code);
  return code === 0x80 ? `${hex} Failure` : `${hex} Success, maximum QoS ${code}`;
}
