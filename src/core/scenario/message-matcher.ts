import { parseHex } from '../codec/hex';
import { err, ok, type Result } from '../shared/result';
import { evaluateFieldFilter, parseFieldFilter, type FieldFilter } from '../timeline/json-field-filter';
import type { Lens, ProtocolLensId } from '../protocol/lens';
import { LENS_LABELS } from '../protocol/lens-catalog';
import type { MessageMatcher, ScenarioStep } from './scenario';

/** A received message as the matchers see it: text, or the bytes of a binary message. */
export type ReceivedData = string | Uint8Array;

/** Why a message did not match: one line, plus the mismatches found (for JSON, each with its path). */
export interface Mismatch {
  reason: string;
  differences: Difference[];
}

/** One place where the actual JSON differs from the expected: `$.content: expected "hi", got "hello"`. */
export interface Difference {
  path: string;
  expected: string;
  actual: string;
}

/** A compiled matcher: `null` when the message matches, otherwise why not. */
export type CompiledMatcher = (data: ReceivedData) => Mismatch | null;

/**
 * Compiles a matcher once per step. Bad patterns, predicates and hex are errors here, before the run starts,
 * with the same messages the timeline filter gives.
 */
export function compileMatcher(
  matcher: MessageMatcher,
  options: { lenses?: LensesForMatching } = {},
): Result<CompiledMatcher, string> {
  switch (matcher.kind) {
    case 'protocol':
      return compileProtocolMatcher(matcher, options.lenses);
    case 'any':
      return ok(() => null);
    case 'json-subset':
      return ok((data) => {
        const parsed = parseJson(data);
        if (!parsed.ok) return { reason: parsed.error, differences: [] };
        const differences = subsetDifferences(matcher.value, parsed.value, '$');
        return differences.length === 0 ? null : { reason: describeDifferences(differences), differences };
      });
    case 'json-path': {
      const filters: { source: string; filter: FieldFilter }[] = [];
      for (const source of matcher.predicates) {
        const parsed = parseFieldFilter(source.trim());
        if (!parsed.ok) return err(`Predicate “${source}”: ${parsed.error}`);
        filters.push({ source: source.trim(), filter: parsed.value });
      }
      return ok((data) => {
        const parsed = parseJson(data);
        if (!parsed.ok) return { reason: parsed.error, differences: [] };
        const failed = filters.filter((f) => !evaluateFieldFilter(f.filter, parsed.value));
        return failed.length === 0
          ? null
          : { reason: `Does not hold: ${failed.map((f) => f.source).join('; ')}`, differences: [] };
      });
    }
    case 'text-regex': {
      let regex: RegExp;
      try {
        regex = new RegExp(matcher.pattern, (matcher.flags ?? '').replace(/[gy]/g, ''));
      } catch (error) {
        return err(`Regular expression /${matcher.pattern}/: ${(error as Error).message}`);
      }
      return ok((data) => {
        if (typeof data !== 'string')
          return { reason: 'Expected a text message, got a binary one', differences: [] };
        return regex.test(data) ? null : { reason: `No match for /${matcher.pattern}/`, differences: [] };
      });
    }
    case 'binary': {
      let prefix: Uint8Array | null = null;
      if (matcher.hexPrefix) {
        const decoded = parseHex(matcher.hexPrefix);
        if (!decoded.ok) return err(`Hex prefix: ${decoded.error.message}`);
        prefix = decoded.value;
      }
      const expectedPrefix = prefix;
      return ok((data) => {
        if (typeof data === 'string')
          return { reason: 'Expected a binary message, got a text one', differences: [] };
        if (matcher.length !== undefined && data.byteLength !== matcher.length)
          return { reason: `Expected ${matcher.length} bytes, got ${data.byteLength}`, differences: [] };
        if (expectedPrefix && !startsWith(data, expectedPrefix))
          return {
            reason: `Expected it to start with ${hex(expectedPrefix)}, got ${hex(data.subarray(0, expectedPrefix.byteLength))}`,
            differences: [],
          };
        return null;
      });
    }
  }
}

/** The lenses loaded for a run, by id; see `lensesUsedBy`. */
export type LensesForMatching = ReadonlyMap<ProtocolLensId, Lens>;

