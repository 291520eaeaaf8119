import type { ComposerValues, LensAction, OutgoingFrame } from '@/core/protocol/lens';
import { err, ok, type Result } from '@/core/shared/result';
import { resolveText, unresolvedNames } from '../message-resolution';
import { rememberSecrets } from '../session-secrets';
import { peekCounter, send } from '../session-runtime';
import { tabLens } from '../tab-lenses';

/*
 * What a user does with a protocol lens: send what they composed, or a message's action (Complete, ACK). Each
 * returns a sentence for the user when it could not be done; none throws into React.
 */

/**
 * Writes form `formId` in the tab's protocol, after expanding `{{variables}}` in every text field, and sends
 * the frames it makes. Ids (the next JSON-RPC id, the next MQTT packet id) come from the lens's state.
 */
export function sendComposed(tabId: string, formId: string, values: ComposerValues): Result<void, string> {
  const running = tabLens(tabId);
  if (!running) return err('Not connected: press Connect first.');
  const expanded: Record<string, string | boolean> = {};
  for (const [name, value] of Object.entries(values)) {
    if (typeof value !== 'string' || !value.includes('{{')) {
      expanded[name] = value;
      continue;
    }
    const resolved = resolveText(tabId, value, { counter: peekCounter(tabId) });
    if (!resolved.ok) return err(`Not sent: ${resolved.error}`);
    const missing = unresolvedNames(resolved.value.unresolved);
    if (missing.length > 0)
      return err(`Not sent: no environment defines ${missing.map((n) => `{{${n}}}`).join(', ')}.`);
    rememberSecrets(tabId, resolved.value.insertedSecrets);
    expanded[name] = resolved.value.text;
  }
  const frames = running.session.lens.encode(formId, expanded, running.session.state);
  if (!frames.ok) return err(`Not sent: ${frames.error}`);
  return sendFrames(tabId, frames.value);
}

/** Sends what an action on a decoded message stands for (complete an operation, acknowledge a message). */
export function runLensAction(tabId: string, action: LensAction): Result<void, string> {
  return sendFrames(tabId, action.frames);
}

function sendFrames(tabId: string, frames: readonly OutgoingFrame[]): Result<void, string> {
  for (const frame of frames) {
    const sent = send(tabId, frame);
    if (!sent.ok) return sent;
  }
  return ok(undefined);
}
