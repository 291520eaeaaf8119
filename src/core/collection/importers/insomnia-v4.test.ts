import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createDefaultAutomation } from '../../workspace/workspace';
import {
  connectionsIn,
  type CollectionDocument,
  type DocumentConnection,
  type DocumentFolder,
} from '../collection-document';
import v4Json from './fixtures/insomnia-v4.json';
import { appendQuery, convertInsomniaTemplate, importInsomniaV4 } from './insomnia-v4';

const v4Yaml: unknown = parse(readFileSync(new URL('./fixtures/insomnia-v4.yaml', import.meta.url), 'utf8'));

function sequentialIds(): () => string {
  let next = 0;
  return () => `new-${++next}`;
}

function importFixture(value: unknown = structuredClone(v4Json)): CollectionDocument {
  const result = importInsomniaV4(value, { newId: sequentialIds() });
  if (!result.ok) throw new Error(`${result.error.path}: ${result.error.message}`);
  return result.value;
}

function exportOf(resources: unknown[]): unknown {
  return { _type: 'export', __export_format: 4, resources };
}

const workspace = { _id: 'wrk_1', _type: 'workspace', parentId: null, name: 'W' };

function socket(fields: Record<string, unknown>): Record<string, unknown> {
  return {
    _id: 'ws-req_1',
    _type: 'websocket_request',
    parentId: 'wrk_1',
    name: 'S',
    url: 'wss://x.test/',
    ...fields,
  };
}

function onlyConnection(document: CollectionDocument): DocumentConnection {
  const item = document.collections[0]?.items[0];
  if (item?.type !== 'connection') throw new Error('expected a connection first');
  return item;
}

function messages(document: CollectionDocument): string[] {
  return document.notes.map((note) => `${note.where}: ${note.message}`);
}

