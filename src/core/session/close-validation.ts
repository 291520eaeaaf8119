import { err, ok, type Result } from '../shared/result';
import { utf8ByteLength } from '../shared/utf8';
import { isSendableByClient } from './close-codes';

/** `WebSocket.close()` throws when the reason is longer than this many UTF-8 bytes (125 minus the code). */
export const MAX_CLOSE_REASON_BYTES = 123;

/**
 * Checks a close request the way `WebSocket.close()` would, but returns a message instead of throwing. A
 * reason without a code gets 1000, as the browser does, because a close frame cannot carry a reason alone.
 */
export function validateClientClose(input: {
  code?: number | null;
  reason?: string;
}): Result<{ code?: number; reason?: string }, string> {
  const reason = input.reason ?? '';
  let code = input.code ?? undefined;
  if (code !== undefined) {
    if (!Number.isInteger(code)) {
      return err(`Close code must be a whole number; got ${String(code)}.`);
    }
    if (!isSendableByClient(code)) {
      return err(`Close code ${code} cannot be sent by a browser: use 1000 or 3000–4999.`);
    }
  }
  const bytes = utf8ByteLength(reason);
  if (bytes > MAX_CLOSE_REASON_BYTES) {
    return err(`Reason is ${bytes} bytes in UTF-8; the limit is ${MAX_CLOSE_REASON_BYTES}.`);
  }
  if (reason === '') return ok(code === undefined ? {} : { code });
  code ??= 1000;
  return ok({ code, reason });
}
