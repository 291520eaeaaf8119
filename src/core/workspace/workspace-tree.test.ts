import { describe, expect, it } from 'vitest';
import {
  createDefaultAutomation,
  createEmptyWorkspace,
  type SavedConnection,
  type Workspace,
} from './workspace';
import {
  duplicateCollection,
  duplicateFolder,
  folderPath,
  moveConnection,
  moveAmongSiblings,
  moveFolder,
  removeCollection,
  removeFolder,
  restoreRemoved,
} from './workspace-tree';

function ids() {
  let n = 0;
  return () => `id-${++n}`;
}

const connection = (id: string, collectionId: string, folderId: string | null): SavedConnection => ({
  id,
  name: id,
  url: `ws://x/${id}`,
  protocols: [],
  templates: [
    { id: 'hello', name: 'Hello', format: 'text', body: 'hi' },
    { id: 'ping', name: 'Ping', format: 'json', body: '{}' },
  ],
  automation: {
    ...createDefaultAutomation(),
    sendOnOpen: ['hello'],
    heartbeat: { templateId: 'ping', everyMs: 1000, startWithConnection: true },
  },
  scenarios: [
    {
      id: 'smoke',
      name: 'Smoke',
      steps: [
        { kind: 'connect' },
        {
          kind: 'repeat',
          times: 2,
          steps: [{ kind: 'send', message: { kind: 'template', templateId: 'ping' } }],
        },
      ],
    },
  ],
  collectionId,
  folderId,
});

const workspace: Workspace = {
  ...createEmptyWorkspace(),
  collections: [
    {
      id: 'team',
      name: 'Team',
      variables: [{ name: 'host', value: 'h', secret: false }],
      folders: [
        { id: 'auth', name: 'Auth', parentId: null },
        { id: 'deep', name: 'Deep', parentId: 'auth' },
        { id: 'other', name: 'Other', parentId: null },
      ],
    },
    { id: 'mine', name: 'Mine', variables: [], folders: [] },
  ],
  connections: [
    connection('login', 'team', 'auth'),
    connection('nested', 'team', 'deep'),
    connection('top', 'team', null),
    connection('solo', 'mine', null),
  ],
};

