import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Workspace } from '../workspace/workspace';
import { createDefaultAutomation, DEFAULT_SETTINGS } from '../workspace/workspace';
import { collectionDocument } from './collection-arbitraries.test-support';
import type { DocumentConnection, DocumentItem } from './collection-document';
import { serializeCollectionFile } from './collection-file';
import versionOne from './fixtures/collection-v1.json';
import versionTwo from './fixtures/collection-v2.json';
import { FILE_MIGRATIONS, parseCollectionFile } from './parse-collection-file';
import { workspaceToDocument } from './workspace-to-document';

const exportedAt = new Date('2026-12-01T12:00:00.000Z');

const workspace: Workspace = {
  collections: [
    {
      id: 'team',
      name: 'Team',
      variables: [
        { name: 'host', value: '127.0.0.1:8787', secret: false },
        { name: 'token', value: 'hunter2', secret: true },
      ],
      folders: [
        { id: 'f-auth', name: 'Auth', parentId: null },
        { id: 'f-deep', name: 'Deep', parentId: 'f-auth' },
      ],
    },
    { id: 'other', name: 'Other', variables: [], folders: [] },
  ],
  connections: [
    {
      id: 'c-echo',
      name: 'Echo',
      url: 'ws://{{host}}/echo?token={{token}}',
      protocols: ['json'],
      templates: [
        { id: 't1', name: 'Hello', format: 'json', body: '{ "a": 1 }\n' },
        { id: 't2', name: 'Bytes', format: 'binary', encoding: 'hex', body: 'de ad' },
      ],
      automation: { ...createDefaultAutomation(), sendOnOpen: ['t1'] },
      scenarios: [],
      collectionId: 'team',
      folderId: 'f-deep',
    },
    {
      id: 'c-chat',
      name: 'Chat',
      url: 'ws://127.0.0.1:8787/chat',
      protocols: [],
      templates: [],
      automation: createDefaultAutomation(),
      scenarios: [],
      collectionId: 'team',
      folderId: null,
    },
    {
      id: 'c-x',
      name: 'X',
      url: 'ws://x/',
      protocols: [],
      templates: [],
      automation: createDefaultAutomation(),
      scenarios: [],
      collectionId: 'other',
      folderId: null,
    },
  ],
  environments: [
    { id: 'global', name: 'Global', variables: [{ name: 'g', value: '1', secret: false }] },
    { id: 'stage', name: 'Staging', variables: [{ name: 'key', value: 'private', secret: true }] },
  ],
  settings: { ...DEFAULT_SETTINGS, timelineCap: 100 },
};

