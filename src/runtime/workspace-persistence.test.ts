// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createEmptyWorkspace, WORKSPACE_VERSION, type Workspace } from '@/core/workspace/workspace';
import * as edits from '@/core/workspace/workspace-edits';
import { toStoredWorkspace } from '@/core/workspace/workspace-migrations';
import { selectWorkspace, useWorkspaceStore } from '@/stores/workspace-store';
import { resetWorkspaceStore } from '@/stores/workspace-store.test-support';
import {
  addTemplate,
  createCollection,
  createConnection,
  renameCollection,
  setEnvironmentVariables,
} from './commands/workspace-commands';
import {
  BACKUP_KEY_PREFIX,
  startFresh,
  startWorkspacePersistence,
  WORKSPACE_KEY,
} from './workspace-persistence';

let stop: () => void = () => {};

beforeEach(() => {
  localStorage.clear();
  resetWorkspaceStore();
});

afterEach(() => {
  stop();
  vi.restoreAllMocks();
});

const state = () => useWorkspaceStore.getState();
const stored = () => JSON.parse(localStorage.getItem(WORKSPACE_KEY) ?? 'null');
const backups = () => Object.keys(localStorage).filter((key) => key.startsWith(BACKUP_KEY_PREFIX));

/** What another browser tab does: writes its own workspace, and this tab hears of it through `storage`. */
function otherTabWrites(workspace: Workspace, options: { announce: boolean }) {
  const raw = JSON.stringify(toStoredWorkspace(workspace));
  localStorage.setItem(WORKSPACE_KEY, raw);
  if (options.announce) {
    window.dispatchEvent(
      new StorageEvent('storage', { key: WORKSPACE_KEY, newValue: raw, storageArea: localStorage }),
    );
  }
}

describe('workspace persistence', () => {
  it('saves what the user creates, versioned, exactly as typed', () => {
    stop = startWorkspacePersistence();
    const id = createConnection({ name: 'Chat', url: 'ws://x/chat', protocols: [] }) ?? '';
    addTemplate(id, { name: 'Hi', format: 'text', body: ' exact\n' });
    expect(stored().version).toBe(WORKSPACE_VERSION);
    expect(stored().workspace.connections[0].templates[0].body).toBe(' exact\n');
  });

  it('restores what an older version saved', () => {
    localStorage.setItem(
      WORKSPACE_KEY,
      JSON.stringify({
        version: 3,
        workspace: {
          connections: [{ id: 'c1', name: 'Saved', url: 'ws://a/', protocols: ['p'], templates: [] }],
          settings: { timelineCap: 500 },
        },
      }),
    );
    stop = startWorkspacePersistence();
    expect(state().workspace.connections.map((c) => c.name)).toEqual(['Saved']);
    expect(state().workspace.settings.timelineCap).toBe(500);
    expect(state().loadStatus).toEqual({ kind: 'loaded' });
  });
});

describe('two tabs of one browser', () => {
  it("show each other's saves as they happen", () => {
    stop = startWorkspacePersistence();
    const other = edits.createCollection({ id: 'theirs', name: 'From the other tab' })(
      createEmptyWorkspace(),
    );
    otherTabWrites(other.workspace, { announce: true });
    expect(state().workspace.collections.map((c) => c.name)).toEqual(['From the other tab']);
  });

  it('keep both edits when one saves over a snapshot the other has already changed', () => {
    stop = startWorkspacePersistence();
    const connection = createConnection({ name: 'Echo', url: 'ws://e/', protocols: [] }) ?? '';
    // The other tab adds a template, but this tab has not heard of it yet.
    const theirs = edits.addTemplate(connection, { id: 't1', name: 'Theirs', format: 'text', body: 'a' });
    otherTabWrites(theirs(selectWorkspace(state())).workspace, { announce: false });

    const collection = state().workspace.collections[0]?.id ?? '';
    expect(renameCollection(collection, 'Renamed here')).toBe(true);

    for (const workspace of [selectWorkspace(state()), stored().workspace as Workspace]) {
      expect(workspace.collections[0]?.name).toBe('Renamed here');
      expect(workspace.connections[0]?.templates.map((t) => t.name)).toEqual(['Theirs']);
    }
  });

  it('let the later edit of the same item win, and tell the tab whose edit was replaced', () => {
    stop = startWorkspacePersistence();
    const staging = edits.createEnvironment({ id: 'stage', name: 'Staging' });
    otherTabWrites(staging(selectWorkspace(state())).workspace, { announce: true });
    setEnvironmentVariables('stage', [{ name: 'host', value: 'mine', secret: false }]);
    expect(state().syncNotice).toBeNull();

    const theirs = edits.setEnvironmentVariables('stage', [{ name: 'host', value: 'theirs', secret: false }]);
    otherTabWrites(theirs(selectWorkspace(state())).workspace, { announce: true });
    expect(state().workspace.environments[1]?.variables[0]?.value).toBe('theirs');
    expect(state().syncNotice).toMatch(/Another tab changed environment “Staging” after you edited it here/);
  });

  it('ignore a late notice of an older save: what storage holds now is what shows', () => {
    stop = startWorkspacePersistence();
    const older = edits.createCollection({ id: 'theirs', name: 'Theirs' })(createEmptyWorkspace()).workspace;
    const olderRaw = JSON.stringify(toStoredWorkspace(older));
    localStorage.setItem(WORKSPACE_KEY, olderRaw);
    // This tab saves on top of it before the other tab's storage event is delivered.
    createCollection('Mine');
    window.dispatchEvent(
      new StorageEvent('storage', { key: WORKSPACE_KEY, newValue: olderRaw, storageArea: localStorage }),
    );
    expect(state().workspace.collections.map((c) => c.name)).toEqual(['Theirs', 'Mine']);
  });

  it('stop saving, rather than overwrite, when another tab saved with a newer Frameline', () => {
    stop = startWorkspacePersistence();
    createCollection('Mine');
    const newer = JSON.stringify({ version: WORKSPACE_VERSION + 1, workspace: { shape: 'new' } });
    localStorage.setItem(WORKSPACE_KEY, newer);
    window.dispatchEvent(
      new StorageEvent('storage', { key: WORKSPACE_KEY, newValue: newer, storageArea: localStorage }),
    );
    expect(state().loadStatus).toMatchObject({ kind: 'blocked', message: /newer Frameline/ });
    expect(createCollection('Another')).toBeNull();
    expect(localStorage.getItem(WORKSPACE_KEY)).toBe(newer);
  });
});

