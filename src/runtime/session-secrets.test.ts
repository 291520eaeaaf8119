import { beforeEach, describe, expect, it } from 'vitest';
import { createEmptyWorkspace, type Workspace } from '@/core/workspace/workspace';
import { useWorkspaceStore } from '@/stores/workspace-store';
import { resetWorkspaceStore } from '@/stores/workspace-store.test-support';
import {
  forgetSecrets,
  redactorForTab,
  rememberSecrets,
  subscribeSentSecrets,
  workspaceSecrets,
} from './session-secrets';

const secret = (name: string, value: string) => ({ name, value, secret: true });

function withGlobal(variables: Workspace['environments'][number]['variables']): Workspace {
  const workspace = createEmptyWorkspace();
  return {
    ...workspace,
    environments: workspace.environments.map((e) => (e.id === 'global' ? { ...e, variables } : e)),
  };
}

const masked = (tabId: string, text: string) => redactorForTab(tabId).redact(text, 'mask').text;

beforeEach(() => {
  forgetSecrets('a');
  forgetSecrets('b');
  resetWorkspaceStore(
    withGlobal([secret('token', 'abc123'), { name: 'open', value: 'public', secret: false }]),
  );
});

describe('session secrets', () => {
  it('collects the secrets of every environment and collection, and only secrets with a value', () => {
    const workspace = createEmptyWorkspace();
    expect(
      workspaceSecrets({
        environments: [
          { id: 'global', name: 'Global', variables: [secret('g', '1'), secret('empty', '')] },
          { id: 'e', name: 'E', variables: [secret('e', '2')] },
        ],
        collections: [{ ...workspace.collections[0]!, variables: [secret('c', '3')] }],
      }),
    ).toEqual([
      { name: 'g', value: '1' },
      { name: 'e', value: '2' },
      { name: 'c', value: '3' },
    ]);
  });

  it('masks what the workspace holds now, and keeps the redactor while its secrets stay the same', () => {
    const first = redactorForTab('a');
    expect(masked('a', 'x abc123 public')).toBe('x •••• public');
    expect(redactorForTab('a')).toBe(first);
    // An edit that changes no secret keeps the compiled redactor.
    useWorkspaceStore.setState({ workspace: { ...useWorkspaceStore.getState().workspace, collections: [] } });
    expect(redactorForTab('a')).toBe(first);
  });

  it('keeps masking a value the session sent after the secret was changed or deleted', () => {
    const calls: number[] = [];
    const stop = subscribeSentSecrets(() => calls.push(1));
    rememberSecrets('a', [{ name: 'token', value: 'abc123' }]);
    rememberSecrets('a', [{ name: 'token', value: 'abc123' }]);
    expect(calls).toHaveLength(1);
    stop();
    resetWorkspaceStore(withGlobal([secret('token', 'rotated')]));
    expect(masked('a', 'abc123 rotated')).toBe('•••• ••••');
    // Another tab never sent it: there only the current value is a secret.
    expect(masked('b', 'abc123 rotated')).toBe('abc123 ••••');
    forgetSecrets('a');
    expect(masked('a', 'abc123')).toBe('abc123');
  });
});
