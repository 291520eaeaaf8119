import { QueryBoundary } from '@/components/query-boundary';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { fetchText } from '@/adapters/fetch-text';
import { ModalDialog } from '@/components/modal-dialog';
import { SegmentedControl } from '@/components/segmented-control';
import type { ImportChoice } from '@/core/collection/apply-import';
import type { CollectionDocument, ImportError } from '@/core/collection/collection-document';
import { MAX_IMPORT_BYTES } from '@/core/collection/parse-import';
import type { Result } from '@/core/shared/result';
import { readImportFile, readImportText, readPastedText } from '@/runtime/collection-import';
import { importDocument } from '@/runtime/commands/workspace-commands';
import { openRecordedTimeline } from '@/runtime/recorded-timelines';
import type { ArchivedRecording } from '@/runtime/session-archive';
import { ImportErrorMessage } from './import-error-message';
import { ImportPreview } from './import-preview';

/** How the dialog opens: at the source picker, or already reading a dropped file or a share link. */
export type ImportStart =
  | { kind: 'choose' }
  | { kind: 'reading'; label: string; read: () => Promise<Result<CollectionDocument, ImportError>> };

type Step =
  | { kind: 'source' }
  | { kind: 'reading'; label: string }
  | { kind: 'preview'; document: CollectionDocument; label: string }
  | { kind: 'done'; summary: string; timelines: ArchivedRecording[] };

type SourceKind = 'file' | 'paste' | 'url';

/** What the user typed in the source step: kept while reading, so a failed read loses none of it. */
interface SourceDraft {
  source: SourceKind;
  text: string;
  url: string;
}

/** Import: pick a source, read it, preview what it adds, and store it only on "Import". */
export default function ImportDialog(props: { start: ImportStart; onClose(): void }) {
  return (
    <QueryBoundary>
      <ImportSteps {...props} />
    </QueryBoundary>
  );
}

function ImportSteps({ start, onClose }: { start: ImportStart; onClose(): void }) {
  const [step, setStep] = useState<Step>(
    start.kind === 'choose' ? { kind: 'source' } : { kind: 'reading', label: start.label },
  );
  const [error, setError] = useState<ImportError | null>(null);
  const [draft, setDraft] = useState<SourceDraft>({ source: 'file', text: '', url: '' });

  const read = async (label: string, reader: () => Promise<Result<CollectionDocument, ImportError>>) => {
    setError(null);
    setStep({ kind: 'reading', label });
    const result = await reader();
    if (result.ok) setStep({ kind: 'preview', document: result.value, label });
    else {
      setError(result.error);
      setStep({ kind: 'source' });
    }
  };

  // A dropped file or share link starts reading as soon as the dialog opens.
  const started = useRef(false);
  useEffect(() => {
    if (start.kind !== 'reading' || started.current) return;
    started.current = true;
    void read(start.label, start.read);
  }, [start]);

  const onConfirm = (
    document: CollectionDocument,
    options: { choices: Record<string, ImportChoice>; targetCollectionId: string | null },
  ) => {
    const committed = importDocument(document, options);
    if (!committed.ok) {
      setError({ path: '$', message: committed.error });
      return;
    }
    setStep({ kind: 'done', summary: summarize(document), timelines: committed.value.timelines });
  };

  return (
    <ModalDialog label="Import" className="import-dialog" onClose={onClose}>
      {step.kind === 'source' && (
        <SourceStep
          draft={draft}
          onDraftChange={(patch) => setDraft({ ...draft, ...patch })}
          error={error}
          onRead={(label, reader) => void read(label, reader)}
          onCancel={onClose}
        />
      )}
      {step.kind === 'reading' && (
        <div className="import-step" role="status">
          <h2>Import</h2>
          <p>Reading {step.label}…</p>
        </div>
      )}
      {step.kind === 'preview' && (
        <ImportPreview
          document={step.document}
          label={step.label}
          error={error}
          onConfirm={(options) => onConfirm(step.document, options)}
          onBack={() => setStep({ kind: 'source' })}
          onCancel={onClose}
        />
      )}
      {step.kind === 'done' && (
        <div className="import-step">
          <h2>Imported</h2>
          <p role="status">{step.summary} Nothing connects until you press Connect.</p>
          {step.timelines.length > 0 && (
            <ul className="import-timelines" aria-label="Recorded timelines">
              {step.timelines.map((timeline) => (
                <li key={timeline.connectionId}>
                  <button
                    type="button"
                    className="button small"
                    onClick={() => {
                      openRecordedTimeline(timeline);
                      onClose();
                    }}
                  >
                    Open recorded timeline: {timeline.title}
                  </button>
                  <span className="muted"> {timeline.events.length.toLocaleString('en')} events</span>
                </li>
              ))}
            </ul>
          )}
          <footer className="dialog-footer">
            <span className="spacer" />
            <button type="button" className="button primary" autoFocus onClick={onClose}>
              Done
            </button>
          </footer>
        </div>
      )}
    </ModalDialog>
  );
}

