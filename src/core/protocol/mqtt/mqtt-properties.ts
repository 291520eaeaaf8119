import type { LensField } from '../lens';
import { toHexString } from '../../shared/hex-dump';
import { ByteReader, ByteWriter, byteHex, utf8Text } from './mqtt-wire';

/** A user property: MQTT 5 lets it repeat, so it is a list of pairs, not a map. */
export interface MqttUserProperty {
  name: string;
  value: string;
}

/** The MQTT 5 properties of a packet (or of a will), keyed by name. Repeatable ones are lists, in wire order. */
export interface MqttProperties {
  payloadFormatIndicator?: number;
  messageExpiryInterval?: number;
  contentType?: string;
  responseTopic?: string;
  correlationData?: Uint8Array;
  subscriptionIdentifiers?: number[];
  sessionExpiryInterval?: number;
  assignedClientIdentifier?: string;
  serverKeepAlive?: number;
  authenticationMethod?: string;
  authenticationData?: Uint8Array;
  requestProblemInformation?: number;
  willDelayInterval?: number;
  requestResponseInformation?: number;
  responseInformation?: string;
  serverReference?: string;
  reasonString?: string;
  receiveMaximum?: number;
  topicAliasMaximum?: number;
  topicAlias?: number;
  maximumQoS?: number;
  retainAvailable?: number;
  userProperties?: MqttUserProperty[];
  maximumPacketSize?: number;
  wildcardSubscriptionAvailable?: number;
  subscriptionIdentifierAvailable?: number;
  sharedSubscriptionAvailable?: number;
}

type PropertyKind = 'byte' | 'two' | 'four' | 'vbi' | 'string' | 'binary' | 'pair';

const KIND_NAMES: Readonly<Record<PropertyKind, string>> = {
  byte: 'number',
  two: 'number',
  four: 'number',
  vbi: 'number',
  string: 'string',
  binary: 'Uint8Array',
  pair: 'name and value pair',
};

/** How a number reads in the detail pane. */
type Display = 'seconds' | 'bytes' | 'flag' | 'format' | 'plain' | 'secret';

interface PropertySpec {
  id: number;
  key: keyof MqttProperties;
  name: string;
  kind: PropertyKind;
  repeatable?: boolean;
  display?: Display;
  /** A value the specification calls a Protocol Error. */
  invalid?: (value: number) => string | null;
}

const zeroOrOne = (value: number) => (value > 1 ? `must be 0 or 1, is ${value}` : null);
const nonZero = (value: number) => (value === 0 ? 'must not be 0' : null);

// Table order is also the order properties are written and listed.
const PROPERTIES: readonly PropertySpec[] = [
  {
    id: 0x01,
    key: 'payloadFormatIndicator',
    name: 'Payload Format Indicator',
    kind: 'byte',
    display: 'format',
    invalid: zeroOrOne,
  },
  {
    id: 0x02,
    key: 'messageExpiryInterval',
    name: 'Message Expiry Interval',
    kind: 'four',
    display: 'seconds',
  },
  { id: 0x03, key: 'contentType', name: 'Content Type', kind: 'string' },
  { id: 0x08, key: 'responseTopic', name: 'Response Topic', kind: 'string' },
  { id: 0x09, key: 'correlationData', name: 'Correlation Data', kind: 'binary' },
  {
    id: 0x0b,
    key: 'subscriptionIdentifiers',
    name: 'Subscription Identifier',
    kind: 'vbi',
    repeatable: true,
    invalid: nonZero,
  },
  {
    id: 0x11,
    key: 'sessionExpiryInterval',
    name: 'Session Expiry Interval',
    kind: 'four',
    display: 'seconds',
  },
  { id: 0x12, key: 'assignedClientIdentifier', name: 'Assigned Client Identifier', kind: 'string' },
  { id: 0x13, key: 'serverKeepAlive', name: 'Server Keep Alive', kind: 'two', display: 'seconds' },
  { id: 0x15, key: 'authenticationMethod', name: 'Authentication Method', kind: 'string' },
  { id: 0x16, key: 'authenticationData', name: 'Authentication Data', kind: 'binary', display: 'secret' },
  {
    id: 0x17,
    key: 'requestProblemInformation',
    name: 'Request Problem Information',
    kind: 'byte',
    display: 'flag',
    invalid: zeroOrOne,
  },
  { id: 0x18, key: 'willDelayInterval', name: 'Will Delay Interval', kind: 'four', display: 'seconds' },
  {
    id: 0x19,
    key: 'requestResponseInformation',
    name: 'Request Response Information',
    kind: 'byte',
    display: 'flag',
    invalid: zeroOrOne,
  },
  { id: 0x1a, key: 'responseInformation', name: 'Response Information', kind: 'string' },
  { id: 0x1c, key: 'serverReference', name: 'Server Reference', kind: 'string' },
  { id: 0x1f, key: 'reasonString', name: 'Reason String', kind: 'string' },
  { id: 0x21, key: 'receiveMaximum', name: 'Receive Maximum', kind: 'two', invalid: nonZero },
  { id: 0x22, key: 'topicAliasMaximum', name: 'Topic Alias Maximum', kind: 'two' },
  { id: 0x23, key: 'topicAlias', name: 'Topic Alias', kind: 'two', invalid: nonZero },
  { id: 0x24, key: 'maximumQoS', name: 'Maximum QoS', kind: 'byte', invalid: zeroOrOne },
  {
    id: 0x25,
    key: 'retainAvailable',
    name: 'Retain Available',
    kind: 'byte',
    display: 'flag',
    invalid: zeroOrOne,
  },
  { id: 0x26, key: 'userProperties', name: 'User Property', kind: 'pair', repeatable: true },
  {
    id: 0x27,
    key: 'maximumPacketSize',
    name: 'Maximum Packet Size',
    kind: 'four',
    display: 'bytes',
    invalid: nonZero,
  },
  {
    id: 0x28,
    key: 'wildcardSubscriptionAvailable',
    name: 'Wildcard Subscription Available',
    kind: 'byte',
    display: 'flag',
    invalid: zeroOrOne,
  },
  {
    id: 0x29,
    key: 'subscriptionIdentifierAvailable',
    name: 'Subscription Identifier Available',
    kind: 'byte',
    display: 'flag',
    invalid: zeroOrOne,
  },
  {
    id: 0x2a,
    key: 'sharedSubscriptionAvailable',
    name: 'Shared Subscription Available',
    kind: 'byte',
    display: 'flag',
    invalid: zeroOrOne,
  },
];

