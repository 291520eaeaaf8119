import { createListenerSet } from '@/core/shared/listener-set';
import { createRedactor, secretsOf, type Redactor, type Secret } from '@/core/template/secret-redaction';
import type { Workspace } from '@/core/workspace/workspace';
import { useWorkspaceStore } from '@/stores/workspace-store';

/*
 * Which values to hide in a tab's timeline: every secret the workspace holds now, plus every secret value the
 * tab's session actually sent (in its URL, subprotocols, manual sends, on-open and heartbeat messages). The
 * second set lives only here, in memory, for the life of the tab: it is never stored, and it is what keeps a
 * secret masked after it was changed or deleted in its environment.
 */

/** Secret values each tab's session sent, by tab id: value → name (the first name it was sent under). */
const sent = new Map<string, Map<string, string>>();
const changes = createListenerSet<void>();

/** A tab's redactor and what it was built from. */
interface CachedRedactor {
  environments: Workspace['environments'];
  collections: Workspace['collections'];
  sentSize: number;
  key: string;
  redactor: Redactor;
}

const cache = new Map<string, CachedRedactor>();

/** Adds the secret values a session is about to send (call it before sending, so the new row is masked). */
export function rememberSecrets(tabId: string, secrets: readonly Secret[]): void {
  if (secrets.length === 0) return;
  let known = sent.get(tabId);
  let added = false;
  for (const { name, value } of secrets) {
    if (value === '' || known?.has(value)) continue;
    if (!known) sent.set(tabId, (known = new Map()));
    known.set(value, name);
    added = true;
  }
  if (added) changes.emit();
}

/** Forgets what the tab's session sent, and its redactor: the tab is gone, and its timeline with it. */
export function forgetSecrets(tabId: string): void {
  cache.delete(tabId);
  if (sent.delete(tabId)) changes.emit();
}

/** Called when a tab's set of sent secrets grows; returns the unsubscribe. */
export function subscribeSentSecrets(listener: () => void): () => void {
  return changes.subscribe(listener);
}

/** Every secret with a value in the workspace: the global and named environments, and every collection. */
export function workspaceSecrets(workspace: Pick<Workspace, 'environments' | 'collections'>): Secret[] {
  return [
    ...workspace.environments.flatMap((environment) => secretsOf(environment.variables)),
    ...workspace.collections.flatMap((collection) => secretsOf(collection.variables)),
  ];
}

/**
 * The redactor for a tab's timeline, rebuilt only when its set of secrets changed: the same object is returned
 * until then, so views can use it as a snapshot and memoize on it. Recorded tabs get the workspace's secrets.
 */
export function redactorForTab(tabId: string): Redactor {
  const { environments, collections } = useWorkspaceStore.getState().workspace;
  const known = sent.get(tabId);
  const sentSize = known?.size ?? 0;
  const cached = cache.get(tabId);
  // Sent secrets are only ever added, so their count says whether they changed.
  if (
    cached &&
    cached.environments === environments &&
    cached.collections === collections &&
    cached.sentSize === sentSize
  ) {
    return cached.redactor;
  }
  const secrets = [
    ...workspaceSecrets({ environments, collections }),
    ...[...(known ?? [])].map(([value, name]) => ({ name, value })),
  ];
  // Most workspace edits (a template, a rename) leave the secrets alone: keep the compiled redactor then.
  const key = JSON.stringify(secrets.map(({ name, value }) => [name, value]));
  const redactor = cached && cached.key === key ? cached.redactor : createRedactor(secrets);
  cache.set(tabId, { environments, collections, sentSize, key, redactor });
  return redactor;
}
