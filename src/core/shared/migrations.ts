import { err, ok, type Result } from './result';

/** One named step from a saved or exported shape's version `from` to `from + 1`, run on the raw data. */
export interface Migration {
  /** Says what changed, for logs and tests: `v3-to-v4/collections-and-folders`. */
  id: string;
  from: number;
  up: (old: Record<string, unknown>) => Record<string, unknown>;
}

/**
 * Runs the steps that bring data of version `from` up to version `to`, in order, before any schema sees it.
 * Fails with the first version that has no step (a gap in the list is a bug, reported rather than skipped).
 */
export function runMigrations(
  data: Record<string, unknown>,
  versions: { from: number; to: number },
  steps: readonly Migration[],
): Result<Record<string, unknown>, { missingFrom: number }> {
  let current = data;
  for (let version = versions.from; version < versions.to; version++) {
    const step = steps.find((migration) => migration.from === version);
    if (!step) return err({ missingFrom: version });
    current = step.up(current);
  }
  return ok(current);
}
