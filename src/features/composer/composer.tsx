import { lazy, Suspense, useState } from 'react';
import { useColorScheme } from '@/components/use-color-scheme';
import { utf8ByteLength } from '@/core/shared/utf8';
import { formatBytes } from '@/core/shared/format';
import type { TemplateFormat } from '@/core/workspace/workspace';
import { send } from '@/runtime/session-runtime';
import { useSessionState } from '@/stores/sessions-store';
import { useTabsStore, type Tab } from '@/stores/tabs-store';
import { SaveTemplateButton } from './save-template-button';
import { TemplateList } from './template-list';

const MessageEditor = lazy(() => import('./message-editor'));

/** The message editor, its send controls and the tab's saved templates. */
export function Composer({ tab }: { tab: Tab }) {
  const state = useSessionState(tab.id);
  const updateTab = useTabsStore((s) => s.updateTab);
  const scheme = useColorScheme();
  const [sendError, setSendError] = useState<string | null>(null);
  const [formatJson, setFormatJson] = useState<(() => void) | null>(null);
  const [jsonProblems, setJsonProblems] = useState(0);
  const open = state === 'open';

  const sendText = (text: string) => {
    const sent = send(tab.id, text);
    setSendError(sent.ok ? null : sent.error);
  };

  const setFormat = (format: TemplateFormat) => updateTab(tab.id, { format });

  return (
    <section className="composer" aria-label="Composer">
      <div className="panel-header">
        <div className="segmented" role="radiogroup" aria-label="Message format">
          {(['text', 'json'] as const).map((format) => (
            <button
              key={format}
              type="button"
              role="radio"
              aria-checked={tab.format === format}
              className={tab.format === format ? 'selected' : ''}
              onClick={() => setFormat(format)}
            >
              {format === 'text' ? 'Text' : 'JSON'}
            </button>
          ))}
        </div>
        {tab.format === 'json' && (
          <button
            type="button"
            className="button small"
            disabled={!formatJson}
            onClick={() => formatJson?.()}
          >
            Format
          </button>
        )}
        <span className="spacer" />
        {tab.format === 'json' && jsonProblems > 0 && (
          <span className="warning-text">
            {jsonProblems === 1 ? '1 JSON problem' : `${jsonProblems} JSON problems`}
          </span>
        )}
        <span className="byte-count" aria-label="Message size">
          {formatBytes(utf8ByteLength(tab.message))}
        </span>
        <SaveTemplateButton tab={tab} />
        <button
          type="button"
          className="button primary"
          disabled={!open}
          title={open ? 'Send (Ctrl+Enter)' : 'Connect first'}
          onClick={() => sendText(tab.message)}
        >
          Send
        </button>
      </div>
      <div className="editor-host">
        <Suspense fallback={<div className="editor-loading">Loading editor…</div>}>
          <MessageEditor
            value={tab.message}
            format={tab.format}
            theme={scheme}
            onChange={(message) => updateTab(tab.id, { message })}
            onSend={() => sendText(latestMessage(tab.id))}
            onFormatReady={(format) => setFormatJson(() => format)}
            onJsonProblemsChange={setJsonProblems}
          />
        </Suspense>
      </div>
      {sendError && (
        <p className="field-error" role="alert">
          {sendError}
        </p>
      )}
      <TemplateList tab={tab} onSend={sendText} canSend={open} />
    </section>
  );
}

// Ctrl+Enter is bound once inside Monaco: read the draft as it is at the moment of sending.
function latestMessage(tabId: string): string {
  return useTabsStore.getState().tabs.find((t) => t.id === tabId)?.message ?? '';
}
