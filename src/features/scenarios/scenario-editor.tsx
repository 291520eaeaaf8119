import { PROTOCOL_LENS_IDS, type ProtocolLensId } from '@/core/protocol/lens';
import { LENS_LABELS } from '@/core/protocol/lens-catalog';
import { useCallback, useId, useState, type FormEvent } from 'react';
import { ModalDialog } from '@/components/modal-dialog';
import type {
  Capture,
  MessageMatcher,
  Scenario,
  ScenarioMessage,
  ScenarioStep,
  StepKind,
} from '@/core/scenario/scenario';
import { checkScenario } from '@/core/scenario/scenario-runner';
import { FIELD_FILTER_HELP } from '@/core/timeline/json-field-filter';
import type { MessageTemplate, SavedConnection } from '@/core/workspace/workspace';

/*
 * The step editor: one form per step type, no code. Edits stay in the dialog until Save, which checks every
 * matcher, path and pattern first (the same check a run makes).
 */

const STEP_LABELS: Record<StepKind, string> = {
  connect: 'Connect',
  disconnect: 'Disconnect',
  send: 'Send',
  expect: 'Expect a message',
  expectClose: 'Expect the close',
  expectNone: 'Expect no message',
  request: 'Request (reply by id)',
  wait: 'Wait',
  repeat: 'Repeat',
};

const MATCHER_LABELS: Record<MessageMatcher['kind'], string> = {
  'json-subset': 'JSON holding',
  'json-path': 'JSON where',
  'text-regex': 'Text matching',
  binary: 'Binary',
  protocol: 'Protocol message holding',
  any: 'Any message',
};

function newStep(kind: StepKind, templates: readonly MessageTemplate[]): ScenarioStep {
  const message: ScenarioMessage = templates[0]
    ? { kind: 'template', templateId: templates[0].id }
    : { kind: 'inline', format: 'json', body: '{}' };
  switch (kind) {
    case 'connect':
      return { kind };
    case 'disconnect':
      return { kind };
    case 'send':
      return { kind, message };
    case 'expect':
      return { kind, match: { kind: 'json-subset', value: {} }, timeoutMs: 1000 };
    case 'expectClose':
      return { kind, timeoutMs: 1000 };
    case 'expectNone':
      return { kind, match: { kind: 'any' }, windowMs: 500 };
    case 'request':
      return {
        kind,
        message: {
          kind: 'inline',
          format: 'json',
          body: '{"jsonrpc":"2.0","id":{{$counter}},"method":"echo"}',
        },
        timeoutMs: 1000,
      };
    case 'wait':
      return { kind, ms: 500 };
    case 'repeat':
      return { kind, times: 2, steps: [] };
  }
}

interface EditorContext {
  templates: readonly MessageTemplate[];
  /** Fields whose text does not parse yet report here, so Save waits for them. */
  reportInvalid(key: string, problem: string | null): void;
}

