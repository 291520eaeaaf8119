// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDocument } from '@/core/collection/collection-document';
import { createDefaultAutomation } from '@/core/workspace/workspace';
import { createWelcomeTab, useTabsStore } from '@/stores/tabs-store';
import { selectWorkspace, useWorkspaceStore } from '@/stores/workspace-store';
import { resetWorkspaceStore } from '@/stores/workspace-store.test-support';
import { startWorkspacePersistence } from '../workspace-persistence';
import * as commands from './workspace-commands';

/** Ids of a small workspace every case starts from: two collections, nested folders, templates, environments. */
interface Seed {
  team: string;
  other: string;
  auth: string;
  deep: string;
  echo: string;
  chat: string;
  hello: string;
  ping: string;
  smoke: string;
  staging: string;
}

function seed(): Seed {
  const must = (id: string | null) => {
    if (!id) throw new Error('seeding failed');
    return id;
  };
  const team = must(commands.createCollection('Team'));
  const other = must(commands.createCollection('Other'));
  const auth = must(commands.createFolder(team, null, 'Auth'));
  const deep = must(commands.createFolder(team, auth, 'Deep'));
  const echo = must(
    commands.createConnection(
      { name: 'Echo', url: 'ws://127.0.0.1:8787/echo', protocols: [] },
      { collectionId: team, folderId: auth },
    ),
  );
  const chat = must(
    commands.createConnection(
      { name: 'Chat', url: 'ws://127.0.0.1:8787/chat', protocols: ['chat.v1'] },
      { collectionId: team, folderId: null },
    ),
  );
  const hello = must(commands.addTemplate(echo, { name: 'Hello', format: 'text', body: 'hi' }));
  const ping = must(commands.addTemplate(echo, { name: 'Ping', format: 'json', body: '{"type":"ping"}' }));
  const smoke = must(
    commands.addScenario(echo, {
      name: 'Smoke',
      steps: [{ kind: 'connect' }, { kind: 'send', message: { kind: 'template', templateId: hello } }],
    }),
  );
  const staging = must(commands.createEnvironment('Staging'));
  commands.setEnvironmentVariables(staging, [{ name: 'host', value: 'staging:8787', secret: false }]);
  return { team, other, auth, deep, echo, chat, hello, ping, smoke, staging };
}

interface Case {
  /** Brings the workspace to where the command makes sense (a deletion before an undo, say). */
  prepare?(seed: Seed): void;
  /** Runs the command; a falsy result means it said it did not save. */
  act(seed: Seed): unknown;
}

const document = () => {
  const doc = createDocument('Frameline collection');
  doc.collections.push({
    id: 'imported',
    name: 'Imported',
    variables: [],
    items: [
      {
        type: 'connection',
        id: 'imported-echo',
        name: 'Imported echo',
        url: 'ws://x/',
        protocols: [],
        templates: [],
        automation: createDefaultAutomation(),
        scenarios: [],
      },
    ],
  });
  return doc;
};

