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

/** What Disconnect sends when Close options leave the code empty, as its placeholder says. */
export const DEFAULT_CLOSE_CODE = 1000;

/** The Close options fields as typed: each field's problem (null when fine), and the close they ask for. */
export interface CloseOptionsCheck {
  codeError: string | null;
  reasonError: string | null;
  /** What Disconnect sends, or null while a field has a problem. */
  close: { code: number; reason?: string } | null;
}

/** Checks each Close options field on its own, so a problem can be shown beside its field while typing. */
export function checkCloseOptions(input: { codeText: string; reason: string }): CloseOptionsCheck {
  const text = input.codeText.trim();
  let codeError: string | null = null;
  let code = DEFAULT_CLOSE_CODE;
  if (text !== '') {
    // Number('') and Number(' 1e3 ') would pass as numbers; a code is typed as digits only.
    code = /^-?\d+$/.test(text) ? Number(text) : Number.NaN;
    const checked = validateClientClose({ code });
    if (!checked.ok)
      codeError = Number.isNaN(code) ? `Close code must be a whole number; got “${text}”.` : checked.error;
  }
  const reasonChecked = validateClientClose({ reason: input.reason });
  const reasonError = reasonChecked.ok ? null : reasonChecked.error;
  if (codeError !== null || reasonError !== null) return { codeError, reasonError, close: null };
  return {
    codeError,
    reasonError,
    close: input.reason === '' ? { code } : { code, reason: input.reason },
  };
}
