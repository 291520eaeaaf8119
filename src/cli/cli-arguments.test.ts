import { describe, expect, it } from 'vitest';
import { parseCommandLine } from './cli-arguments';

const run = (...argv: string[]) => {
  const parsed = parseCommandLine(['run', ...argv]);
  if (!parsed.ok) throw new Error(parsed.error);
  if (parsed.value.kind !== 'run') throw new Error('expected a run');
  return parsed.value.args;
};
const error = (...argv: string[]) => {
  const parsed = parseCommandLine(argv);
  return parsed.ok ? null : parsed.error;
};

describe('parseCommandLine', () => {
  it('has defaults for everything but the file', () => {
    expect(run('team.json')).toEqual({
      file: 'team.json',
      scenarios: [],
      environment: null,
      variables: [],
      reporter: 'pretty',
      out: null,
      bail: false,
      timeoutMs: null,
      repeat: 1,
      concurrency: 1,
    });
  });

  it('reads every option, with a space or =, repeatable ones in order', () => {
    expect(
      run(
        '--scenario',
        'Smoke',
        '--scenario=Chat / Hello',
        'team.json',
        '--env',
        'Staging',
        '--var',
        'token=a=b',
        '--var=user=ada',
        '--reporter',
        'junit',
        '--out',
        'report.xml',
        '--bail',
        '--timeout-ms',
        '5000',
        '--repeat=20',
        '--concurrency',
        '4',
      ),
    ).toEqual({
      file: 'team.json',
      scenarios: ['Smoke', 'Chat / Hello'],
      environment: 'Staging',
      variables: [
        { name: 'token', value: 'a=b' },
        { name: 'user', value: 'ada' },
      ],
      reporter: 'junit',
      out: 'report.xml',
      bail: true,
      timeoutMs: 5000,
      repeat: 20,
      concurrency: 4,
    });
  });

  it('asks for help with no arguments or -h', () => {
    expect(parseCommandLine([])).toEqual({ ok: true, value: { kind: 'help' } });
    expect(parseCommandLine(['run', 'x.json', '--help'])).toEqual({ ok: true, value: { kind: 'help' } });
  });

  it('explains each mistake', () => {
    expect(error('test', 'x.json')).toBe('Unknown command “test”: the command is "run".');
    expect(error('run')).toBe('Which collection file? frameline run <collection-file>');
    expect(error('run', 'a.json', 'b.json')).toBe('One collection file at a time; got “a.json”, “b.json”.');
    expect(error('run', 'x.json', '--reporter', 'tap')).toBe(
      '--reporter is pretty, json or junit; got “tap”.',
    );
    expect(error('run', 'x.json', '--var', 'novalue')).toBe('--var takes name=value; got “novalue”.');
    expect(error('run', 'x.json', '--repeat', '0')).toBe(
      '--repeat takes a whole number from 1 to 100000; got “0”.',
    );
    expect(error('run', 'x.json', '--timeout-ms', '1.5')).toMatch(/^--timeout-ms takes a whole number/);
    expect(error('run', 'x.json', '--env')).toBe('--env needs a value.');
    expect(error('run', 'x.json', '--scenario', '--bail')).toBe('--scenario needs a value.');
    expect(error('run', 'x.json', '--verbose')).toBe('Unknown option --verbose.');
  });
});
