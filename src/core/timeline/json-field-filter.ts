import { err, ok, type Result } from '../shared/result';

/*
 * The JSON field filter: `path op value`, e.g. `$.type == "trade"`, `$.px > 65000`, `$.user exists`.
 * A tiny hand-written parser, so a filter typed by the user is data, never code that runs.
 *
 *   path   $ followed by .name, [index] or ["any key"] steps
 *   op     == != > >= < <= contains exists
 *   value  a JSON literal: "string", number, true, false, null (none after `exists`)
 */

/** One step of a path: an object key or an array index. */
export type PathStep = { key: string } | { index: number };

/** The comparison operators; `exists` takes no value. */
export type FieldOperator = '==' | '!=' | '>' | '>=' | '<' | '<=' | 'contains' | 'exists';

/** A JSON literal a field is compared with. */
export type FieldValue = string | number | boolean | null;

/** A parsed field filter. */
export interface FieldFilter {
  path: readonly PathStep[];
  op: FieldOperator;
  /** Undefined only for `exists`. */
  value?: FieldValue;
}

/** Shown as the filter's help text: the whole language in a few lines. */
export const FIELD_FILTER_HELP =
  'path op value, on JSON text frames. Path: $.a.b, $.a[0], $["key with space"]. ' +
  'Ops: == != > >= < <= contains exists. Values: "text", 12.5, true, false, null. ' +
  'Example: $.type == "trade"';

const OPERATORS: readonly FieldOperator[] = ['==', '!=', '>=', '<=', '>', '<'];
const IDENTIFIER = /[A-Za-z0-9_$-]/;

/** Parses a field filter; a malformed one is an error naming what was expected and where (1-based column). */
export function parseFieldFilter(source: string): Result<FieldFilter, string> {
  const parser = new Parser(source);
  try {
    return ok(parser.filter());
  } catch (error) {
    if (error instanceof FilterSyntaxError) return err(error.message);
    throw error;
  }
}

/** Parses a path alone (`$.id`, `$.data[0]["a key"]`): what a capture or a correlation reads. */
export function parseFieldPath(source: string): Result<readonly PathStep[], string> {
  const parser = new Parser(source);
  try {
    return ok(parser.pathOnly());
  } catch (error) {
    if (error instanceof FilterSyntaxError) return err(error.message);
    throw error;
  }
}

/** The value at `path` in parsed JSON, or `{ found: false }` when a step does not exist. */
export function readField(
  root: unknown,
  path: readonly PathStep[],
): { found: true; value: unknown } | { found: false } {
  const value = resolve(root, path);
  return value === NOT_FOUND ? { found: false } : { found: true, value };
}

class FilterSyntaxError extends Error {}

class Parser {
  private at = 0;
  constructor(private readonly source: string) {}

  filter(): FieldFilter {
    this.space();
    const path = this.path();
    this.space();
    const op = this.operator();
    this.space();
    if (op === 'exists') {
      this.end();
      return { path, op };
    }
    if (this.at >= this.source.length) this.fail(`a value after ${op}`);
    const value = this.value();
    if (
      (op === '>' || op === '>=' || op === '<' || op === '<=') &&
      typeof value !== 'number' &&
      typeof value !== 'string'
    )
      this.fail(`a number or "string" after ${op}`, 0);
    this.space();
    this.end();
    return { path, op, value };
  }

  pathOnly(): PathStep[] {
    this.space();
    const path = this.path();
    this.space();
    this.end();
    return path;
  }

  private path(): PathStep[] {
    if (this.source[this.at] !== '$') this.fail('a path starting with $ (like $.type)');
    this.at++;
    const steps: PathStep[] = [];
    for (;;) {
      const char = this.source[this.at];
      if (char === '.') {
        this.at++;
        const start = this.at;
        while (this.at < this.source.length && IDENTIFIER.test(this.source[this.at] as string)) this.at++;
        if (this.at === start) this.fail('a field name after "." (use $["name"] for other characters)');
        steps.push({ key: this.source.slice(start, this.at) });
      } else if (char === '[') {
        this.at++;
        this.space();
        const next = this.source[this.at];
        if (next === '"') steps.push({ key: this.string() });
        else if (next !== undefined && next >= '0' && next <= '9') {
          const start = this.at;
          while (/[0-9]/.test(this.source[this.at] ?? '')) this.at++;
          steps.push({ index: Number(this.source.slice(start, this.at)) });
        } else this.fail('an array index or a "quoted key" inside [ ]');
        this.space();
        if (this.source[this.at] !== ']') this.fail('"]"');
        this.at++;
      } else return steps;
    }
  }

  private operator(): FieldOperator {
    for (const op of OPERATORS) {
      if (this.source.startsWith(op, this.at)) {
        this.at += op.length;
        return op;
      }
    }
    for (const word of ['contains', 'exists'] as const) {
      if (
        this.source.startsWith(word, this.at) &&
        !IDENTIFIER.test(this.source[this.at + word.length] ?? ' ')
      ) {
        this.at += word.length;
        return word;
      }
    }
    if (this.at >= this.source.length) this.fail('an operator (== != > >= < <= contains exists)');
    if (this.source[this.at] === '=') this.fail('== (two equals signs)');
    return this.fail('an operator (== != > >= < <= contains exists)');
  }

  private value(): FieldValue {
    const char = this.source[this.at];
    if (char === '"') return this.string();
    for (const [word, literal] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (this.source.startsWith(word, this.at)) {
        this.at += word.length;
        return literal;
      }
    }
    const number = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/.exec(this.source.slice(this.at));
    if (number) {
      this.at += number[0].length;
      return Number(number[0]);
    }
    if (char === "'") this.fail('a "double-quoted" string (JSON strings use double quotes)');
    return this.fail('a JSON value: "text", a number, true, false or null');
  }

