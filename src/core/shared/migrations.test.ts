import { describe, expect, it } from 'vitest';
import { runMigrations, type Migration } from './migrations';

const steps: Migration[] = [
  {
    id: 'v2-to-v3/rename-title',
    from: 2,
    up: ({ title, ...rest }) => ({ ...rest, name: title, trail: ['v3'] }),
  },
  {
    id: 'v1-to-v2/add-title',
    from: 1,
    up: (old) => ({ ...old, title: 'Untitled', trail: ['v2'] }),
  },
  {
    id: 'v3-to-v4/trail',
    from: 3,
    up: (old) => ({ ...old, trail: [...(old.trail as string[]), 'v4'] }),
  },
];

describe('runMigrations', () => {
  it('runs each step from the data version up to the target, in version order whatever the list order', () => {
    expect(runMigrations({ id: 'a' }, { from: 1, to: 4 }, steps)).toEqual({
      ok: true,
      value: { id: 'a', name: 'Untitled', trail: ['v3', 'v4'] },
    });
    expect(runMigrations({ id: 'a', title: 'T' }, { from: 2, to: 3 }, steps)).toEqual({
      ok: true,
      value: { id: 'a', name: 'T', trail: ['v3'] },
    });
  });

  it('leaves current data alone', () => {
    const data = { id: 'a' };
    expect(runMigrations(data, { from: 4, to: 4 }, steps)).toEqual({ ok: true, value: data });
  });

  it('names the first version that has no step instead of skipping it', () => {
    expect(runMigrations({}, { from: 1, to: 4 }, steps.slice(0, 2))).toEqual({
      ok: false,
      error: { missingFrom: 3 },
    });
  });
});
