import type { ArchiveChunk, ArchivedSession } from '@/core/archive/archived-session';
import type { ArchiveSink, ArchiveWriteError } from '@/core/archive/archive-writer';
import type { SessionEvent } from '@/core/session/session-events';
import { err, ok, type Result } from '@/core/shared/result';
import { transactionDone } from './idb-transaction';

/**
 * The session archive in IndexedDB: one `sessions` record per archived session (its summary, indexed by tab and
 * start time) and its events in `chunks` records keyed `[sessionId, index]`, one per written batch, so a
 * session's events read back in order with one key range. Events are stored as they happened (structured
 * clone keeps binary frames as ArrayBuffers). The user's names live in `names`, so the writer's next summary of
 * a running session never overwrites a rename, and a batch is only puts, issued at once.
 */

const DATABASE = 'frameline-archive';
const SESSIONS = 'sessions';
const CHUNKS = 'chunks';
const NAMES = 'names';

let opening: Promise<IDBDatabase> | null = null;
/** The open database, once it is: a batch written while the page is being left must start synchronously. */
let database: IDBDatabase | null = null;

function open(): Promise<IDBDatabase> {
  opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    if (typeof indexedDB === 'undefined') {
      reject(new Error('this browser has no IndexedDB'));
      return;
    }
    const request = indexedDB.open(DATABASE, 1);
    request.onupgradeneeded = () => {
      const db = request.result;
      const sessions = db.createObjectStore(SESSIONS, { keyPath: 'id' });
      sessions.createIndex('tabId', 'tabId');
      sessions.createIndex('startedAt', 'startedAt');
      db.createObjectStore(CHUNKS, { keyPath: ['sessionId', 'index'] });
      db.createObjectStore(NAMES);
    };
    request.onsuccess = () => {
      const db = request.result;
      // Another browser tab upgrading the database: step aside rather than block it.
      db.onversionchange = () => {
        db.close();
        opening = null;
        database = null;
      };
      database = db;
      resolve(db);
    };
    request.onerror = () => reject(request.error ?? new Error('IndexedDB could not be opened'));
    request.onblocked = () => reject(new Error('another tab of Frameline is blocking the database'));
  }).catch((error: unknown) => {
    opening = null;
    throw error;
  });
  return opening;
}

function chunksOf(sessionId: string): IDBKeyRange {
  return IDBKeyRange.bound([sessionId, 0], [sessionId, Number.MAX_SAFE_INTEGER]);
}

function describe(error: unknown): ArchiveWriteError {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  if (name === 'QuotaExceededError') return { kind: 'quota', message: "the browser's storage is full" };
  if (name === 'InvalidStateError' || name === 'SecurityError' || message.includes('IndexedDB'))
    return { kind: 'unavailable', message };
  return { kind: 'failed', message };
}

async function run<T>(
  stores: string[],
  mode: IDBTransactionMode,
  body: (transaction: IDBTransaction) => () => T,
): Promise<Result<T, ArchiveWriteError>> {
  try {
    const db = await open().catch((error: unknown) => {
      throw Object.assign(new Error(error instanceof Error ? error.message : String(error)), {
        name: 'InvalidStateError',
      });
    });
    const transaction = db.transaction(stores, mode);
    const read = body(transaction);
    await transactionDone(transaction);
    return ok(read());
  } catch (error) {
    return err(describe(error));
  }
}

/** Whether the archive can be opened at all; the reason when it cannot. */
export async function probeArchive(): Promise<Result<void, ArchiveWriteError>> {
  return run([SESSIONS], 'readonly', () => () => undefined);
}

/**
 * The sink the archive writer writes batches to: the summary and the chunk, two puts in one transaction. Once
 * the database is open the transaction starts synchronously and is committed at once, so a batch flushed from
 * `pagehide` is on its way before the page goes.
 */
export const indexedDbArchiveSink: ArchiveSink = {
  append: (summary, chunk) => {
    const write = (transaction: IDBTransaction) => {
      transaction.objectStore(SESSIONS).put(summary);
      transaction.objectStore(CHUNKS).put(chunk);
      return () => undefined;
    };
    if (!database) return run([SESSIONS, CHUNKS], 'readwrite', write);
    try {
      const transaction = database.transaction([SESSIONS, CHUNKS], 'readwrite');
      write(transaction);
      const finished = transactionDone(transaction).then(
        () => ok(undefined),
        (error: unknown) => err(describe(error)),
      );
      // Not waiting for the event loop to end the transaction: the page may be on its way out.
      transaction.commit?.();
      return finished;
    } catch (error) {
      return Promise.resolve(err(describe(error)));
    }
  },
};

/** Stores a whole session at once (an imported recording): its summary and every chunk. */
export function putArchivedSession(
  summary: ArchivedSession,
  chunks: readonly ArchiveChunk[],
): Promise<Result<void, ArchiveWriteError>> {
  return run([SESSIONS, CHUNKS], 'readwrite', (transaction) => {
    transaction.objectStore(SESSIONS).put(summary);
    const store = transaction.objectStore(CHUNKS);
    for (const chunk of chunks) store.put(chunk);
    return () => undefined;
  });
}

