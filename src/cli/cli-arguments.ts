import { err, ok, type Result } from '../core/shared/result';

/** What `frameline run` was asked to do. */
export interface RunArguments {
  file: string;
  /** Scenario names (or "connection / scenario"); empty means every scenario in the file. */
  scenarios: string[];
  /** The environment whose variables apply, by name. */
  environment: string | null;
  /** `--var name=value`: above every other scope. */
  variables: { name: string; value: string }[];
  reporter: 'pretty' | 'json' | 'junit';
  out: string | null;
  bail: boolean;
  /** The longest one scenario may run; null means no limit beyond its steps' own. */
  timeoutMs: number | null;
  repeat: number;
  concurrency: number;
}

export type ParsedCommand = { kind: 'help' } | { kind: 'run'; args: RunArguments };

export const USAGE = `Usage: frameline run <collection-file> [options]

Runs the scenarios of a Frameline collection file against their servers.

Options:
  --scenario NAME      run only this scenario (repeatable; "Connection / Scenario" picks one of several
                       with the same name); default: every scenario in the file
  --env NAME           use the variables of this environment from the file
  --var name=value     set a variable (repeatable); wins over the file's values
  --reporter KIND      pretty (default), json or junit
  --out FILE           write the report to FILE (a summary line still goes to stdout)
  --bail               stop after the first scenario that fails
  --timeout-ms N       end any scenario still running after N ms, as failed
  --repeat N           run each scenario N times (default 1) ...
  --concurrency C      ... with at most C runs at once (default 1); prints request latency percentiles
  -h, --help           show this help

Exit code: 0 when every scenario passes, 1 when any fails, 2 for bad arguments or an unreadable file.`;

const REPORTERS = ['pretty', 'json', 'junit'] as const;
const MAX_REPEAT = 100_000;
const MAX_CONCURRENCY = 1_000;

/** Parses the command line after the program name; a mistake is a message naming it. */
export function parseCommandLine(argv: readonly string[]): Result<ParsedCommand, string> {
  if (argv.length === 0 || argv.includes('-h') || argv.includes('--help')) return ok({ kind: 'help' });
  const [command, ...rest] = argv;
  if (command !== 'run') return err(`Unknown command “${command}”: the command is "run".`);
  const args: RunArguments = {
    file: '',
    scenarios: [],
    environment: null,
    variables: [],
    reporter: 'pretty',
    out: null,
    bail: false,
    timeoutMs: null,
    repeat: 1,
    concurrency: 1,
  };
  const files: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] as string;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? splitOnce(arg, '=') : [arg, undefined];
    const value = (): Result<string, string> => {
      if (inline !== undefined) return ok(inline);
      const next = rest[i + 1];
      if (next === undefined || next.startsWith('--')) return err(`${flag} needs a value.`);
      i++;
      return ok(next);
    };
    const take = <T>(read: (text: string) => Result<T, string>): Result<T, string> => {
      const text = value();
      return text.ok ? read(text.value) : text;
    };
    let problem: string | null = null;
    switch (flag) {
      case '--scenario': {
        const name = take(ok);
        if (name.ok) args.scenarios.push(name.value);
        else problem = name.error;
        break;
      }
      case '--env': {
        const name = take(ok);
        if (name.ok) args.environment = name.value;
        else problem = name.error;
        break;
      }
      case '--var': {
        const pair = take((text) => {
          const at = text.indexOf('=');
          return at <= 0
            ? err(`--var takes name=value; got “${text}”.`)
            : ok({ name: text.slice(0, at), value: text.slice(at + 1) });
        });
        if (pair.ok) args.variables.push(pair.value);
        else problem = pair.error;
        break;
      }
      case '--reporter': {
        const kind = take((text) =>
          (REPORTERS as readonly string[]).includes(text)
            ? ok(text as RunArguments['reporter'])
            : err(`--reporter is pretty, json or junit; got “${text}”.`),
        );
        if (kind.ok) args.reporter = kind.value;
        else problem = kind.error;
        break;
      }
      case '--out': {
        const path = take(ok);
        if (path.ok) args.out = path.value;
        else problem = path.error;
        break;
      }
      case '--bail':
        if (inline !== undefined) problem = '--bail takes no value.';
        args.bail = true;
        break;
      case '--timeout-ms': {
        const n = take((text) => wholeNumber('--timeout-ms', text, 1, 24 * 3_600_000));
        if (n.ok) args.timeoutMs = n.value;
        else problem = n.error;
        break;
      }
      case '--repeat': {
        const n = take((text) => wholeNumber('--repeat', text, 1, MAX_REPEAT));
        if (n.ok) args.repeat = n.value;
        else problem = n.error;
        break;
      }
      case '--concurrency': {
        const n = take((text) => wholeNumber('--concurrency', text, 1, MAX_CONCURRENCY));
        if (n.ok) args.concurrency = n.value;
        else problem = n.error;
        break;
      }
      default:
        if (arg.startsWith('-')) problem = `Unknown option ${flag}.`;
        else files.push(arg);
    }
    if (problem) return err(problem);
  }
  if (files.length === 0) return err('Which collection file? frameline run <collection-file>');
  if (files.length > 1)
    return err(`One collection file at a time; got ${files.map((f) => `“${f}”`).join(', ')}.`);
  args.file = files[0] as string;
  return ok({ kind: 'run', args });
}

function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  return [text.slice(0, at), text.slice(at + 1)];
}

function wholeNumber(flag: string, text: string, min: number, max: number): Result<number, string> {
  const n = Number(text);
  return /^\d+$/.test(text) && n >= min && n <= max
    ? ok(n)
    : err(`${flag} takes a whole number from ${min} to ${max}; got “${text}”.`);
}
