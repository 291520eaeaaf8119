import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { addBatch, type ArchivedSession } from '@/core/archive/archived-session';
import { connectionEvents, summary, T0 } from '@/core/archive/archive.test-support';
import type { SessionEvent } from '@/core/session/session-events';
import {
  closeArchiveDatabase,
  deleteArchivedSessions,
  indexedDbArchiveSink,
  listArchivedSessions,
  listTabSessions,
  putArchivedSession,
  readArchivedSession,
  renameArchivedSession,
} from './session-archive-db';

beforeEach(async () => {
  await closeArchiveDatabase();
  globalThis.indexedDB = new IDBFactory();
});

/** Writes a session as the writer does: one append per batch of `batch` events. */
async function write(initial: ArchivedSession, events: readonly SessionEvent[], batch: number) {
  let current = initial;
  for (let start = 0; start < events.length; start += batch) {
    const chunk = {
      sessionId: current.id,
      index: current.chunks,
      events: events.slice(start, start + batch),
    };
    current = addBatch(current, chunk.events, T0);
    expect(await indexedDbArchiveSink.append(current, chunk)).toEqual({ ok: true, value: undefined });
  }
  return current;
}

const value = <T>(result: { ok: true; value: T } | { ok: false; error: unknown }): T => {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value;
};

describe('the session archive database', () => {
  it('reads a session written in batches back in order, binary frames included', async () => {
    const events = connectionEvents(T0, [
      'one',
      new Uint8Array([0xde, 0xad]).buffer,
      'three',
      'four',
      'five',
    ]);
    await write(summary(), events, 2);
    const read = value(await readArchivedSession('s1'));
    expect(read?.summary).toMatchObject({
      id: 's1',
      events: events.length,
      chunks: 4,
      framesOut: 3,
      framesIn: 2,
    });
    expect(read?.events.map((e) => e.kind)).toEqual(events.map((e) => e.kind));
    const binary = read?.events[3];
    expect(binary?.kind === 'message' && binary.data).toBeInstanceOf(ArrayBuffer);
    expect(binary?.kind === 'message' && [...new Uint8Array(binary.data as ArrayBuffer)]).toEqual([
      0xde, 0xad,
    ]);
    expect(value(await readArchivedSession('missing'))).toBeNull();
  });

  it('reads only the newest events within a limit, back from the end, and counts what it left', async () => {
    const frames = Array.from({ length: 20 }, (_, i) => `frame ${i} ${'x'.repeat(90)}`);
    const events = connectionEvents(T0, frames);
    await write(summary(), events, 3);
    const byCount = value(await readArchivedSession('s1', { events: 5, bytes: 1e9 }));
    expect(byCount?.events).toEqual(events.slice(-5));
    expect(byCount?.omitted).toBe(events.length - 5);
    // 300 bytes: the close, then frames of 99 bytes each until their sum reaches it (the fourth does).
    const byBytes = value(await readArchivedSession('s1', { events: 1000, bytes: 300 }));
    expect(byBytes?.events).toEqual(events.slice(-5));
    expect(byBytes?.omitted).toBe(events.length - 5);
    const whole = value(await readArchivedSession('s1', { events: 1000, bytes: 1e9 }));
    expect(whole).toMatchObject({ events, omitted: 0 });
  });

  it('lists sessions newest first, and a tab’s sessions oldest first', async () => {
    await write(summary({ id: 'old', startedAt: T0 }), connectionEvents(T0, ['a']), 10);
    await write(summary({ id: 'new', startedAt: T0 + 10 }), connectionEvents(T0 + 10, ['b']), 10);
    await write(
      summary({ id: 'other', startedAt: T0 + 5, tabId: 'tab-2' }),
      connectionEvents(T0 + 5, []),
      10,
    );
    expect(value(await listArchivedSessions()).map((s) => s.id)).toEqual(['new', 'other', 'old']);
    expect(value(await listTabSessions('tab-1')).map((s) => s.id)).toEqual(['old', 'new']);
    expect(value(await listTabSessions('tab-2')).map((s) => s.id)).toEqual(['other']);
  });

  it('renames a session, and a later batch of a running session keeps the new name', async () => {
    const events = connectionEvents(T0, ['a', 'b']);
    const first = await write(summary(), events.slice(0, 2), 2);
    expect(value(await renameArchivedSession('s1', 'Bug 12'))).toBe(true);
    await write(first, events.slice(2), 10);
    expect(value(await listArchivedSessions())[0]).toMatchObject({ name: 'Bug 12', events: events.length });
    expect(value(await renameArchivedSession('missing', 'x'))).toBe(false);
  });

  it('deletes sessions with all their events and names', async () => {
    await write(summary(), connectionEvents(T0, ['a', 'b', 'c']), 2);
    value(await renameArchivedSession('s1', 'Gone soon'));
    await write(summary({ id: 'kept', startedAt: T0 + 1 }), connectionEvents(T0 + 1, ['k']), 10);
    value(await deleteArchivedSessions(['s1']));
    expect(value(await readArchivedSession('s1'))).toBeNull();
    expect(value(await listArchivedSessions()).map((s) => [s.id, s.name])).toEqual([['kept', null]]);
    expect(value(await readArchivedSession('kept'))?.events).toHaveLength(4);
  });

  it('stores a whole recording at once', async () => {
    const events = connectionEvents(T0, ['r1', 'r2']);
    const recorded = addBatch(summary({ id: 'rec', source: 'recorded', tabId: null }), events, T0);
    value(await putArchivedSession(recorded, [{ sessionId: 'rec', index: 0, events }]));
    expect(value(await readArchivedSession('rec'))?.events).toEqual(events);
  });

  it('reports a database that cannot be opened as unavailable, without throwing', async () => {
    await closeArchiveDatabase();
    const saved = globalThis.indexedDB;
    // @ts-expect-error -- a browser without IndexedDB (some private modes)
    delete globalThis.indexedDB;
    try {
      const listed = await listArchivedSessions();
      expect(listed).toMatchObject({ ok: false, error: { kind: 'unavailable' } });
    } finally {
      globalThis.indexedDB = saved;
    }
  });
});
