// A bare URL: the formatter's code runs only in the worker.
import formatWorkerUrl from './json-format-worker?worker&url';
import { prettyPrintJson, type PrettyJson } from '@/core/timeline/json-pretty-lines';
import { startBundledWorker } from './bundled-worker';
import type { FormatAnswer, FormatRequest } from './json-format-worker';

type Waiter = { text: string; done: (doc: PrettyJson | null) => void };

let worker: Worker | null | undefined;
let nextId = 1;
const waiting = new Map<number, Waiter>();
// The last document formatted: switching Raw and Pretty, or re-rendering, does not format it again.
let last: { text: string; doc: PrettyJson | null } | null = null;

function finish(id: number, doc: PrettyJson | null): void {
  const waiter = waiting.get(id);
  if (!waiter) return;
  waiting.delete(id);
  last = { text: waiter.text, doc };
  waiter.done(doc);
}

// Without a worker the page formats by itself: slower to show, but the same result.
function formatHere(id: number, text: string): void {
  setTimeout(() => finish(id, prettyPrintJson(text)), 0);
}

function formatWorker(): Worker | null {
  if (worker !== undefined) return worker;
  try {
    const started = startBundledWorker(formatWorkerUrl, 'frameline-json-format');
    started.onmessage = (event: MessageEvent<FormatAnswer>) => {
      const answer = event.data;
      finish(answer.id, answer.ok ? { pretty: answer.pretty, lineStarts: answer.lineStarts } : null);
    };
    started.onerror = (event) => {
      event.preventDefault();
      worker = null;
      started.terminate();
      for (const [id, waiter] of waiting) formatHere(id, waiter.text);
    };
    worker = started;
  } catch {
    worker = null;
  }
  return worker;
}

/**
 * Pretty-prints JSON off the main thread; `done` gets the document, or null when the text is not JSON. Returns
 * a cancel function: a view that moved on is not called back.
 */
export function formatJsonOffThread(text: string, done: (doc: PrettyJson | null) => void): () => void {
  if (last?.text === text) {
    const doc = last.doc;
    let cancelled = false;
    queueMicrotask(() => {
      if (!cancelled) done(doc);
    });
    return () => {
      cancelled = true;
    };
  }
  const id = nextId++;
  waiting.set(id, { text, done });
  const target = formatWorker();
  if (target) target.postMessage({ id, text } satisfies FormatRequest);
  else formatHere(id, text);
  return () => {
    waiting.delete(id);
  };
}

// Started once the page is idle, so the first large message does not also wait for the worker to load.
if (typeof requestIdleCallback === 'function') requestIdleCallback(() => formatWorker(), { timeout: 5000 });