describe('importInsomniaV4', () => {
  it('maps the workspace, its folders at every depth and its WebSocket requests, in Insomnia order', () => {
    const document = importFixture();
    expect(document.source).toBe('Insomnia v4 export');
    expect(document.collections).toHaveLength(1);
    const [collection] = document.collections;
    expect(collection?.id).toBe('wrk_chat');
    expect(collection?.name).toBe('Chat service');
    const outline = (items: readonly (DocumentConnection | DocumentFolder)[]): unknown[] =>
      items.map((item) => (item.type === 'folder' ? { [item.name]: outline(item.items) } : item.name));
    // Echo (-300) sorts before Rooms (-200); inside Rooms, Private rooms (-100) before Lobby (-50).
    expect(outline(collection?.items ?? [])).toEqual([
      'Echo',
      { Rooms: [{ 'Private rooms': ['VIP room'] }, 'Lobby'] },
    ]);
    const rooms = collection?.items[1];
    expect(rooms).toMatchObject({ type: 'folder', id: 'fld_rooms' });
  });

  it('builds URLs from enabled parameters, path parameters and API keys, encoded but keeping variables', () => {
    const document = importFixture();
    const [echo, rooms] = document.collections[0]?.items ?? [];
    expect(echo).toMatchObject({
      id: 'ws-req_echo',
      url: 'ws://127.0.0.1:8787/echo?x=1&q=a%2Bb%3Dc&api_key=k%26y',
    });
    const lobby = rooms?.type === 'folder' ? rooms.items[1] : undefined;
    expect(lobby).toEqual({
      type: 'connection',
      id: 'ws-req_lobby',
      name: 'Lobby',
      url: 'wss://{{host}}/rooms/lobby?lang=en%20gb&token={{token}}',
      protocols: ['chat.v2', 'json'],
      templates: [
        {
          id: 'ws-payload_lobby',
          name: 'Join',
          format: 'json',
          body: '{\n  "type": "join",\n  "user": "{{auth.user}}",\n  "note": "tabs\\tand unicode: héllo ✓"\n}\n',
        },
      ],
      automation: createDefaultAutomation(),
      scenarios: [],
    });
  });

  it('keeps payload bodies byte for byte, converting only variable references, and skips empty payloads', () => {
    const document = importFixture();
    const [echo, rooms] = document.collections[0]?.items ?? [];
    expect(echo?.type === 'connection' && echo.templates).toEqual([]);
    const vip =
      rooms?.type === 'folder' && rooms.items[0]?.type === 'folder' ? rooms.items[0].items[0] : undefined;
    expect(vip?.type === 'connection' && vip.templates).toEqual([
      { id: 'ws-payload_vip', name: 'Message', format: 'text', body: "hello at {% now 'iso-8601', '' %}" },
    ]);
  });

  it('keeps request headers for frameline run, names lost authentication, and suggests the query string or a subprotocol', () => {
    const document = importFixture();
    const notes = document.notes.filter((note) => note.where === 'resources[5] "VIP room"');
    const kept = notes.find((note) => note.message.includes('kept with the connection'));
    expect(kept?.message).toMatch(
      /^Headers "Authorization" and "X-Client" were kept with the connection: frameline run sends them, but a browser cannot send headers/,
    );
    expect(kept?.message).not.toContain('X-Debug');
    expect(kept?.message).toMatch(/query string.*subprotocol/);
    expect(notes.find((note) => note.message.includes('not imported'))?.message).toMatch(
      /^Bearer token authentication was not imported/,
    );
    const vip = document.collections
      .flatMap((c) => connectionsIn(c.items))
      .find((c) => c.name === 'VIP room');
    expect(vip?.headers?.map((h) => h.name)).toEqual(['Authorization', 'X-Client']);
    const folder = document.notes.find(
      (note) => note.where === 'resources[4] "Private rooms"' && note.message.includes('X-Tenant'),
    );
    expect(folder?.message).toContain('set on this folder');
    // The subprotocol header became the protocol list, so it is not reported as lost.
    expect(document.notes.some((note) => note.message.includes('Sec-WebSocket-Protocol'))).toBe(false);
  });

  it('turns the base environment into flat variables and notes what it could not carry', () => {
    const document = importFixture();
    expect(document.collections[0]?.variables).toEqual([
      { name: 'host', value: 'chat.example.com', secret: false },
      { name: 'token', value: 's3cr3t', secret: false },
      { name: 'auth.user', value: 'ada', secret: false },
      { name: 'auth.scopes.read', value: 'true', secret: false },
      { name: 'port', value: '8443', secret: false },
      { name: 'greeting', value: 'hello {{auth.user}}', secret: false },
    ]);
    expect(messages(document)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^resources\[13\] "Base Environment": Not imported as variables: "tags" \(a list\) and "nothing" \(empty\)/,
        ),
        expect.stringMatching(/^resources: Environment "Staging" was not imported/),
        expect.stringMatching(/^resources\[4\] "Private rooms": Folder variables "room" were not imported/),
      ]),
    );
  });

  it('counts what it skipped, one note per kind', () => {
    const notes = messages(importFixture());
    expect(notes).toContain('resources: 3 HTTP requests were skipped: Frameline is for WebSockets.');
    expect(notes).toContain('resources: 1 gRPC request was skipped: Frameline is for WebSockets.');
    expect(notes).toContain('resources: 1 cookie jar was skipped: Frameline has no place for them.');
  });

  it('notes Nunjucks it keeps as text', () => {
    const notes = messages(importFixture());
    expect(notes).toContain(
      `resources[5] "VIP room": Kept as plain text: "{% now 'iso-8601', '' %}". Frameline only fills in {{name}} variables, so replace these by hand.`,
    );
  });

  it('reads the same export saved as YAML to the same document', () => {
    expect(importFixture(v4Yaml)).toEqual(importFixture());
  });

  it('puts requests whose parent is missing into the first collection, or a new one when there is none', () => {
    const stray = socket({ _id: 'ws-req_stray', parentId: 'fld_gone', name: 'Stray' });
    const withWorkspace = importFixture(exportOf([workspace, stray]));
    expect(withWorkspace.collections.map((c) => c.items.map((i) => i.name))).toEqual([['Stray']]);
    expect(messages(withWorkspace)).toContain(
      'resources: 1 WebSocket request was not inside a workspace, so it was put in "W".',
    );

    const folder = { _id: 'fld_a', _type: 'request_group', parentId: null, name: 'A' };
    const inFolder = socket({ _id: 'ws-req_in', parentId: 'fld_a', name: 'In folder' });
    const alone = importFixture(exportOf([folder, inFolder]));
    expect(alone.collections).toEqual([
      {
        id: 'new-1',
        name: 'Insomnia import',
        variables: [],
        items: [
          { type: 'folder', id: 'fld_a', name: 'A', items: [expect.objectContaining({ name: 'In folder' })] },
        ],
      },
    ]);
  });

  it('survives folders that are their own ancestors, placing their requests flat', () => {
    const a = { _id: 'fld_a', _type: 'request_group', parentId: 'fld_b', name: 'A' };
    const b = { _id: 'fld_b', _type: 'request_group', parentId: 'fld_a', name: 'B' };
    const inside = socket({ parentId: 'fld_a', name: 'Inside' });
    const document = importFixture(exportOf([workspace, a, b, inside]));
    expect(document.collections[0]?.items.map((item) => item.name)).toEqual(['Inside']);
  });

  it('nests folders thousands of levels deep without recursion', () => {
    const depth = 5000;
    const folders = Array.from({ length: depth }, (_, i) => ({
      _id: `fld_${i}`,
      _type: 'request_group',
      parentId: i === 0 ? 'wrk_1' : `fld_${i - 1}`,
      name: `F${i}`,
    }));
    const document = importFixture(
      exportOf([workspace, ...folders, socket({ parentId: `fld_${depth - 1}` })]),
    );
    let item = document.collections[0]?.items[0];
    let levels = 0;
    while (item?.type === 'folder') {
      levels++;
      item = item.items[0];
    }
    expect(levels).toBe(depth);
    expect(item?.type).toBe('connection');
  });

  it('orders by metaSortKey, then by source order for siblings without one', () => {
    const sockets = [
      socket({ _id: 'a', name: 'no key 1' }),
      socket({ _id: 'b', name: 'second', metaSortKey: 2 }),
      socket({ _id: 'c', name: 'no key 2' }),
      socket({ _id: 'd', name: 'first', metaSortKey: -1 }),
    ];
    const names = importFixture(exportOf([workspace, ...sockets])).collections[0]?.items.map((i) => i.name);
    expect(names).toEqual(['first', 'second', 'no key 1', 'no key 2']);
  });

  it('takes subprotocols from Sec-WebSocket-Protocol in any case, and names a nameless request after its URL', () => {
    const document = importFixture(
      exportOf([
        workspace,
        socket({
          name: '',
          url: 'wss://x.test/feed',
          headers: [{ name: 'sec-websocket-protocol', value: 'a,b' }],
        }),
      ]),
    );
    expect(onlyConnection(document)).toMatchObject({ name: 'x.test/feed', protocols: ['a', 'b'] });
    expect(document.notes).toEqual([]);
  });

  it('ignores disabled authentication and "none", and reports other kinds by name', () => {
    const auth = (authentication: unknown) =>
      messages(importFixture(exportOf([workspace, socket({ authentication })])));
    expect(auth({ type: 'none' })).toEqual([]);
    expect(auth({ type: 'basic', username: 'u', password: 'p', disabled: true })).toEqual([]);
    expect(auth({ type: 'basic', username: 'u', password: 'p' })[0]).toContain(
      'Basic authentication was not imported',
    );
    expect(auth({ type: 'apikey', key: 'k', value: 'v', addTo: 'header' })[0]).toContain(
      'API key authentication',
    );
    expect(auth({ type: 'custom-thing' })[0]).toContain('"custom-thing" authentication');
  });

  it('refuses what is not an Insomnia v4 export, naming the field', () => {
    const ids = { newId: sequentialIds() };
    expect(importInsomniaV4([], ids)).toEqual({
      ok: false,
      error: { path: '$', message: 'Expected an Insomnia export object at $, but found a list.' },
    });
    expect(importInsomniaV4({ _type: 'export', __export_format: 3, resources: [] }, ids)).toMatchObject({
      ok: false,
      error: { path: '$.__export_format', message: expect.stringContaining('4 (an Insomnia v4 export)') },
    });
    expect(importInsomniaV4({ _type: 'export', __export_format: 4 }, ids)).toMatchObject({
      ok: false,
      error: { path: '$.resources', message: 'Expected a list at $.resources, but found nothing.' },
    });
  });

  it('names the JSON path of a field with the wrong type', () => {
    const cases: [unknown[], string, string][] = [
      [
        [workspace, socket({ url: 42 })],
        '$.resources[1].url',
        'Expected a string at $.resources[1].url, but found number 42.',
      ],
      [
        [workspace, 'nope'],
        '$.resources[1]',
        'Expected a resource object at $.resources[1], but found the text "nope".',
      ],
      [
        [{ _type: 'workspace' }],
        '$.resources[0]._id',
        'Expected a string at $.resources[0]._id, but found nothing.',
      ],
      [
        [workspace, socket({ headers: [{ name: 'A', value: 1 }] })],
        '$.resources[1].headers[0].value',
        'Expected a string',
      ],
      [[workspace, socket({ parameters: {} })], '$.resources[1].parameters', 'Expected a list'],
      [
        [workspace, socket({ authentication: 'bearer' })],
        '$.resources[1].authentication',
        'Expected an object',
      ],
      [[workspace, socket({ metaSortKey: '1' })], '$.resources[1].metaSortKey', 'Expected a number'],
      [
        [workspace, { _id: 'p', _type: 'websocket_payload', parentId: 'ws-req_1', value: {} }, socket({})],
        '$.resources[1].value',
        'Expected a string',
      ],
      [
        [workspace, { _id: 'e', _type: 'environment', parentId: 'wrk_1', data: [] }],
        '$.resources[1].data',
        'Expected an object',
      ],
    ];
    for (const [resources, path, message] of cases) {
      const result = importInsomniaV4(exportOf(resources), { newId: sequentialIds() });
      expect(result.ok ? null : result.error.path).toBe(path);
      expect(result.ok ? null : result.error.message).toContain(message);
    }
  });

  it('never reads inherited properties or writes keys from the input', () => {
    const document = importFixture(
      JSON.parse(
        '{"_type":"export","__export_format":4,"resources":[{"_id":"wrk_1","_type":"workspace","name":"W"},' +
          '{"_id":"e","_type":"environment","parentId":"wrk_1","data":{"__proto__":{"polluted":"yes"},"constructor":"c"}}]}',
      ),
    );
    expect(document.collections[0]?.variables).toEqual([
      { name: '__proto__.polluted', value: 'yes', secret: false },
      { name: 'constructor', value: 'c', secret: false },
    ]);
  });

  it('stops flattening an environment that aliases itself or explodes in size', () => {
    const looped: Record<string, unknown> = { host: 'h' };
    looped.self = looped;
    let wide: Record<string, unknown> = { leaf: 'x' };
    for (let level = 0; level < 12; level++) {
      const shared = wide;
      wide = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`k${i}`, shared]));
    }
    for (const data of [looped, wide]) {
      const environment = { _id: 'env', _type: 'environment', parentId: 'wrk_1', data };
      const document = importFixture(exportOf([workspace, environment]));
      expect(document.collections[0]?.variables.length).toBeLessThanOrEqual(10_000);
      expect(document.notes[0]?.message).toMatch(/nested too deeply|after the first 10000 values/);
    }
  });

  it('never throws, whatever JSON it is given', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        importInsomniaV4(value, { newId: sequentialIds() });
        importInsomniaV4(
          { _type: 'export', __export_format: 4, resources: [value] },
          { newId: sequentialIds() },
        );
      }),
    );
  });

  it('never throws on resources with arbitrary fields', () => {
    const kind = fc.constantFrom(
      'workspace',
      'request_group',
      'websocket_request',
      'websocket_payload',
      'environment',
      'request',
    );
    const resource = fc.record({
      _id: fc.constantFrom('a', 'b', 'c'),
      _type: kind,
      parentId: fc.constantFrom('a', 'b', 'c', null),
      url: fc.oneof(fc.string(), fc.jsonValue()),
      headers: fc.oneof(fc.jsonValue(), fc.array(fc.record({ name: fc.string(), value: fc.string() }))),
      parameters: fc.array(fc.record({ name: fc.string(), value: fc.string(), disabled: fc.boolean() })),
      authentication: fc.jsonValue(),
      data: fc.jsonValue(),
      value: fc.string(),
    });
    fc.assert(
      fc.property(fc.array(resource, { maxLength: 8 }), (resources) => {
        importInsomniaV4(exportOf(resources), { newId: sequentialIds() });
      }),
    );
  });
});

