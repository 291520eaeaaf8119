import { ok, type Result } from '../shared/result';
import type { BinaryEncoding, TemplateFormat } from '../workspace/workspace';
import { parseBase64 } from './base64';
import type { CodecError } from './codec-error';
import { parseHex } from './hex';

/** A message as the user wrote it: text sent as is, or bytes spelled in hex or base64. */
export interface MessageDraft {
  format: TemplateFormat;
  body: string;
  encoding?: BinaryEncoding;
}

/** What goes on the wire for a draft: the exact text, or the decoded bytes; a spelling mistake is located. */
export function toMessagePayload(draft: MessageDraft): Result<string | Uint8Array, CodecError> {
  if (draft.format !== 'binary') return ok(draft.body);
  return draft.encoding === 'base64' ? parseBase64(draft.body) : parseHex(draft.body);
}
