import { err, ok, type Result } from '../shared/result';
import type { DynamicValues } from './dynamic-values';
import { createRedactor, secretsOf, SECRET_MASK, type Secret } from './secret-redaction';
import { mergeScopes, VARIABLE_NAME_CHARACTER, type Variable, type VariableScope } from './variable';

export { SECRET_MASK };

/** How many variables may expand inside one another; a longer chain is almost certainly a mistake. */
export const MAX_VARIABLE_DEPTH = 10;

/** Default cap on the expanded text, so variables that repeat each other cannot exhaust memory. */
export const DEFAULT_MAX_INTERPOLATED_LENGTH = 64 * 1024 * 1024;

/** A `{{name}}` in a text. Offsets are UTF-16 indexes (as in editors): `start` at `{{`, `end` after `}}`. */
export interface VariableReference {
  name: string;
  kind: 'variable' | 'dynamic';
  start: number;
  end: number;
}

/**
 * A name that no scope defines (or an unknown `$value`), left in the output as written. The position is always
 * in the original text: for a name found inside a variable's value it is the reference that led there, and
 * `via` lists the variables expanded on the way (empty when the original text names it directly).
 */
export interface Unresolved {
  name: string;
  start: number;
  end: number;
  via: string[];
}

/** The expanded text and what the UI needs to warn about it. */
export interface Interpolated {
  text: string;
  unresolved: Unresolved[];
  /** Names of secret variables the text used, in order of first use, so the UI can mask or warn. */
  usedSecrets: string[];
  /**
   * Each secret variable whose value went into `text`, with the value as expanded there (a secret holding
   * `{{$uuid}}` reports the id it became), inner ones first: what to redact wherever the text ends up.
   * Empty in 'mask' mode, which inserts no secret values.
   */
  insertedSecrets: Secret[];
  /** Each reference of the original text that a value replaced, in order: maps `text` back to the original. */
  replaced: Replacement[];
}

/** A `{{name}}` at [start, end) of the original text, replaced by [outputStart, outputEnd) of the output. */
export interface Replacement {
  start: number;
  end: number;
  outputStart: number;
  outputEnd: number;
}

/**
 * Where a position of the expanded text comes from in the original: the whole reference when it falls inside
 * a replaced value, else the one character it was copied from (a problem found after expansion, located in
 * the editor).
 */
export function originalRange(
  replaced: readonly Replacement[],
  outputOffset: number,
): { start: number; end: number } {
  let shift = 0;
  for (const replacement of replaced) {
    if (outputOffset < replacement.outputStart) break;
    if (outputOffset < replacement.outputEnd) return { start: replacement.start, end: replacement.end };
    shift = replacement.end - replacement.outputEnd;
  }
  return { start: outputOffset + shift, end: outputOffset + shift + 1 };
}

/** Why expansion stopped: a cycle, a chain deeper than MAX_VARIABLE_DEPTH, or a result over the length cap. */
export type InterpolationErrorCode = 'cycle' | 'too-deep' | 'too-long';

/** A failed expansion, located at the reference in the original text where it started. */
export interface InterpolationError {
  code: InterpolationErrorCode;
  message: string;
  start: number;
  end: number;
  /** The variables being expanded when it failed, outermost first. */
  chain: string[];
}

/** Where the variables come from, which dynamic values to use, and how to show secrets. */
export interface InterpolateOptions {
  /** Scopes in precedence order (the first that defines a name wins), or an already merged lookup. */
  variables: readonly VariableScope[] | ReadonlyMap<string, Variable>;
  dynamic: DynamicValues;
  /** 'mask' puts SECRET_MASK where a secret variable's value would go: for previews. Default 'reveal'. */
  secrets?: 'reveal' | 'mask';
  /** Longest expanded text allowed, in UTF-16 units. Default DEFAULT_MAX_INTERPOLATED_LENGTH. */
  maxLength?: number;
}

const REFERENCE = new RegExp(String.raw`\{\{\s*(\$?${VARIABLE_NAME_CHARACTER}+)\s*\}\}`, 'gu');

/** Every well-formed `{{name}}` and `{{$name}}` in `text`, in order, for highlighting in an editor. */
export function findVariableReferences(text: string): VariableReference[] {
  const references: VariableReference[] = [];
  if (!text.includes('{{')) return references;
  for (const match of text.matchAll(REFERENCE)) {
    const name = match[1] ?? '';
    references.push({
      name,
      kind: name.startsWith('$') ? 'dynamic' : 'variable',
      start: match.index,
      end: match.index + match[0].length,
    });
  }
  return references;
}