describe('convertInsomniaTemplate', () => {
  it('rewrites plain references and keeps tags, filters and expressions', () => {
    expect(convertInsomniaTemplate('{{ _.a }}{{b}}{{ _.c.d }}{{ x | upper }}{% uuid %}{{ _["e"] }}')).toEqual(
      {
        text: '{{a}}{{b}}{{c.d}}{{ x | upper }}{% uuid %}{{ _["e"] }}',
        kept: ['{{ x | upper }}', '{% uuid %}', '{{ _["e"] }}'],
      },
    );
    expect(convertInsomniaTemplate('no templates, {{ unclosed')).toEqual({
      text: 'no templates, {{ unclosed',
      kept: [],
    });
  });
});

describe('appendQuery', () => {
  it('adds to an existing query and keeps the fragment last', () => {
    expect(appendQuery('wss://x/a?b=1#top', [{ name: 'c d', value: 'é/{{v}}' }])).toBe(
      'wss://x/a?b=1&c%20d=%C3%A9%2F{{v}}#top',
    );
    expect(appendQuery('wss://x/?', [{ name: 'a', value: '' }])).toBe('wss://x/?a=');
    expect(appendQuery('wss://x/', [{ name: 'bad', value: '\uD800' }])).toBe('wss://x/?bad=%EF%BF%BD');
  });
});
