import * as z from 'zod/mini';
import { LENS_IDS } from '../protocol/lens';
import { asRecord } from '../shared/as-record';
import { runMigrations, type Migration } from '../shared/migrations';
import { automationDraftSchema } from './automation-draft';

/**
 * A browser tab's open tabs as stored (one set per browser tab): the open tabs, which is active, and when they
 * were saved. Open tabs are a convenience, so reading is lenient: a tab that does not parse is skipped rather
 * than failing the whole set, and unknown keys are dropped.
 */

export const TABS_VERSION = 2;

const nullableId = z.nullable(z.string());

const recordedSchema = z.object({
  title: z.string(),
  /** The archived session it shows; null for a recording that is not archived. */
  archiveId: z._default(nullableId, null),
});

export const tabSchema = z.object({
  id: z.string(),
  /** The name the user gave the tab; null while its title follows its saved connection or URL. */
  name: z._default(z.nullable(z.string()), null),
  /** The saved connection this tab was opened from, if any. */
  connectionId: nullableId,
  url: z.string(),
  /** The subprotocol field as typed ("chat.v1, json"). */
  protocolsText: z.string(),
  message: z.string(),
  format: z.enum(['text', 'json', 'binary']),
  /** For binary messages: how the draft spells its bytes. */
  binaryEncoding: z._default(z.enum(['hex', 'base64']), 'hex'),
  /** The environment whose variables this tab uses (above the global ones); null for globals only. */
  environmentId: z._default(nullableId, null),
  /**
   * The protocol lens the user picked for this tab; null follows what the subprotocol or URL suggests (else
   * Raw). One this build does not know falls back to null rather than losing the tab.
   */
  lens: z.catch(z._default(z.nullable(z.enum(LENS_IDS)), null), null),
  /** JSON the lens sends in its own handshake (Socket.IO auth, GraphQL connection_init payload); '' for none. */
  handshakePayload: z._default(z.string(), ''),
  /** What the user typed in each lens composer form, by `<lens>/<form>`, so a tab switch or reload keeps it. */
  lensDrafts: z.catch(
    z._default(z.record(z.string(), z.record(z.string(), z.union([z.string(), z.boolean()]))), {}),
    {},
  ),
  /** The composer form last chosen for each lens. */
  lensForms: z.catch(z._default(z.record(z.string(), z.string()), {}), {}),
  /** Automation edits not yet applied to the saved connection; null when there are none. */
  automationDraft: z._default(z.nullable(automationDraftSchema), null),
  /**
   * Set on a read-only tab showing a recorded timeline (a HAR import, or a session opened from History). With an
   * `archiveId` its events are in the session archive, so the tab is stored and shows them again after a
   * reload; without one they live only in memory and the tab is not stored.
   */
  recorded: z._default(z.nullable(recordedSchema), null),
});

/** One open tab: what the user is editing. Its live socket lives in the runtime, keyed by tab id. */
export type Tab = z.infer<typeof tabSchema>;

/** A tab as stored: a draft kept in IndexedDB (too large for localStorage) has an empty `message` here. */
const storedTabSchema = z.extend(tabSchema, {
  // Only a recording the archive holds can be shown again, so only such a recorded tab is stored.
  recorded: z.catch(z.nullable(z.object({ title: z.string(), archiveId: z.string() })), null),
  draftStored: z.optional(z.boolean()),
});

export type StoredTab = z.infer<typeof storedTabSchema>;

export interface StoredTabs {
  version: number;
  /** Epoch ms of the save; tells a closed browser tab's set from one mid-reload. */
  savedAt: number;
  tabs: StoredTab[];
  activeTabId: string | null;
}

const MIGRATIONS: Migration[] = [
  {
    // Version 1 kept one set for every browser tab, with no time of saving.
    id: 'v1-to-v2/saved-at',
    from: 1,
    up: (old) => ({ ...old, savedAt: 0 }),
  },
];

/** Reads a stored set of tabs of any known version, skipping tabs that do not parse; null if it is not one. */
export function parseStoredTabs(value: unknown): StoredTabs | null {
  const stored = asRecord(value);
  const { version } = stored;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1 || version > TABS_VERSION) {
    return null;
  }
  const migrated = runMigrations(stored, { from: version, to: TABS_VERSION }, MIGRATIONS);
  if (!migrated.ok || !Array.isArray(migrated.value.tabs)) return null;
  const tabs = migrated.value.tabs.flatMap((raw: unknown) => {
    const tab = z.safeParse(storedTabSchema, raw);
    return tab.success ? [tab.data] : [];
  });
  const { savedAt, activeTabId } = migrated.value;
  const active = tabs.find((t) => t.id === activeTabId) ?? tabs[0];
  return {
    version: TABS_VERSION,
    savedAt: typeof savedAt === 'number' ? savedAt : 0,
    tabs,
    activeTabId: active?.id ?? null,
  };
}
