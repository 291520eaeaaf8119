// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { bundledScriptUrl } from './bundled-worker';

const PAGE = 'http://127.0.0.1:4173/#share=abc';

describe('bundledScriptUrl', () => {
  it('accepts the app’s own scripts, built and served by the dev server', () => {
    expect(bundledScriptUrl('/assets/json.worker-BfeARH1Q.js', PAGE)).toBe(
      'http://127.0.0.1:4173/assets/json.worker-BfeARH1Q.js',
    );
    expect(
      bundledScriptUrl(
        '/node_modules/monaco-editor/esm/vs/editor/editor.worker.js?worker_file&type=module',
        PAGE,
      ),
    ).toBe(
      'http://127.0.0.1:4173/node_modules/monaco-editor/esm/vs/editor/editor.worker.js?worker_file&type=module',
    );
  });

  it.each([
    ['another origin', 'http://evil.example/assets/worker.js'],
    ['another port', 'http://127.0.0.1:8787/assets/worker.js'],
    ['another scheme', 'https://127.0.0.1:4173/assets/worker.js'],
    ['a blob: URL', 'blob:http://127.0.0.1:4173/0b3c6a52-2bd4-4c1e-a0d9-2a3b8c4f0e11'],
    ['a blob: URL shaped like a script', 'blob:http://127.0.0.1:4173/x.js'],
    ['a data: URL', 'data:text/javascript,postMessage(1)//.js'],
    ['a javascript: URL', 'javascript:alert(1)//.js'],
    ['a path that is not a script', '/collection'],
  ])('refuses %s', (_label, input) => {
    expect(() => bundledScriptUrl(input, PAGE)).toThrow(TypeError);
  });
});
