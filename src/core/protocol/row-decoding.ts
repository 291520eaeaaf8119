import type { DecodedFrame } from './lens';

/** What a timeline row shows of a decoded frame: the first message's type and summary, or why it is not one. */
export interface RowDecoding {
  type: string;
  summary: string;
  /** Set when the frame reports a failure (an error reply, a refused connect) or did not decode. */
  error: boolean;
}

/** The row's one-line view of a decoded frame: several messages (a batch) are counted after the first. */
export function rowDecoding(decoded: DecodedFrame): RowDecoding {
  if (!decoded.ok) return { type: 'undecodable', summary: decoded.reason, error: true };
  const [first, ...rest] = decoded.messages;
  if (!first) return { type: 'empty', summary: 'No messages in this frame', error: false };
  const more = rest.length > 0 ? ` (+${rest.length} more)` : '';
  return {
    type: first.type,
    summary: withoutType(first.type, first.summary) + more,
    error: decoded.messages.some((m) => m.error !== undefined),
  };
}

/** A summary that starts with its own type ("MESSAGE /topic/chat") reads without it beside the type chip. */
export function withoutType(type: string, summary: string): string {
  return summary.startsWith(`${type} `) ? summary.slice(type.length + 1) : summary;
}
