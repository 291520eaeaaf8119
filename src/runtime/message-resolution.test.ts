import { beforeEach, describe, expect, it } from 'vitest';
import { createEmptyWorkspace } from '@/core/workspace/workspace';
import { savedConnection } from '@/core/workspace/workspace.test-support';
import { createWelcomeTab, useTabsStore } from '@/stores/tabs-store';
import { resetWorkspaceStore } from '@/stores/workspace-store.test-support';
import { resolveText } from './message-resolution';

const variable = (name: string, value: string) => ({ name, value, secret: false });

beforeEach(() => {
  resetWorkspaceStore({
    ...createEmptyWorkspace(),
    collections: [
      {
        id: 'team',
        name: 'Team',
        variables: [variable('who', 'collection'), variable('c', 'C')],
        folders: [],
      },
    ],
    connections: [savedConnection({ id: 'echo', name: 'Echo', url: 'ws://x/' })],
    environments: [
      { id: 'global', name: 'Global', variables: [variable('who', 'global'), variable('g', 'G')] },
      { id: 'stage', name: 'Staging', variables: [variable('who', 'tab')] },
    ],
  });
  useTabsStore.setState({
    tabs: [{ ...createWelcomeTab(), id: 'tab', connectionId: 'echo' }],
    activeTabId: 'tab',
  });
});

const resolve = (text: string) => {
  const result = resolveText('tab', text, { counter: 1 });
  return result.ok ? result.value.text : result.error;
};

describe('variable scopes of a tab', () => {
  it("resolve from the tab's environment, then its collection's, then Global", () => {
    expect(resolve('{{who}} {{c}} {{g}}')).toBe('collection C G');
    useTabsStore.getState().updateTab('tab', { environmentId: 'stage' });
    expect(resolve('{{who}} {{c}} {{g}}')).toBe('tab C G');
  });

  it('a tab whose connection is in no collection, or unsaved, sees no collection variables', () => {
    useTabsStore.getState().updateTab('tab', { connectionId: null });
    expect(resolve('{{who}} {{c}}')).toBe('global {{c}}');
  });
});
