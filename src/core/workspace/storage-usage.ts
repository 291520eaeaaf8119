import { formatBytes } from '../shared/format';
import type { Workspace } from './workspace';

/** Something that takes room in browser storage, for "what to free" advice. */
export interface StorageItem {
  /** `template “Big payload” of Echo`, `the backup of unreadable data`. */
  label: string;
  /** Characters it takes (browsers count localStorage in characters). */
  chars: number;
}

/** The saved templates taking the most room, largest first. */
export function largestTemplates(workspace: Workspace, count: number): StorageItem[] {
  return workspace.connections
    .flatMap((connection) =>
      connection.templates.map((t) => ({
        label: `template “${t.name}” of ${connection.name}`,
        chars: t.body.length,
      })),
    )
    .sort((a, b) => b.chars - a.chars)
    .slice(0, count);
}

/**
 * The sentence a failed save shows when storage is full: that the change was not made, how much the saved work
 * needs, and the largest things that could go, so the user knows what to free.
 */
export function describeFullStorage(options: {
  neededChars: number;
  largest: readonly StorageItem[];
}): string {
  const items = options.largest.filter((item) => item.chars >= 1024);
  const advice =
    items.length > 0
      ? ` The largest things stored: ${items.map((i) => `${i.label} (${formatBytes(i.chars)})`).join(', ')}. Delete or shorten some of them, then try again.`
      : ' Delete large templates or other Frameline data, then try again.';
  return (
    `Not saved: this site's browser storage is full, so the change was not made. Your saved work would need ` +
    `${formatBytes(options.neededChars)}; browsers allow about 5 MiB per site.${advice}`
  );
}
