import { describe, expect, it } from 'vitest';
import {
  formatColumnValue,
  JSON_PARSE_LIMIT,
  jsonRowFacts,
  MAX_ROW_COLUMNS,
  parseColumnList,
  readColumnMap,
} from './row-columns';

describe('jsonRowFacts', () => {
  it('tells JSON objects and arrays from text, and reads an object’s fields', () => {
    expect(jsonRowFacts(' {"type":"trade","px":65000} \n')).toEqual({
      json: true,
      fields: { type: 'trade', px: 65000 },
    });
    expect(jsonRowFacts('[1,2]')).toEqual({ json: true, fields: null });
    for (const text of ['hello', '42', '"ok"', '{not json}', '{"a":1', '', 'true'])
      expect(jsonRowFacts(text)).toEqual({ json: false, fields: null });
  });

  it('judges frames past the parse limit by their delimiters, without parsing them', () => {
    const big = `{"data":"${'x'.repeat(JSON_PARSE_LIMIT)}"}`;
    expect(jsonRowFacts(big)).toEqual({ json: true, fields: null });
    expect(jsonRowFacts(`${big}!`).json).toBe(false);
  });
});

describe('formatColumnValue', () => {
  const fields = { type: 'trade', id: 7, ok: false, nil: null, nested: { a: [1, 2] }, long: 'y'.repeat(500) };
  it('shows strings as they are, other values as compact JSON, and nothing for a missing field', () => {
    expect(formatColumnValue(fields, 'type')).toBe('trade');
    expect(formatColumnValue(fields, 'id')).toBe('7');
    expect(formatColumnValue(fields, 'ok')).toBe('false');
    expect(formatColumnValue(fields, 'nil')).toBe('null');
    expect(formatColumnValue(fields, 'nested')).toBe('{"a":[1,2]}');
    expect(formatColumnValue(fields, 'missing')).toBe('');
    expect(formatColumnValue(fields, 'toString')).toBe('');
    expect(formatColumnValue(null, 'type')).toBe('');
    expect(formatColumnValue(fields, 'long')).toHaveLength(121);
  });
});

describe('parseColumnList', () => {
  it('trims names and drops empties and repeats', () => {
    expect(parseColumnList(' type, id,, type ,')).toEqual({ ok: true, columns: ['type', 'id'] });
    expect(parseColumnList('')).toEqual({ ok: true, columns: [] });
  });
  it('refuses too many columns or an overlong name, saying why', () => {
    const many = Array.from({ length: MAX_ROW_COLUMNS + 1 }, (_, i) => `f${i}`).join(',');
    expect(parseColumnList(many)).toEqual({ ok: false, message: `At most 6 columns; got 7.` });
    const result = parseColumnList('z'.repeat(65));
    expect(result.ok).toBe(false);
  });
});

describe('readColumnMap', () => {
  it('keeps only well-formed entries of stored data', () => {
    expect(readColumnMap({ a: ['type', 'id'], b: 'type', c: [1], d: [], e: ['x'] })).toEqual({
      a: ['type', 'id'],
      e: ['x'],
    });
    expect(readColumnMap(null)).toEqual({});
    expect(readColumnMap(['a'])).toEqual({});
  });
});
