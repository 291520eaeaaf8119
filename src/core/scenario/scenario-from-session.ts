import { formatHex } from '../codec/hex';
import type { SessionEvent } from '../session/session-events';
import type { Redactor } from '../template/secret-redaction';
import type { DecodedFrame, ProtocolLensId } from '../protocol/lens';
import type { MessageMatcher, ScenarioStep } from './scenario';

/** Fields whose values differ on every run (times, ids, counters): left out of the expectations made here. */
const VOLATILE_KEY = /^(id|seq|uuid|nonce|ts|time|timestamp|date)$|(At|Time|Date|Ts|Id)$/;
/** A reply later than this after the send still gets at least this much time. */
const MIN_TIMEOUT_MS = 1000;
/** Replies kept per send: a stream after one message is not a list of expectations. */
const MAX_EXPECTS_PER_SEND = 5;

/**
 * Turns a session into steps: connect with its subprotocols, each message the user sent as an inline send,
 * the messages that arrived before the next send as expects (JSON as a subset of its stable fields, text as
 * its exact text, binary by length), and disconnect. Automatic sends are left out. The user edits from here.
 * Secret values never reach the steps (they are saved and exported): a sent text has `{{name}}` in their
 * place, a sent binary the mask, and an expectation leaves out what held one.
 */
export function scenarioStepsFromSession(
  events: readonly SessionEvent[],
  redactor: Redactor,
  options: { lens?: SessionLens } = {},
): ScenarioStep[] {
  const steps: ScenarioStep[] = [];
  let connected = false;
  let lastSendAt: number | null = null;
  let expects = 0;
  // The expect made for the message just before, which an automatic reply may show to be a ping.
  let lastExpect: ScenarioStep | null = null;
  for (const event of events) {
    if (event.kind === 'message' && event.direction === 'out' && event.auto === 'protocol') {
      // The lens answered it (a ping, a delivery to acknowledge): when it comes depends on the server's
      // clock, so it is no expectation, and the lens answers it again in the run.
      if (lastExpect && steps[steps.length - 1] === lastExpect) {
        steps.pop();
        expects--;
      }
      lastExpect = null;
      continue;
    }
    lastExpect = null;
    if (event.kind === 'connecting') {
      if (connected) break;
      connected = true;
      steps.push(
        event.protocols.length > 0
          ? { kind: 'connect', protocols: [...event.protocols] }
          : { kind: 'connect' },
      );
    } else if (event.kind === 'message' && connected && event.direction === 'out' && !event.auto) {
      steps.push({ kind: 'send', message: sentMessage(event.data, redactor) });
      lastSendAt = event.at;
      expects = 0;
    } else if (event.kind === 'message' && connected && event.direction === 'in' && lastSendAt !== null) {
      if (expects >= MAX_EXPECTS_PER_SEND) continue;
      expects++;
      const waited = event.at - lastSendAt;
      const decoded = options.lens ? protocolMatcherFor(options.lens, event, redactor) : null;
      lastExpect = {
        kind: 'expect',
        match: decoded ?? matcherFor(event.data, redactor),
        timeoutMs: Math.max(MIN_TIMEOUT_MS, Math.ceil((waited * 3) / 100) * 100),
      };
      steps.push(lastExpect);
    } else if (event.kind === 'close' && connected) {
      break;
    }
  }
  if (!connected) steps.unshift({ kind: 'connect' });
  steps.push({ kind: 'disconnect' });
  return steps;
}

function sentMessage(
  data: string | ArrayBuffer,
  redactor: Redactor,
): Extract<ScenarioStep, { kind: 'send' }>['message'] {
  if (typeof data !== 'string') {
    // {{name}} cannot stand in hex for bytes: a secret in a binary message is masked.
    const bytes = redactor.redactBytes(new Uint8Array(data), 'mask');
    return { kind: 'inline', format: 'binary', encoding: 'hex', body: formatHex(bytes) };
  }
  const text = redactor.redact(data, 'name').text;
  return { kind: 'inline', format: isJson(data) ? 'json' : 'text', body: text };
}

/** The tab's protocol lens, for expectations on decoded messages rather than on raw frames. */
export interface SessionLens {
  id: ProtocolLensId;
  decode(frame: { direction: 'in' | 'out'; data: string | ArrayBuffer }, at: number): DecodedFrame;
}

// The first decoded message's stable fields, as a protocol matcher; null when the frame does not decode.
function protocolMatcherFor(
  lens: SessionLens,
  event: Extract<SessionEvent, { kind: 'message' }>,
  redactor: Redactor,
): MessageMatcher | null {
  const decoded = lens.decode({ direction: event.direction, data: event.data }, event.at);
  const value = decoded.ok ? decoded.messages[0]?.value : undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const stable = stableFields(value as Record<string, unknown>, redactor);
  return stable ? { kind: 'protocol', lens: lens.id, value: stable } : null;
}

// Top-level scalars that are the same on every run and hold no secret; null when none is left.
function stableFields(object: Record<string, unknown>, redactor: Redactor): Record<string, unknown> | null {
  const holdsSecret = (text: string) => redactor.redact(text, 'mask').found > 0;
  const stable = Object.fromEntries(
    Object.entries(object).filter(
      ([key, value]) =>
        !VOLATILE_KEY.test(key) &&
        (typeof value !== 'object' || value === null) &&
        !holdsSecret(`${key} ${String(value)}`),
    ),
  );
  return Object.keys(stable).length > 0 ? stable : null;
}

function matcherFor(data: string | ArrayBuffer, redactor: Redactor): MessageMatcher {
  if (typeof data !== 'string') return { kind: 'binary', length: data.byteLength };
  const holdsSecret = (text: string) => redactor.redact(text, 'mask').found > 0;
  const parsed = parseJson(data);
  if (parsed !== undefined && typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
    const stable = stableFields(parsed as Record<string, unknown>, redactor);
    return stable ? { kind: 'json-subset', value: stable } : { kind: 'any' };
  }
  return holdsSecret(data) ? { kind: 'any' } : { kind: 'text-regex', pattern: `^${escapeRegex(data)}$` };
}

function isJson(text: string): boolean {
  return parseJson(text) !== undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
