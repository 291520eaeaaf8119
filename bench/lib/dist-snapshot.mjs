// @ts-check
/**
 * Reads the whole build output into memory once. Others may rebuild dist/ while the bench runs; serving and
 * measuring one in-memory snapshot keeps every run on the same build.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** @typedef {Map<string, Buffer>} Snapshot URL path ("/assets/x.js") to file bytes. */

/**
 * @param {string} dir
 * @returns {Promise<string[]>}
 */
async function listFiles(dir) {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

/**
 * @param {string} distDir
 * @returns {Promise<Snapshot>}
 */
async function readSnapshot(distDir) {
  /** @type {Snapshot} */
  const files = new Map();
  for (const file of await listFiles(distDir)) {
    files.set(`/${relative(distDir, file).split(sep).join('/')}`, await readFile(file));
  }
  return files;
}

/**
 * Files that index.html references by absolute path but the snapshot lacks (a build was in progress).
 * @param {Snapshot} files
 */
function missingReferences(files) {
  const html = files.get('/index.html')?.toString('utf8');
  if (html === undefined) return ['/index.html'];
  const references = [...html.matchAll(/\s(?:src|href)="(\/[^"]+)"/g)].map((match) => match[1] ?? '');
  return references.filter((path) => !files.has(path));
}

/**
 * Reads dist/, retrying a few times while it looks half-written.
 * @param {string} distDir
 * @returns {Promise<Snapshot>}
 */
export async function snapshotDist(distDir) {
  let problem = '';
  for (let attempt = 0; attempt < 5; attempt++) {
    if (attempt > 0) await sleep(2000);
    try {
      const files = await readSnapshot(distDir);
      const missing = missingReferences(files);
      if (missing.length === 0) return files;
      problem = `index.html references missing files: ${missing.join(', ')}`;
    } catch (error) {
      problem = error instanceof Error ? error.message : String(error);
    }
  }
  throw new Error(`Cannot read a complete build in ${distDir} (${problem}). Run "npx vite build" first.`);
}
