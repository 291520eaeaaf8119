import { describe, expect, it } from 'vitest';
import v1Fixture from './fixtures/workspace-v1.json';
import v2Fixture from './fixtures/workspace-v2.json';
import v3Fixture from './fixtures/workspace-v3.json';
import { migrateWorkspace, toStoredWorkspace } from './workspace-migrations';
import {
  WORKSPACE_VERSION,
  createDefaultAutomation,
  createDefaultCollection,
  createEmptyWorkspace,
  DEFAULT_COLLECTION_ID,
  parseProtocolList,
  type Workspace,
} from './workspace';

describe('migrateWorkspace', () => {
  it('migrates a version 1 workspace, keeping every connection and template body exactly', () => {
    const result = migrateWorkspace(structuredClone(v1Fixture));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.connections).toEqual([
      {
        id: 'c-echo',
        name: 'Local echo',
        url: 'ws://127.0.0.1:8787/echo',
        protocols: ['frameline.v1', 'json'],
        templates: [
          { id: 'm-hello', name: 'Hello', format: 'text', body: 'hello\n  world ' },
          { id: 'm-json', name: 'Join', format: 'text', body: '{"type":"join"}' },
        ],
        automation: createDefaultAutomation(),
        collectionId: DEFAULT_COLLECTION_ID,
        folderId: null,
      },
      {
        id: 'c-chat',
        name: 'Chat',
        url: 'ws://127.0.0.1:8787/chat',
        protocols: [],
        templates: [],
        automation: createDefaultAutomation(),
        collectionId: DEFAULT_COLLECTION_ID,
        folderId: null,
      },
    ]);
    expect(result.value.collections).toEqual([createDefaultCollection()]);
    expect(result.value.settings.timelineCap).toBe(100_000);
  });

  it('reads a version 2 workspace unchanged', () => {
    const result = migrateWorkspace(structuredClone(v2Fixture));
    expect(result).toEqual({
      ok: true,
      value: {
        ...v2Fixture.workspace,
        collections: [createDefaultCollection()],
        connections: v2Fixture.workspace.connections.map((c) => ({
          ...c,
          automation: createDefaultAutomation(),
          collectionId: DEFAULT_COLLECTION_ID,
          folderId: null,
        })),
        environments: [{ id: 'global', name: 'Global', variables: [] }],
      },
    });
  });

  it('migrates a version 3 workspace into one collection, keeping environments and automation', () => {
    const result = migrateWorkspace(structuredClone(v3Fixture));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.collections).toEqual([createDefaultCollection()]);
    expect(result.value.connections).toEqual(
      v3Fixture.workspace.connections.map((c) => ({
        ...c,
        collectionId: DEFAULT_COLLECTION_ID,
        folderId: null,
      })),
    );
    expect(result.value.environments).toEqual(v3Fixture.workspace.environments);
  });

  it('keeps a connection whose collection is missing, in the default collection', () => {
    const result = migrateWorkspace({
      version: WORKSPACE_VERSION,
      workspace: {
        collections: [
          { id: 'team', name: 'Team', variables: [], folders: [{ id: 'f', name: 'F', parentId: 'gone' }] },
        ],
        connections: [
          {
            id: 'a',
            name: 'A',
            url: 'ws://a/',
            protocols: [],
            templates: [],
            collectionId: 'team',
            folderId: 'f',
          },
          { id: 'b', name: 'B', url: 'ws://b/', protocols: [], templates: [], collectionId: 'deleted' },
        ],
      },
    });
    expect(result.ok && result.value.collections.map((c) => c.id)).toEqual(['team', DEFAULT_COLLECTION_ID]);
    expect(result.ok && result.value.collections[0]?.folders[0]?.parentId).toBeNull();
    expect(result.ok && result.value.connections.map((c) => [c.collectionId, c.folderId])).toEqual([
      ['team', 'f'],
      [DEFAULT_COLLECTION_ID, null],
    ]);
  });

  it('keeps binary templates with their encoding, and rejects an unknown encoding', () => {
    const connection = { id: 'b', name: 'B', url: 'ws://x/', protocols: [] };
    const binary = { id: 't', name: 'Bytes', format: 'binary', body: 'de ad be ef', encoding: 'hex' };
    const stored = (templates: unknown[]) => ({
      version: WORKSPACE_VERSION,
      workspace: { connections: [{ ...connection, templates }], settings: { timelineCap: 100 } },
    });
    const read = migrateWorkspace(stored([binary]));
    expect(read.ok && read.value.connections[0]?.templates[0]).toEqual(binary);
    expect(migrateWorkspace(stored([{ ...binary, encoding: 'octal' }]))).toEqual({
      ok: false,
      error: 'connections[0].templates[0].encoding should be "hex" or "base64".',
    });
  });

  it('round-trips the current version unchanged', () => {
    const workspace: Workspace = {
      collections: [
        {
          id: 'team',
          name: 'Team',
          variables: [{ name: 'host', value: 'example.test', secret: false }],
          folders: [
            { id: 'f1', name: 'Auth', parentId: null },
            { id: 'f2', name: 'Nested', parentId: 'f1' },
          ],
        },
      ],
      connections: [
        {
          id: 'a',
          name: 'A',
          url: 'wss://example.test/socket?x=1',
          protocols: ['p1'],
          templates: [{ id: 't', name: 'T', format: 'json', body: '{ "a": 1 }' }],
          automation: {
            sendOnOpen: ['t'],
            heartbeat: { templateId: 't', everyMs: 1000 },
            reconnect: { enabled: true, initialDelayMs: 500, maxDelayMs: 8000, maxAttempts: 'unlimited' },
            connectTimeoutMs: 5000,
          },
          collectionId: 'team',
          folderId: 'f2',
        },
      ],
      environments: [
        { id: 'global', name: 'Global', variables: [{ name: 'host', value: '127.0.0.1', secret: false }] },
        { id: 'e2', name: 'Staging', variables: [{ name: 'token', value: 's3cret', secret: true }] },
      ],
      settings: { timelineCap: 5000 },
    };
    const stored = JSON.parse(JSON.stringify(toStoredWorkspace(workspace)));
    expect(stored.version).toBe(WORKSPACE_VERSION);
    expect(migrateWorkspace(stored)).toEqual({ ok: true, value: workspace });
  });

  it('refuses data from a newer version instead of guessing', () => {
    const result = migrateWorkspace({ version: WORKSPACE_VERSION + 1, workspace: createEmptyWorkspace() });
    expect(result).toEqual({ ok: false, error: expect.stringContaining('newer Frameline') });
  });

  it('names the field that is wrong', () => {
    const result = migrateWorkspace({
      version: WORKSPACE_VERSION,
      workspace: {
        connections: [{ id: 'a', name: 'A', url: 'ws://x', protocols: [], templates: [{ id: 1 }] }],
      },
    });
    expect(result).toEqual({ ok: false, error: 'connections[0].templates[0].id should be text.' });
  });

  it('rejects anything without a version', () => {
    expect(migrateWorkspace(null).ok).toBe(false);
    expect(migrateWorkspace({ workspace: {} }).ok).toBe(false);
    expect(migrateWorkspace('{"version":2}').ok).toBe(false);
  });
});

describe('parseProtocolList', () => {
  it('splits on commas and spaces and drops empties', () => {
    expect(parseProtocolList(' chat.v1,json  ,, text ')).toEqual(['chat.v1', 'json', 'text']);
    expect(parseProtocolList('')).toEqual([]);
  });
});