function SourceStep(props: {
  draft: SourceDraft;
  onDraftChange(patch: Partial<SourceDraft>): void;
  error: ImportError | null;
  onRead(label: string, reader: () => Promise<Result<CollectionDocument, ImportError>>): void;
  onCancel(): void;
}) {
  const { draft, onDraftChange, error, onRead, onCancel } = props;
  const { source, text, url } = draft;
  const fileInput = useRef<HTMLInputElement>(null);
  const fetchUrl = useMutation({
    mutationFn: (address: string) => fetchText(address, { maxBytes: MAX_IMPORT_BYTES }),
  });

  const onFetch = (event: FormEvent) => {
    event.preventDefault();
    const address = url.trim();
    fetchUrl.mutate(address, {
      onSuccess: (body) => onRead(address, async () => readImportText(body, fileNameOf(address))),
    });
  };

  return (
    <div className="import-step">
      <h2>Import</h2>
      <p className="hint">
        Frameline collection files, Insomnia exports (v4 JSON or YAML, v5 YAML) and HAR recordings from Chrome
        or Firefox. You see what will be added before anything is saved.
      </p>
      <SegmentedControl
        label="Import from"
        value={source}
        options={[
          { value: 'file', label: 'File' },
          { value: 'paste', label: 'Paste' },
          { value: 'url', label: 'URL' },
        ]}
        onChange={(value) => onDraftChange({ source: value })}
      />
      {source === 'file' && (
        <div className="import-source">
          <input
            ref={fileInput}
            type="file"
            className="visually-hidden"
            aria-label="Collection file"
            accept=".json,.yaml,.yml,.har,application/json,text/yaml"
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (file) onRead(`“${file.name}”`, () => readImportFile(file));
            }}
          />
          <button type="button" className="button" onClick={() => fileInput.current?.click()}>
            Choose file…
          </button>
          <span className="muted">or drop a file anywhere on the window.</span>
        </div>
      )}
      {source === 'paste' && (
        <form
          className="import-source column"
          onSubmit={(event) => {
            event.preventDefault();
            onRead('the pasted text', () => readPastedText(text));
          }}
        >
          <textarea
            aria-label="Text to import"
            placeholder="Paste a collection file, an Insomnia export, a HAR file or a share link"
            value={text}
            spellCheck={false}
            onChange={(e) => onDraftChange({ text: e.target.value })}
          />
          <button type="submit" className="button" disabled={text.trim() === ''}>
            Preview
          </button>
        </form>
      )}
      {source === 'url' && (
        <form className="import-source" onSubmit={onFetch}>
          <input
            type="text"
            aria-label="Address to import from"
            placeholder="https://example.com/team.frameline.json"
            value={url}
            onChange={(e) => onDraftChange({ url: e.target.value })}
          />
          <button type="submit" className="button" disabled={url.trim() === '' || fetchUrl.isPending}>
            {fetchUrl.isPending ? 'Fetching…' : 'Fetch'}
          </button>
        </form>
      )}
      {source === 'url' && fetchUrl.isError && (
        <p className="field-error" role="alert">
          {fetchUrl.error.message}
        </p>
      )}
      {error && <ImportErrorMessage error={error} />}
      <footer className="dialog-footer">
        <span className="spacer" />
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </footer>
    </div>
  );
}

function summarize(document: CollectionDocument): string {
  const parts: string[] = [];
  const count = (n: number, one: string, many: string) => n > 0 && parts.push(`${n} ${n === 1 ? one : many}`);
  count(document.collections.length, 'collection', 'collections');
  count(document.connections.length, 'connection', 'connections');
  count(document.environments.length, 'environment', 'environments');
  return `Added ${parts.join(', ') || 'nothing'}.`;
}

function fileNameOf(address: string): string | undefined {
  try {
    return decodeURIComponent(new URL(address).pathname.split('/').pop() ?? '') || undefined;
  } catch {
    return undefined;
  }
}
