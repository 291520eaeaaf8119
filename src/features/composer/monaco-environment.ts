// Monaco creates its Trusted Types policies while its modules evaluate, so this must run before any of them:
// composer.tsx loads it as a chunk of its own before the editor's, and monaco-setup imports it first. The
// `?worker&url` imports are bare URLs: no Monaco code runs here.
import editorWorkerUrl from 'monaco-editor/editor/editor.worker?worker&url';
import jsonWorkerUrl from 'monaco-editor/languages/features/json/json.worker?worker&url';
import { startBundledWorker } from '@/adapters/bundled-worker';
import { monacoPolicyHook } from '@/adapters/monaco-policy-hook';

self.MonacoEnvironment = {
  getWorker: (_workerId: string, label: string) =>
    startBundledWorker(label === 'json' ? jsonWorkerUrl : editorWorkerUrl, label),
  createTrustedTypesPolicy: monacoPolicyHook(__MONACO_TRUSTED_TYPES_POLICIES__, window.trustedTypes),
};
