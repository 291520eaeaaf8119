import { beforeEach, describe, expect, it } from 'vitest';
import { createDefaultAutomation, createEmptyWorkspace } from '@/core/workspace/workspace';
import { createWelcomeTab, useTabsStore } from '@/stores/tabs-store';
import { resetWorkspaceStore } from '@/stores/workspace-store.test-support';
import { automationSettingsFor, templatePayload } from './automation-settings';
import { forgetSecrets, redactorForTab } from './session-secrets';

function workspaceWithToken(value: string) {
  const workspace = createEmptyWorkspace();
  return {
    ...workspace,
    environments: [{ id: 'global', name: 'Global', variables: [{ name: 'token', value, secret: true }] }],
    connections: [
      {
        id: 'echo',
        name: 'Echo',
        url: 'ws://x/',
        protocols: [],
        templates: [{ id: 'ping', name: 'Ping', format: 'text' as const, body: 'ping {{token}}' }],
        automation: createDefaultAutomation(),
        scenarios: [],
        collectionId: workspace.collections[0]?.id ?? '',
        folderId: null,
      },
    ],
  };
}

beforeEach(() => {
  forgetSecrets('tab');
  resetWorkspaceStore(workspaceWithToken('first-value'));
  useTabsStore.setState({
    tabs: [{ ...createWelcomeTab(), id: 'tab', connectionId: 'echo' }],
    activeTabId: 'tab',
  });
});

describe('templatePayload', () => {
  it('remembers the secret values an automatic send used, so they stay masked after the secret changes', () => {
    const payload = templatePayload('tab', 'echo', 'ping', () => 1);
    expect(payload.resolve()).toEqual({ ok: true, value: 'ping first-value' });
    resetWorkspaceStore(workspaceWithToken('second-value'));
    expect(redactorForTab('tab').redact('ping first-value', 'name').text).toBe('ping {{token}}');
  });
});

describe('automationSettingsFor', () => {
  const connection = (startWithConnection: boolean) => ({
    ...workspaceWithToken('v').connections[0]!,
    automation: {
      ...createDefaultAutomation(),
      heartbeat: { templateId: 'ping', everyMs: 2000, startWithConnection },
    },
  });

  it('starts the saved heartbeat with the connection only when it is set to', () => {
    expect(automationSettingsFor('tab', connection(true), () => 1).intervalOnConnect).toEqual({
      everyMs: 2000,
      payload: expect.objectContaining({ label: 'Ping' }),
    });
    expect(automationSettingsFor('tab', connection(false), () => 1).intervalOnConnect).toBeNull();
    expect(automationSettingsFor('tab', undefined, () => 1).intervalOnConnect).toBeNull();
  });
});
