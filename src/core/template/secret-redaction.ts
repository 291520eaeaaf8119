import type { Variable } from './variable';

/**
 * Finds secret values in text and bytes and replaces them: with `{{name}}` for anything that leaves the app
 * (files, copies, saved templates), so the result still says which secret stood there, or with SECRET_MASK
 * for the screen. A secret is found in the forms it takes on the way to a log: as typed, JSON-string-escaped
 * (a pretty-printed JSON frame re-escapes it) and percent-encoded (encodeURIComponent, form encoding, and what
 * `new URL()` normalization makes of a query, path or password), so a token in a URL or inside a JSON string
 * is found too.
 *
 * Every non-empty secret counts, however short: a one-character secret masks every occurrence of that
 * character. That is the safe side; the variables editor is where such a secret is best noticed.
 */

/** What the screen shows instead of a secret value. */
export const SECRET_MASK = '••••';

/** A secret variable's name and the value it stands for. */
export interface Secret {
  name: string;
  value: string;
}

/** What a secret is replaced with: `{{name}}` (files, copies, templates) or SECRET_MASK (display). */
export type RedactAs = 'name' | 'mask';

/** Redacted text and how many secret occurrences were replaced in it. */
export interface Redacted {
  text: string;
  found: number;
}

/** The beginning of a redacted text; `cut` says whether the text went on past it. */
export interface RedactedHead extends Redacted {
  cut: boolean;
}

/** Where one secret's bytes occur: `start` inclusive, `end` exclusive, and which secret it is. */
export interface SecretRange {
  start: number;
  end: number;
  name: string;
}

/** A compiled set of secrets. Building one costs a few regular expressions; using it never throws. */
export interface Redactor {
  /** The secrets it looks for, longest value first, one per distinct value; empty when there is nothing to hide. */
  readonly secrets: readonly Secret[];
  /** The longest form (in UTF-16 units) any secret can take in text: how far a match can reach. */
  readonly maxLength: number;
  /** The longest form in UTF-8 bytes. */
  readonly maxByteLength: number;
  /** Replaces every occurrence, in any of its forms. */
  redact(text: string, as: RedactAs): Redacted;
  /**
   * The first `maxChars` characters of `redact(text)`, redacting only as much of the text as that needs (a
   * preview of a 10 MB frame reads a few hundred characters). A secret cut by the end of the head is still
   * replaced whole, so no part of it shows.
   */
  redactHead(text: string, as: RedactAs, maxChars: number): RedactedHead;
  /** Where the secrets' bytes (UTF-8 of each form) occur: leftmost first, the longest at a position, none overlapping. */
  findInBytes(bytes: Uint8Array): SecretRange[];
  /** The bytes with each occurrence replaced by the UTF-8 of `{{name}}` or of the mask; the same array when none. */
  redactBytes(bytes: Uint8Array<ArrayBuffer>, as: RedactAs): Uint8Array<ArrayBuffer>;
}

/** The secrets among variables: every secret with a value (a secret left empty has nothing to hide). */
export function secretsOf(variables: Iterable<Variable>): Secret[] {
  const secrets: Secret[] = [];
  for (const { name, value, secret } of variables) if (secret && value !== '') secrets.push({ name, value });
  return secrets;
}

/** The text a secret is replaced with. */
export function replacementFor(name: string, as: RedactAs): string {
  return as === 'name' ? `{{${name}}}` : SECRET_MASK;
}

const encoder = new TextEncoder();

const NOTHING: Redactor = {
  secrets: [],
  maxLength: 0,
  maxByteLength: 0,
  redact: (text) => ({ text, found: 0 }),
  redactHead: (text, _as, maxChars) => ({
    text: text.length > maxChars ? text.slice(0, maxChars) : text,
    found: 0,
    cut: text.length > maxChars,
  }),
  findInBytes: () => [],
  redactBytes: (bytes) => bytes,
};

/**
 * Compiles secrets into a redactor. Values are matched longest first, so a secret containing another is
 * replaced whole; when two names share a value, the first name is the one written. Empty values are skipped.
 */
