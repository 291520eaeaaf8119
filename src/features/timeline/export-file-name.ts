/**
 * `frameline-<host>-<yyyy-mm-dd-hhmmss>.<extension>` in local time: files sort by when they were taken, and the
 * name says which server they came from. Characters a file system may refuse (the port's colon) become dashes.
 */
export function exportFileName(url: string, at: Date, extension: string): string {
  const host = hostOf(url)
    .replace(/[^a-z0-9.]+/gi, '-')
    .replace(/^-+|-+$/g, '');
  const pad = (n: number) => String(n).padStart(2, '0');
  const date = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
  const time = `${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}`;
  return `frameline-${host || 'timeline'}-${date}-${time}.${extension}`;
}

// A URL still holding {{variables}}, or none at all, has no host worth naming.
function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}