/** One case per command: a command added without a case here fails the first test. */
const cases: Record<keyof typeof commands, Case> = {
  createConnection: {
    act: (s) =>
      commands.createConnection(
        { name: 'New', url: 'ws://n/', protocols: [] },
        { collectionId: s.other, folderId: null },
      ),
  },
  updateConnection: {
    act: (s) => commands.updateConnection(s.echo, { url: 'ws://changed/', protocols: ['v2'] }),
  },
  duplicateConnection: { act: (s) => commands.duplicateConnection(s.echo) },
  deleteConnection: { act: (s) => commands.deleteConnection(s.chat) },
  moveConnection: { act: (s) => commands.moveConnection(s.chat, { collectionId: s.other, folderId: null }) },
  createCollection: { act: () => commands.createCollection('Brand new') },
  renameCollection: { act: (s) => commands.renameCollection(s.team, 'Renamed team') },
  duplicateCollection: { act: (s) => commands.duplicateCollection(s.team) },
  deleteCollection: { act: (s) => commands.deleteCollection(s.team) },
  setCollectionVariables: {
    act: (s) => commands.setCollectionVariables(s.team, [{ name: 'token', value: 's3cret', secret: true }]),
  },
  createFolder: { act: (s) => commands.createFolder(s.other, null, 'Fresh folder') },
  renameFolder: { act: (s) => commands.renameFolder(s.team, s.auth, 'Authentication') },
  duplicateFolder: { act: (s) => commands.duplicateFolder(s.team, s.auth) },
  deleteFolder: { act: (s) => commands.deleteFolder(s.team, s.auth) },
  moveFolder: {
    act: (s) =>
      commands.moveFolder(
        { collectionId: s.team, folderId: s.deep },
        { collectionId: s.other, folderId: null },
      ),
  },
  moveAmongSiblings: { act: (s) => commands.moveAmongSiblings({ kind: 'collection', id: s.other }, -1) },
  addTemplate: {
    act: (s) => commands.addTemplate(s.chat, { name: 'Join', format: 'json', body: '{"join":1}' }),
  },
  updateTemplate: {
    act: (s) => commands.updateTemplate(s.echo, s.hello, { name: 'Hi there', body: 'hello' }),
  },
  deleteTemplate: { act: (s) => commands.deleteTemplate(s.echo, s.hello) },
  duplicateTemplate: { act: (s) => commands.duplicateTemplate(s.echo, s.ping) },
  moveTemplate: { act: (s) => commands.moveTemplate(s.echo, s.ping, -1) },
  addScenario: {
    act: (s) =>
      commands.addScenario(s.chat, {
        name: 'Hello',
        steps: [{ kind: 'expect', match: { kind: 'json-subset', value: { type: 'join' } }, timeoutMs: 500 }],
      }),
  },
  updateScenario: {
    act: (s) =>
      commands.updateScenario(s.echo, s.smoke, {
        name: 'Smoke test',
        steps: [{ kind: 'repeat', times: 3, steps: [{ kind: 'wait', ms: 10 }] }],
      }),
  },
  deleteScenario: { act: (s) => commands.deleteScenario(s.echo, s.smoke) },
  duplicateScenario: { act: (s) => commands.duplicateScenario(s.echo, s.smoke) },
  saveTemplateForTab: {
    prepare: () =>
      useTabsStore.setState({ tabs: [{ ...createWelcomeTab(), id: 'tab' }], activeTabId: 'tab' }),
    act: () => commands.saveTemplateForTab('tab', { name: 'From tab', format: 'text', body: 'x' }),
  },
  createEnvironment: { act: () => commands.createEnvironment('Production') },
  renameEnvironment: { act: (s) => commands.renameEnvironment(s.staging, 'Stage') },
  setEnvironmentVariables: {
    act: (s) =>
      commands.setEnvironmentVariables(s.staging, [{ name: 'host', value: 'other:1', secret: false }]),
  },
  deleteEnvironment: { act: (s) => commands.deleteEnvironment(s.staging) },
  setTimelineCap: { act: () => commands.setTimelineCap(5000) },
  setArchiveLimits: {
    act: () => commands.setArchiveLimits({ archiveMaxSessions: 20, archiveMaxBytes: 5 * 1024 * 1024 }),
  },
  undoRemoval: {
    prepare: (s) => commands.deleteFolder(s.team, s.auth),
    act: () => commands.undoRemoval(),
  },
  importDocument: {
    act: () => commands.importDocument(document(), { choices: {}, targetCollectionId: null }).ok,
  },
};

let stop: () => void = () => {};

beforeEach(() => {
  localStorage.clear();
  resetWorkspaceStore();
  useTabsStore.setState({ tabs: [], activeTabId: null });
  stop = startWorkspacePersistence();
});

afterEach(() => stop());

/** What a reload shows: the store emptied, then loaded again from storage alone. */
function reload() {
  stop();
  resetWorkspaceStore();
  stop = startWorkspacePersistence();
  return selectWorkspace(useWorkspaceStore.getState());
}

describe('every workspace command', () => {
  it('has a case below', () => {
    expect(Object.keys(cases).sort()).toEqual(Object.keys(commands).sort());
  });

  it.each(Object.keys(cases) as (keyof typeof commands)[])(
    '%s is saved: a reload shows exactly what it did',
    (name) => {
      const s = seed();
      cases[name].prepare?.(s);
      const before = selectWorkspace(useWorkspaceStore.getState());
      expect(cases[name].act(s)).toBeTruthy();
      const after = selectWorkspace(useWorkspaceStore.getState());
      expect(after).not.toEqual(before);
      expect(reload()).toEqual(after);
    },
  );
});
