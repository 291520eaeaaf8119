// Writes public/frameline-collection.schema.json from the zod schema in src/ (npm run schema), or with --check
// fails when the committed file differs from what would be written (npm run schema:check, part of npm run check).
// Node 20 cannot import TypeScript, so Vite's module runner loads the schema module.
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { runnerImport } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const target = fileURLToPath(new URL('../public/frameline-collection.schema.json', import.meta.url));

const { module } = await runnerImport('/src/core/collection/collection-file-json-schema.ts', {
  root,
  configFile: false,
  logLevel: 'error',
});
// One line in, Prettier's layout out: the same layout `prettier --check` expects of the committed file.
const options = await prettier.resolveConfig(target);
const text = await prettier.format(JSON.stringify(module.collectionFileJsonSchema()), {
  ...options,
  filepath: target,
});

if (process.argv.includes('--check')) {
  const committed = await readFile(target, 'utf8').catch(() => '');
  if (committed !== text) {
    console.error(
      'public/frameline-collection.schema.json differs from the zod schema it is generated from.\n' +
        'Run `npm run schema` and commit the result.',
    );
    process.exit(1);
  }
} else {
  await writeFile(target, text);
}
