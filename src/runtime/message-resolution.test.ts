import { beforeEach, describe, expect, it } from 'vitest';
import { createEmptyWorkspace } from '@/core/workspace/workspace';
import { savedConnection } from '@/core/workspace/workspace.test-support';
import { createWelcomeTab, useTabsStore } from '@/stores/tabs-store';
import { resetWorkspaceStore } from '@/stores/workspace-store.test-support';
import { resolveDraft, resolveText } from './message-resolution';

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

describe('a JSON draft', () => {
  const jsonProblem = (body: string) => {
    const result = resolveDraft('tab', { format: 'json', body }, { counter: 3 });
    if (!result.ok) throw new Error(result.error);
    return result.value.jsonProblem;
  };

  it('is checked with its variables filled in, as it will be sent', () => {
    expect(jsonProblem('{"n": {{$counter}}, "who": "{{who}}"}')).toBeNull();
    expect(jsonProblem('{"who": {{who}}}')).toMatchObject({
      message: 'Expected a value, found "c"',
      start: 8,
    });
  });

  it('is the only format checked as JSON', () => {
    const text = resolveDraft('tab', { format: 'text', body: '{' }, { counter: 1 });
    expect(text.ok && text.value.jsonProblem).toBeNull();
  });
});