/**
 * Replaces `{{name}}` and `{{$name}}` in a URL, subprotocol list or message body. Plain text substitution:
 * nothing is evaluated, `{{` without a matching `}}` stays literal, and text without `{{` comes back as the
 * same string. Each variable is expanded once per call, so a variable holding `{{$uuid}}` gives the same id
 * everywhere it is used, while each `{{$uuid}}` written out gets its own.
 */
export function interpolate(
  text: string,
  options: InterpolateOptions,
): Result<Interpolated, InterpolationError> {
  if (!text.includes('{{'))
    return ok({ text, unresolved: [], usedSecrets: [], insertedSecrets: [], replaced: [] });
  const maxLength = options.maxLength ?? DEFAULT_MAX_INTERPOLATED_LENGTH;
  const expander = new Expander({ ...options, maxLength });
  const rendered = expander.render(text, []);
  if (!rendered.ok) return err(describe(rendered.error, maxLength));
  const { text: output, unresolved, secrets, replaced } = rendered.value;
  const insertedSecrets = [...expander.inserted].map(([name, value]) => ({ name, value }));
  return ok({ text: output, unresolved, usedSecrets: [...secrets], insertedSecrets, replaced });
}

/**
 * Replaces every secret variable's value in already-expanded text (a sent message, a log line) with
 * SECRET_MASK, in its encoded forms too (see secret-redaction.ts). Pass the variables of every scope: masking
 * a shadowed secret too is the safe side. For previews prefer `interpolate(..., { secrets: 'mask' })`, which
 * also hides secrets built from other variables.
 */
export function maskSecrets(text: string, variables: Iterable<Variable>): string {
  return createRedactor(secretsOf(variables)).redact(text, 'mask').text;
}

/** A variable's fully expanded value, independent of where it is referenced from (hence cacheable). */
interface Expansion {
  text: string;
  /** Length of the longest chain of variables inside, this one included. */
  height: number;
  longest: readonly string[];
  /** One entry per missing name (the first path found): paths can multiply, names cannot. */
  unresolved: readonly { name: string; via: readonly string[] }[];
  secrets: ReadonlySet<string>;
}

interface Rendered {
  text: string;
  height: number;
  longest: readonly string[];
  unresolved: Unresolved[];
  secrets: Set<string>;
  replaced: Replacement[];
}

interface Failure {
  code: InterpolationErrorCode;
  chain: string[];
  start: number;
  end: number;
}

class Expander {
  private readonly lookup: ReadonlyMap<string, Variable>;
  private readonly dynamic: DynamicValues;
  private readonly mask: boolean;
  private readonly maxLength: number;
  private readonly expansions = new Map<string, Expansion>();
  private readonly expanding = new Set<string>();
  /** Secret name → the value it expanded to, for every secret whose value went into the output. */
  readonly inserted = new Map<string, string>();
  private now: number | undefined;

  constructor(options: InterpolateOptions) {
    const { variables } = options;
    this.lookup = isLookup(variables) ? variables : mergeScopes(variables);
    this.dynamic = options.dynamic;
    this.mask = options.secrets === 'mask';
    this.maxLength = options.maxLength ?? DEFAULT_MAX_INTERPOLATED_LENGTH;
  }

  /** Expands the references in `source`; `stack` holds the variables whose values contain it. */
  render(source: string, stack: string[]): Result<Rendered, Failure> {
    const rendered: Rendered = {
      text: source,
      height: 0,
      longest: [],
      unresolved: [],
      secrets: new Set(),
      replaced: [],
    };
    if (!source.includes('{{')) return ok(rendered);
    const parts: string[] = [];
    let length = 0;
    let last = 0;
    for (const match of source.matchAll(REFERENCE)) {
      const name = match[1] ?? '';
      const start = match.index;
      const end = start + match[0].length;
      // `$` names are reserved for dynamic values, so a variable can never shadow one.
      const value = name.startsWith('$') ? this.dynamicValue(name) : undefined;
      const variable = name.startsWith('$') ? undefined : this.lookup.get(name);
      let piece: string;
      if (value !== undefined) {
        piece = value;
      } else if (variable === undefined) {
        rendered.unresolved.push({ name, start, end, via: [] });
        piece = match[0];
      } else {
        const expanded = this.expand(variable, stack);
        if (!expanded.ok) return err({ ...expanded.error, start, end });
        const expansion = expanded.value;
        piece = expansion.text;
        for (const missing of expansion.unresolved) {
          rendered.unresolved.push({ name: missing.name, start, end, via: [...missing.via] });
        }
        for (const secret of expansion.secrets) rendered.secrets.add(secret);
        if (expansion.height > rendered.height) {
          rendered.height = expansion.height;
          rendered.longest = expansion.longest;
        }
      }
      const outputStart = length + start - last;
      length = outputStart + piece.length;
      // Only the original text's positions matter: those are what the editor shows.
      if (stack.length === 0 && piece !== match[0]) {
        rendered.replaced.push({ start, end, outputStart, outputEnd: length });
      }
      if (length > this.maxLength) return err({ code: 'too-long', chain: [...stack], start, end });
      parts.push(source.slice(last, start), piece);
      last = end;
    }
    if (parts.length === 0) return ok(rendered);
    if (length + source.length - last > this.maxLength) {
      return err({ code: 'too-long', chain: [...stack], start: last, end: source.length });
    }
    parts.push(source.slice(last));
    rendered.text = parts.join('');
    return ok(rendered);
  }

