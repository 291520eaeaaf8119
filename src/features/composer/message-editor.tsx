import Editor, { type OnMount } from '@monaco-editor/react';
import { useEffect, useRef, useState } from 'react';
import type { TemplateFormat } from '@/core/workspace/workspace';
import { LARGE_MESSAGE_CHARS } from './large-message';
import { monaco } from './monaco-setup';

const IS_MAC = /Mac|iPhone|iPad/.test(navigator.userAgent);

/** A squiggle in the editor: 1-based line and column, length in characters. */
export interface EditorMarker {
  severity: 'error' | 'warning';
  line: number;
  column: number;
  length: number;
  message: string;
}

/** What the composer may do with a mounted editor. */
export interface EditorHandle {
  /** Pretty-prints the JSON in place (through Monaco, so undo still works). */
  format(): void;
  focus(): void;
}

export interface MessageEditorProps {
  value: string;
  format: TemplateFormat;
  theme: 'light' | 'dark';
  /** Located problems: a hex/base64 spelling mistake or invalid JSON (errors), unknown names (warnings). */
  markers: readonly EditorMarker[];
  onChange(value: string): void;
  onSend(): void;
  /** Receives what the composer may do with the editor once it is mounted, and null once it is gone. */
  onReady(editor: EditorHandle | null): void;
  /** Tab moves focus out of the editor (the default, so keyboard users are never trapped) or indents. */
  tabMovesFocus: boolean;
  /** Ctrl+M: switches what Tab does. */
  onToggleTabMovesFocus(): void;
  /** The id of the hint next to the editor that says what Tab does. */
  describedBy: string;
  /** Too large for the editor's costlier features: they are off while it is (the composer says so). */
  large: boolean;
}

// What a large message turns off, and the values that turn it back on. Language features too: Monaco's JSON
// mode on a long wrapped line froze the page for seconds, plain text with the same line took a fraction.
function featureOptions(on: boolean): monaco.editor.IEditorOptions & monaco.editor.IGlobalEditorOptions {
  return {
    folding: on,
    bracketPairColorization: { enabled: on },
    guides: { indentation: on },
    matchBrackets: on ? 'always' : 'never',
    occurrencesHighlight: on ? 'singleFile' : 'off',
    selectionHighlight: on,
    wordBasedSuggestions: on ? 'matchingDocuments' : 'off',
    colorDecorators: on,
    links: on,
    stickyScroll: { enabled: on },
    // Monaco's own defaults when on: confusable characters are flagged, also inside strings.
    unicodeHighlight: on
      ? {
          ambiguousCharacters: true,
          invisibleCharacters: true,
          nonBasicASCII: 'inUntrustedWorkspace',
          includeStrings: true,
        }
      : { ambiguousCharacters: false, invisibleCharacters: false, nonBasicASCII: false },
  };
}

/** The Monaco editor for the message body. Default export: this module is the lazily loaded chunk. */
export default function MessageEditor(props: MessageEditorProps) {
  const { value, format, theme, markers, onChange, onReady } = props;
  const { tabMovesFocus, describedBy, large } = props;
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
  // Monaco binds commands once; the ref keeps them calling the latest handlers.
  const handlers = useRef({ onSend: props.onSend, onToggleTabMovesFocus: props.onToggleTabMovesFocus });
  useEffect(() => {
    handlers.current = { onSend: props.onSend, onToggleTabMovesFocus: props.onToggleTabMovesFocus };
  }, [props.onSend, props.onToggleTabMovesFocus]);

  const onMount: OnMount = (editor) => {
    setEditor(editor);
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => handlers.current.onSend());
    // Monaco's own Ctrl+M flips a page-wide flag that cannot undo the `tabFocusMode` option: own the key.
    // Ctrl is CtrlCmd everywhere but on a Mac, where CtrlCmd is Cmd (and Cmd+M minimizes the window).
    const ctrl = IS_MAC ? monaco.KeyMod.WinCtrl : monaco.KeyMod.CtrlCmd;
    editor.addCommand(ctrl | monaco.KeyCode.KeyM, () => handlers.current.onToggleTabMovesFocus());
    editor
      .getDomNode()
      ?.querySelector('[aria-label="Message"]')
      ?.setAttribute('aria-describedby', describedBy);
    onReady({
      format: () => void editor.getAction('editor.action.formatDocument')?.run(),
      focus: () => editor.focus(),
    });
    editor.onDidDispose(() => onReady(null));
    const model = editor.getModel();
    if (!model) return;
    // What is typed is sent unchanged: keep \n line endings whatever the platform.
    model.setEOL(monaco.editor.EndOfLineSequence.LF);
    // The props switch features when the composer re-renders, after Monaco has drawn the new text once: a
    // large paste would still be drawn (and tokenized as JSON) with everything on. Switch before that frame.
    editor.onDidChangeModelContent(() => {
      if (model.getValueLength() <= LARGE_MESSAGE_CHARS) return;
      editor.updateOptions(featureOptions(false));
      if (model.getLanguageId() !== 'plaintext') monaco.editor.setModelLanguage(model, 'plaintext');
    });
  };

  return (
    <Editor
      className="message-editor"
      value={value}
      language={format === 'json' && !large ? 'json' : 'plaintext'}
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
        tabFocusMode: tabMovesFocus,
        ...featureOptions(!large),
      }}
    />
  );
}
