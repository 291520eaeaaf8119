/** The worker that pretty-prints large JSON for the detail pane, so parsing megabytes never blocks the page. */
import { prettyPrintJson } from '@/core/timeline/json-pretty-lines';

/** One request: format `text`; the answer carries the same `id`. */
export interface FormatRequest {
  id: number;
  text: string;
}

/** The answer: the pretty text and its line offsets, or `ok: false` when the text is not JSON. */
export type FormatAnswer =
  { id: number; ok: true; pretty: string; lineStarts: Uint32Array } | { id: number; ok: false };

// The DOM library types `self` as a Window; in a dedicated worker it is this much of its global scope.
const scope = self as unknown as {
  postMessage(message: FormatAnswer, options: { transfer: Transferable[] }): void;
  onmessage: ((event: MessageEvent<FormatRequest>) => void) | null;
};

scope.onmessage = (event) => {
  const { id, text } = event.data;
  const doc = prettyPrintJson(text);
  if (!doc) scope.postMessage({ id, ok: false }, { transfer: [] });
  else
    scope.postMessage(
      { id, ok: true, pretty: doc.pretty, lineStarts: doc.lineStarts },
      { transfer: [doc.lineStarts.buffer] },
    );
};
