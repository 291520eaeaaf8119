// Loaded only inside the lazy editor chunk: Monaco is ~1 MB gzipped and must not delay the first paint.
// First: it installs the worker factory and the Trusted Types hook that Monaco reads as its modules load.
import './monaco-environment';
import { loader } from '@monaco-editor/react';
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/register.all';
import { jsonDefaults } from 'monaco-editor/languages/features/json/register';

// Without this, @monaco-editor/react injects a script tag that fetches Monaco from a CDN.
loader.config({ monaco });
// The composer checks JSON itself, on the text with its {{variables}} filled in: Monaco's own check would
// flag every placeholder. Its JSON worker still folds and formats.
jsonDefaults.setDiagnosticsOptions({ validate: false });

export { monaco };
