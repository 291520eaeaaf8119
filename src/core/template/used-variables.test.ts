import { describe, expect, it } from 'vitest';
import { isDefinedIn, referencedVariableNames, usedVariableNames } from './used-variables';
import type { VariableScope } from './variable';

const scope = (name: string, values: Record<string, string>): VariableScope => ({
  name,
  variables: Object.entries(values).map(([key, value]) => ({ name: key, value, secret: false })),
});

describe('referencedVariableNames', () => {
  it('lists each {{name}} once, in order, spaces allowed, and skips dynamic values', () => {
    expect(
      referencedVariableNames('ws://{{host}}/{{ path }}?id={{$uuid}}&t={{$timestamp}}&h={{host}}'),
    ).toEqual(['host', 'path']);
  });

  it('ignores text that only looks like a reference', () => {
    expect(referencedVariableNames('{{ not closed } {single} {{}} {{two words}}')).toEqual([]);
    expect(referencedVariableNames('no braces')).toEqual([]);
  });
});

describe('usedVariableNames', () => {
  it('follows names inside variable values, through every scope, transitively', () => {
    const scopes = [
      scope('Staging', { host: '{{hostname}}:{{port}}' }),
      scope('Global', { hostname: '{{zone}}.test', port: '1' }),
    ];
    expect(usedVariableNames(['ws://{{host}}/echo'], scopes)).toEqual(['host', 'hostname', 'port', 'zone']);
  });

  it('follows every definition of a name, not only the first', () => {
    const scopes = [scope('A', { host: 'a' }), scope('B', { host: '{{b}}' })];
    expect(usedVariableNames(['{{host}}'], scopes)).toEqual(['host', 'b']);
  });

  it('ends at a cycle and at names nothing defines', () => {
    const scopes = [scope('A', { a: '{{b}}', b: '{{a}}{{missing}}' })];
    expect(usedVariableNames(['{{a}}', 'plain', '{{$counter}}'], scopes)).toEqual(['a', 'b', 'missing']);
  });

  it('does not count variables nobody uses', () => {
    expect(usedVariableNames(['{{x}}'], [scope('A', { unused: '{{other}}', x: '1' })])).toEqual(['x']);
  });
});

describe('isDefinedIn', () => {
  it('is true when any scope defines the name, even with an empty value', () => {
    const scopes = [scope('A', { a: '' }), scope('B', { b: 'x' })];
    expect(isDefinedIn(scopes, 'a')).toBe(true);
    expect(isDefinedIn(scopes, 'b')).toBe(true);
    expect(isDefinedIn(scopes, 'c')).toBe(false);
  });
});
