import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../session/session-events';
import { createManualFlushScheduler } from './flush-scheduler';
import { createTimeline } from './timeline';
import { createTimelineSearch, type SearchHost, type TimelineSearch } from './timeline-search';

const message = (data: string): SessionEvent => ({
  kind: 'message',
  at: 0,
  sinceOpen: 0,
  direction: 'in',
  format: 'text',
  data,
  size: data.length,
});

/** A host whose clock moves only when told, and whose scheduled tasks run only when the test says. */
function fakeHost() {
  let clock = 0;
  let tasks: Array<() => void> = [];
  const host: SearchHost = {
    schedule(task) {
      tasks.push(task);
      return () => {
        tasks = tasks.filter((t) => t !== task);
      };
    },
    now: () => clock,
  };
  return {
    host,
    advance: (ms: number) => (clock += ms),
    get pending() {
      return tasks.length;
    },
    /** Runs scheduled tasks until none remain, recording how long each ran by the fake clock. */
    runAll(): number[] {
      const durations: number[] = [];
      while (tasks.length > 0) {
        const task = tasks.shift() as () => void;
        const started = clock;
        task();
        durations.push(clock - started);
      }
      return durations;
    },
  };
}

function setup(options: { cap?: number; count?: number; costMs?: number } = {}) {
  const scheduler = createManualFlushScheduler();
  const timeline = createTimeline({ cap: options.cap ?? 1000, scheduler });
  const fake = fakeHost();
  const search = createTimelineSearch({ timeline, host: fake.host, budgetMs: 8, checkEvery: 1 });
  const add = (...texts: string[]) => {
    for (const t of texts) timeline.push(message(t));
    timeline.flush();
  };
  const tested: string[] = [];
  // Each test of an entry costs `costMs` on the fake clock.
  const contains = (needle: string) => (event: SessionEvent) => {
    fake.advance(options.costMs ?? 0);
    const data = event.kind === 'message' ? String(event.data) : '';
    tested.push(data);
    return data.includes(needle);
  };
  let notices = 0;
  search.subscribe(() => notices++);
  return { timeline, search, add, contains, fake, tested, notices: () => notices };
}

function matchedSeqs(search: TimelineSearch): number[] {
  const out: number[] = [];
  for (let i = 0; i < search.getSnapshot().count; i++) out.push(search.seqAt(i) as number);
  return out;
}

