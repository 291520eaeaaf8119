import { lazy, Suspense, useId, useState } from 'react';
import { ActionMenu } from '@/components/action-menu';
import { InlineNameForm } from '@/components/inline-name-form';
import { scenarioStepsFromSession, type SessionLens } from '@/core/scenario/scenario-from-session';
import { tabLens } from '@/runtime/tab-lenses';
import { DEFAULT_CORRELATION_PATH, type Scenario } from '@/core/scenario/scenario';
import { parseFieldPath } from '@/core/timeline/json-field-filter';
import type { SavedConnection } from '@/core/workspace/workspace';
import {
  addScenario,
  deleteScenario,
  duplicateScenario,
  updateConnection,
  updateScenario,
} from '@/runtime/commands/workspace-commands';
import { getTimelineEvents } from '@/runtime/session-runtime';
import { runScenarioInNewTab } from '@/runtime/scenario-runs';
import { redactorForTab } from '@/runtime/session-secrets';
import { useScenarioRunsStore } from '@/stores/scenario-runs-store';
import type { Tab } from '@/stores/tabs-store';
import { useWorkspaceStore } from '@/stores/workspace-store';
import { ScenarioResults } from './scenario-results';
import './scenarios.css';

// The step editor is a large form: it loads when a scenario is first edited.
const ScenarioEditor = lazy(() => import('./scenario-editor'));

/** The saved connection's scenarios: create, run in a new tab, edit, rename, duplicate, delete (with undo). */
export function ScenariosSection({ tab }: { tab: Tab }) {
  const connection = useWorkspaceStore((s) => s.workspace.connections.find((c) => c.id === tab.connectionId));
  const run = useScenarioRunsStore((s) => s.runs[tab.id]);
  const [editing, setEditing] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  if (!connection) return null;
  const scenarios = connection.scenarios;
  const editingScenario = scenarios.find((s) => s.id === editing);

  const create = (steps: Scenario['steps'], name: string) => {
    const id = addScenario(connection.id, { name: uniqueName(name, scenarios), steps });
    if (id) setEditing(id);
    else setProblem('The scenario was not saved: browser storage refused it.');
  };

  const start = (scenario: Scenario) => {
    const started = runScenarioInNewTab(connection.id, scenario.id);
    setProblem(started.ok ? null : started.error);
  };

  return (
    <section className="scenarios-section" aria-label="Scenarios">
      <div className="template-list-header">
        <h3 className="section-title">Scenarios · {connection.name}</h3>
        <span className="scenario-header-actions">
          <button
            type="button"
            className="button small"
            title="Sent messages become send steps, the replies that followed become expect steps"
            onClick={() =>
              create(
                scenarioStepsFromSession(
                  getTimelineEvents(tab.id),
                  redactorForTab(tab.id),
                  lensOption(tab.id),
                ),
                'From this session',
              )
            }
          >
            Make a scenario from this session
          </button>
          <button
            type="button"
            className="button small"
            onClick={() => create([{ kind: 'connect' }], 'New scenario')}
          >
            New scenario
          </button>
        </span>
      </div>
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      {scenarios.length === 0 ? (
        <p className="muted empty-hint">
          No scenarios yet: a scenario sends messages and checks the replies, here or with npx frameline run.
        </p>
      ) : (
        <ul className="scenario-list">
          {scenarios.map((scenario) =>
            renaming === scenario.id ? (
              <li key={scenario.id} className="template-item">
                <InlineNameForm
                  label="Scenario name"
                  initialName={scenario.name}
                  onSubmit={(name) => {
                    if (name) updateScenario(connection.id, scenario.id, { name });
                    setRenaming(null);
                  }}
                  onCancel={() => setRenaming(null)}
                />
              </li>
            ) : (
              <li key={scenario.id} className="template-item">
                <button
                  type="button"
                  className="template-name"
                  title="Edit its steps"
                  onClick={() => setEditing(scenario.id)}
                >
                  <span className="format-tag">{scenario.steps.length}</span>
                  <span className="template-label">{scenario.name}</span>
                </button>
                <button
                  type="button"
                  className="button small"
                  aria-label={`Run scenario ${scenario.name}`}
                  title="Runs it on a new connection in its own tab"
                  onClick={() => start(scenario)}
                >
                  Run scenario
                </button>
                <ActionMenu
                  label={`Actions for scenario ${scenario.name}`}
                  actions={[
                    { label: 'Edit steps', onSelect: () => setEditing(scenario.id) },
                    { label: 'Rename', onSelect: () => setRenaming(scenario.id) },
                    { label: 'Duplicate', onSelect: () => duplicateScenario(connection.id, scenario.id) },
                    {
                      label: 'Delete',
                      danger: true,
                      onSelect: () => deleteScenario(connection.id, scenario.id),
                    },
                  ]}
                />
              </li>
            ),
          )}
        </ul>
      )}
      {scenarios.length > 0 && <CorrelationPathField connection={connection} />}
      {run && run.connectionId === connection.id && <ScenarioResults tabId={tab.id} run={run} />}
      {editingScenario && (
        <Suspense fallback={null}>
          <ScenarioEditor
            connection={connection}
            scenario={editingScenario}
            onSave={(steps) => updateScenario(connection.id, editingScenario.id, { steps })}
            onClose={() => setEditing(null)}
          />
        </Suspense>
      )}
    </section>
  );
}

/** Where this connection's `request` steps find the id pairing a reply with its request (`$.id` if empty). */
function CorrelationPathField({ connection }: { connection: SavedConnection }) {
  const saved = connection.correlationPath ?? '';
  const [draft, setDraft] = useState(saved);
  const [problem, setProblem] = useState<string | null>(null);
  const errorId = useId();
  const save = () => {
    const path = draft.trim();
    if (path === saved) return;
    if (path !== '') {
      const parsed = parseFieldPath(path);
      if (!parsed.ok) {
        setProblem(`Not saved: ${parsed.error}`);
        return;
      }
    }
    setProblem(null);
    // Undefined removes the key when saved: the connection then uses the default.
    updateConnection(connection.id, { correlationPath: path === '' ? undefined : path });
  };
  return (
    <form
      className="correlation-path"
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      <label>
        <span>Requests match replies by</span>
        <input
          type="text"
          spellCheck={false}
          placeholder={DEFAULT_CORRELATION_PATH}
          value={draft}
          aria-invalid={problem !== null}
          aria-describedby={problem ? errorId : undefined}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={save}
        />
      </label>
      {problem && (
        <span id={errorId} className="field-error">
          {problem}
        </span>
      )}
    </form>
  );
}

function uniqueName(name: string, scenarios: readonly Scenario[]): string {
  const taken = new Set(scenarios.map((s) => s.name));
  if (!taken.has(name)) return name;
  let n = 2;
  while (taken.has(`${name} ${n}`)) n++;
  return `${name} ${n}`;
}

// Expectations on decoded messages when the tab speaks a protocol: a Socket.IO event by name, not its raw text.
function lensOption(tabId: string): { lens?: SessionLens } {
  const running = tabLens(tabId);
  return running ? { lens: { id: running.id, decode: running.session.decode } } : {};
}
