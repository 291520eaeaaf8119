import { err, ok, type Result } from '@/core/shared/result';
import { transactionDone } from './idb-transaction';

/**
 * Large drafts (above what localStorage should hold) in IndexedDB, keyed by tab id. IndexedDB has a far larger
 * quota than localStorage's 5 MiB, so one big paste cannot crowd out the saved workspace.
 */

const DATABASE = 'frameline-drafts';
const STORE = 'drafts';

let opening: Promise<IDBDatabase> | null = null;

function open(): Promise<IDBDatabase> {
  opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    if (typeof indexedDB === 'undefined') {
      reject(new Error('this browser has no IndexedDB'));
      return;
    }
    const request = indexedDB.open(DATABASE, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB could not be opened'));
  }).catch((error: unknown) => {
    opening = null;
    throw error;
  });
  return opening;
}

/** Writes these drafts and deletes the ones named in `remove`, in one transaction. */
export async function saveDrafts(
  drafts: ReadonlyMap<string, string>,
  remove: Iterable<string>,
): Promise<Result<void, string>> {
  try {
    const db = await open();
    const transaction = db.transaction(STORE, 'readwrite');
    const store = transaction.objectStore(STORE);
    for (const [tabId, message] of drafts) store.put(message, tabId);
    for (const tabId of remove) store.delete(tabId);
    await transactionDone(transaction);
    return ok(undefined);
  } catch (error) {
    return err(describe(error));
  }
}

/** Reads the drafts of these tabs; a tab with none stored is left out. */
export async function loadDrafts(tabIds: readonly string[]): Promise<Result<Map<string, string>, string>> {
  try {
    const db = await open();
    const transaction = db.transaction(STORE, 'readonly');
    const store = transaction.objectStore(STORE);
    const drafts = new Map<string, string>();
    for (const tabId of tabIds) {
      const request = store.get(tabId);
      request.onsuccess = () => {
        if (typeof request.result === 'string') drafts.set(tabId, request.result);
      };
    }
    await transactionDone(transaction);
    return ok(drafts);
  } catch (error) {
    return err(describe(error));
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
