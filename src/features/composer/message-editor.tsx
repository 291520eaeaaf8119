import Editor, { type OnMount } from '@monaco-editor/react';
import { useEffect, useRef, useState } from 'react';
import type { TemplateFormat } from '@/core/workspace/workspace';
import { monaco } from './monaco-setup';

/** A squiggle in the editor: 1-based line and column, length in characters. */
export interface EditorMarker {
  severity: 'error' | 'warning';
  line: number;
  column: number;
  length: number;
  message: string;
}

export interface MessageEditorProps {
  value: string;
  format: TemplateFormat;
  theme: 'light' | 'dark';
  /** Located problems: a hex/base64 spelling mistake (error), names no environment defines (warning). */
  markers: readonly EditorMarker[];
  onChange(value: string): void;
  onSend(): void;
  /** Receives a function that pretty-prints the JSON in place (through Monaco, so undo still works). */
  onFormatReady(format: (() => void) | null): void;
  onJsonProblemsChange(count: number): void;
}

/** The Monaco editor for the message body. Default export: this module is the lazily loaded chunk. */
export default function MessageEditor(props: MessageEditorProps) {
  const { value, format, theme, markers, onChange, onFormatReady, onJsonProblemsChange } = props;
  const [editor, setEditor] = useState<Parameters<OnMount>[0] | null>(null);

  useEffect(() => {
    const model = editor?.getModel();
    if (!model) return;
    monaco.editor.setModelMarkers(
      model,
      'frameline',
      markers.map((marker) => ({
        severity: marker.severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
        message: marker.message,
        startLineNumber: marker.line,
        startColumn: marker.column,
        endLineNumber: marker.line,
        endColumn: marker.column + marker.length,
      })),
    );
  }, [editor, markers]);
  // Monaco binds the command once; the ref keeps it calling the latest handler.
  const onSendRef = useRef(props.onSend);
  useEffect(() => {
    onSendRef.current = props.onSend;
  }, [props.onSend]);

  const onMount: OnMount = (editor) => {
    setEditor(editor);
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => onSendRef.current());
    onFormatReady(() => void editor.getAction('editor.action.formatDocument')?.run());
    const model = editor.getModel();
    if (!model) return;
    // What is typed is sent unchanged: keep \n line endings whatever the platform.
    model.setEOL(monaco.editor.EndOfLineSequence.LF);
    const reportMarkers = () =>
      onJsonProblemsChange(monaco.editor.getModelMarkers({ resource: model.uri, owner: 'json' }).length);
    const listener = monaco.editor.onDidChangeMarkers((uris) => {
      if (uris.some((uri) => uri.toString() === model.uri.toString())) reportMarkers();
    });
    editor.onDidDispose(() => {
      listener.dispose();
      onFormatReady(null);
    });
  };

  return (
    <Editor
      className="message-editor"
      value={value}
      language={format === 'json' ? 'json' : 'plaintext'}
      theme={theme === 'dark' ? 'vs-dark' : 'vs'}
      onChange={(next) => onChange(next ?? '')}
      onMount={onMount}
      loading={<div className="editor-loading">Loading editor…</div>}
      options={{
        ariaLabel: 'Message',
        minimap: { enabled: false },
        fontSize: 13,
        lineNumbersMinChars: 3,
        scrollBeyondLastLine: false,
        automaticLayout: true,
        wordWrap: 'on',
        tabSize: 2,
        renderWhitespace: 'selection',
        fixedOverflowWidgets: true,
        // Typing over a selection replaces it: `{` must not wrap the old text into what is sent. Brackets and
        // quotes still auto-close, and typing the closing one steps over it, so typed text stays exact.
        autoSurround: 'never',
      }}
    />
  );
}
