import { describeCharacter } from '../codec/describe-character';
import { err, ok, type Result } from '../shared/result';
import { isVariableNameCharacter, type Variable, type VariableScope } from './variable';

/** A named set of variables (Staging, Production); an environment is itself a scope for interpolation. */
export interface Environment extends VariableScope {
  id: string;
  name: string;
  variables: Variable[];
}

/** Why a variable name is refused; `message` is written for the user. */
export interface VariableNameProblem {
  code: 'empty' | 'reserved-prefix' | 'illegal-character' | 'duplicate';
  message: string;
}

/** A name problem located at a row of an environment's variable list (0-based `index`). */
export interface VariableRowProblem extends VariableNameProblem {
  index: number;
  name: string;
}

/**
 * The scopes for interpolation in precedence order: the tab's active environment, then the collection's, then
 * the globals. Missing levels are skipped, and an environment chosen at two levels is listed once.
 */
export function scopeOrder(levels: {
  tab?: Environment | null;
  collection?: Environment | null;
  global?: Environment | null;
}): Environment[] {
  const scopes: Environment[] = [];
  for (const environment of [levels.tab, levels.collection, levels.global]) {
    if (environment && !scopes.some((scope) => scope.id === environment.id)) scopes.push(environment);
  }
  return scopes;
}

/** How secrets leave the app: by name only (the default), or with their values when the user chose so. */
export type SecretExport = 'names' | 'values';

/**
 * Variables as they may leave the app (export, share, copy): secrets keep their name and flag but lose their
 * value, unless `secrets: 'values'` (the user ticked "Include secret values" after a warning). Fields are copied
 * one by one so nothing unexpected rides along.
 */
export function exportableVariables(
  variables: readonly Variable[],
  options: { secrets?: SecretExport } = {},
): Variable[] {
  const keepSecrets = options.secrets === 'values';
  return variables.map(({ name, value, secret }) =>
    secret ? { name, value: keepSecrets ? value : '', secret: true } : { name, value, secret: false },
  );
}

/** Checks one name against the syntax `{{name}}` understands: letters, digits, `_`, `-`, `.`; no `$` prefix. */
export function validateVariableName(name: string): Result<string, VariableNameProblem> {
  if (name === '') return err({ code: 'empty', message: 'Enter a name for the variable.' });
  if (name.startsWith('$')) {
    return err({
      code: 'reserved-prefix',
      message: `"${name}" starts with "$", which is reserved for dynamic values such as {{$uuid}}.`,
    });
  }
  for (const character of name) {
    if (!isVariableNameCharacter(character)) {
      return err({
        code: 'illegal-character',
        message: `"${name}" contains ${describeCharacter(character)}. Variable names use letters, digits, "_", "-" and ".".`,
      });
    }
  }
  return ok(name);
}

/** Checks every name in one environment, including duplicates; each problem names its row for the editor. */
export function validateVariableNames(variables: readonly Pick<Variable, 'name'>[]): VariableRowProblem[] {
  const problems: VariableRowProblem[] = [];
  const firstRow = new Map<string, number>();
  variables.forEach(({ name }, index) => {
    const checked = validateVariableName(name);
    if (!checked.ok) {
      problems.push({ ...checked.error, index, name });
      return;
    }
    const first = firstRow.get(name);
    if (first === undefined) {
      firstRow.set(name, index);
      return;
    }
    problems.push({
      code: 'duplicate',
      message: `"${name}" is already defined in this environment (row ${first + 1}); only the first would be used.`,
      index,
      name,
    });
  });
  return problems;
}
