import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDefaultAutomation } from '../workspace/workspace';
import { collectionDocument, looseCollectionFile } from './collection-arbitraries.test-support';
import { serializeCollectionFile } from './collection-file';
import { parseCollectionFile } from './parse-collection-file';
import { publishedSchemaErrors, validatePublished } from './published-schema.test-support';

const exportedAt = new Date('2026-12-01T12:00:00.000Z');

function file(overrides: Record<string, unknown> = {}) {
  return {
    format: 'frameline-collection',
    version: 1,
    collections: [
      {
        id: 'team',
        name: 'Team',
        items: [
          {
            type: 'connection',
            id: 'echo',
            name: 'Echo',
            url: 'ws://127.0.0.1:8787/echo',
            protocols: [],
            templates: [{ id: 't', name: 'Hi', format: 'text', body: 'hi' }],
          },
        ],
      },
    ],
    ...overrides,
  };
}

describe('the published JSON Schema', () => {
  it('accepts every export', () => {
    fc.assert(
      fc.property(collectionDocument, (document) => {
        const text = serializeCollectionFile(document, { exportedAt });
        expect(validatePublished(JSON.parse(text)), publishedSchemaErrors()).toBe(true);
      }),
      { numRuns: 100 },
    );
  }, 30_000);

  it('accepts every file the parser accepts, and the parser accepts a good share of loose files', () => {
    let accepted = 0;
    const numRuns = 300;
    fc.assert(
      fc.property(looseCollectionFile, (input) => {
        const result = parseCollectionFile(structuredClone(input));
        if (!result.ok) {
          // Refusals are worded for people: a path and a sentence, never zod's own "Invalid input".
          expect(result.error.path).toMatch(/^\$/);
          expect(result.error.message).not.toMatch(/Invalid input|is not valid/);
          return;
        }
        accepted++;
        expect(validatePublished(input), publishedSchemaErrors()).toBe(true);
      }),
      { numRuns },
    );
    expect(accepted).toBeGreaterThan(numRuns * 0.3);
  }, 60_000);
});

