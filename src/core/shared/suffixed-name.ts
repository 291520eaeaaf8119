/**
 * A name that stands apart from those taken: "Echo" → "Echo (copy)", then "Echo (copy 2)"… with the given label,
 * so duplicates and imports stay tellable apart in the sidebar.
 */
export function suffixedName(name: string, taken: readonly string[], label: string): string {
  const base = `${name} (${label})`;
  if (!taken.includes(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${name} (${label} ${n})`;
    if (!taken.includes(candidate)) return candidate;
  }
}