/** Summaries with the user's names put in. */
function named(sessions: ArchivedSession[], names: IDBRequest<string[]>, keys: IDBRequest<IDBValidKey[]>) {
  const byId = new Map<IDBValidKey, string>();
  keys.result.forEach((key, index) => byId.set(key, names.result[index] as string));
  return sessions.map((s) => (byId.has(s.id) ? { ...s, name: byId.get(s.id) ?? null } : s));
}

/** Every archived session's summary, newest first. */
export function listArchivedSessions(): Promise<Result<ArchivedSession[], ArchiveWriteError>> {
  return run([SESSIONS, NAMES], 'readonly', (transaction) => {
    const request = transaction.objectStore(SESSIONS).index('startedAt').getAll();
    const names = transaction.objectStore(NAMES).getAll();
    const keys = transaction.objectStore(NAMES).getAllKeys();
    return () => named(request.result as ArchivedSession[], names, keys).reverse();
  });
}

/** The summaries of the sessions that ran in this tab, oldest first. */
export function listTabSessions(tabId: string): Promise<Result<ArchivedSession[], ArchiveWriteError>> {
  return run([SESSIONS], 'readonly', (transaction) => {
    const request = transaction.objectStore(SESSIONS).index('tabId').getAll(tabId);
    return () => (request.result as ArchivedSession[]).sort((a, b) => a.startedAt - b.startedAt);
  });
}

/** How much of a session to read: its newest events, up to this many and about this many payload bytes. */
export interface ReadLimit {
  events: number;
  bytes: number;
}

/**
 * A session's summary and its events in the order they happened; null when it is not (or no longer) there.
 * With a limit, only its newest chunks are read, back from the end, until the limit is reached (the chunk that
 * crosses it is cut to fit), so a session of many gigabytes cannot fill the page's memory; `omitted` counts
 * the older events left in the archive.
 */
export function readArchivedSession(
  id: string,
  limit?: ReadLimit,
): Promise<
  Result<{ summary: ArchivedSession; events: SessionEvent[]; omitted: number } | null, ArchiveWriteError>
> {
  return run([SESSIONS, CHUNKS, NAMES], 'readonly', (transaction) => {
    const summary = transaction.objectStore(SESSIONS).get(id);
    const name = transaction.objectStore(NAMES).get(id);
    const newestFirst: SessionEvent[][] = [];
    let events = 0;
    let bytes = 0;
    let complete = true;
    const cursor = transaction.objectStore(CHUNKS).openCursor(chunksOf(id), 'prev');
    cursor.onsuccess = () => {
      const at = cursor.result;
      if (!at) return;
      if (limit && (events >= limit.events || bytes >= limit.bytes)) {
        complete = false;
        return;
      }
      const chunk = (at.value as ArchiveChunk).events;
      // Newest first within the chunk too, so the one that crosses the limit keeps its newest events.
      let from = chunk.length;
      while (from > 0 && (!limit || (events < limit.events && bytes < limit.bytes))) {
        from--;
        const event = chunk[from] as SessionEvent;
        events++;
        if (event.kind === 'message') bytes += event.size;
      }
      newestFirst.push(from === 0 ? chunk : chunk.slice(from));
      if (from > 0) complete = false;
      else at.continue();
    };
    return () => {
      if (!summary.result) return null;
      const stored = summary.result as ArchivedSession;
      const read: SessionEvent[] = [];
      for (let i = newestFirst.length - 1; i >= 0; i--)
        for (const event of newestFirst[i] as SessionEvent[]) read.push(event);
      return {
        summary: { ...stored, name: (name.result as string | undefined) ?? stored.name },
        events: read,
        omitted: complete ? 0 : Math.max(0, stored.events - read.length),
      };
    };
  });
}

/** Gives a session the user's name (null puts its own title back); false when the session is not there. */
export function renameArchivedSession(
  id: string,
  name: string | null,
): Promise<Result<boolean, ArchiveWriteError>> {
  return run([SESSIONS, NAMES], 'readwrite', (transaction) => {
    const request = transaction.objectStore(SESSIONS).getKey(id);
    const names = transaction.objectStore(NAMES);
    let found = false;
    request.onsuccess = () => {
      if (request.result === undefined) return;
      found = true;
      if (name === null) names.delete(id);
      else names.put(name, id);
    };
    return () => found;
  });
}

/** Deletes these sessions, their events and their names. */
export function deleteArchivedSessions(ids: readonly string[]): Promise<Result<void, ArchiveWriteError>> {
  return run([SESSIONS, CHUNKS, NAMES], 'readwrite', (transaction) => {
    const sessions = transaction.objectStore(SESSIONS);
    const chunks = transaction.objectStore(CHUNKS);
    const names = transaction.objectStore(NAMES);
    for (const id of ids) {
      sessions.delete(id);
      chunks.delete(chunksOf(id));
      names.delete(id);
    }
    return () => undefined;
  });
}

/** Closes the connection so the next call opens afresh (tests swap the IndexedDB factory between cases). */
export async function closeArchiveDatabase(): Promise<void> {
  const current = opening;
  opening = null;
  database = null;
  if (!current) return;
  try {
    (await current).close();
  } catch {
    // Never opened: nothing to close.
  }
}
