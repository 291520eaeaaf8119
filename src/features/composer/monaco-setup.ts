// Loaded only inside the lazy editor chunk: Monaco is ~1 MB gzipped and must not delay the first paint.
import { loader } from '@monaco-editor/react';
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/register.all';
import 'monaco-editor/languages/features/json/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import JsonWorker from 'monaco-editor/languages/features/json/json.worker?worker';

self.MonacoEnvironment = {
  getWorker: (_workerId: string, label: string) => (label === 'json' ? new JsonWorker() : new EditorWorker()),
};

// Without this, @monaco-editor/react injects a script tag that fetches Monaco from a CDN.
loader.config({ monaco });

export { monaco };
