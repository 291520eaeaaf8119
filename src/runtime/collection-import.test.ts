// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { selectWorkspace, useWorkspaceStore } from '@/stores/workspace-store';
import { encodeSharePayload } from '@/core/share/share-link';
import { resetWorkspaceStore } from '@/stores/workspace-store.test-support';
import { readImportText, readPastedText } from './collection-import';
import { createConnection, importDocument } from './commands/workspace-commands';
import { startWorkspacePersistence, WORKSPACE_KEY } from './workspace-persistence';

let stop: () => void = () => {};

const file = (collections: unknown) =>
  JSON.stringify({
    format: 'frameline-collection',
    version: 1,
    exportedAt: '2026-01-01T00:00:00.000Z',
    collections,
  });

const team = {
  id: 'team',
  name: 'Team',
  variables: [],
  items: [
    {
      type: 'connection',
      id: 'c',
      name: 'Echo',
      url: 'ws://127.0.0.1:8787/echo',
      protocols: [],
      templates: [],
    },
  ],
};

beforeEach(() => {
  localStorage.clear();
  resetWorkspaceStore();
  stop = startWorkspacePersistence();
  createConnection({ name: 'Mine', url: 'ws://mine/', protocols: [] });
});

afterEach(() => {
  stop();
  vi.restoreAllMocks();
});

describe('collection import', () => {
  it('reading hostile or broken input changes neither the store nor what is stored', () => {
    const before = selectWorkspace(useWorkspaceStore.getState());
    const stored = localStorage.getItem(WORKSPACE_KEY);
    for (const text of [
      file([team]).replace('"id":"team"', '"__proto__":{"polluted":true},"id":"team"'),
      file([team]).slice(0, 40),
      `{"a":${'['.repeat(10_000)}${']'.repeat(10_000)}}`,
      file([{ ...team, items: 'nope' }]),
    ]) {
      expect(readImportText(text).ok).toBe(false);
    }
    expect(selectWorkspace(useWorkspaceStore.getState())).toEqual(before);
    expect(localStorage.getItem(WORKSPACE_KEY)).toBe(stored);
  });

  it('reads a whole share link pasted as text, and says so when it is damaged', async () => {
    const encoded = await encodeSharePayload(file([team]));
    const pasted = await readPastedText(`  http://127.0.0.1:4173/#share=v1.${encoded}\n`);
    expect(pasted.ok && pasted.value.source).toBe('Share link');
    const damaged = await readPastedText(`http://127.0.0.1:4173/#share=v1.${encoded.slice(0, -5)}`);
    expect(damaged).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('cut short or damaged') },
    });
  });

  it('stores a confirmed import and saves it', () => {
    const document = readImportText(file([team]));
    if (!document.ok) throw new Error(document.error.message);
    expect(importDocument(document.value, { choices: {}, targetCollectionId: null }).ok).toBe(true);
    const saved = JSON.parse(localStorage.getItem(WORKSPACE_KEY) ?? 'null');
    expect(saved.workspace.collections.map((c: { name: string }) => c.name)).toEqual([
      'My connections',
      'Team',
    ]);
  });

  it('puts everything back when browser storage refuses the import', () => {
    const before = selectWorkspace(useWorkspaceStore.getState());
    const stored = localStorage.getItem(WORKSPACE_KEY);
    const document = readImportText(file([team]));
    if (!document.ok) throw new Error(document.error.message);
    const setItem = localStorage.setItem.bind(localStorage);
    vi.spyOn(localStorage, 'setItem').mockImplementation((key: string, value: string) => {
      if (value.includes('"Team"')) throw new DOMException('quota', 'QuotaExceededError');
      setItem(key, value);
    });
    const result = importDocument(document.value, { choices: {}, targetCollectionId: null });
    expect(result).toEqual({
      ok: false,
      error: expect.stringContaining("Nothing was imported. Not saved: this site's browser storage is full"),
    });
    expect(selectWorkspace(useWorkspaceStore.getState())).toEqual(before);
    expect(localStorage.getItem(WORKSPACE_KEY)).toBe(stored);
  });
});