describe('collection file', () => {
  it(
    'round-trips any document losslessly (collection-file-schema.test.ts checks exports against the schema)',
    { timeout: 60_000 },
    () => {
      fc.assert(
        fc.property(collectionDocument, (document) => {
          const text = serializeCollectionFile(document, { exportedAt });
          expect(parseCollectionFile(JSON.parse(text))).toEqual({ ok: true, value: document });
        }),
        { numRuns: 100 },
      );
    },
  );

  it('writes the same bytes for the same collection: fixed key order, two-space indent, trailing newline', () => {
    const document = workspaceToDocument(workspace, { kind: 'collection', id: 'team' });
    const once = serializeCollectionFile(document!, { exportedAt });
    const reordered = { ...workspace, connections: [...workspace.connections] };
    const again = serializeCollectionFile(
      workspaceToDocument(reordered, { kind: 'collection', id: 'team' })!,
      {
        exportedAt,
      },
    );
    expect(again).toBe(once);
    expect(once.startsWith('{\n  "format": "frameline-collection",\n  "version": 3,\n  "exportedAt"')).toBe(
      true,
    );
    expect(once.endsWith('}\n')).toBe(true);
  });

  it('exports one collection as a tree: folders first, then connections, in their stored order', () => {
    const document = workspaceToDocument(workspace, { kind: 'collection', id: 'team' })!;
    expect(document.collections).toHaveLength(1);
    const [auth, chat] = document.collections[0]!.items;
    expect(auth).toMatchObject({ type: 'folder', name: 'Auth', items: [{ type: 'folder', name: 'Deep' }] });
    expect(chat).toMatchObject({ type: 'connection', name: 'Chat' });
    const deep = auth?.type === 'folder' ? auth.items[0] : undefined;
    expect(deep?.type === 'folder' && deep.items[0]).toMatchObject({
      id: 'c-echo',
      templates: workspace.connections[0]!.templates,
    });
    expect(document.environments).toEqual([]);
  });

  it('never writes a secret value, in any scope', () => {
    for (const scope of [
      { kind: 'everything' as const },
      { kind: 'collection' as const, id: 'team' },
      { kind: 'connection' as const, id: 'c-echo' },
    ]) {
      const text = serializeCollectionFile(workspaceToDocument(workspace, scope)!, { exportedAt });
      expect(text).not.toContain('hunter2');
      expect(text).not.toContain('private');
    }
    const everything = serializeCollectionFile(workspaceToDocument(workspace, { kind: 'everything' })!, {
      exportedAt,
    });
    expect(everything).toMatch(/"name": "token",\s+"secret": true\s+}/);
    expect(everything).toContain('"value": "127.0.0.1:8787"');
  });

  it('shares one connection on its own', () => {
    const document = workspaceToDocument(workspace, { kind: 'connection', id: 'c-chat' })!;
    expect(document.collections).toEqual([]);
    expect(document.connections.map((c) => c.name)).toEqual(['Chat']);
    expect(workspaceToDocument(workspace, { kind: 'connection', id: 'gone' })).toBeNull();
  });

  it('migrates a version 1 file (v1-to-v2/connection-scenarios): its connections, nested or loose, have no scenarios', () => {
    expect(FILE_MIGRATIONS.map((m) => m.id)).toEqual([
      'v1-to-v2/connection-scenarios',
      'v2-to-v3/connection-lens',
    ]);
    const parsed = parseCollectionFile(versionOne);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const folder = parsed.value.collections[0]?.items[0];
    const chat = folder?.type === 'folder' ? folder.items[0] : undefined;
    expect(chat).toMatchObject({ id: 'chat', templates: [{ id: 'say' }], scenarios: [] });
    expect(parsed.value.connections[0]).toMatchObject({ id: 'echo', scenarios: [] });
    // Written again, it is a version 3 file.
    expect(JSON.parse(serializeCollectionFile(parsed.value, { exportedAt }))).toMatchObject({ version: 3 });
  });

  it('migrates a version 2 file (v2-to-v3/connection-lens): its connections keep everything and have no lens', () => {
    const parsed = parseCollectionFile(versionTwo);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const folder = parsed.value.collections[0]?.items[0];
    const chat = folder?.type === 'folder' ? folder.items[0] : undefined;
    expect(chat).toMatchObject({ id: 'chat', scenarios: [{ id: 'hello', name: 'Says hello' }] });
    expect(chat).not.toHaveProperty('lens');
    expect(parsed.value.connections[0]).toMatchObject({ id: 'echo', correlationPath: '$.id' });
    expect(parsed.value.connections[0]).not.toHaveProperty('lens');
  });

  it("keeps a connection's lens and handshake payload through a write and a read", () => {
    const lensed = {
      ...workspace,
      connections: workspace.connections.map((c, i) =>
        i === 0 ? { ...c, lens: 'socket.io' as const, handshakePayload: '{"token":"{{token}}"}' } : c,
      ),
    };
    const text = serializeCollectionFile(workspaceToDocument(lensed, { kind: 'everything' })!, {
      exportedAt,
    });
    const parsed = parseCollectionFile(JSON.parse(text));
    if (!parsed.ok) throw new Error(parsed.error.message);
    const all = [...parsed.value.connections, ...parsed.value.collections.flatMap((c) => flatten(c.items))];
    expect(all.find((c) => c.id === lensed.connections[0]?.id)).toMatchObject({
      lens: 'socket.io',
      handshakePayload: '{"token":"{{token}}"}',
    });
    // A lens this build does not know is refused by name, not dropped.
    const unknown = parseCollectionFile(JSON.parse(text.replace('"lens": "socket.io"', '"lens": "amqp"')));
    expect(unknown.ok).toBe(false);
    expect(unknown.ok ? '' : unknown.error.path).toMatch(/\.lens$/);
  });

  it('refuses a newer file version, naming both versions', () => {
    const file = JSON.parse(
      serializeCollectionFile(workspaceToDocument(workspace, { kind: 'everything' })!, { exportedAt }),
    );
    expect(parseCollectionFile({ ...file, version: 4 })).toEqual({
      ok: false,
      error: {
        path: '$.version',
        message: expect.stringMatching(/newer Frameline \(file version 4; this one reads up to 3\)/),
      },
    });
  });

  it('names the JSON path of a wrong field', () => {
    const file = JSON.parse(
      serializeCollectionFile(workspaceToDocument(workspace, { kind: 'everything' })!, { exportedAt }),
    );
    file.collections[0].items[0].items[0].items[0].templates[1].format = 'octal';
    expect(parseCollectionFile(file)).toEqual({
      ok: false,
      error: {
        path: '$.collections[0].items[0].items[0].items[0].templates[1].format',
        message: 'should be "text", "json" or "binary".',
      },
    });
    file.collections[0].items = 'nope';
    expect(parseCollectionFile(file)).toMatchObject({ ok: false, error: { path: '$.collections[0].items' } });
  });

  it('refuses ids used twice, which would make replacing ambiguous', () => {
    const file = JSON.parse(
      serializeCollectionFile(workspaceToDocument(workspace, { kind: 'everything' })!, { exportedAt }),
    );
    file.collections[1].id = 'team';
    expect(parseCollectionFile(file)).toEqual({
      ok: false,
      error: {
        path: '$.collections[1].id',
        message: expect.stringContaining('already used at $.collections[0].id'),
      },
    });
  });
});

function flatten(items: readonly DocumentItem[]): DocumentConnection[] {
  return items.flatMap((item) => (item.type === 'folder' ? flatten(item.items) : [item]));
}
