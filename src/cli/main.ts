import { readFile, writeFile } from 'node:fs/promises';
import { WebSocket } from 'ws';
import { parseImport } from '../core/collection/parse-import';
import type { SocketLike } from '../core/session/socket';
import { parseCommandLine, USAGE, type RunArguments } from './cli-arguments';
import { jsonReport, junitReport, prettyReport, summaryLine } from './reporters';
import { planRun, runPlan, type RunReport } from './run-collection';

/*
 * `frameline run`: the side effects around run-collection.ts (files, sockets, the terminal, the exit code).
 * Exit 0 when every scenario passed, 1 when any failed, 2 when it could not start.
 */

const EXIT_FAILED = 1;
const EXIT_USAGE = 2;

export async function main(argv: readonly string[]): Promise<number> {
  const command = parseCommandLine(argv);
  if (!command.ok) {
    process.stderr.write(`frameline: ${command.error}\n\n${USAGE}\n`);
    return EXIT_USAGE;
  }
  if (command.value.kind === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const args = command.value.args;
  let text: string;
  try {
    text = await readFile(args.file, 'utf8');
  } catch (error) {
    process.stderr.write(
      `frameline: cannot read “${args.file}”: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`,
    );
    return EXIT_USAGE;
  }
  const document = parseImport(text, { newId: () => crypto.randomUUID() });
  if (!document.ok) {
    process.stderr.write(
      `frameline: “${args.file}” cannot be read as a collection: ${document.error.message} (at ${document.error.path})\n`,
    );
    return EXIT_USAGE;
  }
  const plan = planRun(document.value, args);
  if (!plan.ok) {
    process.stderr.write(`frameline: ${plan.error}\n`);
    return EXIT_USAGE;
  }
  const report = await runPlan(plan.value, args, {
    createSocket: (url, protocols, headers) =>
      new WebSocket(url, protocols, { headers }) as unknown as SocketLike,
    timers: {
      setTimeout: (callback, ms) => setTimeout(callback, ms),
      clearTimeout: (id) => clearTimeout(id as NodeJS.Timeout),
    },
    now: () => Date.now(),
  });
  const written = await writeReport(report, args);
  if (!written) return EXIT_USAGE;
  return report.passed ? 0 : EXIT_FAILED;
}

async function writeReport(report: RunReport, args: RunArguments): Promise<boolean> {
  const colour = args.out === null && process.stdout.isTTY === true && !process.env['NO_COLOR'];
  const body =
    args.reporter === 'json'
      ? jsonReport(report)
      : args.reporter === 'junit'
        ? junitReport(report)
        : prettyReport(report, { colour });
  if (args.out === null) {
    process.stdout.write(body);
    return true;
  }
  try {
    await writeFile(args.out, body);
  } catch (error) {
    process.stderr.write(
      `frameline: cannot write “${args.out}”: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`,
    );
    return false;
  }
  process.stdout.write(`${summaryLine(report)}; ${args.reporter} report in ${args.out}\n`);
  return true;
}