  // A JSON string literal, decoded by JSON.parse once its extent is known (so every JSON escape works).
  private string(): string {
    const start = this.at;
    this.at++;
    while (this.at < this.source.length && this.source[this.at] !== '"') {
      this.at += this.source[this.at] === '\\' ? 2 : 1;
    }
    if (this.at >= this.source.length) this.fail('a closing " for the string', start - this.at);
    this.at++;
    try {
      return JSON.parse(this.source.slice(start, this.at)) as string;
    } catch {
      return this.fail('a valid JSON string (check its escapes)', start - this.at);
    }
  }

  private space(): void {
    while (this.source[this.at] === ' ' || this.source[this.at] === '\t') this.at++;
  }

  private end(): void {
    if (this.at < this.source.length) this.fail('the end of the filter');
  }

  private fail(expected: string, shift = 0): never {
    const column = this.at + shift + 1;
    const found =
      this.at + shift < this.source.length
        ? `“${this.source.slice(this.at + shift, this.at + shift + 12)}”`
        : 'the end';
    throw new FilterSyntaxError(`Column ${column}: expected ${expected}, found ${found}.`);
  }
}

const NOT_FOUND = Symbol('not found');

/** Follows a path into parsed JSON; NOT_FOUND when a step does not exist (null is a value that exists). */
function resolve(root: unknown, path: readonly PathStep[]): unknown {
  let current: unknown = root;
  for (const step of path) {
    if ('index' in step) {
      if (!Array.isArray(current) || step.index >= current.length) return NOT_FOUND;
      current = current[step.index];
    } else {
      if (typeof current !== 'object' || current === null || Array.isArray(current)) return NOT_FOUND;
      if (!Object.prototype.hasOwnProperty.call(current, step.key)) return NOT_FOUND;
      current = (current as Record<string, unknown>)[step.key];
    }
  }
  return current;
}

/**
 * Whether parsed JSON satisfies the filter. A missing field matches nothing, `!=` included: `$.a != 1`
 * means "has an a that is not 1". Ordering compares numbers with numbers and strings with strings.
 * `contains` finds a substring in a string field, or an equal element in an array field.
 */
export function evaluateFieldFilter(filter: FieldFilter, root: unknown): boolean {
  const found = resolve(root, filter.path);
  if (found === NOT_FOUND) return false;
  const { op, value } = filter;
  switch (op) {
    case 'exists':
      return true;
    case '==':
      return found === value;
    case '!=':
      return found !== value;
    case 'contains':
      if (typeof found === 'string') return typeof value === 'string' && found.includes(value);
      return Array.isArray(found) && found.includes(value);
    default: {
      const comparable =
        (typeof found === 'number' && typeof value === 'number') ||
        (typeof found === 'string' && typeof value === 'string');
      if (!comparable) return false;
      const a = found as number | string;
      const b = value as number | string;
      return op === '>' ? a > b : op === '>=' ? a >= b : op === '<' ? a < b : a <= b;
    }
  }
}

const NUMBER_TOKEN = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

/**
 * Compiles a filter into a test of a frame's text. Text that is not JSON matches nothing. Nothing is cached:
 * a timeline may hold a million frames, so each one is parsed when tested, and only if a cheap check that is
 * never wrong lets it through. Text without a backslash holds every key and string value literally, so a
 * frame can only match `$.…key op value` if `"key"` followed by `:` occurs in it, and (for == and the
 * orderings) with a value after it that could pass. That check is a regular expression scan, about ten times
 * cheaper than JSON.parse, and skips almost every frame of a stream.
 */
export function compileFieldFilter(filter: FieldFilter): (text: string) => boolean {
  const last = filter.path[filter.path.length - 1];
  const key = last && 'key' in last ? last.key : null;
  const keyPattern =
    key === null ? null : new RegExp(`"${key.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}"\\s*:\\s*`, 'g');
  const { op, value } = filter;

  // Whether the token at `at` could be the field's value; false only when it certainly cannot pass.
  const couldPass = (text: string, at: number): boolean => {
    if (op === 'exists' || op === '!=' || op === 'contains') return true;
    if (typeof value === 'number') {
      NUMBER_TOKEN.lastIndex = at;
      const token = NUMBER_TOKEN.exec(text);
      return token !== null && evaluateFieldFilter({ path: [], op, value }, Number(token[0]));
    }
    if (typeof value === 'string') {
      if (text[at] !== '"') return false;
      if (op !== '==') return true;
      return text.startsWith(`"${value}"`, at);
    }
    return text.startsWith(String(value), at);
  };

  const mayMatch = (text: string): boolean => {
    if (keyPattern === null || text.indexOf('\\') !== -1) return true;
    keyPattern.lastIndex = 0;
    for (let found = keyPattern.exec(text); found !== null; found = keyPattern.exec(text)) {
      if (couldPass(text, keyPattern.lastIndex)) return true;
    }
    return false;
  };

  return (text) => {
    const first = firstNonSpace(text);
    if (first !== '{' && first !== '[') return false;
    if (!mayMatch(text)) return false;
    let root: unknown;
    try {
      root = JSON.parse(text);
    } catch {
      return false;
    }
    return evaluateFieldFilter(filter, root);
  };
}

/** Tests a frame's text against a filter (compile once with compileFieldFilter to test many frames). */
export function matchesFieldFilter(filter: FieldFilter, text: string): boolean {
  return compileFieldFilter(filter)(text);
}

function firstNonSpace(text: string): string | undefined {
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    if (char !== ' ' && char !== '\n' && char !== '\r' && char !== '\t') return char;
  }
  return undefined;
}