describe('parseCollectionFile', () => {
  it('takes missing optional fields as none, and never changes its input', () => {
    const input = file();
    const before = structuredClone(input);
    const result = parseCollectionFile(input);
    expect(result).toEqual({
      ok: true,
      value: expect.objectContaining({
        collections: [
          {
            id: 'team',
            name: 'Team',
            variables: [],
            items: [expect.objectContaining({ id: 'echo', automation: createDefaultAutomation() })],
          },
        ],
        connections: [],
        environments: [],
      }),
    });
    expect(input).toEqual(before);
  });

  it('reads a secret with or without its value; a missing value is empty', () => {
    const result = parseCollectionFile(
      file({
        environments: [
          {
            id: 'stage',
            name: 'Staging',
            variables: [
              { name: 'a', secret: true },
              { name: 'b', secret: true, value: 'shared on purpose' },
              { name: 'c', value: 'plain', secret: false },
            ],
          },
        ],
      }),
    );
    expect(result.ok && result.value.environments[0]?.variables).toEqual([
      { name: 'a', secret: true, value: '' },
      { name: 'b', secret: true, value: 'shared on purpose' },
      { name: 'c', value: 'plain', secret: false },
    ]);
    expect(
      parseCollectionFile(file({ environments: [{ id: 'e', name: 'E', variables: [{ name: 'x' }] }] })),
    ).toEqual({
      ok: false,
      error: { path: '$.environments[0].variables[0].secret', message: 'should be true or false.' },
    });
    expect(
      parseCollectionFile(
        file({ environments: [{ id: 'e', name: 'E', variables: [{ name: 'x', secret: false }] }] }),
      ),
    ).toEqual({
      ok: false,
      error: { path: '$.environments[0].variables[0].value', message: 'should be text.' },
    });
  });

  it('refuses a key it does not know, naming its path, but allows "$schema" at the top', () => {
    const colour = file();
    (colour.collections[0] as Record<string, unknown>).colour = 'red';
    expect(parseCollectionFile(colour)).toEqual({
      ok: false,
      error: { path: '$.collections[0].colour', message: 'is not a field Frameline knows.' },
    });
    expect(parseCollectionFile(file({ 'my key': 1 }))).toMatchObject({
      error: { path: '$["my key"]' },
    });
    expect(
      parseCollectionFile(file({ $schema: 'https://example.test/frameline-collection.schema.json' })).ok,
    ).toBe(true);
    expect(parseCollectionFile(file({ $schema: 42 }))).toEqual({
      ok: false,
      error: { path: '$.$schema', message: 'should be text.' },
    });
  });

  it('treats an own "__proto__" key as an unknown field, not as a prototype', () => {
    const text = JSON.stringify(file()).replace('"id":"team"', '"__proto__":{"polluted":true},"id":"team"');
    const result = parseCollectionFile(JSON.parse(text));
    expect(result).toEqual({
      ok: false,
      error: { path: '$.collections[0].__proto__', message: 'is not a field Frameline knows.' },
    });
  });

  it('words each kind of problem, at its path', () => {
    const connection = (fields: Record<string, unknown>) =>
      file({ collections: [], connections: [{ ...file().collections[0]!.items[0], ...fields }] });
    const cases: [unknown, string, string][] = [
      [connection({ id: '' }), '$.connections[0].id', 'should be non-empty text.'],
      [connection({ type: 'socket' }), '$.connections[0].type', 'should be "connection".'],
      [connection({ protocols: 'json' }), '$.connections[0].protocols', 'should be a list of text.'],
      [connection({ protocols: ['json', 1] }), '$.connections[0].protocols[1]', 'should be text.'],
      [
        connection({ templates: [{ id: 't', name: 'B', format: 'binary', body: 'de ad' }] }),
        '$.connections[0].templates[0].encoding',
        'should be "hex" or "base64".',
      ],
      [
        connection({ automation: { ...createDefaultAutomation(), sendOnOpen: 't' } }),
        '$.connections[0].automation.sendOnOpen',
        'should be a list of template ids.',
      ],
      [
        connection({ automation: { ...createDefaultAutomation(), heartbeat: 'often' } }),
        '$.connections[0].automation.heartbeat',
        'should be null or an object with templateId and everyMs.',
      ],
      [
        connection({ automation: { ...createDefaultAutomation(), connectTimeoutMs: 1.5 } }),
        '$.connections[0].automation.connectTimeoutMs',
        'should be a whole number of milliseconds or null.',
      ],
      [
        connection({
          automation: {
            ...createDefaultAutomation(),
            reconnect: { ...createDefaultAutomation().reconnect, maxAttempts: 'always' },
          },
        }),
        '$.connections[0].automation.reconnect.maxAttempts',
        'should be a whole number or "unlimited".',
      ],
      [
        connection({
          automation: {
            ...createDefaultAutomation(),
            reconnect: { ...createDefaultAutomation().reconnect, initialDelayMs: -1 },
          },
        }),
        '$.connections[0].automation.reconnect.initialDelayMs',
        'should be a whole number of milliseconds.',
      ],
      [file({ exportedAt: 'yesterday' }), '$.exportedAt', expect.stringContaining('date and time')],
      [
        file({ collections: [{ id: 'c', name: 'C', items: [5] }] }),
        '$.collections[0].items[0]',
        'should be a folder or a connection.',
      ],
      [
        file({ collections: [{ id: 'c', name: 'C', items: [{ type: 'group' }] }] }),
        '$.collections[0].items[0].type',
        'should be "folder" or "connection".',
      ],
      [file({ collections: {} }), '$.collections', 'should be a list.'],
      [file({ collections: [] }), '$', 'The file holds no collections, connections or environments.'],
    ];
    for (const [input, path, message] of cases) {
      expect(parseCollectionFile(input), path).toEqual({ ok: false, error: { path, message } });
    }
  });

  it('keeps an encoding only on binary templates', () => {
    const templates = [
      { id: 'a', name: 'A', format: 'text', encoding: 'hex', body: 'x' },
      { id: 'b', name: 'B', format: 'binary', encoding: 'base64', body: 'AA==' },
    ];
    const result = parseCollectionFile(
      file({ collections: [], connections: [{ ...file().collections[0]!.items[0], templates }] }),
    );
    expect(result.ok && result.value.connections[0]?.templates).toEqual([
      { id: 'a', name: 'A', format: 'text', body: 'x' },
      { id: 'b', name: 'B', format: 'binary', encoding: 'base64', body: 'AA==' },
    ]);
  });

  it('refuses template ids used twice in one connection', () => {
    const templates = [
      { id: 't', name: 'A', format: 'text', body: '' },
      { id: 't', name: 'B', format: 'text', body: '' },
    ];
    expect(
      parseCollectionFile(
        file({ collections: [], connections: [{ ...file().collections[0]!.items[0], templates }] }),
      ),
    ).toEqual({
      ok: false,
      error: {
        path: '$.connections[0].templates[1].id',
        message:
          'repeats the id "t" of $.connections[0].templates[0]; template ids must differ within a connection.',
      },
    });
  });
});
