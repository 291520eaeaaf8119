// Characters a user cannot see in a message, named so "Unexpected U+00A0" can be understood and found.
const NAMES: ReadonlyMap<number, string> = new Map([
  [0x09, 'tab'],
  [0x0a, 'line feed'],
  [0x0d, 'carriage return'],
  [0x20, 'space'],
  [0xa0, 'no-break space'],
  [0x200b, 'zero-width space'],
  [0x2028, 'line separator'],
  [0x2029, 'paragraph separator'],
  [0xfeff, 'byte order mark'],
]);

const INVISIBLE = /^[\p{C}\p{Z}]$/u;

/** The character at `offset`, whole even if it is a surrogate pair, so errors never show half an emoji. */
export function characterAt(text: string, offset: number): string {
  const codePoint = text.codePointAt(offset);
  return codePoint === undefined ? '' : String.fromCodePoint(codePoint);
}

/** A character for an error message: `"g"` when visible, `U+00A0 (no-break space)` when not. */
export function describeCharacter(character: string): string {
  const codePoint = character.codePointAt(0) ?? 0;
  if (!INVISIBLE.test(character)) return `"${character}"`;
  const code = `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
  const name = NAMES.get(codePoint);
  return name === undefined ? code : `${code} (${name})`;
}
