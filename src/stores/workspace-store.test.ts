import { beforeEach, describe, expect, it } from 'vitest';
import { copyName, useWorkspaceStore } from './workspace-store';

const store = () => useWorkspaceStore.getState();

beforeEach(() => useWorkspaceStore.setState({ collections: [], connections: [], lastDeletion: null }));

describe('workspace store', () => {
  it('duplicates a connection with fresh ids right after the original', () => {
    const a = store().createConnection({ name: 'Echo', url: 'ws://a/', protocols: ['p'] });
    store().createConnection({ name: 'Other', url: 'ws://b/', protocols: [] });
    store().addTemplate(a, { name: 'T', format: 'json', body: '{}' });
    const copy = store().duplicateConnection(a);

    const names = store().connections.map((c) => c.name);
    expect(names).toEqual(['Echo', 'Echo (copy)', 'Other']);
    const duplicated = store().connections[1];
    expect(duplicated?.id).toBe(copy);
    expect(duplicated?.id).not.toBe(a);
    expect(duplicated?.templates[0]?.body).toBe('{}');
    expect(duplicated?.templates[0]?.id).not.toBe(store().connections[0]?.templates[0]?.id);
  });

  it('puts a deleted connection back in its place on undo', () => {
    store().createConnection({ name: 'A', url: '', protocols: [] });
    const b = store().createConnection({ name: 'B', url: '', protocols: [] });
    store().createConnection({ name: 'C', url: '', protocols: [] });
    store().deleteConnection(b);
    expect(store().connections.map((c) => c.name)).toEqual(['A', 'C']);
    store().undoDeletion();
    expect(store().connections.map((c) => c.name)).toEqual(['A', 'B', 'C']);
    expect(store().lastDeletion).toBeNull();
  });

  it('puts a deleted template back in its place on undo', () => {
    const id = store().createConnection({ name: 'A', url: '', protocols: [] });
    store().addTemplate(id, { name: 'one', format: 'text', body: '1' });
    const two = store().addTemplate(id, { name: 'two', format: 'text', body: '2' });
    store().addTemplate(id, { name: 'three', format: 'text', body: '3' });
    store().deleteTemplate(id, two);
    store().undoDeletion();
    expect(store().connections[0]?.templates.map((t) => t.name)).toEqual(['one', 'two', 'three']);
  });
});

describe('copyName', () => {
  it('numbers further copies', () => {
    expect(copyName('Echo', ['Echo'])).toBe('Echo (copy)');
    expect(copyName('Echo', ['Echo', 'Echo (copy)'])).toBe('Echo (copy 2)');
    expect(copyName('Echo', ['Echo', 'Echo (copy)', 'Echo (copy 2)'])).toBe('Echo (copy 3)');
  });
});

describe('template management', () => {
  it('duplicates a template right after the original and moves templates within bounds', () => {
    const id = store().createConnection({ name: 'A', url: '', protocols: [] });
    const one = store().addTemplate(id, { name: 'one', format: 'text', body: '1' });
    store().addTemplate(id, { name: 'two', format: 'json', body: '{}' });
    store().duplicateTemplate(id, one);
    const names = () => store().connections[0]?.templates.map((t) => t.name);
    expect(names()).toEqual(['one', 'one (copy)', 'two']);

    store().moveTemplate(id, one, -1);
    expect(names()).toEqual(['one', 'one (copy)', 'two']);
    store().moveTemplate(id, one, 1);
    expect(names()).toEqual(['one (copy)', 'one', 'two']);
  });
});
