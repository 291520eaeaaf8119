// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { createRef, useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRedactor } from '@/core/template/secret-redaction';
import {
  compileTimelineFilter,
  NO_FILTER,
  type TimelineFilterSettings,
} from '@/core/timeline/timeline-filter';
import type { SearchSnapshot } from '@/core/timeline/timeline-search';
import { FilterBar } from './filter-bar';

const snapshot: SearchSnapshot = { active: true, count: 12345, complete: true, version: 1 };

function Harness({
  onStep,
  onSettings,
}: {
  onStep(d: string): void;
  onSettings(s: TimelineFilterSettings): void;
}) {
  const [settings, setSettings] = useState(NO_FILTER);
  const filter = compileTimelineFilter(settings, { redactor: createRedactor([]) });
  return (
    <FilterBar
      connectionKey="tab-1"
      settings={settings}
      onChange={(next) => {
        setSettings(next);
        onSettings(next);
      }}
      filter={filter}
      snapshot={snapshot}
      total={20000}
      onStep={onStep}
      inputRef={createRef()}
    />
  );
}

afterEach(cleanup);

describe('FilterBar', () => {
  it('names its controls and shows the plain count', () => {
    render(<Harness onStep={() => {}} onSettings={() => {}} />);
    expect(screen.getByRole('textbox', { name: 'Filter timeline' })).toBeTruthy();
    expect(screen.getByRole('textbox', { name: 'JSON field filter' })).toBeTruthy();
    expect(screen.getByRole('checkbox', { name: 'Regular expression' })).toBeTruthy();
    expect(screen.getByRole('checkbox', { name: 'Match case' })).toBeTruthy();
    expect(screen.getByRole('checkbox', { name: 'Lifecycle events' })).toBeTruthy();
    expect(screen.getByRole('checkbox', { name: 'Automatic sends' })).toBeTruthy();
    const direction = screen.getByRole('radiogroup', { name: 'Direction' });
    expect([...direction.querySelectorAll('[role="radio"]')].map((r) => r.textContent)).toEqual([
      'All',
      'Sent',
      'Received',
    ]);
    expect(screen.getByLabelText('Matching entries').textContent).toBe('12345');
  });

  it('steps with Enter and Shift+Enter in the text box', () => {
    const onStep = vi.fn();
    render(<Harness onStep={onStep} onSettings={() => {}} />);
    const box = screen.getByRole('textbox', { name: 'Filter timeline' });
    fireEvent.keyDown(box, { key: 'Enter' });
    fireEvent.keyDown(box, { key: 'Enter', shiftKey: true });
    fireEvent.click(screen.getByRole('button', { name: 'Next match' }));
    expect(onStep.mock.calls).toEqual([['next'], ['previous'], ['next']]);
  });

  it('explains an invalid pattern and a malformed field filter next to their boxes', () => {
    const onSettings = vi.fn();
    render(<Harness onStep={() => {}} onSettings={onSettings} />);
    act(() => {
      fireEvent.click(screen.getByRole('checkbox', { name: 'Regular expression' }));
    });
    fireEvent.change(screen.getByRole('textbox', { name: 'Filter timeline' }), { target: { value: '(' } });
    fireEvent.change(screen.getByRole('textbox', { name: 'JSON field filter' }), {
      target: { value: '$.a =' },
    });
    const alerts = screen.getAllByRole('alert').map((a) => a.textContent);
    expect(alerts).toEqual([
      'Invalid regular expression: Unterminated group. The text filter is not applied.',
      expect.stringMatching(/^Column 5: expected == \(two equals signs\)/),
    ]);
    expect(onSettings).toHaveBeenLastCalledWith(
      expect.objectContaining({ regex: true, text: '(', field: '$.a =' }),
    );
  });

  it('disables the lifecycle toggle while only one direction of messages is shown', () => {
    render(<Harness onStep={() => {}} onSettings={() => {}} />);
    fireEvent.click(screen.getByRole('radio', { name: 'Sent' }));
    const lifecycle = screen.getByRole('checkbox', { name: 'Lifecycle events' }) as HTMLInputElement;
    expect(lifecycle.disabled).toBe(true);
    expect(lifecycle.checked).toBe(false);
  });
});