export default function ScenarioEditor(props: {
  connection: SavedConnection;
  scenario: Scenario;
  onSave(steps: ScenarioStep[]): void;
  onClose(): void;
}) {
  const { connection, scenario, onSave, onClose } = props;
  const [steps, setSteps] = useState<ScenarioStep[]>(() => structuredClone(scenario.steps));
  const [invalid, setInvalid] = useState<ReadonlyMap<string, string>>(new Map());
  const [problem, setProblem] = useState<string | null>(null);
  const reportInvalid = useCallback((key: string, message: string | null) => {
    setInvalid((current) => {
      if ((current.get(key) ?? null) === message) return current;
      const next = new Map(current);
      if (message === null) next.delete(key);
      else next.set(key, message);
      return next;
    });
  }, []);

  // Edits live only here until Save: leaving with changes asks first.
  const [confirmingDiscard, setConfirmingDiscard] = useState(false);
  const dirty = JSON.stringify(steps) !== JSON.stringify(scenario.steps);
  const leave = () => {
    if (dirty) setConfirmingDiscard(true);
    else onClose();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (invalid.size > 0) return;
    const checked = checkScenario({ ...scenario, steps });
    if (!checked.ok) {
      setProblem(checked.error);
      return;
    }
    onSave(steps);
    onClose();
  };

  return (
    <ModalDialog
      label={`Steps of ${scenario.name}`}
      className="scenario-editor"
      onClose={onClose}
      onCancel={(event) => {
        if (!dirty) return;
        event.preventDefault();
        setConfirmingDiscard(true);
      }}
    >
      <form onSubmit={submit}>
        <h2>Steps of “{scenario.name}”</h2>
        <StepList
          steps={steps}
          prefix=""
          onChange={setSteps}
          context={{ templates: connection.templates, reportInvalid }}
        />
        {(problem || invalid.size > 0) && (
          <p className="field-error" role="alert">
            {problem ?? [...invalid.values()][0]}
          </p>
        )}
        {confirmingDiscard && (
          <div className="discard-confirm" role="alert">
            <span>Discard your changes to these steps?</span>
            <button type="button" className="button" autoFocus onClick={() => setConfirmingDiscard(false)}>
              Keep editing
            </button>
            <button type="button" className="button danger" onClick={onClose}>
              Discard changes
            </button>
          </div>
        )}
        <footer className="dialog-footer">
          <span className="spacer" />
          <button type="button" className="button" onClick={leave}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={invalid.size > 0}>
            Save steps
          </button>
        </footer>
      </form>
    </ModalDialog>
  );
}

