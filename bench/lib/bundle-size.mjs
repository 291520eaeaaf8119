// @ts-check
/** Figure 2, static part: the gzipped JavaScript that index.html makes the browser load before any interaction. */
import { gzipSync } from 'node:zlib';

export const GZIP_LEVEL = 9;

/**
 * @typedef {{ path: string, bytes: number, gzipBytes: number, monaco: boolean, via: string }} ChunkSize
 * @typedef {object} BundleReport
 * @property {number} gzipLevel
 * @property {ChunkSize[]} initial Entry script, modulepreloads and their static imports.
 * @property {number} initialBytes
 * @property {number} initialGzipBytes
 * @property {number} limitBytes
 * @property {boolean} pass Initial JS within the limit and free of Monaco.
 * @property {boolean} monacoInInitial
 * @property {string[]} notPreloaded Static imports of initial chunks that index.html does not preload.
 * @property {ChunkSize[]} lazy Every other .js file, largest first.
 * @property {number} lazyGzipBytes
 * @property {{ path: string, bytes: number, gzipBytes: number }[]} initialCss For information.
 */

/** Names and contents that mark Monaco code (the editor, its workers, its language modes). */
const MONACO_NAME = /message-editor|editor\.worker|json\.worker|jsonMode|monaco/i;
const MONACO_CONTENT = /MonacoEnvironment|monaco-editor|vs\/editor\//;

/** @param {string} html @param {RegExp} pattern */
const attributeValues = (html, pattern) => [...html.matchAll(pattern)].map((match) => match[1] ?? '');

/**
 * Static `import … from "./x.js"`, `import "./x.js"` and `export … from "./x.js"` of a built chunk, resolved
 * against the chunk's path. Dynamic `import("./x.js")` is left out: that code is lazy.
 * @param {string} path
 * @param {string} code
 */
function staticImports(path, code) {
  const pattern = /(?:^|[;\s}])(?:import|export)\s*(?:[\w$*{}\s,]*?from\s*)?(["'`])(\.\.?\/[^"'`]+?\.js)\1/g;
  return [...code.matchAll(pattern)].map((match) => new URL(match[2] ?? '', `http://x${path}`).pathname);
}

/**
 * @param {string} path
 * @param {Buffer} bytes
 * @param {string} via
 * @returns {ChunkSize}
 */
function measure(path, bytes, via) {
  return {
    path,
    bytes: bytes.length,
    gzipBytes: gzipSync(bytes, { level: GZIP_LEVEL }).length,
    monaco: MONACO_NAME.test(path) || MONACO_CONTENT.test(bytes.toString('utf8')),
    via,
  };
}

/**
 * @param {import('./dist-snapshot.mjs').Snapshot} files
 * @param {number} limitBytes
 * @returns {BundleReport}
 */
export function measureBundle(files, limitBytes) {
  const html = files.get('/index.html')?.toString('utf8') ?? '';
  const entries = attributeValues(html, /<script\b[^>]*\btype="module"[^>]*\bsrc="([^"]+)"/g);
  const preloads = attributeValues(html, /<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"/g);
  const preloadSet = new Set(preloads);

  /** @type {Map<string, string>} path to how it was found */
  const initialPaths = new Map();
  for (const path of entries) initialPaths.set(path, 'entry <script type="module">');
  for (const path of preloads)
    if (!initialPaths.has(path)) initialPaths.set(path, '<link rel="modulepreload">');
  // Follow static imports too: anything they reach is loaded before the app can run.
  const queue = [...initialPaths.keys()];
  for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
    const code = files.get(path)?.toString('utf8');
    if (code === undefined) throw new Error(`index.html loads ${path}, which is not in dist/`);
    for (const imported of staticImports(path, code)) {
      if (initialPaths.has(imported)) continue;
      initialPaths.set(imported, `static import from ${path}`);
      queue.push(imported);
    }
  }

  const initial = [...initialPaths].map(([path, via]) =>
    measure(path, files.get(path) ?? Buffer.alloc(0), via),
  );
  const lazy = [...files.keys()]
    .filter((path) => path.endsWith('.js') && !initialPaths.has(path))
    .map((path) => measure(path, files.get(path) ?? Buffer.alloc(0), 'lazy'))
    .sort((a, b) => b.gzipBytes - a.gzipBytes);
  const initialCss = attributeValues(html, /<link\b[^>]*\brel="stylesheet"[^>]*\bhref="([^"]+)"/g).map(
    (path) => {
      const bytes = files.get(path) ?? Buffer.alloc(0);
      return { path, bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: GZIP_LEVEL }).length };
    },
  );

  const initialGzipBytes = initial.reduce((sum, chunk) => sum + chunk.gzipBytes, 0);
  const monacoInInitial = initial.some((chunk) => chunk.monaco);
  return {
    gzipLevel: GZIP_LEVEL,
    initial,
    initialBytes: initial.reduce((sum, chunk) => sum + chunk.bytes, 0),
    initialGzipBytes,
    limitBytes,
    pass: initialGzipBytes <= limitBytes && !monacoInInitial,
    monacoInInitial,
    notPreloaded: initial
      .filter((chunk) => chunk.via.startsWith('static import') && !preloadSet.has(chunk.path))
      .map((chunk) => chunk.path),
    lazy,
    lazyGzipBytes: lazy.reduce((sum, chunk) => sum + chunk.gzipBytes, 0),
    initialCss,
  };
}
