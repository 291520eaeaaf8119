import { create } from 'zustand';
import type { StepResult } from '@/core/scenario/scenario-runner';

/** One scenario run in a tab, as it goes: each step's latest result, and the timeline rows its messages are. */
export interface ScenarioRun {
  connectionId: string;
  scenarioId: string;
  scenarioName: string;
  status: 'running' | 'passed' | 'failed';
  /** In step order, each step's latest state (running, then its outcome). */
  steps: StepResult[];
  /** Timeline row (seq) of each received and each sent message, by the indexes step results use. */
  receivedSeqs: number[];
  sentSeqs: number[];
}

interface ScenarioRunsStore {
  /** The latest run of each tab. */
  runs: Readonly<Record<string, ScenarioRun>>;
  /** A row the timeline of `tabId` should select and scroll to (a step's "Show in timeline"). */
  focus: { tabId: string; seq: number; token: number } | null;
  start(tabId: string, run: Pick<ScenarioRun, 'connectionId' | 'scenarioId' | 'scenarioName'>): void;
  update(tabId: string, change: (run: ScenarioRun) => ScenarioRun): void;
  focusRow(tabId: string, seq: number): void;
  forget(tabId: string): void;
}

/** Scenario runs, set by runtime/scenario-runs.ts; screen state, not saved. */
export const useScenarioRunsStore = create<ScenarioRunsStore>()((set, get) => ({
  runs: {},
  focus: null,
  start: (tabId, run) =>
    set({
      runs: {
        ...get().runs,
        [tabId]: { ...run, status: 'running', steps: [], receivedSeqs: [], sentSeqs: [] },
      },
    }),
  update: (tabId, change) => {
    const run = get().runs[tabId];
    if (run) set({ runs: { ...get().runs, [tabId]: change(run) } });
  },
  focusRow: (tabId, seq) => set({ focus: { tabId, seq, token: (get().focus?.token ?? 0) + 1 } }),
  forget: (tabId) => {
    if (!(tabId in get().runs)) return;
    const { [tabId]: _gone, ...rest } = get().runs;
    set({ runs: rest });
  },
}));
