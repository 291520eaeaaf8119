import type { ArchiveChunk, ArchivedSession } from '@/core/archive/archived-session';
import type { ArchiveSink, ArchiveWriteError } from '@/core/archive/archive-writer';
import type { SessionEvent } from '@/core/session/session-events';
import { err, ok, type Result } from '@/core/shared/result';

/**
 * The session archive in IndexedDB: one `sessions` record per archived session (its summary, indexed by tab and
 * start time) and its events in `chunks` records keyed `[sessionId, index]`, one per written batch, so a
 * session's events read back in order with one key range. Events are stored as they happened (structured
 * clone keeps binary frames as ArrayBuffers).
 */

const DATABASE = 'frameline-archive';
const SESSIONS = 'sessions';
const CHUNKS = 'chunks';

let opening: Promise<IDBDatabase> | null = null;

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
    };
    request.onsuccess = () => {
      const db = request.result;
      // Another browser tab upgrading the database: step aside rather than block it.
      db.onversionchange = () => {
        db.close();
        opening = null;
      };
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

function done(transaction: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onabort = transaction.onerror = () =>
      reject(transaction.error ?? new Error('IndexedDB transaction failed'));
  });
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
    await done(transaction);
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
 * The sink the archive writer writes batches to: the summary and the chunk in one transaction. The stored
 * summary's name wins over the writer's (the user may rename a session while it runs), and a session deleted
 * while it was written (from another browser tab) is not brought back by its next batch.
 */
export const indexedDbArchiveSink: ArchiveSink = {
  append: (summary, chunk) =>
    run([SESSIONS, CHUNKS], 'readwrite', (transaction) => {
      const sessions = transaction.objectStore(SESSIONS);
      const stored = sessions.get(summary.id);
      stored.onsuccess = () => {
        const existing = stored.result as ArchivedSession | undefined;
        if (!existing && chunk.index > 0) return;
        sessions.put(existing ? { ...summary, name: existing.name } : summary);
        transaction.objectStore(CHUNKS).put(chunk);
      };
      return () => undefined;
    }),
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

/** Every archived session's summary, newest first. */
export function listArchivedSessions(): Promise<Result<ArchivedSession[], ArchiveWriteError>> {
  return run([SESSIONS], 'readonly', (transaction) => {
    const request = transaction.objectStore(SESSIONS).index('startedAt').getAll();
    return () => (request.result as ArchivedSession[]).reverse();
  });
}

/** The summaries of the sessions that ran in this tab, oldest first. */
export function listTabSessions(tabId: string): Promise<Result<ArchivedSession[], ArchiveWriteError>> {
  return run([SESSIONS], 'readonly', (transaction) => {
    const request = transaction.objectStore(SESSIONS).index('tabId').getAll(tabId);
    return () => (request.result as ArchivedSession[]).sort((a, b) => a.startedAt - b.startedAt);
  });
}

/** A session's summary and its events in the order they happened; null when it is not (or no longer) there. */
export function readArchivedSession(
  id: string,
): Promise<Result<{ summary: ArchivedSession; events: SessionEvent[] } | null, ArchiveWriteError>> {
  return run([SESSIONS, CHUNKS], 'readonly', (transaction) => {
    const summary = transaction.objectStore(SESSIONS).get(id);
    const chunks = transaction.objectStore(CHUNKS).getAll(chunksOf(id));
    return () => {
      if (!summary.result) return null;
      const events: SessionEvent[] = [];
      for (const chunk of chunks.result as ArchiveChunk[])
        for (const event of chunk.events) events.push(event);
      return { summary: summary.result as ArchivedSession, events };
    };
  });
}

/** Gives a session the user's name (null puts its own title back). */
export function renameArchivedSession(
  id: string,
  name: string | null,
): Promise<Result<boolean, ArchiveWriteError>> {
  return run([SESSIONS], 'readwrite', (transaction) => {
    const store = transaction.objectStore(SESSIONS);
    const request = store.get(id);
    let found = false;
    request.onsuccess = () => {
      const summary = request.result as ArchivedSession | undefined;
      if (!summary) return;
      found = true;
      store.put({ ...summary, name });
    };
    return () => found;
  });
}

/** Deletes these sessions and their events. */
export function deleteArchivedSessions(ids: readonly string[]): Promise<Result<void, ArchiveWriteError>> {
  return run([SESSIONS, CHUNKS], 'readwrite', (transaction) => {
    const sessions = transaction.objectStore(SESSIONS);
    const chunks = transaction.objectStore(CHUNKS);
    for (const id of ids) {
      sessions.delete(id);
      chunks.delete(chunksOf(id));
    }
    return () => undefined;
  });
}

/** Closes the connection so the next call opens afresh (tests swap the IndexedDB factory between cases). */
export async function closeArchiveDatabase(): Promise<void> {
  const current = opening;
  opening = null;
  if (!current) return;
  try {
    (await current).close();
  } catch {
    // Never opened: nothing to close.
  }
}
