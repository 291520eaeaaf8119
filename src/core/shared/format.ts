/** "512 B", "1.5 KiB", "3.2 MiB": sizes people read at a glance. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${trim(bytes / 1024)} KiB`;
  if (bytes < 1024 * 1024 * 1024) return `${trim(bytes / (1024 * 1024))} MiB`;
  return `${trim(bytes / (1024 * 1024 * 1024))} GiB`;
}

/** Local wall-clock time with milliseconds: "14:03:27.418". */
export function formatClock(epochMs: number): string {
  const date = new Date(epochMs);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

/** Time since open: "+0 ms", "+1,204 ms", "+2:05.120" past a minute. */
export function formatSinceOpen(ms: number | null): string {
  if (ms === null) return '';
  const whole = Math.max(0, Math.round(ms));
  if (whole < 60_000) return `+${groupThousands(whole)} ms`;
  const minutes = Math.floor(whole / 60_000);
  const seconds = ((whole % 60_000) / 1000).toFixed(3).padStart(6, '0');
  return `+${minutes}:${seconds}`;
}

/** A duration for lifecycle rows: "850 ms", "12.4 s", "3 min 5 s". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${trim(ms / 1000)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

function trim(value: number): string {
  return value >= 100 ? value.toFixed(0) : value.toFixed(1).replace(/\.0$/, '');
}

/** 1234567 → "1,234,567". Intl's toLocaleString is slow for the thousands of rows a stream renders. */
export function groupThousands(value: number): string {
  const digits = String(Math.trunc(Math.abs(value)));
  let grouped = '';
  for (let end = digits.length; end > 0; end -= 3) {
    grouped = digits.slice(Math.max(0, end - 3), end) + (grouped ? ',' + grouped : '');
  }
  return (value < 0 ? '-' : '') + grouped;
}