describe('storage faults', () => {
  it('keep damaged data under a backup key, say so, and start fresh', () => {
    localStorage.setItem(WORKSPACE_KEY, '{"version": 4, "workspace": {"connec');
    stop = startWorkspacePersistence();
    expect(state().loadStatus).toMatchObject({
      kind: 'recovered',
      message: expect.stringMatching(
        /damaged: it is not valid JSON .* kept unchanged as “frameline\.workspace\.backup-/,
      ),
    });
    const [backup] = backups();
    expect(backup && localStorage.getItem(backup)).toBe('{"version": 4, "workspace": {"connec');
    expect(createCollection('Fresh')).not.toBeNull();
    expect(stored().workspace.collections[0].name).toBe('Fresh');
    expect(backup && localStorage.getItem(backup)).toBe('{"version": 4, "workspace": {"connec');
  });

  it('leave data from a newer Frameline where it is, and save nothing until the user starts fresh', () => {
    const future = JSON.stringify({
      version: WORKSPACE_VERSION + 1,
      workspace: { connections: 'new shape' },
    });
    localStorage.setItem(WORKSPACE_KEY, future);
    stop = startWorkspacePersistence();
    expect(state().loadStatus).toMatchObject({ kind: 'blocked', message: /newer Frameline/ });
    expect(createConnection({ name: 'New', url: 'ws://n/', protocols: [] })).toBeNull();
    expect(state().saveError).toMatch(/Not saved/);
    expect(localStorage.getItem(WORKSPACE_KEY)).toBe(future);

    expect(startFresh()).toEqual({ ok: true, value: undefined });
    const [backup] = backups();
    expect(backup && localStorage.getItem(backup)).toBe(future);
    expect(createConnection({ name: 'New', url: 'ws://n/', protocols: [] })).not.toBeNull();
    expect(stored().workspace.connections[0].name).toBe('New');
  });

  it('pause saving when even the backup cannot be written, keeping the data untouched', () => {
    const damaged = 'not json at all';
    localStorage.setItem(WORKSPACE_KEY, damaged);
    const full = vi.spyOn(localStorage, 'setItem').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    stop = startWorkspacePersistence();
    expect(state().loadStatus).toMatchObject({ kind: 'blocked', backupKey: null });
    full.mockRestore();
    expect(createCollection('Anything')).toBeNull();
    expect(localStorage.getItem(WORKSPACE_KEY)).toBe(damaged);
  });

  it('leave memory and storage as they were when a save is refused for quota, and say what to free', () => {
    stop = startWorkspacePersistence();
    const id = createConnection({ name: 'Echo', url: 'ws://e/', protocols: [] }) ?? '';
    addTemplate(id, { name: 'Big payload', format: 'text', body: 'x'.repeat(200_000) });
    const before = selectWorkspace(state());
    const raw = localStorage.getItem(WORKSPACE_KEY);

    const quota = vi.spyOn(localStorage, 'setItem').mockImplementation(() => {
      throw new DOMException('quota', 'QuotaExceededError');
    });
    expect(createCollection('One more')).toBeNull();
    expect(selectWorkspace(state())).toBe(before);
    expect(localStorage.getItem(WORKSPACE_KEY)).toBe(raw);
    expect(state().saveError).toMatch(
      /storage is full.*the change was not made.*template “Big payload” of Echo \(195 KiB\)/,
    );

    quota.mockRestore();
    expect(createCollection('One more')).not.toBeNull();
    expect(state().saveError).toBeNull();
  });

  it('write any change to the saved selector, even one that did not come through an edit', () => {
    stop = startWorkspacePersistence();
    useWorkspaceStore.setState({
      workspace: edits.createCollection({ id: 'x', name: 'Set directly' })(createEmptyWorkspace()).workspace,
    });
    expect(stored().workspace.collections[0].name).toBe('Set directly');
  });
});