  private expand(variable: Variable, stack: string[]): Result<Expansion, Failure> {
    const { name } = variable;
    const cached = this.expansions.get(name);
    if (cached !== undefined) {
      if (stack.length + cached.height > MAX_VARIABLE_DEPTH)
        return failure('too-deep', [...stack, ...cached.longest]);
      return ok(cached);
    }
    // Checked before depth so that a short cycle is reported as a cycle, not as "too deep".
    if (this.expanding.has(name)) return failure('cycle', [...stack, name]);
    if (stack.length + 1 > MAX_VARIABLE_DEPTH) return failure('too-deep', [...stack, name]);

    this.expanding.add(name);
    stack.push(name);
    const rendered = this.render(variable.value, stack);
    stack.pop();
    this.expanding.delete(name);
    if (!rendered.ok) return rendered;

    const inner = rendered.value;
    // An expansion is cached and its text always lands in the output, so recording it here is recording use.
    if (variable.secret && !this.mask && inner.text !== '') this.inserted.set(name, inner.text);
    const unresolved = new Map<string, readonly string[]>();
    for (const missing of inner.unresolved) {
      if (!unresolved.has(missing.name)) unresolved.set(missing.name, [name, ...missing.via]);
    }
    const expansion: Expansion = {
      text: this.mask && variable.secret ? SECRET_MASK : inner.text,
      height: inner.height + 1,
      longest: [name, ...inner.longest],
      unresolved: [...unresolved].map(([missing, via]) => ({ name: missing, via })),
      secrets: variable.secret ? new Set([name, ...inner.secrets]) : inner.secrets,
    };
    this.expansions.set(name, expansion);
    return ok(expansion);
  }

  private dynamicValue(name: string): string | undefined {
    switch (name) {
      case '$uuid':
        return this.dynamic.uuid();
      case '$timestamp':
        return String(this.timestamp());
      case '$isoTimestamp':
        return new Date(this.timestamp()).toISOString();
      case '$randomInt':
        return String(this.dynamic.randomInt());
      case '$counter':
        return String(this.dynamic.counter);
      default:
        return undefined;
    }
  }

  // One reading of the clock per call, so {{$timestamp}} and {{$isoTimestamp}} in one message agree.
  private timestamp(): number {
    this.now ??= this.dynamic.now();
    return this.now;
  }
}

function isLookup(
  variables: readonly VariableScope[] | ReadonlyMap<string, Variable>,
): variables is ReadonlyMap<string, Variable> {
  return variables instanceof Map;
}

function failure(code: InterpolationErrorCode, chain: string[]): Result<never, Failure> {
  // The position is filled in by the caller that knows where the reference sits.
  return err({ code, chain, start: 0, end: 0 });
}

function describe(failure: Failure, maxLength: number): InterpolationError {
  const { code, chain, start, end } = failure;
  let message: string;
  if (code === 'cycle') {
    const repeated = chain[chain.length - 1] ?? '';
    message = `Variable cycle: ${chain.slice(chain.indexOf(repeated)).join(' → ')}`;
  } else if (code === 'too-deep') {
    message = `Variables nested more than ${MAX_VARIABLE_DEPTH} levels deep: ${chain.join(' → ')}`;
  } else {
    message = `Expanding variables makes the text longer than ${maxLength.toLocaleString('en-US')} characters; check for variables that repeat each other.`;
  }
  return { code, message, start, end, chain };
}
