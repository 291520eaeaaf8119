import * as z from 'zod/mini';
import {
  validateBackoffSettings,
  validateConnectTimeoutMs,
  validateIntervalMs,
} from '../session/reconnect-backoff';
import type { ConnectionAutomation } from './workspace';

/**
 * The Automation form's fields as typed, kept with the tab until applied: numbers are checked only on Apply, and
 * a tab whose draft differs from its saved connection shows it has unsaved changes.
 */
export const automationDraftSchema = z.object({
  sendOnOpen: z.array(z.string()),
  heartbeatTemplateId: z.string(),
  heartbeatMs: z.string(),
  heartbeatWithConnection: z._default(z.boolean(), true),
  reconnectEnabled: z.boolean(),
  initialDelayMs: z.string(),
  maxDelayMs: z.string(),
  maxAttempts: z.string(),
  connectTimeoutMs: z.string(),
});

export type AutomationDraft = z.infer<typeof automationDraftSchema>;

/** The form as it shows a saved automation. */
export function toAutomationDraft(automation: ConnectionAutomation): AutomationDraft {
  return {
    sendOnOpen: automation.sendOnOpen,
    heartbeatTemplateId: automation.heartbeat?.templateId ?? '',
    heartbeatMs: String(automation.heartbeat?.everyMs ?? 1000),
    heartbeatWithConnection: automation.heartbeat?.startWithConnection ?? true,
    reconnectEnabled: automation.reconnect.enabled,
    initialDelayMs: String(automation.reconnect.initialDelayMs),
    maxDelayMs: String(automation.reconnect.maxDelayMs),
    maxAttempts:
      automation.reconnect.maxAttempts === 'unlimited' ? '' : String(automation.reconnect.maxAttempts),
    connectTimeoutMs: automation.connectTimeoutMs === null ? '' : String(automation.connectTimeoutMs),
  };
}

/** Checks every field at once; each problem is a sentence naming its field. */
export function fromAutomationDraft(draft: AutomationDraft): {
  automation: ConnectionAutomation | null;
  problems: string[];
} {
  const problems: string[] = [];
  const heartbeatMs = Number(draft.heartbeatMs);
  let heartbeat: ConnectionAutomation['heartbeat'] = null;
  if (draft.heartbeatTemplateId) {
    const checked = validateIntervalMs(heartbeatMs, { label: 'Heartbeat interval' });
    if (checked.ok)
      heartbeat = {
        templateId: draft.heartbeatTemplateId,
        everyMs: checked.value,
        startWithConnection: draft.heartbeatWithConnection,
      };
    else problems.push(checked.error);
  }
  const reconnect = {
    enabled: draft.reconnectEnabled,
    initialDelayMs: Number(draft.initialDelayMs),
    maxDelayMs: Number(draft.maxDelayMs),
    maxAttempts: draft.maxAttempts.trim() === '' ? ('unlimited' as const) : Number(draft.maxAttempts),
  };
  if (reconnect.enabled) {
    const checked = validateBackoffSettings(reconnect);
    if (!checked.ok) problems.push(...checked.error.map((p) => p.message));
  }
  let connectTimeoutMs: number | null = null;
  if (draft.connectTimeoutMs.trim() !== '') {
    const checked = validateConnectTimeoutMs(Number(draft.connectTimeoutMs));
    if (checked.ok) connectTimeoutMs = checked.value;
    else problems.push(checked.error);
  }
  if (problems.length > 0) return { automation: null, problems };
  return { automation: { sendOnOpen: draft.sendOnOpen, heartbeat, reconnect, connectTimeoutMs }, problems };
}

/** Whether a draft would change the saved automation: a draft edited back to the saved values does not. */
export function automationDraftDiffers(draft: AutomationDraft, saved: ConnectionAutomation): boolean {
  const current = toAutomationDraft(saved);
  return (Object.keys(current) as (keyof AutomationDraft)[]).some((key) =>
    key === 'sendOnOpen'
      ? draft.sendOnOpen.join('\u0000') !== current.sendOnOpen.join('\u0000')
      : draft[key] !== current[key],
  );
}
