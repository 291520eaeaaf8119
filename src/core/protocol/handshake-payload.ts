import { err, ok, type Result } from '../shared/result';
import type { LensOptions } from './lens';

/**
 * A lens's handshake payload, its `{{variables}}` already expanded, as the options it runs with: JSON, or
 * nothing when empty. Not JSON is an error for the user, naming the payload.
 */
export function parseHandshakePayload(text: string): Result<LensOptions, string> {
  if (text.trim() === '') return ok({});
  try {
    return ok({ handshakePayload: JSON.parse(text) as unknown });
  } catch (error) {
    return err(`the handshake payload is not JSON (${(error as Error).message})`);
  }
}
