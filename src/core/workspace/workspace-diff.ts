import type { Workspace } from './workspace';

/**
 * The items of a workspace that differ between two versions of it, each under a stable key
 * (`connection:<id>`, `template:<connectionId>/<id>` …) with a label for notices (`connection “Echo”`). Order
 * among siblings is not an item: moving things around never counts as editing them. Used to tell a browser tab
 * that another tab replaced one of its edits.
 */
export function changedItems(before: Workspace, after: Workspace): Map<string, string> {
  const a = itemsOf(before);
  const b = itemsOf(after);
  const changed = new Map<string, string>();
  for (const [key, item] of b) {
    if (a.get(key)?.value !== item.value) changed.set(key, item.label);
  }
  for (const [key, item] of a) {
    if (!b.has(key)) changed.set(key, item.label);
  }
  return changed;
}

interface Item {
  label: string;
  /** The item's content, serialized: equal strings mean an unchanged item. */
  value: string;
}

function itemsOf(workspace: Workspace): Map<string, Item> {
  const items = new Map<string, Item>();
  const add = (key: string, label: string, value: unknown) =>
    items.set(key, { label, value: JSON.stringify(value) });
  for (const { id, name, variables, folders } of workspace.collections) {
    add(`collection:${id}`, `collection “${name}”`, { name, variables });
    for (const folder of folders) {
      add(`folder:${id}/${folder.id}`, `folder “${folder.name}”`, {
        name: folder.name,
        parentId: folder.parentId,
      });
    }
  }
  for (const { templates, scenarios, ...connection } of workspace.connections) {
    add(`connection:${connection.id}`, `connection “${connection.name}”`, connection);
    for (const template of templates) {
      add(`template:${connection.id}/${template.id}`, `template “${template.name}”`, template);
    }
    for (const scenario of scenarios) {
      add(`scenario:${connection.id}/${scenario.id}`, `scenario “${scenario.name}”`, scenario);
    }
  }
  for (const { id, name, variables } of workspace.environments) {
    add(`environment:${id}`, `environment “${name}”`, { name, variables });
  }
  add('settings', 'the settings', workspace.settings);
  return items;
}
