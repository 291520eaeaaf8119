// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionEvent } from '@/core/session/session-events';
import { createRecordedTimeline, disposeSession } from '@/runtime/session-runtime';
import { resetWorkspaceStore } from '@/stores/workspace-store.test-support';
import { TimelinePanel } from './timeline-panel';

const TAB = 'find-tab';
const at = Date.UTC(2026, 0, 1);
const frame = (direction: 'in' | 'out', data: string): SessionEvent => ({
  kind: 'message',
  at,
  sinceOpen: 1,
  direction,
  format: 'text',
  data,
  size: data.length,
});

beforeEach(() => {
  resetWorkspaceStore();
  createRecordedTimeline(TAB, [
    { kind: 'connecting', at, sinceOpen: null, url: 'ws://example.test/feed', protocols: [] },
    { kind: 'open', at, sinceOpen: 0, protocol: '', extensions: '', openMs: 5 },
    frame('out', '{"op":"subscribe"}'),
    ...Array.from({ length: 50 }, (_, i) =>
      frame('in', `{"type":"${i % 10 === 0 ? 'trade' : 'quote'}","n":${i}}`),
    ),
  ]);
});

afterEach(() => {
  cleanup();
  disposeSession(TAB);
});

const count = () => screen.getByLabelText('Matching entries').textContent;

describe('TimelinePanel find', () => {
  it('counts, lists and highlights only the matches, and Enter selects the first one', async () => {
    render(<TimelinePanel tabId={TAB} readOnly />);
    expect(count()).toBe('53');
    fireEvent.change(screen.getByRole('textbox', { name: 'Filter timeline' }), {
      target: { value: 'TRADE' },
    });
    await waitFor(() => expect(count()).toBe('5'));
    const log = screen.getByRole('log', { name: 'Timeline' });
    expect(log.querySelectorAll('.timeline-row')).toHaveLength(5);
    expect([...log.querySelectorAll('mark')].map((mark) => mark.textContent)).toEqual(Array(5).fill('trade'));

    fireEvent.keyDown(screen.getByRole('textbox', { name: 'Filter timeline' }), { key: 'Enter' });
    const selected = log.querySelector('[aria-current="true"]');
    expect(selected?.textContent).toContain('"n":0');
    const detail = screen.getByRole('complementary', { name: 'Message detail' });
    expect(detail.querySelector('mark')?.textContent).toBe('trade');
  });

  it('filters by a JSON field and by direction', async () => {
    render(<TimelinePanel tabId={TAB} readOnly />);
    fireEvent.change(screen.getByRole('textbox', { name: 'JSON field filter' }), {
      target: { value: '$.n >= 45' },
    });
    await waitFor(() => expect(count()).toBe('5'));
    fireEvent.change(screen.getByRole('textbox', { name: 'JSON field filter' }), { target: { value: '' } });
    act(() => {
      fireEvent.click(screen.getByRole('radio', { name: 'Sent' }));
    });
    await waitFor(() => expect(count()).toBe('1'));
    fireEvent.click(screen.getByRole('radio', { name: 'All' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Lifecycle events' }));
    await waitFor(() => expect(count()).toBe('51'));
  });

  it('says when nothing matches, and Ctrl+F in the panel focuses the filter', async () => {
    render(<TimelinePanel tabId={TAB} readOnly />);
    fireEvent.change(screen.getByRole('textbox', { name: 'Filter timeline' }), {
      target: { value: 'nothing' },
    });
    await waitFor(() => expect(count()).toBe('0'));
    expect(screen.getByText('No entries match')).toBeTruthy();
    expect(screen.getByText('0 of 53 entries match the filter.')).toBeTruthy();
    const log = screen.getByRole('log', { name: 'Timeline' });
    log.focus();
    const event = fireEvent.keyDown(log, { key: 'f', ctrlKey: true });
    expect(event).toBe(false);
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Filter timeline' }));
  });
});

describe('TimelinePanel counters', () => {
  const RECONNECTED = 'reconnected-tab';
  afterEach(() => disposeSession(RECONNECTED));

  it('shows this connection, and the total since Connect only once a reconnect made another', () => {
    render(<TimelinePanel tabId={TAB} readOnly />);
    expect(screen.getByRole('status', { name: 'Received messages' }).textContent).toBe('50');
    expect(screen.queryByRole('status', { name: 'Received messages in total' })).toBeNull();
    cleanup();

    const connecting: SessionEvent = {
      kind: 'connecting',
      at,
      sinceOpen: null,
      url: 'ws://x/',
      protocols: [],
    };
    createRecordedTimeline(RECONNECTED, [
      connecting,
      frame('in', 'a'),
      frame('in', 'b'),
      frame('out', 'c'),
      { kind: 'reconnect', phase: 'attempting', at, sinceOpen: null, attempt: 1, maxAttempts: null },
      connecting,
      frame('in', 'd'),
    ]);
    render(<TimelinePanel tabId={RECONNECTED} readOnly />);
    const value = (name: string) => screen.getByRole('status', { name }).textContent;
    expect(value('Received messages')).toBe('1');
    expect(value('Received messages in total')).toBe('3');
    expect(value('Sent messages')).toBe('0');
    expect(value('Sent messages in total')).toBe('1');
  });
});
