import { createDefaultAutomation, type SavedConnection } from './workspace';

/** A saved connection for tests: an empty one at the top of collection `team`, with the fields given. */
export function savedConnection(
  fields: Pick<SavedConnection, 'id'> & Partial<SavedConnection>,
): SavedConnection {
  return {
    name: fields.id,
    url: '',
    protocols: [],
    templates: [],
    automation: createDefaultAutomation(),
    scenarios: [],
    collectionId: 'team',
    folderId: null,
    ...fields,
  };
}