describe('createTimelineSearch', () => {
  it('matches every entry, and counts them all, without a matcher', () => {
    const { search, add } = setup();
    add('a', 'b', 'c');
    expect(search.getSnapshot()).toMatchObject({ active: false, count: 3, complete: true });
    expect(search.seqAt(1)).toBe(2);
    expect(search.rankOf(3)).toBe(2);
  });

  it('finds the matching seqs in order and answers ranks for next and previous', () => {
    const { search, add, contains } = setup();
    add('x1', 'y', 'x2', 'y', 'x3');
    search.setMatcher(contains('x'));
    expect(search.getSnapshot()).toMatchObject({ active: true, count: 3, complete: true });
    expect(matchedSeqs(search)).toEqual([1, 3, 5]);
    // The rank of a non-matching seq is that of the next match after it.
    expect(search.rankOf(2)).toBe(1);
    expect(search.rankOf(3)).toBe(1);
    expect(search.rankOf(6)).toBe(3);
  });

  it('tests only the new entries of a flush', () => {
    const { search, add, contains, tested } = setup();
    add('x1', 'y');
    search.setMatcher(contains('x'));
    tested.length = 0;
    add('x2', 'z');
    expect(tested).toEqual(['x2', 'z']);
    expect(matchedSeqs(search)).toEqual([1, 3]);
  });

  it('drops the matches the cap evicts, and all of them on clear', () => {
    const { search, add, contains, timeline } = setup({ cap: 3 });
    search.setMatcher(contains('x'));
    add('x1', 'y', 'x2');
    expect(matchedSeqs(search)).toEqual([1, 3]);
    add('y', 'x3');
    // Entries 1 and 2 are gone.
    expect(matchedSeqs(search)).toEqual([3, 5]);
    timeline.clear();
    expect(search.getSnapshot().count).toBe(0);
    add('x4');
    expect(matchedSeqs(search)).toEqual([6]);
  });

  it('keeps growing past its initial capacity, and slides down once the front is evicted', () => {
    const { search, add, contains } = setup({ cap: 1500 });
    search.setMatcher(contains('x'));
    for (let round = 0; round < 4; round++) add(...Array.from({ length: 1000 }, (_, i) => `x${i}`));
    const seqs = matchedSeqs(search);
    expect(seqs).toHaveLength(1500);
    expect(seqs[0]).toBe(2501);
    expect(seqs[1499]).toBe(4000);
  });

  it('never runs a chunk past its budget, and yields between chunks', () => {
    const { search, add, contains, fake } = setup({ costMs: 1 });
    add(...Array.from({ length: 100 }, (_, i) => (i % 10 === 0 ? `x${i}` : 'y')));
    const started = fake.host.now();
    search.setMatcher(contains('x'));
    // The first chunk runs at once, then the rest is scheduled.
    expect(fake.host.now() - started).toBeLessThanOrEqual(8);
    expect(search.getSnapshot()).toMatchObject({ count: 1, complete: false });
    const durations = fake.runAll();
    expect(durations.length).toBeGreaterThan(10);
    for (const duration of durations) expect(duration).toBeLessThanOrEqual(8);
    expect(search.getSnapshot()).toMatchObject({ count: 10, complete: true });
  });

  it('cancels the running search when the matcher changes', () => {
    const { search, add, contains, fake, tested } = setup({ costMs: 1 });
    add(...Array.from({ length: 100 }, (_, i) => `x${i} y${i}`));
    search.setMatcher(contains('x'));
    expect(fake.pending).toBe(1);
    search.setMatcher(contains('y9'));
    // The old run's scheduled chunk is gone: only the new search's continuation is pending.
    expect(fake.pending).toBe(1);
    tested.length = 0;
    fake.runAll();
    expect(tested).toHaveLength(92);
    expect(matchedSeqs(search)).toEqual([10, 91, 92, 93, 94, 95, 96, 97, 98, 99, 100]);
  });

  it('reaches entries that flushed during a long scan exactly once', () => {
    const { search, add, contains, fake, tested } = setup({ costMs: 1 });
    add(...Array.from({ length: 30 }, () => 'x'));
    search.setMatcher(contains('x'));
    add('x', 'x');
    fake.runAll();
    expect(tested).toHaveLength(32);
    expect(search.getSnapshot()).toMatchObject({ count: 32, complete: true });
  });

  it('groups the notices of a long scan', () => {
    const { search, add, contains, fake, notices } = setup({ costMs: 1 });
    add(...Array.from({ length: 400 }, () => 'x'));
    const before = notices();
    search.setMatcher(contains('x'));
    fake.runAll();
    // 50 chunks of 8 ms: one notice for the first, one per 50 ms after it, one at the end.
    expect(notices() - before).toBeLessThanOrEqual(10);
    expect(search.getSnapshot().count).toBe(400);
  });

  it('shows the first matches at once, even within the wait between grouped notices', () => {
    const { search, add, contains, fake } = setup({ costMs: 1 });
    add(...Array.from({ length: 300 }, (_, i) => (i === 30 ? 'x' : 'y')));
    const seen: Array<{ at: number; count: number }> = [];
    search.subscribe(() => seen.push({ at: fake.host.now(), count: search.getSnapshot().count }));
    search.setMatcher(contains('x'));
    expect(search.getSnapshot().count).toBe(0);
    fake.runAll();
    // Entry 31 is tested at 31 ms on the fake clock, before the 50 ms wait is over; the scan ends at 300 ms.
    const first = seen.find((notice) => notice.count > 0);
    expect(first?.at).toBeLessThanOrEqual(40);
  });

  it('shows matches a grouped chunk held back once the wait is over, though no later chunk finds any', () => {
    const { search, add, contains, fake } = setup({ costMs: 1 });
    add(...Array.from({ length: 300 }, (_, i) => (i === 0 || i === 20 ? 'x' : 'y')));
    const seen: Array<{ at: number; count: number }> = [];
    search.subscribe(() => seen.push({ at: fake.host.now(), count: search.getSnapshot().count }));
    search.setMatcher(contains('x'));
    expect(search.getSnapshot().count).toBe(1);
    fake.runAll();
    // The second match (21 ms) waits for 50 ms after the first notice (8 ms), then goes with the next chunk's
    // end (64 ms), not with the end of the scan at 300 ms.
    const second = seen.find((notice) => notice.count === 2);
    expect(second?.at).toBeGreaterThanOrEqual(58);
    expect(second?.at).toBeLessThanOrEqual(72);
    expect(search.getSnapshot()).toMatchObject({ count: 2, complete: true });
  });

  it('stops following the timeline when the last listener leaves', () => {
    const scheduler = createManualFlushScheduler();
    const timeline = createTimeline({ cap: 10, scheduler });
    const fake = fakeHost();
    const search = createTimelineSearch({ timeline, host: fake.host });
    const stop = search.subscribe(() => {});
    search.setMatcher(() => true);
    stop();
    timeline.push(message('a'));
    timeline.flush();
    // Caught up when someone listens again.
    search.subscribe(() => {});
    expect(search.getSnapshot().count).toBe(1);
    search.dispose();
  });
});
