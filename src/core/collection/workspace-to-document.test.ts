import { describe, expect, it } from 'vitest';
import { createEmptyWorkspace, DEFAULT_SETTINGS, type Workspace } from '../workspace/workspace';
import { savedConnection } from '../workspace/workspace.test-support';
import { applyImport } from './apply-import';
import { serializeCollectionFile } from './collection-file';
import { parseCollectionFile } from './parse-collection-file';
import { workspaceToDocument } from './workspace-to-document';

const exportedAt = new Date('2026-12-01T12:00:00.000Z');

const workspace: Workspace = {
  collections: [
    { id: 'team', name: 'Team', variables: [{ name: 'key', value: 'k-secret', secret: true }], folders: [] },
  ],
  connections: [savedConnection({ id: 'c', name: 'Echo', url: 'ws://{{host}}/echo?t={{token}}' })],
  environments: [
    { id: 'global', name: 'Global', variables: [] },
    {
      id: 'stage',
      name: 'Staging',
      variables: [
        { name: 'host', value: '127.0.0.1:8787', secret: false },
        { name: 'token', value: 'hunter2', secret: true },
      ],
    },
    { id: 'prod', name: 'Production', variables: [{ name: 'host', value: 'prod', secret: false }] },
  ],
  settings: { ...DEFAULT_SETTINGS, timelineCap: 100 },
};

const file = (text: string) => JSON.parse(text) as Record<string, unknown>;

