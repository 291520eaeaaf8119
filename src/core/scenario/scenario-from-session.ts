import { formatHex } from '../codec/hex';
import type { SessionEvent } from '../session/session-events';
import type { Redactor } from '../template/secret-redaction';
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
): ScenarioStep[] {
  const steps: ScenarioStep[] = [];
  let connected = false;
  let lastSendAt: number | null = null;
  let expects = 0;
  for (const event of events) {
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
      steps.push({
        kind: 'expect',
        match: matcherFor(event.data, redactor),
        timeoutMs: Math.max(MIN_TIMEOUT_MS, Math.ceil((waited * 3) / 100) * 100),
      });
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

function matcherFor(data: string | ArrayBuffer, redactor: Redactor): MessageMatcher {
  if (typeof data !== 'string') return { kind: 'binary', length: data.byteLength };
  const holdsSecret = (text: string) => redactor.redact(text, 'mask').found > 0;
  const parsed = parseJson(data);
  if (parsed !== undefined && typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
    const stable = Object.fromEntries(
      Object.entries(parsed).filter(
        ([key, value]) =>
          !VOLATILE_KEY.test(key) &&
          (typeof value !== 'object' || value === null) &&
          !holdsSecret(`${key} ${String(value)}`),
      ),
    );
    if (Object.keys(stable).length > 0) return { kind: 'json-subset', value: stable };
    return { kind: 'any' };
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
