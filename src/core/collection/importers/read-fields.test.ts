import { describe, expect, it } from 'vitest';
import { A_STRING, AN_OBJECT, isRecord, optional, own, required } from './read-fields';

/**
 * Prototype safety where it can break: the readers see only a record's own fields. JSON.parse and the YAML
 * parser make objects whose inherited members (`constructor`, `toString`) a naive `record[key]` would read, and
 * other code may hand over objects with any prototype.
 */
describe('field readers', () => {
  it('never read a member every object inherits as if it were a field', () => {
    const record = JSON.parse('{"name": "Echo"}') as Record<string, unknown>;
    for (const key of ['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__']) {
      expect(own(record, key), key).toBeUndefined();
      expect(optional(record, key, '$', AN_OBJECT), key).toEqual({ ok: true, value: undefined });
      expect(required(record, key, '$', AN_OBJECT), key).toMatchObject({
        ok: false,
        error: { path: `$.${key}`, message: expect.stringContaining('but found nothing') },
      });
    }
  });

  it('never read a field from a prototype, whatever it is', () => {
    const inherited = Object.create({ name: 'Injected', _type: 'export' }) as Record<string, unknown>;
    expect(own(inherited, 'name')).toBeUndefined();
    expect(optional(inherited, 'name', '$', A_STRING)).toEqual({ ok: true, value: undefined });
    expect(required(inherited, '_type', '$', A_STRING).ok).toBe(false);
  });

  it('work on objects without a prototype', () => {
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { name: 'Bare' });
    expect(isRecord(bare)).toBe(true);
    expect(own(bare, 'name')).toBe('Bare');
    expect(own(bare, 'missing')).toBeUndefined();
    expect(required(bare, 'name', '$', A_STRING)).toEqual({ ok: true, value: 'Bare' });
  });
});
