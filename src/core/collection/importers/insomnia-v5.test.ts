import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createDefaultAutomation } from '../../workspace/workspace';
import type { CollectionDocument, DocumentItem } from '../collection-document';
import { importInsomniaV5 } from './insomnia-v5';

const fixtureText = readFileSync(new URL('./fixtures/insomnia-v5.yaml', import.meta.url), 'utf8');

function sequentialIds(): () => string {
  let next = 0;
  return () => `new-${++next}`;
}

function importValue(value: unknown): CollectionDocument {
  const result = importInsomniaV5(value, { newId: sequentialIds() });
  if (!result.ok) throw new Error(`${result.error.path}: ${result.error.message}`);
  return result.value;
}

const importFixture = () => importValue(parse(fixtureText));

function collectionOf(items: unknown[]): unknown {
  return { type: 'collection.insomnia.rest/5.0', name: 'C', meta: { id: 'wrk_c' }, collection: items };
}

function outline(items: readonly DocumentItem[]): unknown[] {
  return items.map((item) => (item.type === 'folder' ? { [item.name]: outline(item.items) } : item.name));
}

function messages(document: CollectionDocument): string[] {
  return document.notes.map((note) => `${note.where}: ${note.message}`);
}

describe('importInsomniaV5', () => {
  it('maps the collection tree, ordering siblings by meta.sortKey and keeping empty folders', () => {
    const document = importFixture();
    expect(document.source).toBe('Insomnia v5 collection');
    expect(document.collections.map(({ id, name }) => ({ id, name }))).toEqual([
      { id: 'wrk_5chat', name: 'Chat service' },
    ]);
    expect(outline(document.collections[0]?.items ?? [])).toEqual([
      'Echo',
      { Rooms: [{ 'Private rooms': ['VIP room'] }, 'Lobby', { Archive: [] }] },
    ]);
  });

  it('builds connection URLs and subprotocols like the v4 importer', () => {
    const [echo, rooms] = importFixture().collections[0]?.items ?? [];
    expect(echo).toEqual({
      type: 'connection',
      id: 'ws-req_echo',
      name: 'Echo',
      url: 'ws://127.0.0.1:8787/echo?x=1&q=a%2Bb%3Dc&api_key=k%26y',
      protocols: [],
      templates: [],
      automation: createDefaultAutomation(),
      scenarios: [],
    });
    const lobby = rooms?.type === 'folder' ? rooms.items[1] : undefined;
    expect(lobby).toMatchObject({
      id: 'ws-req_lobby',
      url: 'wss://{{host}}/rooms/lobby?lang=en%20gb&token={{token}}',
      protocols: ['chat.v2', 'json'],
    });
  });

  it('says once that v5 files carry no saved messages, with the number of connections', () => {
    const notes = messages(importFixture()).filter((note) => note.includes('saved WebSocket messages'));
    expect(notes).toEqual([
      'collection: Insomnia v5 files do not include saved WebSocket messages, so the 3 connections were imported without message templates.',
    ]);
  });

  it('notes handshake headers, authentication, skipped requests and other environments', () => {
    const notes = messages(importFixture());
    expect(notes).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^collection\[0\]\.children\[1\]\.children\[0\] "VIP room": Header "X-Client" was kept with the connection: frameline run sends it, but a browser cannot send headers/,
        ),
        expect.stringMatching(
          /^collection\[0\]\.children\[1\]\.children\[0\] "VIP room": Bearer token authentication was not imported: a browser cannot send headers/,
        ),
        expect.stringMatching(
          /^collection\[0\]\.children\[1\] "Private rooms": Header "X-Tenant" was not imported \(set on this folder/,
        ),
        'collection: 2 HTTP requests were skipped: Frameline is for WebSockets.',
        'collection: 1 gRPC request was skipped: Frameline is for WebSockets.',
        'collection: 1 cookie jar was skipped: Frameline has no place for them.',
        expect.stringMatching(/^collection: Environments "Staging" and "Production" were not imported/),
      ]),
    );
  });

  it('turns the base environment into the collection variables', () => {
    expect(importFixture().collections[0]?.variables).toEqual([
      { name: 'host', value: 'chat.example.com', secret: false },
      { name: 'token', value: 's3cr3t', secret: false },
      { name: 'auth.user', value: 'ada', secret: false },
      { name: 'retries', value: '3', secret: false },
    ]);
  });

  it('reads the file the same way when it arrives as JSON', () => {
    expect(importValue(JSON.parse(JSON.stringify(parse(fixtureText))))).toEqual(importFixture());
  });

  it('reads a minimal file: no meta, no name, an item without an id is a WebSocket request', () => {
    const document = importValue({
      type: 'collection.insomnia.rest/5.0',
      collection: [{ url: 'wss://x.test/a' }],
    });
    expect(document.collections).toEqual([
      {
        id: 'new-1',
        name: 'Insomnia collection',
        variables: [],
        items: [expect.objectContaining({ id: 'new-2', name: 'x.test/a', url: 'wss://x.test/a' })],
      },
    ]);
    expect(importValue({ type: 'collection.insomnia.rest/5.0' }).collections[0]?.items).toEqual([]);
  });

  it('skips Socket.IO requests and items of unknown kinds, counting them', () => {
    const notes = messages(
      importValue(
        collectionOf([
          { url: 'wss://x/socket.io', name: 'io', meta: { id: 'socketio-req_1' } },
          { name: 'odd', meta: { id: 'mcp-req_1' } },
        ]),
      ),
    );
    expect(notes).toContain('collection: 1 Socket.IO request was skipped: Frameline is for WebSockets.');
    expect(notes).toContain(
      'collection: 1 item of an unknown kind was skipped: Frameline has no place for them.',
    );
  });

  it('refuses other files and names the JSON path of a field with the wrong type', () => {
    const cases: [unknown, string, string][] = [
      ['text', '$', 'Expected an Insomnia v5 collection object at $, but found the text "text".'],
      [{ type: 'environment.insomnia.rest/5.0' }, '$.type', 'Expected "collection.insomnia.rest/5.0"'],
      [
        { type: 'collection.insomnia.rest/5.0', collection: {} },
        '$.collection',
        'Expected a list at $.collection',
      ],
      [
        collectionOf([{ name: 'F', meta: { id: 'fld_1' }, children: [7] }]),
        '$.collection[0].children[0]',
        'Expected a folder or request object',
      ],
      [
        collectionOf([{ name: 'F', children: [{ url: 5 }] }]),
        '$.collection[0].children[0].url',
        'Expected a string',
      ],
      [collectionOf([{ url: 'wss://x', meta: { id: 3 } }]), '$.collection[0].meta.id', 'Expected a string'],
      [
        collectionOf([{ url: 'wss://x', meta: { sortKey: 'z' } }]),
        '$.collection[0].meta.sortKey',
        'Expected a number',
      ],
      [
        collectionOf([{ url: 'wss://x', headers: [{ name: 1 }] }]),
        '$.collection[0].headers[0].name',
        'Expected a string',
      ],
      [
        collectionOf([{ url: 'wss://x', parameters: [{ name: 'a', disabled: 'no' }] }]),
        '$.collection[0].parameters[0].disabled',
        'Expected true or false',
      ],
      [
        { type: 'collection.insomnia.rest/5.0', environments: { data: 'x' } },
        '$.environments.data',
        'Expected an object',
      ],
      [
        { type: 'collection.insomnia.rest/5.0', environments: { subEnvironments: [1] } },
        '$.environments.subEnvironments[0]',
        'Expected an environment object',
      ],
    ];
    for (const [value, path, message] of cases) {
      const result = importInsomniaV5(value, { newId: sequentialIds() });
      expect(result.ok ? null : result.error.path).toBe(path);
      expect(result.ok ? null : result.error.message).toContain(message);
    }
  });

  it('refuses a folder that contains itself through a YAML alias instead of looping', () => {
    const looped = parse(
      'type: collection.insomnia.rest/5.0\ncollection: &items\n  - name: F\n    meta: { id: fld_1 }\n    children: *items\n',
    ) as unknown;
    const result = importInsomniaV5(looped, { newId: sequentialIds() });
    expect(result).toMatchObject({
      ok: false,
      error: { path: '$.collection[0].children', message: expect.stringContaining('appears twice') },
    });
  });

  it('never throws, whatever JSON it is given', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        importInsomniaV5(value, { newId: sequentialIds() });
        importInsomniaV5(collectionOf([value]), { newId: sequentialIds() });
        importInsomniaV5(
          { type: 'collection.insomnia.rest/5.0', environments: value, cookieJar: value, spec: value },
          { newId: sequentialIds() },
        );
      }),
    );
  });
});
