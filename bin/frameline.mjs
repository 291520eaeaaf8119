#!/usr/bin/env node
// `npx frameline run <collection-file>`: runs the TypeScript sources through tsx, so the runner and the app
// share one core (src/core/scenario).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
const code = await main(process.argv.slice(2));
process.exitCode = code;
// Everything is closed by now; should a socket linger, it must not hold a CI job open.
setTimeout(() => process.exit(code), 1000).unref();