export function createRedactor(secrets: Iterable<Secret>): Redactor {
  const names = new Map<string, string>();
  for (const { name, value } of secrets) if (value !== '' && !names.has(value)) names.set(value, name);
  if (names.size === 0) return NOTHING;
  // Stable: equal lengths keep the order they were given in.
  const list = [...names]
    .map(([value, name]) => ({ name, value }))
    .sort((a, b) => b.value.length - a.value.length);
  const forms = list.map((secret) => encodedForms(secret.value));
  const maxLength = Math.max(...forms.flat().map((form) => form.length));
  const shortest = Math.min(...forms.flat().map((form) => form.length));
  // One group per secret, in order, so a match says whose it is; no `u` flag, so lone surrogates match too.
  const pattern = new RegExp(forms.map((f) => `(${f.map(toPattern).join('|')})`).join('|'), 'g');
  const byteForms = list.map((secret, index) => ({
    name: secret.name,
    patterns: (forms[index] as string[]).map((form) => encoder.encode(form)),
  }));
  const maxByteLength = Math.max(...byteForms.flatMap((s) => s.patterns.map((p) => p.length)));
  const replacements: Record<RedactAs, string[]> = {
    name: list.map((s) => replacementFor(s.name, 'name')),
    mask: list.map((s) => replacementFor(s.name, 'mask')),
  };

  /** Replaces matches that start before `stop` (the whole text by default); text from `stop` on is left off. */
  const replace = (text: string, as: RedactAs, stop: number): Redacted => {
    const parts: string[] = [];
    let found = 0;
    let last = 0;
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match !== null && match.index < stop; match = pattern.exec(text)) {
      let group = 1;
      while (match[group] === undefined && group < match.length - 1) group++;
      parts.push(text.slice(last, match.index), replacements[as][group - 1] as string);
      last = match.index + match[0].length;
      found++;
    }
    pattern.lastIndex = 0;
    if (found === 0) return { text: stop >= text.length ? text : text.slice(0, stop), found };
    if (last < stop) parts.push(text.slice(last, stop));
    return { text: parts.join(''), found };
  };

  const redact = (text: string, as: RedactAs): Redacted => {
    if (text.length < shortest) return { text, found: 0 };
    try {
      return replace(text, as, text.length);
    } catch {
      // Only a result too long for a string gets here (many tiny secrets in a huge text): show none of it.
      return { text: SECRET_MASK, found: 1 };
    }
  };

  return {
    secrets: list,
    maxLength,
    maxByteLength,
    redact,
    redactHead(text, as, maxChars) {
      // A match starting before `safe` lies wholly inside the window, so it is found exactly as in the whole
      // text; one that starts later may be cut by the window and is left for a wider one.
      for (let window = maxChars + maxLength; ; window *= 2) {
        if (window >= text.length) {
          const whole = redact(text, as);
          const cut = whole.text.length > maxChars;
          return { text: cut ? whole.text.slice(0, maxChars) : whole.text, found: whole.found, cut };
        }
        const safe = window - maxLength + 1;
        let head: Redacted;
        try {
          head = replace(text.slice(0, window), as, safe);
        } catch {
          return { text: SECRET_MASK, found: 1, cut: true };
        }
        // Secrets much longer than their replacement shrink the head: widen until it fills the preview.
        if (head.text.length >= maxChars)
          return { text: head.text.slice(0, maxChars), found: head.found, cut: true };
      }
    },
    findInBytes: (bytes) => findRanges(bytes, byteForms),
    redactBytes(bytes, as) {
      const ranges = findRanges(bytes, byteForms);
      if (ranges.length === 0) return bytes;
      const pieces = new Map(list.map((s) => [s.name, encoder.encode(replacementFor(s.name, as))]));
      let length = bytes.length;
      for (const range of ranges)
        length += (pieces.get(range.name) as Uint8Array).length - (range.end - range.start);
      const out = new Uint8Array(length);
      let from = 0;
      let at = 0;
      for (const range of ranges) {
        out.set(bytes.subarray(from, range.start), at);
        at += range.start - from;
        const piece = pieces.get(range.name) as Uint8Array;
        out.set(piece, at);
        at += piece.length;
        from = range.end;
      }
      out.set(bytes.subarray(from), at);
      return out;
    },
  };
}

/** An encoding a secret may pass through, and how to undo it (to check the encoding kept the whole value). */
interface PercentEncoding {
  encode(value: string): string;
  decode(encoded: string): string;
}

const percentDecode = (encoded: string) => decodeURIComponent(encoded);

/*
 * The URL setters apply the same percent-encode sets as `new URL()` does while parsing a whole address (the
 * special-query set for `ws:`), in whichever engine runs this, so the forms match what that engine wrote.
 */
