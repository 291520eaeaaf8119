import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDefaultAutomation } from '../workspace/workspace';
import { createDocument } from './collection-document';
import { serializeCollectionFile } from './collection-file';
import { MAX_IMPORT_BYTES, MAX_IMPORT_DEPTH, parseImport } from './parse-import';

const options = { newId: () => crypto.randomUUID() };

function validFile(): string {
  const document = createDocument('Frameline collection');
  document.collections.push({
    id: 'team',
    name: 'Team',
    variables: [],
    items: [
      {
        type: 'connection',
        id: 'echo',
        name: 'Echo',
        url: 'ws://127.0.0.1:8787/echo',
        protocols: [],
        templates: [{ id: 't', name: 'Hi', format: 'text', body: 'hi' }],
        automation: createDefaultAutomation(),
        scenarios: [],
      },
    ],
  });
  return serializeCollectionFile(document, { exportedAt: new Date(0) });
}

describe('parseImport', () => {
  it('reads a Frameline collection file', () => {
    const result = parseImport(validFile(), options);
    expect(result.ok && result.value.collections[0]?.name).toBe('Team');
  });

  it('explains truncated JSON', () => {
    const text = validFile();
    expect(parseImport(text.slice(0, text.length / 2), options)).toEqual({
      ok: false,
      error: { path: '$', message: expect.stringMatching(/ends too early|not valid at line/) },
    });
  });

  it('names the path of a wrong type', () => {
    const file = JSON.parse(validFile());
    file.collections[0].items[0].url = 42;
    expect(parseImport(JSON.stringify(file), options)).toEqual({
      ok: false,
      error: { path: '$.collections[0].items[0].url', message: 'should be text.' },
    });
  });

  it('refuses a file from a newer Frameline', () => {
    const file = JSON.parse(validFile());
    const result = parseImport(JSON.stringify({ ...file, version: 9 }), options);
    expect(result).toMatchObject({ ok: false, error: { path: '$.version' } });
  });

  it('refuses prototype keys anywhere, naming where', () => {
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      const file = validFile().replace('"name": "Echo"', `"${key}": { "polluted": true }, "name": "Echo"`);
      expect(parseImport(file, options)).toEqual({
        ok: false,
        error: { path: `$.collections[0].items[0].${key}`, message: expect.stringContaining(`"${key}"`) },
      });
    }
    const yaml = 'type: collection.insomnia.rest/5.0\nname: x\n__proto__:\n  polluted: true\n';
    expect(parseImport(yaml, options)).toMatchObject({ ok: false, error: { path: '$.__proto__' } });
  });

  it('refuses deep nesting without overflowing the stack', () => {
    const depth = 100_000;
    const result = parseImport(
      `{"format":"frameline-collection","x":${'['.repeat(depth)}${']'.repeat(depth)}}`,
      options,
    );
    expect(result.ok).toBe(false);
    const shallow = parseImport(
      `{"a":${'['.repeat(MAX_IMPORT_DEPTH + 5)}${']'.repeat(MAX_IMPORT_DEPTH + 5)}}`,
      options,
    );
    expect(shallow).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('nested more than') },
    });
  });

  it('refuses input over the size limit before parsing it', () => {
    const huge = `{"format":"frameline-collection","pad":"${'x'.repeat(MAX_IMPORT_BYTES)}"}`;
    expect(parseImport(huge, options)).toEqual({
      ok: false,
      error: { path: '$', message: expect.stringContaining('Frameline imports up to 20 MiB') },
    });
  });

  it('says what it does not recognise', () => {
    expect(parseImport('{"hello": 1}', options)).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('does not recognise') },
    });
    expect(parseImport('', options)).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('empty') },
    });
    expect(
      parseImport(
        '{"info":{"schema":"https://schema.getpostman.com/json/collection/v2.1.0/collection.json"}}',
        options,
      ),
    ).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('Postman') },
    });
    expect(parseImport('a: [1,\n b: c', options)).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('line 2') },
    });
  });

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json(),
          fc
            .jsonValue()
            .map((v) => JSON.stringify({ format: 'frameline-collection', version: 1, collections: v })),
        ),
        (text) => {
          expect(() => parseImport(text, options)).not.toThrow();
        },
      ),
      { numRuns: 300 },
    );
  });
});
