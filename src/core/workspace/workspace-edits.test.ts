import { describe, expect, it } from 'vitest';
import { createDefaultAutomation, createEmptyWorkspace, type Workspace } from './workspace';
import * as edits from './workspace-edits';

function ids() {
  let n = 0;
  return () => `id-${++n}`;
}

/** Runs edits in order, as the store would, keeping the last removal. */
function run(workspace: Workspace, ...changes: edits.WorkspaceEdit[]) {
  let removed = null;
  for (const change of changes) {
    const result = change(workspace);
    workspace = result.workspace;
    removed = result.removed ?? removed;
  }
  return { workspace, removed };
}

const connection = (id: string, name = id) => ({
  id,
  name,
  url: `ws://x/${id}`,
  protocols: [],
  templates: [],
  automation: createDefaultAutomation(),
  scenarios: [],
});

const names = (list: readonly { name: string }[] | undefined) => list?.map((item) => item.name);

describe('workspace edits', () => {
  it('duplicate a connection with fresh ids right after the original', () => {
    const { workspace } = run(
      createEmptyWorkspace(),
      edits.createConnection(connection('a', 'Echo')),
      edits.createConnection(connection('b', 'Other')),
      edits.addTemplate('a', { id: 't', name: 'T', format: 'json', body: '{}' }),
      edits.duplicateConnection('a', ids()),
    );
    expect(names(workspace.connections)).toEqual(['Echo', 'Echo (copy)', 'Other']);
    const copy = workspace.connections[1];
    expect(copy?.id).not.toBe('a');
    expect(copy?.templates[0]).toMatchObject({ name: 'T', body: '{}' });
    expect(copy?.templates[0]?.id).not.toBe('t');
  });

  it('report what a delete removed, and restore puts it back in its place', () => {
    const start = run(
      createEmptyWorkspace(),
      edits.createConnection(connection('a', 'A')),
      edits.createConnection(connection('b', 'B')),
      edits.createConnection(connection('c', 'C')),
    ).workspace;
    const deleted = edits.deleteConnection('b')(start);
    expect(names(deleted.workspace.connections)).toEqual(['A', 'C']);
    expect(deleted.removed && edits.describeRemoved(deleted.removed)).toBe('connection “B”');
    const restored = edits.restore(deleted.removed!)(deleted.workspace).workspace;
    expect(restored).toEqual(start);
  });

  it('delete a scenario with undo, duplicate one right after itself', () => {
    const scenario = (id: string, name: string) => ({ id, name, steps: [{ kind: 'wait' as const, ms: 5 }] });
    const start = run(
      createEmptyWorkspace(),
      edits.createConnection(connection('a')),
      edits.addScenario('a', scenario('1', 'one')),
      edits.addScenario('a', scenario('2', 'two')),
      edits.addScenario('a', scenario('3', 'three')),
    ).workspace;
    const deleted = edits.deleteScenario('a', '2')(start);
    expect(names(deleted.workspace.connections[0]?.scenarios)).toEqual(['one', 'three']);
    expect(deleted.removed && edits.describeRemoved(deleted.removed)).toBe('scenario “two”');
    expect(edits.restore(deleted.removed!)(deleted.workspace).workspace).toEqual(start);
    const copied = edits.duplicateScenario('a', '1', 'copy')(start).workspace.connections[0]?.scenarios;
    expect(copied?.map((s) => [s.id, s.name])).toEqual([
      ['1', 'one'],
      ['copy', 'one (copy)'],
      ['2', 'two'],
      ['3', 'three'],
    ]);
  });

  it('use the same undo shape for templates and environments', () => {
    const start = run(
      createEmptyWorkspace(),
      edits.createConnection(connection('a')),
      edits.addTemplate('a', { id: '1', name: 'one', format: 'text', body: '1' }),
      edits.addTemplate('a', { id: '2', name: 'two', format: 'text', body: '2' }),
      edits.addTemplate('a', { id: '3', name: 'three', format: 'text', body: '3' }),
      edits.createEnvironment({ id: 'stage', name: 'Staging' }),
      edits.createEnvironment({ id: 'prod', name: 'Production' }),
    ).workspace;

    const template = edits.deleteTemplate('a', '2')(start);
    expect(template.removed?.templates).toHaveLength(1);
    expect(edits.describeRemoved(template.removed!)).toBe('template “two”');
    expect(edits.restore(template.removed!)(template.workspace).workspace).toEqual(start);

    const environment = edits.deleteEnvironment('stage')(start);
    expect(edits.describeRemoved(environment.removed!)).toBe('environment “Staging”');
    expect(edits.restore(environment.removed!)(environment.workspace).workspace).toEqual(start);
  });

  it('never delete the global environment, and report nothing removed', () => {
    const result = edits.deleteEnvironment('global')(createEmptyWorkspace());
    expect(names(result.workspace.environments)).toEqual(['Global']);
    expect(result.removed).toBeNull();
  });

  it('duplicate a template right after the original and move templates within bounds', () => {
    const start = run(
      createEmptyWorkspace(),
      edits.createConnection(connection('a')),
      edits.addTemplate('a', { id: 'one', name: 'one', format: 'text', body: '1' }),
      edits.addTemplate('a', { id: 'two', name: 'two', format: 'json', body: '{}' }),
      edits.duplicateTemplate('a', 'one', 'copy'),
    ).workspace;
    const templates = (ws: Workspace) => names(ws.connections[0]?.templates);
    expect(templates(start)).toEqual(['one', 'one (copy)', 'two']);
    expect(templates(edits.moveTemplate('a', 'one', -1)(start).workspace)).toEqual([
      'one',
      'one (copy)',
      'two',
    ]);
    expect(templates(edits.moveTemplate('a', 'one', 1)(start).workspace)).toEqual([
      'one (copy)',
      'one',
      'two',
    ]);
  });

  it('name copies so that they stay tellable apart', () => {
    expect(edits.copyName('Echo', ['Echo'])).toBe('Echo (copy)');
    expect(edits.copyName('Echo', ['Echo', 'Echo (copy)'])).toBe('Echo (copy 2)');
    expect(edits.copyName('Echo', ['Echo', 'Echo (copy)', 'Echo (copy 2)'])).toBe('Echo (copy 3)');
  });

  it('apply to whatever workspace they are given, so an edit re-run on a newer copy keeps its changes', () => {
    const mine = edits.addTemplate('a', { id: 't', name: 'Mine', format: 'text', body: 'x' });
    const base = edits.createConnection(connection('a'))(createEmptyWorkspace()).workspace;
    const theirs = edits.renameCollection(base.collections[0]!.id, 'Renamed elsewhere')(base).workspace;
    const merged = mine(theirs).workspace;
    expect(merged.collections[0]?.name).toBe('Renamed elsewhere');
    expect(names(merged.connections[0]?.templates)).toEqual(['Mine']);
  });
});
