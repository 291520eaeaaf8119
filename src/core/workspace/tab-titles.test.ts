import { describe, expect, it } from 'vitest';
import { tabTitles, type TitledTab } from './tab-titles';

const tab = (id: string, patch: Partial<TitledTab> = {}): TitledTab => ({
  id,
  name: null,
  connectionId: null,
  url: 'ws://localhost:8787/echo',
  recorded: null,
  ...patch,
});

const noSaved = () => undefined;

describe('tabTitles', () => {
  it('numbers tabs on the same URL in tab order', () => {
    const titles = tabTitles(
      [tab('a'), tab('b'), tab('c', { url: 'ws://localhost:8787/chat' }), tab('d')],
      noSaved,
    );
    expect([...titles.values()]).toEqual([
      'localhost:8787/echo',
      'localhost:8787/echo (2)',
      'localhost:8787/chat',
      'localhost:8787/echo (3)',
    ]);
  });

  it('follows the URL until the tab is named, and a name wins over the saved connection', () => {
    expect(tabTitles([tab('a', { url: 'ws://h/x' })], noSaved).get('a')).toBe('h/x');
    expect(tabTitles([tab('a', { url: 'ws://h/y' })], noSaved).get('a')).toBe('h/y');
    const saved = (id: string) => (id === 'c1' ? 'Saved' : undefined);
    expect(tabTitles([tab('a', { connectionId: 'c1' })], saved).get('a')).toBe('Saved');
    expect(tabTitles([tab('a', { connectionId: 'c1', name: 'Mine' })], saved).get('a')).toBe('Mine');
    expect(tabTitles([tab('a', { recorded: { title: 'Rec' } })], noSaved).get('a')).toBe('Rec');
    expect(tabTitles([tab('a', { name: 'Mine', recorded: { title: 'Rec' } })], noSaved).get('a')).toBe(
      'Mine',
    );
  });

  it('does not give a URL title that another tab shows as its name', () => {
    const titles = tabTitles([tab('a'), tab('b', { name: 'localhost:8787/echo' })], noSaved);
    expect(titles.get('a')).toBe('localhost:8787/echo (2)');
    expect(titles.get('b')).toBe('localhost:8787/echo');
  });
});
