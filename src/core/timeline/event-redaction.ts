import type { SessionEvent } from '../session/session-events';
import type { RedactAs, Redactor } from '../template/secret-redaction';

/*
 * Redaction of whole events, for exports and lifecycle rows. Every string field is redacted except the few whose
 * values are the app's own words (enumerations), so a field added to an event later is covered by default.
 * The timeline itself keeps the real events: resend must send exactly what was sent.
 */

/** Fields that only ever hold one of a fixed set of words, never user or server data. */
const STRUCTURAL_KEYS: ReadonlySet<string> = new Set([
  'kind',
  'direction',
  'format',
  'auto',
  'initiator',
  'phase',
  'cause',
  'source',
]);

/** An event with its secrets replaced (the same object when it held none), and how many were replaced. */
export interface RedactedEvent {
  event: SessionEvent;
  found: number;
}

/** Replaces secrets in every data-carrying field: URLs, subprotocols, message data (text or bytes), reasons, errors. */
export function redactEvent(event: SessionEvent, redactor: Redactor, as: RedactAs): RedactedEvent {
  if (redactor.secrets.length === 0) return { event, found: 0 };
  let found = 0;
  let copy: Record<string, unknown> | null = null;
  for (const [key, value] of Object.entries(event)) {
    if (STRUCTURAL_KEYS.has(key)) continue;
    const redacted = redactValue(value, redactor, as);
    if (redacted.found === 0) continue;
    found += redacted.found;
    copy ??= { ...event };
    copy[key] = redacted.value;
  }
  return { event: copy ? (copy as unknown as SessionEvent) : event, found };
}

/** The events as an export writes them, and how many of them held a secret. */
export function redactEvents(
  events: readonly SessionEvent[],
  redactor: Redactor,
  as: RedactAs,
): { events: SessionEvent[]; withSecrets: number } {
  let withSecrets = 0;
  const redacted = events.map((event) => {
    const result = redactEvent(event, redactor, as);
    if (result.found > 0) withSecrets++;
    return result.event;
  });
  return { events: redacted, withSecrets };
}

function redactValue(value: unknown, redactor: Redactor, as: RedactAs): { value: unknown; found: number } {
  if (typeof value === 'string') {
    const { text, found } = redactor.redact(value, as);
    return { value: text, found };
  }
  if (value instanceof ArrayBuffer) {
    const bytes = new Uint8Array(value);
    const redacted = redactor.redactBytes(bytes, as);
    if (redacted === bytes) return { value, found: 0 };
    return { value: redacted.buffer, found: redactor.findInBytes(bytes).length };
  }
  if (Array.isArray(value)) {
    let found = 0;
    const items = value.map((item) => {
      const redacted = redactValue(item, redactor, as);
      found += redacted.found;
      return redacted.value;
    });
    return { value: found > 0 ? items : value, found };
  }
  return { value, found: 0 };
}