const BY_ID = new Map(PROPERTIES.map((spec) => [spec.id, spec]));

type PropertyValue = number | string | Uint8Array | MqttUserProperty;

function readValue(reader: ByteReader, spec: PropertySpec): PropertyValue {
  switch (spec.kind) {
    case 'byte':
      return reader.u8(spec.name);
    case 'two':
      return reader.u16(spec.name);
    case 'four':
      return reader.u32(spec.name);
    case 'vbi':
      return reader.vbi(spec.name);
    case 'string':
      return reader.utf8(spec.name);
    case 'binary':
      return reader.binary(spec.name);
    case 'pair':
      return { name: reader.utf8(`${spec.name} name`), value: reader.utf8(`${spec.name} value`) };
  }
}

/**
 * Reads a property length and the properties it covers. `label` names them in errors, e.g. "PUBLISH
 * properties"; failures (unknown identifier, a property twice, a forbidden value) go to `reader`.
 */
export function readProperties(reader: ByteReader, label: string): MqttProperties {
  const length = reader.vbi('property length');
  const part = reader.part(length, 'property length', label);
  const bag: Record<string, unknown> = {};
  while (part.left > 0 && part.error === null) {
    const id = part.vbi('property identifier');
    const spec = BY_ID.get(id);
    if (part.error !== null) break;
    if (spec === undefined) {
      part.fail(`unknown property identifier ${byteHex(id)}`);
      break;
    }
    const value = readValue(part, spec);
    if (part.error !== null) break;
    const problem = typeof value === 'number' && spec.invalid ? spec.invalid(value) : null;
    if (problem !== null) {
      part.fail(`${spec.name} ${problem}`);
    } else if (spec.repeatable) {
      const list = bag[spec.key];
      if (Array.isArray(list)) list.push(value);
      else bag[spec.key] = [value];
    } else if (spec.key in bag) {
      part.fail(`${spec.name} appears more than once`);
    } else {
      bag[spec.key] = value;
    }
  }
  reader.adopt(part);
  // Every key came from the table, with the kind the interface gives it.
  return bag as MqttProperties;
}

function writeValue(writer: ByteWriter, spec: PropertySpec, value: unknown): void {
  const what = spec.name;
  if (typeof value === 'number') {
    if (spec.kind === 'byte') return writer.u8(value, what);
    if (spec.kind === 'two') return writer.u16(value, what);
    if (spec.kind === 'four') return writer.u32(value, what);
    if (spec.kind === 'vbi') return writer.vbi(value, what);
  } else if (typeof value === 'string' && spec.kind === 'string') {
    return writer.utf8(value, what);
  } else if (value instanceof Uint8Array && spec.kind === 'binary') {
    return writer.binary(value, what);
  } else if (spec.kind === 'pair' && isUserProperty(value)) {
    writer.utf8(value.name, `${what} name`);
    return writer.utf8(value.value, `${what} value`);
  }
  writer.fail(`${what} is not a ${KIND_NAMES[spec.kind]}`);
}

