import type { StepResult } from '@/core/scenario/scenario-runner';
import { useRedactor } from '@/components/use-redactor';
import { useScenarioRunsStore, type ScenarioRun } from '@/stores/scenario-runs-store';

const STATUS_TEXT: Record<StepResult['status'], string> = {
  running: 'running',
  passed: 'passed',
  failed: 'failed',
  skipped: 'skipped',
};

/** The run in this tab, step by step as it goes; each step can show its messages on the timeline. */
export function ScenarioResults({ tabId, run }: { tabId: string; run: ScenarioRun }) {
  const focusRow = useScenarioRunsStore((s) => s.focusRow);
  // Messages quoted in failures are masked like the timeline's rows: a secret the server echoed stays hidden.
  const redactor = useRedactor(tabId);
  const mask = (text: string) => redactor.redact(text, 'mask').text;
  const passed = run.steps.filter((s) => s.status === 'passed').length;
  return (
    <div className="scenario-results">
      <p className={`scenario-summary ${run.status}`} role="status">
        {run.scenarioName}:{' '}
        {run.status === 'running' ? 'running…' : run.status === 'passed' ? 'passed' : 'failed'} ({passed} of{' '}
        {run.steps.length} steps passed)
      </p>
      <ol className="scenario-result-list" aria-label="Scenario results">
        {run.steps.map((step) => {
          const rows = [
            ...(step.sent ?? []).map((i) => run.sentSeqs[i]),
            ...(step.matched ?? []).map((i) => run.receivedSeqs[i]),
            ...(step.compared ?? []).map((i) => run.receivedSeqs[i]),
          ].filter((seq): seq is number => seq !== undefined);
          return (
            <li key={step.id} className={`scenario-step ${step.status}`} data-status={step.status}>
              <span className="step-status">{STATUS_TEXT[step.status]}</span>
              <span className="step-description">
                {step.id}. {step.description}
              </span>
              {step.status !== 'skipped' && step.status !== 'running' && (
                <span className="step-timing">
                  {Math.round(step.durationMs)} ms
                  {step.latencyMs === undefined ? '' : `, round trip ${Math.round(step.latencyMs)} ms`}
                </span>
              )}
              {rows.length > 0 && (
                <button
                  type="button"
                  className="link-button"
                  aria-label={`Show in timeline: step ${step.id}`}
                  onClick={() => focusRow(tabId, Math.max(...rows))}
                >
                  Show in timeline
                </button>
              )}
              {step.failure && (
                <div className="step-failure">
                  <p>{mask(step.failure.message)}</p>
                  {(step.failure.differences ?? []).length > 0 && (
                    <ul className="step-diff" aria-label={`Differences in step ${step.id}`}>
                      {step.failure.differences?.map((d) => (
                        <li key={d.path}>
                          <code>{d.path}</code> <span className="expected">expected {mask(d.expected)}</span>{' '}
                          <span className="actual">got {mask(d.actual)}</span>
                        </li>
                      ))}
                    </ul>
                  )}
                  {step.failure.expected !== undefined && (
                    <pre className="expected">expected: {mask(step.failure.expected)}</pre>
                  )}
                  {step.failure.actual !== undefined && (
                    <pre className="actual">actual: {mask(step.failure.actual)}</pre>
                  )}
                </div>
              )}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
