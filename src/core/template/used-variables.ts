import { findVariableReferences } from './interpolate';
import type { VariableScope } from './variable';

/** The variable names a text refers to as `{{name}}`, once each, in order. Dynamic values (`{{$uuid}}`) are not variables. */
export function referencedVariableNames(text: string): string[] {
  const names = new Set<string>();
  for (const reference of findVariableReferences(text)) {
    if (reference.kind === 'variable') names.add(reference.name);
  }
  return [...names];
}

/**
 * Every variable name `texts` refer to, and the names inside the values of the variables in `scopes` that define
 * them, followed transitively, in order of first use. Every definition is followed, not only the one that wins
 * here: the receiving side may resolve the name elsewhere. A cycle simply ends the walk (sending reports it).
 */
export function usedVariableNames(texts: Iterable<string>, scopes: readonly VariableScope[]): string[] {
  const used = new Set<string>();
  const pending: string[] = [];
  const visit = (text: string) => {
    for (const name of referencedVariableNames(text)) {
      if (used.has(name)) continue;
      used.add(name);
      pending.push(name);
    }
  };
  for (const text of texts) visit(text);
  // The array iterator reads the length on every step, so names found on the way are visited too.
  for (const name of pending) {
    for (const scope of scopes) {
      for (const variable of scope.variables) if (variable.name === name) visit(variable.value);
    }
  }
  return [...used];
}

/** Whether any scope defines `name`. */
export function isDefinedIn(scopes: readonly VariableScope[], name: string): boolean {
  return scopes.some((scope) => scope.variables.some((variable) => variable.name === name));
}
