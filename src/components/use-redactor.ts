import { useSyncExternalStore } from 'react';
import type { Redactor } from '@/core/template/secret-redaction';
import { redactorForTab, subscribeSentSecrets } from '@/runtime/session-secrets';
import { useWorkspaceStore } from '@/stores/workspace-store';

// Either source may change the secrets: the workspace's variables, or what a session sent.
function subscribe(onChange: () => void): () => void {
  const stopWorkspace = useWorkspaceStore.subscribe(onChange);
  const stopSent = subscribeSentSecrets(onChange);
  return () => {
    stopWorkspace();
    stopSent();
  };
}

/** The secrets to mask in a tab's timeline; the same object until they change, so it can key memos. */
export function useRedactor(tabId: string): Redactor {
  return useSyncExternalStore(subscribe, () => redactorForTab(tabId));
}
