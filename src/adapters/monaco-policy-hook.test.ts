import { describe, expect, it } from 'vitest';
import { monacoPolicyHook } from './monaco-policy-hook';

/** A stand-in factory that records what was created, as the browser's would refuse a second use of a name. */
function recordingFactory() {
  const names: string[] = [];
  const factory = {
    createPolicy(name: string) {
      if (names.includes(name)) throw new TypeError(`Policy with name "${name}" already exists.`);
      names.push(name);
      return { name } as TrustedTypePolicy;
    },
  } as unknown as TrustedTypePolicyFactory;
  return { names, factory };
}

describe('monacoPolicyHook', () => {
  it('creates allowed policies and no others', () => {
    const { names, factory } = recordingFactory();
    const hook = monacoPolicyHook(['editorViewLayer'], factory);
    expect(hook('editorViewLayer', { createHTML: (value) => value })?.name).toBe('editorViewLayer');
    expect(hook('diffEditorWidget', { createHTML: (value) => value })).toBeUndefined();
    // Monaco's two worker loaders both ask for this name: refusing it means neither reaches the browser.
    expect(hook('defaultWorkerFactory', { createScriptURL: (value) => value })).toBeUndefined();
    expect(hook('defaultWorkerFactory', { createScriptURL: (value) => value })).toBeUndefined();
    expect(names).toEqual(['editorViewLayer']);
  });

  it('creates nothing where the browser has no Trusted Types', () => {
    expect(monacoPolicyHook(['editorViewLayer'], undefined)('editorViewLayer')).toBeUndefined();
  });
});
