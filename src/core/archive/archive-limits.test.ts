import { describe, expect, it } from 'vitest';
import { archiveSize, chooseEvictions, evictionNotice } from './archive-limits';
import { summary, T0 } from './archive.test-support';

const sessions = [
  summary({ id: 'b', startedAt: T0 + 1, size: 100 }),
  summary({ id: 'a', startedAt: T0, size: 100 }),
  summary({ id: 'd', startedAt: T0 + 3, size: 100 }),
  summary({ id: 'c', startedAt: T0 + 2, size: 100 }),
];
const ids = (list: readonly { id: string }[]) => list.map((s) => s.id);
const none = () => false;

describe('archive limits', () => {
  it('evict the oldest sessions first until the count fits', () => {
    expect(ids(chooseEvictions(sessions, { maxSessions: 2, maxBytes: Infinity }, none))).toEqual(['a', 'b']);
    expect(ids(chooseEvictions(sessions, { maxSessions: 4, maxBytes: Infinity }, none))).toEqual([]);
  });

  it('evict the oldest sessions first until the counted bytes fit', () => {
    expect(archiveSize(sessions)).toBe(400);
    expect(ids(chooseEvictions(sessions, { maxSessions: 10, maxBytes: 250 }, none))).toEqual(['a', 'b']);
    expect(ids(chooseEvictions(sessions, { maxSessions: 10, maxBytes: 400 }, none))).toEqual([]);
  });

  it('never evict a live session, taking the next oldest instead, and stop when only live ones are left', () => {
    const live = (s: { id: string }) => s.id === 'a' || s.id === 'c';
    expect(ids(chooseEvictions(sessions, { maxSessions: 2, maxBytes: Infinity }, live))).toEqual(['b', 'd']);
    expect(ids(chooseEvictions(sessions, { maxSessions: 1, maxBytes: Infinity }, live))).toEqual(['b', 'd']);
  });

  it('say what they removed', () => {
    expect(evictionNotice(3)).toBe('Removed 3 oldest sessions to stay under the archive limit.');
    expect(evictionNotice(1)).toBe('Removed the oldest session to stay under the archive limit.');
  });
});