function isUserProperty(value: unknown): value is MqttUserProperty {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Record<string, unknown>).name === 'string' &&
    typeof (value as Record<string, unknown>).value === 'string'
  );
}

// Lets the table drive every property generically: its keys are exactly the interface's.
function asBag(properties: MqttProperties): Readonly<Record<string, unknown>> {
  return properties as Readonly<Record<string, unknown>>;
}

/** Writes a property length and the properties (none when `properties` is undefined). */
export function writeProperties(writer: ByteWriter, properties: MqttProperties | undefined): void {
  const inner = new ByteWriter();
  const bag = asBag(properties ?? {});
  for (const spec of PROPERTIES) {
    const value = bag[spec.key];
    if (value === undefined) continue;
    for (const item of spec.repeatable && Array.isArray(value) ? value : [value]) {
      inner.vbi(spec.id, 'property identifier');
      writeValue(inner, spec, item);
    }
  }
  writer.vbi(inner.length, 'property length');
  writer.append(inner);
}

/** True when at least one property is set. */
export function hasProperties(properties: MqttProperties | undefined): properties is MqttProperties {
  return properties !== undefined && Object.values(properties).some((value) => value !== undefined);
}

/**
 * Properties as plain JSON for `value`: binary data as lowercase hex without spaces, except authentication
 * data, which may be a secret and shows only as its byte count. Undefined when there are none.
 */
export function propertiesJson(properties: MqttProperties | undefined): Record<string, unknown> | undefined {
  if (!hasProperties(properties)) return undefined;
  const bag = asBag(properties);
  const json: Record<string, unknown> = {};
  for (const spec of PROPERTIES) {
    const value = bag[spec.key];
    if (value === undefined) continue;
    if (value instanceof Uint8Array) {
      json[spec.key] = spec.display === 'secret' ? value.length : toHexString(value).replaceAll(' ', '');
    } else if (Array.isArray(value)) {
      json[spec.key] = value.map((item: unknown) => (isUserProperty(item) ? { ...item } : item));
    } else {
      json[spec.key] = value;
    }
  }
  return json;
}

/** "abc" when the bytes are printable UTF-8, else their hex; with the count, for the detail pane. */
export function describeBytes(bytes: Uint8Array): string {
  const text = utf8Text(bytes);
  // eslint-disable-next-line no-control-regex -- control characters are exactly what makes text unreadable here
  if (text !== null && !/[\u0000-\u0008\u000e-\u001f\u007f]/.test(text)) {
    return `${JSON.stringify(text)} (${bytes.length} bytes)`;
  }
  return `${toHexString(bytes, { maxBytes: 32 })}${bytes.length > 32 ? ' …' : ''} (${bytes.length} bytes)`;
}

function displayNumber(value: number, display: Display | undefined): string {
  switch (display) {
    case 'seconds':
      return `${value} s`;
    case 'bytes':
      return `${value} bytes`;
    case 'flag':
      return value === 1 ? 'yes' : 'no';
    case 'format':
      return value === 1 ? '1 (UTF-8 text)' : '0 (unspecified bytes)';
    default:
      return String(value);
  }
}

/** Properties as labelled facts, one per value (a repeated property gives several), prefixed by `prefix`. */
export function propertyFields(properties: MqttProperties | undefined, prefix = ''): LensField[] {
  if (properties === undefined) return [];
  const bag = asBag(properties);
  const fields: LensField[] = [];
  for (const spec of PROPERTIES) {
    const value = bag[spec.key];
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? (value as unknown[]) : [value]) {
      // "Will " + "Will Delay Interval" would say Will twice.
      const label = spec.name.startsWith(prefix) ? spec.name : prefix + spec.name;
      if (typeof item === 'number') fields.push({ label, value: displayNumber(item, spec.display) });
      else if (typeof item === 'string') fields.push({ label, value: item });
      else if (item instanceof Uint8Array) {
        fields.push({
          label,
          value: spec.display === 'secret' ? `(${item.length} bytes)` : describeBytes(item),
        });
      } else if (isUserProperty(item)) fields.push({ label, value: `${item.name}: ${item.value}` });
    }
  }
  return fields;
}
