import { toMessagePayload, type MessageDraft } from '@/core/codec/message-payload';
import { err, ok, type Result } from '@/core/shared/result';
import { createDynamicValues } from '@/core/template/dynamic-values';
import { expandedJsonProblem, type ExpandedJsonProblem } from '@/core/template/expanded-json';
import { scopeOrder } from '@/core/template/environment';
import { interpolate, type Interpolated, type Unresolved } from '@/core/template/interpolate';
import type { Secret } from '@/core/template/secret-redaction';
import { GLOBAL_ENVIRONMENT_ID } from '@/core/workspace/workspace';
import { useTabsStore } from '@/stores/tabs-store';
import { useWorkspaceStore } from '@/stores/workspace-store';

/**
 * A draft resolved for sending: the bytes, any names no environment defines, the secret values in it, and
 * for a JSON draft whether the expanded text is JSON.
 */
export interface ResolvedMessage {
  payload: string | Uint8Array;
  unresolved: Unresolved[];
  secrets: Secret[];
  jsonProblem: ExpandedJsonProblem | null;
}

/**
 * The scopes a tab's `{{names}}` resolve in: its chosen environment, then the environment of the collection its
 * saved connection is in, then the global one.
 */
export function scopesFor(tabId: string) {
  const { environments, connections, collections } = useWorkspaceStore.getState().workspace;
  const tab = useTabsStore.getState().tabs.find((t) => t.id === tabId);
  const collectionId = connections.find((c) => c.id === tab?.connectionId)?.collectionId;
  const collection = collections.find((c) => c.id === collectionId);
  return scopeOrder({
    tab: environments.find((e) => e.id === tab?.environmentId) ?? null,
    collection: collection
      ? { id: `collection:${collection.id}`, name: collection.name, variables: collection.variables }
      : null,
    global: environments.find((e) => e.id === GLOBAL_ENVIRONMENT_ID) ?? null,
  });
}

/** Expands `{{names}}` and dynamic values in text for a tab; `mask` hides secret values (for previews). */
export function resolveText(
  tabId: string,
  text: string,
  options: { counter: number; secrets?: 'reveal' | 'mask' },
): Result<Interpolated, string> {
  const resolved = interpolate(text, {
    variables: scopesFor(tabId),
    dynamic: createDynamicValues({ counter: options.counter }),
    secrets: options.secrets ?? 'reveal',
  });
  return resolved.ok ? resolved : err(resolved.error.message);
}

/** Expands variables in a draft, then encodes it (binary drafts are hex or base64 after expansion). */
export function resolveDraft(
  tabId: string,
  draft: MessageDraft,
  options: { counter: number },
): Result<ResolvedMessage, string> {
  const text = resolveText(tabId, draft.body, options);
  if (!text.ok) return text;
  const payload = toMessagePayload({ ...draft, body: text.value.text });
  if (!payload.ok) return err(payload.error.message);
  return ok({
    payload: payload.value,
    unresolved: text.value.unresolved,
    secrets: text.value.insertedSecrets,
    jsonProblem: draft.format === 'json' ? expandedJsonProblem(draft.body, text.value) : null,
  });
}

/** Names of unresolved references, once each, for messages like “unknown: token, user”. */
export function unresolvedNames(unresolved: readonly Unresolved[]): string[] {
  return [...new Set(unresolved.map((u) => u.name))];
}
