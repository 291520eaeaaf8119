import { backoffDelay } from '@/core/session/reconnect-backoff';
import type { AutoPayload, AutomationSettings } from '@/core/session/session-automation';
import { err, ok, type Result } from '@/core/shared/result';
import type { SavedConnection } from '@/core/workspace/workspace';
import { useWorkspaceStore } from '@/stores/workspace-store';
import { resolveDraft, unresolvedNames } from './message-resolution';
import { rememberSecrets } from './session-secrets';

// Spreads retries of many clients; jitter only ever shortens a delay, so the maximum still holds.
const JITTER_RATIO = 0.2;

/** What the automation should do for a tab, from its saved connection (nothing for unsaved tabs). */
export function automationSettingsFor(
  tabId: string,
  connection: SavedConnection | undefined,
  nextCounter: () => number,
): AutomationSettings {
  if (!connection)
    return {
      nextDelayMs: null,
      maxAttempts: null,
      connectTimeoutMs: null,
      sendOnOpen: [],
      intervalOnConnect: null,
    };
  const { reconnect, connectTimeoutMs, sendOnOpen, heartbeat } = connection.automation;
  return {
    nextDelayMs: reconnect.enabled
      ? (attempt) => backoffDelay(attempt, { ...reconnect, jitterRatio: JITTER_RATIO })
      : null,
    maxAttempts: reconnect.maxAttempts === 'unlimited' ? null : reconnect.maxAttempts,
    connectTimeoutMs,
    sendOnOpen: sendOnOpen.map((templateId) =>
      templatePayload(tabId, connection.id, templateId, nextCounter),
    ),
    intervalOnConnect:
      heartbeat?.startWithConnection === true
        ? {
            everyMs: heartbeat.everyMs,
            payload: templatePayload(tabId, connection.id, heartbeat.templateId, nextCounter),
          }
        : null,
  };
}

/**
 * A template sent without a click: resolved at the moment of sending, so it uses the latest body, variables
 * and counter. With nobody to ask, an unknown variable means it is not sent (the timeline says why).
 */
export function templatePayload(
  tabId: string,
  connectionId: string,
  templateId: string,
  nextCounter: () => number,
): AutoPayload {
  const find = () =>
    useWorkspaceStore
      .getState()
      .workspace.connections.find((c) => c.id === connectionId)
      ?.templates.find((t) => t.id === templateId);
  return {
    label: find()?.name ?? 'deleted template',
    resolve(): Result<string | Uint8Array, string> {
      const template = find();
      if (!template) return err('the template was deleted');
      const resolved = resolveDraft(tabId, template, { counter: nextCounter() });
      if (!resolved.ok) return resolved;
      const missing = unresolvedNames(resolved.value.unresolved);
      if (missing.length > 0)
        return err(`unknown variable${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
      // Resolved just before it is sent: remembered first, so its timeline row is masked from the start.
      rememberSecrets(tabId, resolved.value.secrets);
      return ok(resolved.value.payload);
    },
  };
}
