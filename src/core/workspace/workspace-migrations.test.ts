import { describe, expect, it } from 'vitest';
import v1Fixture from './fixtures/workspace-v1.json';
import v2Fixture from './fixtures/workspace-v2.json';
import v3Fixture from './fixtures/workspace-v3.json';
import { migrateWorkspace, toStoredWorkspace } from './workspace-migrations';
import {
  WORKSPACE_VERSION,
  createDefaultAutomation,
  createDefaultCollection,
  DEFAULT_SETTINGS,
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
        scenarios: [],
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
        scenarios: [],
        collectionId: DEFAULT_COLLECTION_ID,
        folderId: null,
      },
    ]);
    expect(result.value.collections).toEqual([createDefaultCollection()]);
    expect(result.value.settings.timelineCap).toBe(1_000_000);
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
          scenarios: [],
          collectionId: DEFAULT_COLLECTION_ID,
          folderId: null,
        })),
        environments: [{ id: 'global', name: 'Global', variables: [] }],
        // The archive limits came later: a version 2 workspace reads their defaults.
        settings: { ...DEFAULT_SETTINGS, ...v2Fixture.workspace.settings },
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
        // Saved before a heartbeat could start with the connection: it does by default.
        automation: {
          ...c.automation,
          heartbeat: c.automation.heartbeat && { ...c.automation.heartbeat, startWithConnection: true },
        },
        // Saved before scenarios existed: none.
        scenarios: [],
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
            heartbeat: { templateId: 't', everyMs: 1000, startWithConnection: true },
            reconnect: { enabled: true, initialDelayMs: 500, maxDelayMs: 8000, maxAttempts: 'unlimited' },
            connectTimeoutMs: 5000,
          },
          scenarios: [],
          collectionId: 'team',
          folderId: 'f2',
        },
      ],
      environments: [
        { id: 'global', name: 'Global', variables: [{ name: 'host', value: '127.0.0.1', secret: false }] },
        { id: 'e2', name: 'Staging', variables: [{ name: 'token', value: 's3cret', secret: true }] },
      ],
      settings: { ...DEFAULT_SETTINGS, timelineCap: 5000 },
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

  it('drops keys it does not know (its own data: stripped, not refused), an own "__proto__" among them', () => {
    const text = JSON.stringify({
      version: WORKSPACE_VERSION,
      workspace: {
        collections: [{ id: 'team', name: 'Team', variables: [], folders: [], colour: 'red' }],
        connections: [
          {
            id: 'a',
            name: 'A',
            url: 'ws://a/',
            protocols: [],
            templates: [{ id: 't', name: 'T', format: 'text', body: '', encoding: 'hex', draft: true }],
            collectionId: 'team',
            folderId: null,
            pinned: true,
            PROTO: { polluted: true },
          },
        ],
        settings: { timelineCap: 500, theme: 'dark' },
        futureField: [],
      },
    }).replace('"PROTO"', '"__proto__"');
    const result = migrateWorkspace(JSON.parse(text));
    expect(result).toEqual({
      ok: true,
      value: {
        collections: [{ id: 'team', name: 'Team', variables: [], folders: [] }],
        connections: [
          {
            id: 'a',
            name: 'A',
            url: 'ws://a/',
            protocols: [],
            templates: [{ id: 't', name: 'T', format: 'text', body: '' }],
            automation: createDefaultAutomation(),
            scenarios: [],
            collectionId: 'team',
            folderId: null,
          },
        ],
        environments: [{ id: 'global', name: 'Global', variables: [] }],
        settings: { ...DEFAULT_SETTINGS, timelineCap: 500 },
      },
    });
    const connection = result.ok ? result.value.connections[0]! : {};
    expect(Object.getPrototypeOf(connection)).toBe(Object.prototype);
    expect(Object.hasOwn(connection, '__proto__')).toBe(false);
    expect((connection as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('falls back where a field can be repaired: settings, the global environment, a secret without a value', () => {
    const stored = (workspace: Record<string, unknown>) => ({
      version: WORKSPACE_VERSION,
      workspace: { connections: [], ...workspace },
    });
    for (const settings of [
      undefined,
      'big',
      { timelineCap: 0 },
      { timelineCap: 2.5 },
      { timelineCap: '9' },
    ]) {
      const result = migrateWorkspace(stored({ settings }));
      expect(result.ok && result.value.settings).toEqual(DEFAULT_SETTINGS);
    }
    // The archive limits came after version 4: missing or unusable, they read the defaults; valid, they stay.
    for (const [settings, expected] of [
      [{ timelineCap: 500 }, { ...DEFAULT_SETTINGS, timelineCap: 500 }],
      [
        { timelineCap: 500, archiveMaxSessions: -1, archiveMaxBytes: 'x' },
        { ...DEFAULT_SETTINGS, timelineCap: 500 },
      ],
      [
        { timelineCap: 500, archiveMaxSessions: 7, archiveMaxBytes: 2048 },
        { timelineCap: 500, archiveMaxSessions: 7, archiveMaxBytes: 2048 },
      ],
    ] as const) {
      const result = migrateWorkspace(stored({ settings }));
      expect(result.ok && result.value.settings).toEqual(expected);
    }
    const environments = [{ id: 'e', name: 'Staging', variables: [{ name: 'k', secret: true }] }];
    const result = migrateWorkspace(stored({ environments }));
    expect(result.ok && result.value.environments).toEqual([
      { id: 'global', name: 'Global', variables: [] },
      { id: 'e', name: 'Staging', variables: [{ name: 'k', value: '', secret: true }] },
    ]);
  });

  it('says which field of a stored collection or environment is wrong', () => {
    const stored = (workspace: Record<string, unknown>) => ({
      version: WORKSPACE_VERSION,
      workspace: { connections: [], ...workspace },
    });
    expect(migrateWorkspace(stored({ collections: [{ id: 'c', name: 1, folders: [] }] }))).toEqual({
      ok: false,
      error: 'collections[0].name should be text.',
    });
    expect(migrateWorkspace(stored({ collections: [{ id: 'c', name: 'C' }] }))).toEqual({
      ok: false,
      error: 'collections[0].folders should be a list.',
    });
    expect(
      migrateWorkspace(stored({ environments: [{ id: 'e', name: 'E', variables: [{ name: 'x' }] }] })),
    ).toEqual({
      ok: false,
      error: 'environments[0].variables[0].secret should be true or false.',
    });
    expect(migrateWorkspace({ version: WORKSPACE_VERSION, workspace: {} })).toEqual({
      ok: false,
      error: 'Saved data has no list of connections.',
    });
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