// Without `lenses` (checking a scenario before its lenses load) the matcher compiles but cannot match.
function compileProtocolMatcher(
  matcher: Extract<MessageMatcher, { kind: 'protocol' }>,
  lenses: LensesForMatching | undefined,
): Result<CompiledMatcher, string> {
  const label = LENS_LABELS[matcher.lens];
  if (!lenses) return ok(() => ({ reason: `The ${label} lens is not loaded`, differences: [] }));
  const lens = lenses.get(matcher.lens);
  if (!lens) return err(`The ${label} lens is not loaded.`);
  return ok((data) => {
    const frame = typeof data === 'string' ? data : toArrayBuffer(data);
    const decoded = lens.decode({ direction: 'in', data: frame }, { protocol: '' });
    if (!decoded.ok) return { reason: `Not a ${label} message: ${decoded.reason}`, differences: [] };
    let closest: Difference[] | null = null;
    for (const message of decoded.messages) {
      const differences = subsetDifferences(matcher.value, message.value, '$');
      if (differences.length === 0) return null;
      if (closest === null || differences.length < closest.length) closest = differences;
    }
    if (closest === null) return { reason: `No ${label} message in this frame`, differences: [] };
    return { reason: describeDifferences(closest), differences: closest };
  });
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return copy.buffer;
}

/** The lenses a scenario's matchers decode with, to load before it runs. */
export function lensesUsedBy(steps: readonly ScenarioStep[]): ProtocolLensId[] {
  const used = new Set<ProtocolLensId>();
  const visit = (list: readonly ScenarioStep[]): void => {
    for (const step of list) {
      if ((step.kind === 'expect' || step.kind === 'expectNone') && step.match.kind === 'protocol')
        used.add(step.match.lens);
      if (step.kind === 'request' && step.match?.kind === 'protocol') used.add(step.match.lens);
      if (step.kind === 'repeat') visit(step.steps);
    }
  };
  visit(steps);
  return [...used];
}

/** Parses a text message as JSON, for matchers and captures. */
export function parseJson(data: ReceivedData): Result<unknown, string> {
  if (typeof data !== 'string') return err('Expected a JSON text message, got a binary one');
  try {
    return ok(JSON.parse(data) as unknown);
  } catch {
    return err('Expected JSON, got text that does not parse as JSON');
  }
}

/**
 * Where `actual` fails to hold `expected`: an object holds another when it has each of its keys with a value
 * that holds the expected one (extra keys are fine); arrays hold element by element, same length; anything
 * else must be equal. Reports at most 20 differences, depth first.
 */
export function subsetDifferences(expected: unknown, actual: unknown, path: string): Difference[] {
  const out: Difference[] = [];
  collect(expected, actual, path, out);
  return out;
}

const MAX_DIFFERENCES = 20;

function collect(expected: unknown, actual: unknown, path: string, out: Difference[]): void {
  if (out.length >= MAX_DIFFERENCES) return;
  if (isPlainObject(expected)) {
    if (!isPlainObject(actual)) {
      out.push({ path, expected: 'an object', actual: show(actual) });
      return;
    }
    for (const key of Object.keys(expected)) {
      const childPath = `${path}${/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`}`;
      if (!Object.prototype.hasOwnProperty.call(actual, key)) {
        out.push({ path: childPath, expected: show(expected[key]), actual: 'missing' });
        continue;
      }
      collect(expected[key], actual[key], childPath, out);
    }
    return;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) {
      out.push({ path, expected: 'an array', actual: show(actual) });
      return;
    }
    if (actual.length !== expected.length) {
      out.push({ path, expected: `${expected.length} elements`, actual: `${actual.length} elements` });
      return;
    }
    expected.forEach((item, index) => collect(item, actual[index], `${path}[${index}]`, out));
    return;
  }
  if (!Object.is(expected, actual) && !(expected === 0 && actual === 0))
    out.push({ path, expected: show(expected), actual: show(actual) });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function show(value: unknown): string {
  if (value === undefined) return 'missing';
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

/** The differences as one readable line: `$.content: expected "hi", got "hello"; $.type: ...`. */
export function describeDifferences(differences: readonly Difference[]): string {
  return differences.map((d) => `${d.path}: expected ${d.expected}, got ${d.actual}`).join('; ');
}

function startsWith(data: Uint8Array, prefix: Uint8Array): boolean {
  if (data.byteLength < prefix.byteLength) return false;
  for (let i = 0; i < prefix.byteLength; i++) if (data[i] !== prefix[i]) return false;
  return true;
}

function hex(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(' ');
}
