import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createDefaultAutomation,
  createEmptyWorkspace,
  type SavedConnection,
  type Workspace,
} from '../workspace/workspace';
import { collectionDocument } from './collection-arbitraries.test-support';
import {
  createDocument,
  type CollectionDocument,
  type DocumentConnection,
  type DocumentItem,
} from './collection-document';
import { applyImport, importChoice, previewImport } from './apply-import';
import { workspaceToDocument } from './workspace-to-document';

/** The sidebar (and so an export) lists a folder's subfolders before its connections. */
function foldersFirst(items: DocumentItem[]): DocumentItem[] {
  const folders = items.flatMap((i) => (i.type === 'folder' ? [{ ...i, items: foldersFirst(i.items) }] : []));
  return [...folders, ...items.filter((i) => i.type === 'connection')];
}

function counter() {
  let n = 0;
  return () => `new-${++n}`;
}

const connection = (id: string, collectionId: string, name = id): SavedConnection => ({
  id,
  name,
  url: `ws://127.0.0.1:8787/${name}`,
  protocols: [],
  templates: [{ id: 't', name: 'T', format: 'text', body: name }],
  automation: { ...createDefaultAutomation(), sendOnOpen: ['t'] },
  scenarios: [],
  collectionId,
  folderId: null,
});

const stored: Workspace = {
  ...createEmptyWorkspace(),
  collections: [
    {
      id: 'team',
      name: 'Team',
      variables: [{ name: 'token', value: 'local-secret', secret: true }],
      folders: [],
    },
    { id: 'mine', name: 'Mine', variables: [], folders: [] },
  ],
  connections: [connection('echo', 'team'), connection('chat', 'team'), connection('solo', 'mine')],
};

const shared: DocumentConnection = {
  type: 'connection',
  id: 'echo',
  name: 'Echo v2',
  url: 'ws://{{host}}/echo',
  protocols: ['json'],
  templates: [],
  automation: createDefaultAutomation(),
  scenarios: [],
};

function teamDocument(): CollectionDocument {
  const document = createDocument('Frameline collection');
  document.collections.push({
    id: 'team',
    name: 'Team',
    variables: [{ name: 'token', value: '', secret: true }],
    items: [{ type: 'folder', id: 'f', name: 'Folder', items: [{ ...shared }] }],
  });
  return document;
}

describe('previewImport', () => {
  it('lists each item with its counts, hosts, and whether it already exists', () => {
    const document = teamDocument();
    document.connections.push({ ...shared, id: 'fresh', url: 'wss://api.example.test/ws' });
    expect(previewImport(stored, document)).toEqual([
      expect.objectContaining({
        kind: 'collection',
        name: 'Team',
        existing: { name: 'Team' },
        folders: 1,
        connections: 1,
        variables: 1,
        hosts: ['{{host}}'],
      }),
      expect.objectContaining({ kind: 'connection', existing: null, hosts: ['api.example.test'] }),
    ]);
  });
});

