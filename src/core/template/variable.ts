/** A named value a template can refer to as `{{name}}`. Secret values are masked in previews and never exported. */
export interface Variable {
  name: string;
  value: string;
  secret: boolean;
}

/** One layer of variables (an environment, the globals); a list of scopes is ordered by precedence. */
export interface VariableScope {
  name: string;
  variables: readonly Variable[];
}

/**
 * Characters a variable name may contain: letters and decimal digits of any script, `_`, `-` and `.`. Kept as a
 * source string so the parser and the name validation cannot drift apart.
 */
export const VARIABLE_NAME_CHARACTER = String.raw`[\p{L}\p{M}\p{Nd}_.\-]`;

const NAME_CHARACTER = new RegExp(`^${VARIABLE_NAME_CHARACTER}$`, 'u');

/** Whether one character (a code point, not a UTF-16 unit) may appear in a variable name. */
export function isVariableNameCharacter(character: string): boolean {
  return NAME_CHARACTER.test(character);
}

/**
 * Flattens scopes, most specific first, into one lookup: the first scope that defines a name wins, and within a
 * scope the first definition wins (duplicates are a validation error, but resolution must still be predictable).
 */
export function mergeScopes(scopes: readonly VariableScope[]): ReadonlyMap<string, Variable> {
  const merged = new Map<string, Variable>();
  for (const scope of scopes) {
    for (const variable of scope.variables) {
      if (!merged.has(variable.name)) merged.set(variable.name, variable);
    }
  }
  return merged;
}
