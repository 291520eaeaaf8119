// Monaco's environment, read by Monaco when it needs a worker. The `?worker&url` imports are bare URLs: no
// Monaco code runs here.
import editorWorkerUrl from 'monaco-editor/editor/editor.worker?worker&url';
import jsonWorkerUrl from 'monaco-editor/languages/features/json/json.worker?worker&url';
import { startBundledWorker } from '@/adapters/bundled-worker';

self.MonacoEnvironment = {
  getWorker: (_workerId: string, label: string) =>
    startBundledWorker(label === 'json' ? jsonWorkerUrl : editorWorkerUrl, label),
};