function StepList(props: {
  steps: ScenarioStep[];
  prefix: string;
  onChange(steps: ScenarioStep[]): void;
  context: EditorContext;
}) {
  const { steps, prefix, onChange, context } = props;
  const [kind, setKind] = useState<StepKind>('send');
  const set = (index: number, step: ScenarioStep) => onChange(steps.map((s, i) => (i === index ? step : s)));
  const move = (index: number, offset: -1 | 1) => {
    const next = [...steps];
    const [moved] = next.splice(index, 1);
    if (moved) next.splice(index + offset, 0, moved);
    onChange(next);
  };
  const where = prefix ? ` to repeat ${prefix.slice(0, -1)}` : '';

  return (
    <div className="step-list">
      {steps.length === 0 && <p className="muted empty-hint">No steps yet.</p>}
      <ol>
        {steps.map((step, index) => {
          const number = `${prefix}${index + 1}`;
          const name = `Step ${number}: ${STEP_LABELS[step.kind]}`;
          return (
            <li key={`${number}-${step.kind}`}>
              <fieldset className="step-form" aria-label={name}>
                <legend>
                  <span className="step-number">{number}.</span> {STEP_LABELS[step.kind]}
                </legend>
                <span className="step-tools">
                  <button
                    type="button"
                    className="button small"
                    aria-label={`Move step ${number} up`}
                    disabled={index === 0}
                    onClick={() => move(index, -1)}
                  >
                    Up
                  </button>
                  <button
                    type="button"
                    className="button small"
                    aria-label={`Move step ${number} down`}
                    disabled={index === steps.length - 1}
                    onClick={() => move(index, 1)}
                  >
                    Down
                  </button>
                  <button
                    type="button"
                    className="button small danger"
                    aria-label={`Delete step ${number}`}
                    onClick={() => {
                      context.reportInvalid(number, null);
                      onChange(steps.filter((_, i) => i !== index));
                    }}
                  >
                    Delete
                  </button>
                </span>
                <StepFields step={step} id={number} onChange={(next) => set(index, next)} context={context} />
              </fieldset>
            </li>
          );
        })}
      </ol>
      <div className="add-step">
        <label>
          <span>New step{where}</span>
          <select value={kind} onChange={(e) => setKind(e.target.value as StepKind)}>
            {(Object.keys(STEP_LABELS) as StepKind[]).map((k) => (
              <option key={k} value={k}>
                {STEP_LABELS[k]}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="button small"
          onClick={() => onChange([...steps, newStep(kind, context.templates)])}
        >
          Add step{where}
        </button>
      </div>
    </div>
  );
}

function StepFields(props: {
  step: ScenarioStep;
  id: string;
  onChange(step: ScenarioStep): void;
  context: EditorContext;
}) {
  const { step, id, onChange, context } = props;
  switch (step.kind) {
    case 'connect':
      return (
        <div className="field-grid">
          <TextField
            label="Subprotocols"
            hint="Comma-separated; empty uses the connection's"
            value={(step.protocols ?? []).join(', ')}
            onChange={(text) => {
              const protocols = text
                .split(',')
                .map((p) => p.trim())
                .filter(Boolean);
              onChange(protocols.length ? { ...step, protocols } : omit(step, 'protocols'));
            }}
          />
          <TextField
            label="Expected subprotocol"
            hint="Empty: not checked"
            value={step.expectProtocol ?? ''}
            onChange={(text) =>
              onChange(text ? { ...step, expectProtocol: text } : omit(step, 'expectProtocol'))
            }
          />
        </div>
      );
    case 'disconnect':
      return (
        <div className="field-grid">
          <CloseFields id={id} step={step} onChange={onChange} context={context} />
        </div>
      );
    case 'send':
      return (
        <MessageFields
          message={step.message}
          onChange={(message) => onChange({ ...step, message })}
          context={context}
        />
      );
    case 'request':
      return (
        <>
          <MessageFields
            message={step.message}
            onChange={(message) => onChange({ ...step, message })}
            context={context}
          />
          <div className="field-grid">
            <TextField
              label="Correlation path"
              hint="Where the id is, in the request and its reply; empty: the connection's, else $.id"
              value={step.correlationPath ?? ''}
              onChange={(path) =>
                onChange(path ? { ...step, correlationPath: path } : omit(step, 'correlationPath'))
              }
            />
            <TimeoutField id={id} step={step} onChange={onChange} context={context} />
          </div>
          <CaptureField id={id} step={step} onChange={onChange} context={context} />
        </>
      );
    case 'expect':
      return (
        <>
          <MatcherFields id={id} step={step} onChange={onChange} context={context} />
          <div className="field-grid">
            <TimeoutField id={id} step={step} onChange={onChange} context={context} />
            <label>
              <span>Other messages</span>
              <select
                value={step.mode ?? 'skip'}
                onChange={(e) => onChange({ ...step, mode: e.target.value as 'skip' | 'next' })}
              >
                <option value="skip">Skip them</option>
                <option value="next">Must be the very next message</option>
              </select>
            </label>
          </div>
          <CaptureField id={id} step={step} onChange={onChange} context={context} />
        </>
      );
    case 'expectNone':
      return (
        <>
          <MatcherFields id={id} step={step} onChange={onChange} context={context} />
          <NumberField
            id={`${id}/window`}
            label="For (ms)"
            value={step.windowMs}
            onChange={(windowMs) => onChange({ ...step, windowMs: windowMs ?? 0 })}
            context={context}
          />
        </>
      );
    case 'expectClose':
      return (
        <div className="field-grid">
          <CloseFields
            id={id}
            step={step}
            onChange={onChange}
            context={context}
            reasonHint="Empty: not checked"
          />
          <label>
            <span>Clean</span>
            <select
              value={step.clean === undefined ? 'any' : String(step.clean)}
              onChange={(e) =>
                onChange(
                  e.target.value === 'any'
                    ? omit(step, 'clean')
                    : { ...step, clean: e.target.value === 'true' },
                )
              }
            >
              <option value="any">Not checked</option>
              <option value="true">Clean</option>
              <option value="false">Not clean</option>
            </select>
          </label>
          <TimeoutField id={id} step={step} onChange={onChange} context={context} />
        </div>
      );
    case 'wait':
      return (
        <NumberField
          id={`${id}/ms`}
          label="Milliseconds"
          value={step.ms}
          onChange={(ms) => onChange({ ...step, ms: ms ?? 0 })}
          context={context}
        />
      );
    case 'repeat':
      return (
        <>
          <NumberField
            id={`${id}/times`}
            label="Times"
            value={step.times}
            onChange={(times) => onChange({ ...step, times: times ?? 0 })}
            context={context}
          />
          <StepList
            steps={step.steps}
            prefix={`${id}.`}
            onChange={(steps) => onChange({ ...step, steps })}
            context={context}
          />
        </>
      );
  }
}

function MessageFields(props: {
  message: ScenarioMessage;
  onChange(message: ScenarioMessage): void;
  context: EditorContext;
}) {
  const { message, onChange, context } = props;
  const source = message.kind === 'template' ? `template:${message.templateId}` : 'inline';
  return (
    <div className="message-fields">
      <label>
        <span>Message</span>
        <select
          value={source}
          onChange={(e) => {
            const value = e.target.value;
            onChange(
              value === 'inline'
                ? { kind: 'inline', format: 'json', body: '{}' }
                : { kind: 'template', templateId: value.slice('template:'.length) },
            );
          }}
        >
          {context.templates.map((t) => (
            <option key={t.id} value={`template:${t.id}`}>
              Template “{t.name}”
            </option>
          ))}
          {message.kind === 'template' && !context.templates.some((t) => t.id === message.templateId) && (
            <option value={source}>A template that is gone</option>
          )}
          <option value="inline">Written here</option>
        </select>
      </label>
      {message.kind === 'inline' && (
        <>
          <label>
            <span>Format</span>
            <select
              value={message.format}
              onChange={(e) => {
                const format = e.target.value as 'text' | 'json' | 'binary';
                onChange(
                  format === 'binary'
                    ? { ...message, format, encoding: message.encoding ?? 'hex' }
                    : omit({ ...message, format }, 'encoding'),
                );
              }}
            >
              <option value="json">JSON</option>
              <option value="text">Text</option>
              <option value="binary">Binary (hex)</option>
            </select>
          </label>
          <label className="wide">
            <span>Body</span>
            <textarea
              rows={3}
              spellCheck={false}
              value={message.body}
              onChange={(e) => onChange({ ...message, body: e.target.value })}
            />
          </label>
        </>
      )}
    </div>
  );
}

/** What a step's message must be: the matcher kind, then its own fields. */
function MatcherFields<S extends { match: MessageMatcher }>(props: {
  id: string;
  step: S;
  onChange(step: NoInfer<S>): void;
  context: EditorContext;
}) {
  const { id, step, context } = props;
  const matcher = step.match;
  const onChange = (match: MessageMatcher) => props.onChange({ ...step, match });
  return (
    <div className="matcher-fields">
      <label>
        <span>Match</span>
        <select
          value={matcher.kind}
          onChange={(e) => {
            const kind = e.target.value as MessageMatcher['kind'];
            context.reportInvalid(`${id}/match`, null);
            onChange(
              kind === 'json-subset'
                ? { kind, value: {} }
                : kind === 'json-path'
                  ? { kind, predicates: ['$.type == "ack"'] }
                  : kind === 'text-regex'
                    ? { kind, pattern: '' }
                    : kind === 'binary'
                      ? { kind }
                      : kind === 'protocol'
                        ? { kind, lens: 'socket.io', value: { type: 'event' } }
                        : { kind },
            );
          }}
        >
          {(Object.keys(MATCHER_LABELS) as MessageMatcher['kind'][]).map((k) => (
            <option key={k} value={k}>
              {MATCHER_LABELS[k]}
            </option>
          ))}
        </select>
      </label>
      {matcher.kind === 'json-subset' && (
        <JsonField
          id={`${id}/match`}
          value={matcher.value}
          onChange={(value) => onChange({ kind: 'json-subset', value })}
          context={context}
        />
      )}
      {matcher.kind === 'json-path' && (
        <label className="wide">
          <span>Predicates, one per line (all must hold)</span>
          <textarea
            rows={2}
            spellCheck={false}
            title={FIELD_FILTER_HELP}
            value={matcher.predicates.join('\n')}
            onChange={(e) => onChange({ kind: 'json-path', predicates: e.target.value.split('\n') })}
          />
        </label>
      )}
      {matcher.kind === 'text-regex' && (
        <>
          <TextField
            label="Regular expression"
            value={matcher.pattern}
            onChange={(pattern) => onChange({ ...matcher, pattern })}
          />
          <TextField
            label="Flags"
            hint="i for any case, s, m, u"
            value={matcher.flags ?? ''}
            onChange={(flags) => onChange(flags ? { ...matcher, flags } : omit(matcher, 'flags'))}
          />
        </>
      )}
      {matcher.kind === 'protocol' && (
        <>
          <label>
            <span>Decoded as</span>
            <select
              value={matcher.lens}
              onChange={(e) => onChange({ ...matcher, lens: e.target.value as ProtocolLensId })}
            >
              {PROTOCOL_LENS_IDS.map((lens) => (
                <option key={lens} value={lens}>
                  {LENS_LABELS[lens]}
                </option>
              ))}
            </select>
          </label>
          <JsonField
            id={`${id}/match`}
            value={matcher.value}
            onChange={(value) => onChange({ ...matcher, value })}
            context={context}
          />
        </>
      )}
      {matcher.kind === 'binary' && (
        <>
          <NumberField
            id={`${id}/length`}
            label="Length (bytes)"
            optional
            value={matcher.length}
            onChange={(length) =>
              onChange(length === undefined ? omit(matcher, 'length') : { ...matcher, length })
            }
            context={context}
          />
          <TextField
            label="Starts with (hex)"
            value={matcher.hexPrefix ?? ''}
            onChange={(hexPrefix) =>
              onChange(hexPrefix ? { ...matcher, hexPrefix } : omit(matcher, 'hexPrefix'))
            }
          />
        </>
      )}
    </div>
  );
}

/** A JSON value as text: kept as typed, passed on once it parses. */
function JsonField(props: {
  id: string;
  value: unknown;
  onChange(value: unknown): void;
  context: EditorContext;
}) {
  const { id, value, onChange, context } = props;
  const [text, setText] = useState(() => JSON.stringify(value, null, 2));
  const [problem, setProblem] = useState<string | null>(null);
  const errorId = useId();
  return (
    <label className="wide">
      <span>JSON the message must hold (other keys may be there too)</span>
      <textarea
        rows={3}
        spellCheck={false}
        value={text}
        aria-invalid={problem !== null}
        aria-describedby={problem ? errorId : undefined}
        onChange={(e) => {
          setText(e.target.value);
          try {
            onChange(JSON.parse(e.target.value) as unknown);
            setProblem(null);
            context.reportInvalid(id, null);
          } catch (error) {
            const message = `Step ${id.split('/')[0]}: not JSON yet (${(error as Error).message})`;
            setProblem(message);
            context.reportInvalid(id, message);
          }
        }}
      />
      {problem && (
        <span id={errorId} className="field-error">
          {problem}
        </span>
      )}
    </label>
  );
}

/** A step's captures as lines of `name = $.path`. */
function CaptureField<S extends { capture?: Capture[] }>(props: {
  id: string;
  step: S;
  onChange(step: NoInfer<S>): void;
  context: EditorContext;
}) {
  const { id, step, context } = props;
  const captures = step.capture;
  const onChange = (capture: Capture[]) => props.onChange(withCapture(step, capture));
  const [text, setText] = useState(() => (captures ?? []).map((c) => `${c.variable} = ${c.path}`).join('\n'));
  return (
    <label className="wide">
      <span>Capture into variables, one per line: name = $.path</span>
      <textarea
        rows={1}
        spellCheck={false}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          const lines = e.target.value.split('\n').filter((line) => line.trim() !== '');
          const parsed = lines.map((line) => /^\s*([^=\s]+)\s*=\s*(\$\S*)\s*$/.exec(line));
          const bad = parsed.findIndex((m) => m === null);
          context.reportInvalid(
            `${id}/capture`,
            bad < 0 ? null : `Step ${id}: capture line “${lines[bad]}” should be name = $.path`,
          );
          if (bad < 0)
            onChange(
              parsed.map((m) => ({
                variable: (m as RegExpExecArray)[1] as string,
                path: (m as RegExpExecArray)[2] as string,
              })),
            );
        }}
      />
    </label>
  );
}

/** A close code and reason, each optional: what a disconnect sends, or what an expected close must have. */
function CloseFields<S extends { code?: number; reason?: string }>(props: {
  id: string;
  step: S;
  onChange(step: NoInfer<S>): void;
  context: EditorContext;
  reasonHint?: string;
}) {
  const { id, step, onChange, context, reasonHint } = props;
  return (
    <>
      <NumberField
        id={`${id}/code`}
        label="Close code"
        optional
        value={step.code}
        onChange={(code) => onChange(code === undefined ? omit(step, 'code') : { ...step, code })}
        context={context}
      />
      <TextField
        label="Reason"
        {...(reasonHint ? { hint: reasonHint } : {})}
        value={step.reason ?? ''}
        onChange={(reason) => onChange(reason ? { ...step, reason } : omit(step, 'reason'))}
      />
    </>
  );
}

function TimeoutField<S extends { timeoutMs: number }>(props: {
  id: string;
  step: S;
  onChange(step: NoInfer<S>): void;
  context: EditorContext;
}) {
  const { id, step, onChange, context } = props;
  return (
    <NumberField
      id={`${id}/timeout`}
      label="Timeout (ms)"
      value={step.timeoutMs}
      onChange={(timeoutMs) => onChange({ ...step, timeoutMs: timeoutMs ?? 0 })}
      context={context}
    />
  );
}

function TextField(props: { label: string; hint?: string; value: string; onChange(value: string): void }) {
  return (
    <label>
      <span>{props.label}</span>
      <input
        type="text"
        spellCheck={false}
        value={props.value}
        title={props.hint}
        placeholder={props.hint}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </label>
  );
}

function NumberField(props: {
  id: string;
  label: string;
  value: number | undefined;
  optional?: boolean;
  onChange(value: number | undefined): void;
  context: EditorContext;
}) {
  const { id, label, value, optional, onChange, context } = props;
  const [text, setText] = useState(value === undefined ? '' : String(value));
  return (
    <label>
      <span>{label}</span>
      <input
        type="text"
        inputMode="numeric"
        value={text}
        placeholder={optional ? 'Not checked' : undefined}
        onChange={(e) => {
          const next = e.target.value.trim();
          setText(e.target.value);
          if (next === '' && optional) {
            context.reportInvalid(id, null);
            onChange(undefined);
          } else if (/^\d+$/.test(next)) {
            context.reportInvalid(id, null);
            onChange(Number(next));
          } else context.reportInvalid(id, `Step ${id.split('/')[0]}: ${label} should be a whole number`);
        }}
      />
    </label>
  );
}

function omit<T extends object, K extends keyof T>(value: T, key: K): T {
  const copy = { ...value };
  delete copy[key];
  return copy;
}

function withCapture<S extends { capture?: Capture[] }>(step: S, capture: Capture[]): S {
  return capture.length ? { ...step, capture } : omit(step, 'capture');
}