describe('applyImport', () => {
  it('imports an existing collection as a copy by default: new ids, nothing stored changes', () => {
    const { workspace } = applyImport(stored, teamDocument(), {
      choices: {},
      targetCollectionId: null,
      newId: counter(),
    });
    expect(workspace.collections.slice(0, 2)).toEqual(stored.collections);
    expect(workspace.connections.slice(0, 3)).toEqual(stored.connections);
    const copy = workspace.collections[2]!;
    expect(copy).toMatchObject({ name: 'Team (imported)', folders: [{ name: 'Folder' }] });
    expect(copy.id).not.toBe('team');
    const added = workspace.connections[3]!;
    expect(added).toMatchObject({ name: 'Echo v2', collectionId: copy.id, folderId: copy.folders[0]!.id });
    expect(added.id).not.toBe('echo');
  });

  it('replaces a collection in place when asked, keeping the local secret value', () => {
    const { workspace, connectionIds } = applyImport(stored, teamDocument(), {
      choices: { team: 'replace' },
      targetCollectionId: null,
      newId: counter(),
    });
    expect(workspace.collections.map((c) => c.id)).toEqual(['team', 'mine']);
    expect(workspace.collections[0]!.variables).toEqual([
      { name: 'token', value: 'local-secret', secret: true },
    ]);
    expect(workspace.connections.map((c) => [c.id, c.name, c.collectionId])).toEqual([
      ['solo', 'solo', 'mine'],
      ['echo', 'Echo v2', 'team'],
    ]);
    expect(connectionIds.get('echo')).toBe('echo');
  });

  it('puts connections shared on their own into the chosen collection, or a new one', () => {
    const document = createDocument('Frameline collection');
    document.connections.push({ ...shared, id: 'new-conn' });
    const into = applyImport(stored, document, { choices: {}, targetCollectionId: 'mine', newId: counter() });
    expect(into.workspace.connections.at(-1)).toMatchObject({ id: 'new-conn', collectionId: 'mine' });
    const fresh = applyImport(stored, document, { choices: {}, targetCollectionId: null, newId: counter() });
    expect(fresh.workspace.collections.at(-1)?.name).toBe('Shared connections');
  });

  it('replaces a shared connection where it is, or adds a copy beside the original', () => {
    const document = createDocument('Frameline collection');
    document.connections.push(shared);
    const replaced = applyImport(stored, document, {
      choices: { echo: 'replace' },
      targetCollectionId: 'mine',
      newId: counter(),
    });
    expect(replaced.workspace.connections[0]).toMatchObject({
      id: 'echo',
      name: 'Echo v2',
      collectionId: 'team',
    });
    expect(replaced.workspace.connections).toHaveLength(3);
    const copied = applyImport(stored, document, {
      choices: {},
      targetCollectionId: 'mine',
      newId: counter(),
    });
    expect(copied.workspace.connections).toHaveLength(4);
    expect(copied.workspace.connections[0]).toEqual(stored.connections[0]);
  });

  it('an environment that exists is added as a copy unless replaced; secrets keep their local value', () => {
    const withSecret: Workspace = {
      ...stored,
      environments: [
        { id: 'global', name: 'Global', variables: [{ name: 'k', value: 'mine', secret: true }] },
      ],
    };
    const document = createDocument('Frameline collection');
    document.environments.push({
      id: 'global',
      name: 'Global',
      variables: [{ name: 'k', value: '', secret: true }],
    });
    const copy = applyImport(withSecret, document, {
      choices: {},
      targetCollectionId: null,
      newId: counter(),
    });
    expect(copy.workspace.environments.map((e) => e.name)).toEqual(['Global', 'Global (imported)']);
    const replaced = applyImport(withSecret, document, {
      choices: { global: 'replace' },
      targetCollectionId: null,
      newId: counter(),
    });
    expect(replaced.workspace.environments).toEqual(withSecret.environments);
  });

  it(
    'import then export gives back the same tree (any document), folders listed before connections',
    { timeout: 60_000 },
    () => {
      fc.assert(
        fc.property(collectionDocument, (document) => {
          const { workspace } = applyImport(createEmptyWorkspace(), document, {
            choices: {},
            targetCollectionId: null,
            newId: counter(),
          });
          // With secret values included, an export gives back everything the import took in.
          const again = workspaceToDocument(workspace, { kind: 'everything' }, { secrets: 'values' })!;
          expect(again.collections.slice(0, document.collections.length)).toEqual(
            document.collections.map((c) => ({ ...c, items: foldersFirst(c.items) })),
          );
          const ids = [
            ...workspace.collections.flatMap((c) => [c.id, ...c.folders.map((f) => f.id)]),
            ...workspace.connections.map((c) => c.id),
          ];
          expect(new Set(ids).size).toBe(ids.length);
        }),
      );
    },
  );

  it('importing the same document twice never produces duplicate ids', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(collectionDocument, (document) => {
        const newId = counter();
        const once = applyImport(createEmptyWorkspace(), document, {
          choices: {},
          targetCollectionId: null,
          newId,
        });
        const twice = applyImport(once.workspace, document, { choices: {}, targetCollectionId: null, newId });
        const ids = [
          ...twice.workspace.collections.flatMap((c) => [c.id, ...c.folders.map((f) => f.id)]),
          ...twice.workspace.connections.map((c) => c.id),
        ];
        expect(new Set(ids).size).toBe(ids.length);
        expect(twice.workspace.connections).toHaveLength(2 * once.workspace.connections.length);
      }),
    );
  });

  describe('ids that name members every object inherits', () => {
    const connectionIds = ['__proto__', 'toString', 'hasOwnProperty', 'valueOf'];

    function awkwardDocument(): CollectionDocument {
      const document = createDocument('Frameline collection');
      document.collections.push({
        id: 'isPrototypeOf',
        name: 'Awkward',
        variables: [],
        items: [
          { type: 'folder', id: 'constructor', name: 'Folder', items: [{ ...shared, id: '__proto__' }] },
          { ...shared, id: 'toString' },
        ],
      });
      document.connections.push({ ...shared, id: 'hasOwnProperty' }, { ...shared, id: 'valueOf' });
      document.environments.push({ id: 'constructor', name: 'Env', variables: [] });
      document.timelines.push(
        { connectionId: '__proto__', title: 'Recorded', events: [] },
        { connectionId: 'hasOwnProperty', title: 'Recorded too', events: [] },
      );
      return document;
    }

    it('are stored as they are, and a second import of them gets fresh ids', () => {
      const newId = counter();
      const options = { choices: {}, targetCollectionId: null, newId };
      const once = applyImport(createEmptyWorkspace(), awkwardDocument(), options);
      expect(once.workspace.collections.map((c) => c.id)).toEqual(['isPrototypeOf', 'new-1']);
      expect(once.workspace.collections[0]!.folders.map((f) => f.id)).toEqual(['constructor']);
      expect(once.workspace.connections.map((c) => c.id)).toEqual(connectionIds);
      expect(once.workspace.environments.map((e) => e.id)).toEqual(['global', 'constructor']);
      expect([...once.connectionIds]).toEqual(connectionIds.map((id) => [id, id]));
      expect(once.timelines.map((t) => t.connectionId)).toEqual(['__proto__', 'hasOwnProperty']);

      const twice = applyImport(once.workspace, awkwardDocument(), options);
      const ids = [
        ...twice.workspace.collections.flatMap((c) => [c.id, ...c.folders.map((f) => f.id)]),
        ...twice.workspace.connections.map((c) => c.id),
      ];
      expect(new Set(ids).size).toBe(ids.length);
      expect(twice.workspace.connections).toHaveLength(8);
      for (const id of connectionIds) expect(twice.connectionIds.get(id)).toMatch(/^new-/);
      expect(twice.timelines.map((t) => t.connectionId)).toEqual([
        twice.connectionIds.get('__proto__'),
        twice.connectionIds.get('hasOwnProperty'),
      ]);
    });

    it('are replaced only when the user chose it for them, never because of what every object inherits', () => {
      const existing: Workspace = {
        ...createEmptyWorkspace(),
        collections: [
          { id: '__proto__', name: 'Proto', variables: [], folders: [] },
          { id: 'constructor', name: 'Ctor', variables: [], folders: [] },
        ],
        connections: [connection('a', '__proto__'), connection('b', 'constructor')],
        environments: [
          { id: 'global', name: 'Global', variables: [] },
          { id: 'toString', name: 'Env', variables: [] },
        ],
      };
      const document = createDocument('Frameline collection');
      document.collections.push(
        { id: '__proto__', name: 'Proto v2', variables: [], items: [] },
        { id: 'constructor', name: 'Ctor v2', variables: [], items: [] },
      );
      document.environments.push({ id: 'toString', name: 'Env v2', variables: [] });
      // As the preview builds them: a computed key is an own property, even "__proto__".
      const choices = { ...{}, ['__proto__']: 'replace' as const };
      expect(Object.hasOwn(choices, '__proto__')).toBe(true);
      const { workspace } = applyImport(existing, document, {
        choices,
        targetCollectionId: null,
        newId: counter(),
      });
      expect(workspace.collections.map((c) => [c.id, c.name])).toEqual([
        ['__proto__', 'Proto v2'],
        ['constructor', 'Ctor'],
        ['new-1', 'Ctor v2'],
      ]);
      expect(workspace.connections.map((c) => c.id)).toEqual(['b']);
      expect(workspace.environments.map((e) => [e.id, e.name])).toEqual([
        ['global', 'Global'],
        ['toString', 'Env'],
        ['new-2', 'Env v2'],
      ]);
    });
  });
});

describe('importChoice', () => {
  it('reads only the choices made, never what every object inherits', () => {
    const choices = { team: 'replace' as const };
    expect(importChoice(choices, 'team')).toBe('replace');
    expect(importChoice(choices, 'other')).toBe('copy');
    for (const inherited of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      expect(importChoice(choices, inherited)).toBe('copy');
    }
  });
});
