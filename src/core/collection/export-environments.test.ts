import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type SavedConnection, type Workspace } from '../workspace/workspace';
import { savedConnection } from '../workspace/workspace.test-support';
import {
  environmentsDefining,
  exportEnvironmentOffers,
  secretsIn,
  variablesUsedByScope,
} from './export-environments';
import { workspaceToDocument } from './workspace-to-document';

const connection = (id: string, collectionId: string, fields: Partial<SavedConnection>): SavedConnection =>
  savedConnection({ id, collectionId, ...fields });

const workspace: Workspace = {
  collections: [
    {
      id: 'team',
      name: 'Team',
      variables: [
        { name: 'path', value: '{{room}}', secret: false },
        { name: 'unusedHere', value: '{{neverFollowed}}', secret: false },
      ],
      folders: [],
    },
    { id: 'other', name: 'Other', variables: [{ name: 'o', value: '1', secret: false }], folders: [] },
  ],
  connections: [
    connection('chat', 'team', {
      url: 'ws://{{host}}/{{path}}?id={{$uuid}}',
      protocols: ['{{proto}}'],
      templates: [
        { id: 't1', name: 'Hi', format: 'json', body: '{"user":"{{user}}","n":{{$counter}}}' },
        { id: 't2', name: 'Bytes', format: 'binary', encoding: 'hex', body: '{{magic}} ff' },
      ],
    }),
    connection('solo', 'other', { url: 'ws://{{o}}/{{path}}' }),
  ],
  environments: [
    { id: 'global', name: 'Global', variables: [{ name: 'user', value: 'ada', secret: false }] },
    {
      id: 'stage',
      name: 'Staging',
      variables: [
        { name: 'host', value: '{{hostname}}:{{port}}', secret: false },
        { name: 'token', value: 'hunter2', secret: true },
        { name: 'room', value: 'lobby', secret: false },
      ],
    },
    { id: 'ports', name: 'Ports', variables: [{ name: 'port', value: '8787', secret: false }] },
    { id: 'unrelated', name: 'Unrelated', variables: [{ name: 'neverFollowed', value: 'x', secret: false }] },
  ],
  settings: { ...DEFAULT_SETTINGS, timelineCap: 100 },
};

const collection = { kind: 'collection', id: 'team' } as const;

describe('variablesUsedByScope', () => {
  it('lists the names in URLs, subprotocols and every template body, without dynamic values', () => {
    expect(variablesUsedByScope(workspace, collection, { environments: [] })).toEqual([
      'host',
      'path',
      'proto',
      'user',
      'magic',
      'room',
    ]);
  });

  it('counts the inline messages of scenarios, inside repeats too', () => {
    const withScenario: Workspace = {
      ...workspace,
      connections: [
        connection('rpc', 'team', {
          url: 'ws://x/rpc',
          scenarios: [
            {
              id: 's',
              name: 'Smoke',
              steps: [
                { kind: 'send', message: { kind: 'inline', format: 'text', body: 'hello {{greeting}}' } },
                {
                  kind: 'repeat',
                  times: 2,
                  steps: [
                    {
                      kind: 'request',
                      message: {
                        kind: 'inline',
                        format: 'json',
                        body: '{"id":{{$counter}},"auth":"{{apiKey}}"}',
                      },
                      timeoutMs: 100,
                    },
                  ],
                },
              ],
            },
          ],
        }),
      ],
    };
    expect(variablesUsedByScope(withScenario, collection, { environments: [] })).toEqual([
      'greeting',
      'apiKey',
    ]);
  });

  it('follows names inside the values of the collection variables and the environments, transitively', () => {
    expect(variablesUsedByScope(workspace, collection, { environments: workspace.environments })).toEqual([
      'host',
      'path',
      'proto',
      'user',
      'magic',
      'hostname',
      'port',
      'room',
    ]);
  });

  it('does not follow a collection variable for a connection exported alone (it does not travel)', () => {
    const scope = { kind: 'connection', id: 'solo' } as const;
    expect(variablesUsedByScope(workspace, scope, { environments: [] })).toEqual(['o', 'path']);
  });

  it('covers every collection for "everything"', () => {
    const used = variablesUsedByScope(workspace, { kind: 'everything' }, { environments: [] });
    expect(used).toEqual(expect.arrayContaining(['host', 'room', 'o']));
  });
});

describe('environmentsDefining', () => {
  it('keeps the environments that define a name, with those names in the order given', () => {
    expect(environmentsDefining(workspace.environments, ['room', 'host', 'user', 'nobody'])).toEqual([
      { id: 'global', name: 'Global', provides: ['user'] },
      { id: 'stage', name: 'Staging', provides: ['room', 'host'] },
    ]);
    expect(environmentsDefining(workspace.environments, [])).toEqual([]);
  });
});

describe('exportEnvironmentOffers', () => {
  it('offers Global and named environments that define a used name, also through another variable', () => {
    expect(exportEnvironmentOffers(workspace, collection)).toEqual([
      { id: 'global', name: 'Global', provides: ['user'] },
      { id: 'stage', name: 'Staging', provides: ['host', 'room'] },
      { id: 'ports', name: 'Ports', provides: ['port'] },
    ]);
  });

  it('offers an environment for a name the collection also defines, and none for unused names', () => {
    const shadowed: Workspace = {
      ...workspace,
      collections: [
        { id: 'c', name: 'C', variables: [{ name: 'x', value: '1', secret: false }], folders: [] },
      ],
      connections: [connection('x', 'c', { url: 'ws://{{x}}/' })],
      environments: [
        { id: 'global', name: 'Global', variables: [{ name: 'x', value: '2', secret: false }] },
        { id: 'e', name: 'E', variables: [{ name: 'y', value: '3', secret: false }] },
      ],
    };
    expect(exportEnvironmentOffers(shadowed, { kind: 'collection', id: 'c' })).toEqual([
      { id: 'global', name: 'Global', provides: ['x'] },
    ]);
  });

  it('offers nothing when the connections use no variables', () => {
    const plain: Workspace = { ...workspace, connections: [connection('p', 'team', { url: 'ws://a/' })] };
    expect(exportEnvironmentOffers(plain, { kind: 'connection', id: 'p' })).toEqual([]);
  });
});

describe('secretsIn', () => {
  it('names the secrets of the exported collections and the included environments', () => {
    const withSecret: Workspace = {
      ...workspace,
      collections: [
        { ...workspace.collections[0]!, variables: [{ name: 'key', value: 'k', secret: true }] },
        ...workspace.collections.slice(1),
      ],
    };
    const bare = workspaceToDocument(withSecret, { kind: 'connection', id: 'chat' })!;
    expect(secretsIn(bare)).toEqual([]);
    const document = workspaceToDocument(withSecret, collection, { environmentIds: ['stage'] })!;
    expect(secretsIn(document)).toEqual([
      { name: 'key', where: 'Team' },
      { name: 'token', where: 'Staging' },
    ]);
  });
});
