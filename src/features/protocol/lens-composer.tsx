import { useState } from 'react';
import { SegmentedControl } from '@/components/segmented-control';
import { useLensModule } from '@/components/use-lens-module';
import type { ComposerField, ComposerForm, ComposerValues, LensId } from '@/core/protocol/lens';
import { LENS_LABELS } from '@/core/protocol/lens-catalog';
import { sendComposed } from '@/runtime/commands/lens-commands';
import { useSessionState } from '@/stores/sessions-store';
import { useTabsStore, type Tab } from '@/stores/tabs-store';
import './protocol.css';

// Lenses whose own handshake carries a payload the user may need to set (auth, a token).
const HANDSHAKE_HINTS: Partial<Record<LensId, string>> = {
  'socket.io': 'Auth for the main namespace, sent with its CONNECT once the connection opens',
  'graphql-ws': 'The connection_init payload, sent once the connection opens',
};

// Buttons the page already has: a form of the same name is qualified, e.g. "Connect (MQTT)", so every button
// keeps a name of its own.
const TAKEN_NAMES = new Set(['connect', 'disconnect', 'send']);

/** Composes messages in the tab's protocol: one form per message kind, sent with the lens's next ids. */
export function LensComposer({ tab, lensId }: { tab: Tab; lensId: LensId }) {
  const lens = useLensModule(lensId);
  const state = useSessionState(tab.id);
  const updateTab = useTabsStore((s) => s.updateTab);
  const [problem, setProblem] = useState<string | null>(null);
  if (lensId === 'raw') return null;
  const label = LENS_LABELS[lensId];
  if (!lens) {
    return (
      <section className="lens-composer" aria-label={`${label} composer`}>
        <p className="muted">Loading the {label} composer…</p>
      </section>
    );
  }
  const form = lens.forms.find((f) => f.id === tab.lensForms[lensId]) ?? lens.forms[0];
  const handshakeHint = HANDSHAKE_HINTS[lensId];
  if (!form) return null;
  // Kept with the tab, like the raw message draft: a tab switch or a reload loses nothing typed here.
  const draftKey = `${lensId}/${form.id}`;
  const formValues: ComposerValues = { ...initialValues(form), ...tab.lensDrafts[draftKey] };
  const setValue = (name: string, value: string | boolean) => {
    updateTab(tab.id, { lensDrafts: { ...tab.lensDrafts, [draftKey]: { ...formValues, [name]: value } } });
    setProblem(null);
  };
  const buttonLabel = TAKEN_NAMES.has(form.label.toLowerCase()) ? `${form.label} (${label})` : form.label;

  const onSubmit = (event: React.FormEvent) => {
    event.preventDefault();
    const sent = sendComposed(tab.id, form.id, formValues);
    setProblem(sent.ok ? null : sent.error);
  };

  return (
    <section className="lens-composer" aria-label={`${label} composer`}>
      {handshakeHint && (
        <label className="lens-field">
          <span>Handshake payload</span>
          <input
            type="text"
            spellCheck={false}
            autoComplete="off"
            placeholder='{"token": "{{token}}"}'
            title={`${handshakeHint}; JSON, may hold {{variables}}. Empty sends none.`}
            value={tab.handshakePayload}
            onChange={(event) => updateTab(tab.id, { handshakePayload: event.target.value })}
          />
        </label>
      )}
      {lens.forms.length > 1 && (
        <SegmentedControl
          label={`${label} message`}
          value={form.id}
          options={lens.forms.map((f) => ({ value: f.id, label: f.label }))}
          onChange={(id) => {
            updateTab(tab.id, { lensForms: { ...tab.lensForms, [lensId]: id } });
            setProblem(null);
          }}
        />
      )}
      <form className="lens-form" aria-label={form.label} onSubmit={onSubmit} noValidate>
        {form.fields.map((field) => (
          <FieldInput
            key={`${form.id}.${field.name}`}
            field={field}
            value={formValues[field.name]}
            onChange={(value) => setValue(field.name, value)}
          />
        ))}
        <div className="lens-form-actions">
          <button
            type="submit"
            className="button primary"
            disabled={state !== 'open'}
            title={state === 'open' ? undefined : 'Connect first'}
          >
            {buttonLabel}
          </button>
        </div>
      </form>
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}

function initialValues(form: ComposerForm): ComposerValues {
  const values: Record<string, string | boolean> = {};
  for (const field of form.fields) {
    if (field.kind === 'checkbox') values[field.name] = field.initial ?? false;
    else values[field.name] = field.initial ?? '';
  }
  return values;
}

function FieldInput({
  field,
  value,
  onChange,
}: {
  field: ComposerField;
  value: string | boolean | undefined;
  onChange(value: string | boolean): void;
}) {
  const optional = 'optional' in field && field.optional ? ' (optional)' : '';
  switch (field.kind) {
    case 'checkbox':
      return (
        <label className="check-row lens-check">
          <input type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} />
          {field.label}
        </label>
      );
    case 'select':
      return (
        <label className="lens-field">
          <span>{field.label}</span>
          <select value={String(value ?? field.initial)} onChange={(e) => onChange(e.target.value)}>
            {field.options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
      );
    case 'code':
      return (
        <label className="lens-field lens-code">
          <span>
            {field.label}
            {optional}
          </span>
          <textarea
            rows={field.language === 'graphql' ? 4 : 2}
            spellCheck={false}
            value={String(value ?? '')}
            onChange={(e) => onChange(e.target.value)}
          />
        </label>
      );
    default:
      return (
        <label className="lens-field">
          <span>
            {field.label}
            {optional}
          </span>
          <input
            type="text"
            inputMode={field.kind === 'number' ? 'numeric' : undefined}
            spellCheck={false}
            autoComplete="off"
            placeholder={field.kind === 'text' ? field.placeholder : undefined}
            value={String(value ?? '')}
            onChange={(e) => onChange(e.target.value)}
          />
        </label>
      );
  }
}