describe('collection tree edits', () => {
  it('duplicates a collection with new ids throughout; copied automation and scenarios follow the copied templates', () => {
    const { workspace: next, id } = duplicateCollection(workspace, 'team', {
      newId: ids(),
      name: 'Team (copy)',
    });
    expect(next.collections.map((c) => c.name)).toEqual(['Team', 'Team (copy)', 'Mine']);
    const copy = next.collections[1]!;
    expect(copy.id).toBe(id);
    expect(copy.folders.map((f) => f.name)).toEqual(['Auth', 'Deep', 'Other']);
    const [auth, deep] = copy.folders;
    expect(deep?.parentId).toBe(auth?.id);
    const copied = next.connections.filter((c) => c.collectionId === copy.id);
    expect(copied.map((c) => c.name)).toEqual(['login', 'nested', 'top']);
    expect(copied[1]?.folderId).toBe(deep?.id);
    const login = copied[0]!;
    expect(login.id).not.toBe('login');
    expect(login.automation.sendOnOpen).toEqual([login.templates[0]?.id]);
    expect(login.automation.heartbeat?.templateId).toBe(login.templates[1]?.id);
    const scenario = login.scenarios[0];
    expect(scenario?.id).not.toBe('smoke');
    expect(scenario?.steps[1]).toEqual({
      kind: 'repeat',
      times: 2,
      steps: [{ kind: 'send', message: { kind: 'template', templateId: login.templates[1]?.id } }],
    });
    expect(next.connections.slice(0, 4)).toEqual(workspace.connections);
  });

  it('duplicates a folder beside the original, with its subfolders and connections', () => {
    const { workspace: next } = duplicateFolder(workspace, 'team', 'auth', {
      newId: ids(),
      name: 'Auth (copy)',
    });
    const team = next.collections[0]!;
    expect(team.folders.map((f) => f.name)).toEqual(['Auth', 'Auth (copy)', 'Deep', 'Deep', 'Other']);
    const copyId = team.folders[1]!.id;
    expect(team.folders[1]!.parentId).toBeNull();
    expect(team.folders[2]!.parentId).toBe(copyId);
    expect(next.connections.filter((c) => c.folderId === copyId).map((c) => c.name)).toEqual(['login']);
  });

  it('removes a folder with everything below it, and undo puts every piece back in place', () => {
    const { workspace: next, removed } = removeFolder(workspace, 'team', 'auth');
    expect(next.collections[0]!.folders.map((f) => f.id)).toEqual(['other']);
    expect(next.connections.map((c) => c.id)).toEqual(['top', 'solo']);
    expect(restoreRemoved(next, removed)).toEqual(workspace);
  });

  it('removes a collection with its connections, and undo restores it', () => {
    const { workspace: next, removed } = removeCollection(workspace, 'team');
    expect(next.collections.map((c) => c.id)).toEqual(['mine']);
    expect(next.connections.map((c) => c.id)).toEqual(['solo']);
    expect(restoreRemoved(next, removed)).toEqual(workspace);
  });

  it('moves a connection to another collection or folder, and ignores a place that does not exist', () => {
    const moved = moveConnection(workspace, 'solo', { collectionId: 'team', folderId: 'deep' });
    expect(moved.connections.at(-1)).toMatchObject({ id: 'solo', collectionId: 'team', folderId: 'deep' });
    expect(moveConnection(workspace, 'solo', { collectionId: 'team', folderId: 'nope' })).toBe(workspace);
  });

  it('moves a folder with its contents into another collection, never into itself', () => {
    const moved = moveFolder(
      workspace,
      { collectionId: 'team', folderId: 'auth' },
      { collectionId: 'mine', folderId: null },
    );
    expect(moved.collections[0]!.folders.map((f) => f.id)).toEqual(['other']);
    expect(moved.collections[1]!.folders).toEqual([
      { id: 'auth', name: 'Auth', parentId: null },
      { id: 'deep', name: 'Deep', parentId: 'auth' },
    ]);
    expect(moved.connections.filter((c) => c.collectionId === 'mine').map((c) => c.id)).toEqual([
      'login',
      'nested',
      'solo',
    ]);
    expect(
      moveFolder(
        workspace,
        { collectionId: 'team', folderId: 'auth' },
        { collectionId: 'team', folderId: 'deep' },
      ),
    ).toBe(workspace);
  });

  it('moves items up and down among their siblings only, and not past either end', () => {
    const names = (w: Workspace) => w.collections.map((c) => c.id);
    expect(names(moveAmongSiblings(workspace, { kind: 'collection', id: 'mine' }, -1))).toEqual([
      'mine',
      'team',
    ]);
    expect(names(moveAmongSiblings(workspace, { kind: 'collection', id: 'team' }, -1))).toEqual([
      'team',
      'mine',
    ]);
    const folders = moveAmongSiblings(workspace, { kind: 'folder', collectionId: 'team', id: 'other' }, -1);
    // "deep" sits between them in the list but in another parent, so it is skipped.
    expect(folders.collections[0]!.folders.map((f) => f.id)).toEqual(['other', 'deep', 'auth']);
    const withSibling = {
      ...workspace,
      connections: [...workspace.connections, connection('second', 'team', null)],
    };
    const moved = moveAmongSiblings(withSibling, { kind: 'connection', id: 'second' }, -1);
    expect(moved.connections.map((c) => c.id)).toEqual(['login', 'nested', 'second', 'solo', 'top']);
  });

  it('names a folder by its path', () => {
    expect(folderPath(workspace.collections[0]!, 'deep')).toEqual(['Team', 'Auth', 'Deep']);
  });
});
