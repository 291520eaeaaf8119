import { describe, expect, it } from 'vitest';
import v1Fixture from './fixtures/workspace-v1.json';
import v2Fixture from './fixtures/workspace-v2.json';
import { migrateWorkspace, toStoredWorkspace } from './workspace-migrations';
import {
  WORKSPACE_VERSION,
  createDefaultAutomation,
  createEmptyWorkspace,
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
      },
      {
        id: 'c-chat',
        name: 'Chat',
        url: 'ws://127.0.0.1:8787/chat',
        protocols: [],
        templates: [],
        automation: createDefaultAutomation(),
      },
    ]);
    expect(result.value.settings.timelineCap).toBe(100_000);
  });

  it('reads a version 2 workspace unchanged', () => {
    const result = migrateWorkspace(structuredClone(v2Fixture));
    expect(result).toEqual({
      ok: true,
      value: {
        ...v2Fixture.workspace,
        connections: v2Fixture.workspace.connections.map((c) => ({
          ...c,
          automation: createDefaultAutomation(),
        })),
        environments: [{ id: 'global', name: 'Global', variables: [] }],
      },
    });
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
