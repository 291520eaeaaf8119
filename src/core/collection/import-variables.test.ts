import { describe, expect, it } from 'vitest';
import {
  createDefaultAutomation,
  createEmptyWorkspace,
  type SavedConnection,
  type Workspace,
} from '../workspace/workspace';
import { createDocument, type CollectionDocument, type DocumentConnection } from './collection-document';
import { checkImportVariables } from './import-variables';

const connection = (id: string, url: string, body = ''): DocumentConnection => ({
  type: 'connection',
  id,
  name: id,
  url,
  protocols: [],
  templates: body ? [{ id: 't', name: 'T', format: 'text', body }] : [],
  automation: createDefaultAutomation(),
  scenarios: [],
});

/** A collection file as exported with its environment: Staging defines host and a secret token. */
function exported(): CollectionDocument {
  const document = createDocument('Frameline collection');
  document.collections.push({
    id: 'team',
    name: 'Team',
    variables: [{ name: 'room', value: 'lobby', secret: false }],
    items: [
      {
        type: 'folder',
        id: 'f',
        name: 'F',
        items: [connection('c', 'ws://{{host}}/echo?t={{token}}&r={{room}}', 'hi {{user}} {{$uuid}}')],
      },
    ],
  });
  document.environments.push({
    id: 'stage',
    name: 'Staging',
    variables: [
      { name: 'host', value: '{{hostname}}:8787', secret: false },
      { name: 'token', value: '', secret: true },
    ],
  });
  return document;
}

const none = { choices: {}, targetCollectionId: null };

describe('checkImportVariables', () => {
  it('lists names nothing defines, following variable values, and the secrets to fill in', () => {
    expect(checkImportVariables(createEmptyWorkspace(), exported(), none)).toEqual({
      undefinedNames: ['user', 'hostname'],
      secretsToFill: [{ name: 'token', where: 'Staging' }],
    });
  });

  it('counts local environments, Global and named, as defining', () => {
    const local: Workspace = {
      ...createEmptyWorkspace(),
      environments: [
        { id: 'global', name: 'Global', variables: [{ name: 'user', value: 'ada', secret: false }] },
        { id: 'dev', name: 'Dev', variables: [{ name: 'hostname', value: '127.0.0.1', secret: false }] },
      ],
    };
    expect(checkImportVariables(local, exported(), none).undefinedNames).toEqual([]);
  });

  it('without the environment, the names it defined are undefined', () => {
    const document = exported();
    document.environments = [];
    expect(checkImportVariables(createEmptyWorkspace(), document, none)).toEqual({
      undefinedNames: ['host', 'token', 'user'],
      secretsToFill: [],
    });
  });

  it('a replaced local environment no longer defines what the imported one lacks', () => {
    const local: Workspace = {
      ...createEmptyWorkspace(),
      environments: [
        { id: 'global', name: 'Global', variables: [] },
        {
          id: 'stage',
          name: 'Staging',
          variables: [
            { name: 'user', value: 'ada', secret: false },
            { name: 'token', value: 'mine', secret: true },
          ],
        },
      ],
    };
    const copy = checkImportVariables(local, exported(), none);
    expect(copy.undefinedNames).toEqual(['hostname']);
    expect(copy.secretsToFill).toEqual([{ name: 'token', where: 'Staging' }]);
    // Replacing keeps the local secret value, so there is nothing to fill in; the local `user` is gone.
    const replaced = checkImportVariables(local, exported(), {
      choices: { stage: 'replace' },
      targetCollectionId: null,
    });
    expect(replaced.undefinedNames).toEqual(['user', 'hostname']);
    expect(replaced.secretsToFill).toEqual([]);
  });

  it('a secret that arrives with its value is not to be filled in; collection secrets are listed too', () => {
    const document = exported();
    document.environments[0]!.variables[1]!.value = 'hunter2';
    document.collections[0]!.variables.push({ name: 'key', value: '', secret: true });
    expect(checkImportVariables(createEmptyWorkspace(), document, none).secretsToFill).toEqual([
      { name: 'key', where: 'Team' },
    ]);
  });

  it('a connection shared on its own sees the variables of the collection it goes to', () => {
    const document = createDocument('Share link');
    document.connections.push(connection('echo', 'ws://{{host}}/echo'));
    const saved: SavedConnection = { ...connection('echo', 'ws://x/'), collectionId: 'b', folderId: null };
    const local: Workspace = {
      ...createEmptyWorkspace(),
      collections: [
        { id: 'a', name: 'A', variables: [{ name: 'host', value: 'a', secret: false }], folders: [] },
        { id: 'b', name: 'B', variables: [], folders: [] },
      ],
      connections: [saved],
    };
    const undefinedFor = (options: Parameters<typeof checkImportVariables>[2]) =>
      checkImportVariables(local, document, options).undefinedNames;
    expect(undefinedFor({ choices: {}, targetCollectionId: 'a' })).toEqual([]);
    expect(undefinedFor({ choices: {}, targetCollectionId: null })).toEqual(['host']);
    // Replaced, it stays in its own collection B, which does not define host.
    expect(undefinedFor({ choices: { echo: 'replace' }, targetCollectionId: 'a' })).toEqual(['host']);
  });

  it("a collection's variables apply to its own connections only", () => {
    const document = exported();
    document.environments = [];
    document.connections.push(connection('loose', 'ws://{{room}}/'));
    expect(checkImportVariables(createEmptyWorkspace(), document, none).undefinedNames).toEqual([
      'host',
      'token',
      'user',
      'room',
    ]);
  });
});
