import { formatBytes } from '@/core/shared/format';
import { utf8ByteLength } from '@/core/shared/utf8';
import { toMessagePayload } from '@/core/codec/message-payload';
import { resolveText, unresolvedNames } from '@/runtime/message-resolution';
import { peekCounter } from '@/runtime/session-runtime';
import { useSessionsStore } from '@/stores/sessions-store';
import type { Tab } from '@/stores/tabs-store';
import { useWorkspaceStore } from '@/stores/workspace-store';

const PREVIEW_CHARS = 2000;

/**
 * What will actually be sent when the draft uses `{{variables}}`: the expanded text (secrets masked), its
 * size, and any names no environment defines. Shown only when there is something to expand.
 */
export function ResolvedPreview({ tab }: { tab: Tab }) {
  // Re-render when environments change, or after each send (the counter moves).
  useWorkspaceStore((s) => s.workspace.environments);
  useWorkspaceStore((s) => s.workspace.collections);
  useSessionsStore((s) => s.views[tab.id]?.stats.sent);
  if (!tab.message.includes('{{')) return null;

  const counter = peekCounter(tab.id);
  const masked = resolveText(tab.id, tab.message, { counter, secrets: 'mask' });
  if (!masked.ok) {
    return (
      <p className="field-error" role="alert">
        {masked.error}
      </p>
    );
  }
  const real = resolveText(tab.id, tab.message, { counter });
  const payload = real.ok
    ? toMessagePayload({ format: tab.format, body: real.value.text, encoding: tab.binaryEncoding })
    : null;
  const size = payload?.ok
    ? formatBytes(typeof payload.value === 'string' ? utf8ByteLength(payload.value) : payload.value.length)
    : 'invalid';
  const missing = unresolvedNames(masked.value.unresolved);
  const text = masked.value.text;

  return (
    <section className="resolved-preview" aria-label="Resolved message">
      <div className="resolved-header">
        <span className="section-title">Will send</span>
        <span className="byte-count" aria-label="Resolved size">
          {size}
        </span>
        {missing.length > 0 && (
          <span className="warning-text">Unresolved: {missing.map((name) => `{{${name}}}`).join(', ')}</span>
        )}
      </div>
      <pre>{text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS)}…` : text}</pre>
    </section>
  );
}