describe('workspaceToDocument with the export choices', () => {
  it('leaves literal credential headers out unless secret values are included; variables and others travel', () => {
    const withHeaders: Workspace = {
      ...workspace,
      connections: [
        savedConnection({
          id: 'h',
          collectionId: 'team',
          headers: [
            { name: 'Authorization', value: 'Bearer abc-literal' },
            { name: 'X-Api-Key', value: '{{key}}' },
            { name: 'X-Client', value: 'frameline' },
          ],
        }),
      ],
    };
    for (const scope of [{ kind: 'everything' }, { kind: 'connection', id: 'h' }] as const) {
      const text = serializeCollectionFile(workspaceToDocument(withHeaders, scope)!, { exportedAt });
      expect(text).not.toContain('abc-literal');
      expect(text).toContain('"value": "{{key}}"');
      expect(text).toContain('"value": "frameline"');
      const included = serializeCollectionFile(
        workspaceToDocument(withHeaders, scope, { secrets: 'values' })!,
        {
          exportedAt,
        },
      );
      expect(included).toContain('Bearer abc-literal');
    }
  });

  it('leaves literal credentials of a handshake payload out unless secret values are included', () => {
    const withPayload: Workspace = {
      ...workspace,
      connections: [
        savedConnection({
          id: 'p',
          collectionId: 'team',
          lens: 'socket.io',
          handshakePayload:
            '{"token":"t-literal","user":"ada","nested":{"apiKey":"k-literal","ref":"{{key}}"}}',
        }),
        savedConnection({
          id: 'q',
          collectionId: 'team',
          lens: 'graphql-ws',
          handshakePayload: '{"auth": {{key}}}',
        }),
      ],
    };
    const text = serializeCollectionFile(workspaceToDocument(withPayload, { kind: 'everything' })!, {
      exportedAt,
    });
    expect(text).not.toContain('t-literal');
    expect(text).not.toContain('k-literal');
    const payloads = (JSON.parse(text).collections[0].items as { handshakePayload: string }[]).map(
      (c) => c.handshakePayload,
    );
    expect(JSON.parse(payloads[0] ?? '')).toEqual({
      token: '',
      user: 'ada',
      nested: { apiKey: '', ref: '{{key}}' },
    });
    // Not JSON until its variables are filled in: it refers to them, so it travels as written.
    expect(payloads[1]).toBe('{"auth": {{key}}}');
    const included = serializeCollectionFile(
      workspaceToDocument(withPayload, { kind: 'everything' }, { secrets: 'values' })!,
      { exportedAt },
    );
    expect(included).toContain('t-literal');
  });

  it('carries no environment unless chosen, and the chosen ones in workspace order', () => {
    const scope = { kind: 'collection', id: 'team' } as const;
    expect(workspaceToDocument(workspace, scope)!.environments).toEqual([]);
    const chosen = workspaceToDocument(workspace, scope, { environmentIds: ['prod', 'stage', 'gone'] })!;
    expect(chosen.environments.map((e) => e.id)).toEqual(['stage', 'prod']);
    const connection = workspaceToDocument(
      workspace,
      { kind: 'connection', id: 'c' },
      { environmentIds: ['stage'] },
    );
    expect(connection!.environments.map((e) => e.name)).toEqual(['Staging']);
  });

  it('carries every environment for "everything", whatever the choice says', () => {
    const document = workspaceToDocument(workspace, { kind: 'everything' }, { environmentIds: [] })!;
    expect(document.environments.map((e) => e.id)).toEqual(['global', 'stage', 'prod']);
  });

  it('writes included environments with their values and their secrets by name only', () => {
    const document = workspaceToDocument(
      workspace,
      { kind: 'collection', id: 'team' },
      { environmentIds: ['stage'] },
    )!;
    const text = serializeCollectionFile(document, { exportedAt });
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('k-secret');
    expect(file(text).environments).toEqual([
      {
        id: 'stage',
        name: 'Staging',
        variables: [
          { name: 'host', value: '127.0.0.1:8787', secret: false },
          { name: 'token', secret: true },
        ],
      },
    ]);
  });

  it('writes secret values as { name, value, secret: true } only when chosen, and reads them back', () => {
    const document = workspaceToDocument(
      workspace,
      { kind: 'collection', id: 'team' },
      { environmentIds: ['stage'], secrets: 'values' },
    )!;
    const text = serializeCollectionFile(document, { exportedAt });
    expect(text).toContain(
      '{\n          "name": "token",\n          "value": "hunter2",\n          "secret": true\n        }',
    );
    const parsed = parseCollectionFile(JSON.parse(text));
    expect(parsed.ok && parsed.value.environments[0]!.variables[1]).toEqual({
      name: 'token',
      value: 'hunter2',
      secret: true,
    });
    expect(parsed.ok && parsed.value.collections[0]!.variables).toEqual([
      { name: 'key', value: 'k-secret', secret: true },
    ]);
  });

  it('an imported secret value is stored, also over a local one when replacing', () => {
    const document = workspaceToDocument(
      workspace,
      { kind: 'collection', id: 'team' },
      { environmentIds: ['stage'], secrets: 'values' },
    )!;
    const parsed = parseCollectionFile(JSON.parse(serializeCollectionFile(document, { exportedAt })));
    if (!parsed.ok) throw new Error(parsed.error.message);
    const fresh = applyImport(createEmptyWorkspace(), parsed.value, {
      choices: {},
      targetCollectionId: null,
      newId: () => 'n',
    });
    expect(fresh.workspace.environments.at(-1)?.variables[1]).toEqual({
      name: 'token',
      value: 'hunter2',
      secret: true,
    });

    const local: Workspace = {
      ...workspace,
      collections: [
        { ...workspace.collections[0]!, variables: [{ name: 'key', value: 'old', secret: true }] },
      ],
      environments: workspace.environments.map((e) =>
        e.id === 'stage' ? { ...e, variables: [{ name: 'token', value: 'old', secret: true }] } : e,
      ),
    };
    const replaced = applyImport(local, parsed.value, {
      choices: { team: 'replace', stage: 'replace' },
      targetCollectionId: null,
      newId: () => 'n',
    });
    expect(replaced.workspace.collections[0]!.variables).toEqual([
      { name: 'key', value: 'k-secret', secret: true },
    ]);
    expect(replaced.workspace.environments.find((e) => e.id === 'stage')!.variables[1]).toEqual({
      name: 'token',
      value: 'hunter2',
      secret: true,
    });
  });
});