const PERCENT_ENCODINGS: readonly PercentEncoding[] = [
  { encode: encodeURIComponent, decode: percentDecode },
  { encode: (value) => withUrl((url) => (url.search = value)).search.slice(1), decode: percentDecode },
  { encode: (value) => withUrl((url) => (url.pathname = value)).pathname.slice(1), decode: percentDecode },
  { encode: (value) => withUrl((url) => (url.password = value)).password, decode: percentDecode },
  {
    encode: (value) => new URLSearchParams([['', value]]).toString().slice(1),
    decode: (encoded) => decodeURIComponent(encoded.replaceAll('+', ' ')),
  },
];

function withUrl(change: (url: URL) => void): URL {
  const url = new URL('ws://h/');
  change(url);
  return url;
}

/*
 * JSON writers differ: JSON.stringify escapes only quotes, backslashes and controls; Python's json.dumps also
 * writes every non-ASCII unit as \uXXXX; PHP's json_encode does that and escapes "/" as well.
 */
const JSON_ESCAPES: readonly ((text: string) => string)[] = [
  (text) => jsonEscape(text),
  (text) => asciiEscape(jsonEscape(text)),
  (text) => jsonEscape(text).replaceAll('/', '\\/'),
  (text) => asciiEscape(jsonEscape(text)).replaceAll('/', '\\/'),
];

function jsonEscape(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}

function asciiEscape(text: string): string {
  return text.replace(/[\u0080-\uffff]/g, (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The value and every distinct form it takes through the encodings above, longest first. */
function encodedForms(value: string): string[] {
  const forms = new Set([value]);
  for (const { encode, decode } of PERCENT_ENCODINGS) {
    try {
      const encoded = encode(value);
      // An encoding that changed the value (a lone surrogate became U+FFFD, "/.." was resolved away) is not a
      // form of it, and matching what is left could mask unrelated text.
      if (encoded !== '' && decode(encoded) === value) forms.add(encoded);
    } catch {
      // encodeURIComponent throws on lone surrogates; such a value simply has no percent-encoded form.
    }
  }
  for (const form of [...forms]) for (const escape of JSON_ESCAPES) forms.add(escape(form));
  return [...forms].sort((a, b) => b.length - a.length);
}

const HEX = /^[0-9a-fA-F]$/;

/** A literal as a regular expression, with the hex digits of `%XX` and `\uXXXX` escapes matching either case. */
function toPattern(literal: string): string {
  let pattern = '';
  for (let i = 0; i < literal.length; i++) {
    const unit = literal[i] as string;
    const digits = unit === '%' ? 2 : unit === '\\' && literal[i + 1] === 'u' ? 4 : 0;
    const start = unit === '%' ? i + 1 : i + 2;
    if (
      digits > 0 &&
      [...literal.slice(start, start + digits)].filter((c) => HEX.test(c)).length === digits
    ) {
      pattern += unit === '%' ? '%' : '\\\\u';
      for (const digit of literal.slice(start, start + digits)) pattern += hexClass(digit);
      i = start + digits - 1;
      continue;
    }
    pattern += unit.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return pattern;
}

function hexClass(digit: string): string {
  const lower = digit.toLowerCase();
  const upper = digit.toUpperCase();
  return lower === upper ? digit : `[${lower}${upper}]`;
}

function findRanges(
  bytes: Uint8Array,
  secrets: readonly { name: string; patterns: readonly Uint8Array[] }[],
): SecretRange[] {
  const candidates: SecretRange[] = [];
  for (const { name, patterns } of secrets) {
    for (const pattern of patterns) {
      const first = pattern[0] as number;
      for (
        let at = bytes.indexOf(first);
        at !== -1 && at + pattern.length <= bytes.length;
        at = bytes.indexOf(first, at + 1)
      ) {
        let same = true;
        for (let k = 1; k < pattern.length && same; k++) same = bytes[at + k] === pattern[k];
        if (same) candidates.push({ start: at, end: at + pattern.length, name });
      }
    }
  }
  if (candidates.length === 0) return candidates;
  // Stable sort: at one position the longest wins, then the earlier (longer) secret.
  candidates.sort((a, b) => a.start - b.start || b.end - a.end);
  const ranges: SecretRange[] = [];
  let end = 0;
  for (const candidate of candidates) {
    if (candidate.start < end) continue;
    ranges.push(candidate);
    end = candidate.end;
  }
  return ranges;
}
