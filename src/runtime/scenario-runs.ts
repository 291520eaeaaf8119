import type { LensOptions } from '@/core/protocol/lens';
import { parseHandshakePayload } from '@/core/protocol/handshake-payload';
import { lensesUsedBy } from '@/core/scenario/message-matcher';
import { resolveScenarioMessage } from '@/core/scenario/scenario-message';
import { failedBeforeStart, runScenario, type StepResult } from '@/core/scenario/scenario-runner';
import type { SocketLike } from '@/core/session/socket';
import { err, ok, type Result } from '@/core/shared/result';
import { connectionTabFields, formatProtocolList, parseProtocolList } from '@/core/workspace/workspace';
import { useScenarioRunsStore, type ScenarioRun } from '@/stores/scenario-runs-store';
import { useTabsStore } from '@/stores/tabs-store';
import { useWorkspaceStore } from '@/stores/workspace-store';
import { resolveText, scopesFor, unresolvedNames } from './message-resolution';
import { connect, disconnect, findTimeline, send } from './session-runtime';
import { effectiveLens, prepareLens } from './tab-lenses';

/*
 * "Run scenario": a new tab of the saved connection whose socket the scenario drives through the tab's own
 * session, so every frame is on that tab's timeline (and archived) like any other, and each step can point
 * at its rows.
 */

/** Opens a tab for the connection and runs the scenario in it; the tab's id, or why it could not start. */
export function runScenarioInNewTab(connectionId: string, scenarioId: string): Result<string, string> {
  const connection = useWorkspaceStore.getState().workspace.connections.find((c) => c.id === connectionId);
  const scenario = connection?.scenarios.find((s) => s.id === scenarioId);
  if (!connection || !scenario) return err('That scenario is gone.');
  const tabId = useTabsStore.getState().openTab({
    connectionId,
    name: `${scenario.name} (scenario)`,
    ...connectionTabFields(connection),
  });
  const runs = useScenarioRunsStore.getState();
  runs.start(tabId, { connectionId, scenarioId, scenarioName: scenario.name });
  const url = expand(tabId, connection.url, 'URL');
  const protocols = expand(tabId, formatProtocolList(connection.protocols), 'subprotocols');
  const update = (change: (run: ScenarioRun) => ScenarioRun) =>
    useScenarioRunsStore.getState().update(tabId, change);
  let counter = 0;
  // The tab's lens answers the protocol's pings and sends its handshake while the steps run; `protocol`
  // matchers decode with theirs. Both load before the first step.
  const tabLensId = effectiveLens(tabId, '');
  const handshake = handshakeOf(tabId, connection.handshakePayload ?? '');
  const lensIds = new Set(lensesUsedBy(scenario.steps));
  if (tabLensId !== 'raw') lensIds.add(tabLensId);
  const loading = Promise.all([...lensIds].map((id) => prepareLens(id).then((lens) => [id, lens] as const)));
  void loading
    .then((loaded) =>
      runScenario(scenario, {
        lenses: new Map(loaded),
        url: url.ok ? url.value : connection.url,
        protocols: protocols.ok ? parseProtocolList(protocols.value) : [],
        createSocket: (socketUrl, socketProtocols) => {
          if (!url.ok) throw new Error(url.error);
          if (!protocols.ok) throw new Error(protocols.error);
          if (!handshake.ok) throw new Error(handshake.error);
          return new TabSessionSocket(tabId, socketUrl, socketProtocols, handshake.value, update);
        },
        timers: {
          setTimeout: (callback, ms) => setTimeout(callback, ms),
          clearTimeout: (id) => clearTimeout(id as ReturnType<typeof setTimeout>),
        },
        now: () => Date.now(),
        resolveMessage: (message, captured) =>
          resolveScenarioMessage(message, captured, {
            templates: connection.templates,
            scopes: scopesFor(tabId),
            nextCounter: () => ++counter,
          }),
        templateName: (id) => connection.templates.find((t) => t.id === id)?.name,
        onStep: (result) => update((run) => ({ ...run, steps: placeStep(run.steps, result) })),
        ...(connection.correlationPath ? { correlationPath: connection.correlationPath } : {}),
      }),
    )
    .then((result) => update((run) => ({ ...run, status: result.passed ? 'passed' : 'failed' })))
    .catch((error: unknown) =>
      update((run) => ({
        ...run,
        status: 'failed',
        steps: failedBeforeStart(scenario, `Could not load a protocol decoder: ${String(error)}`, Date.now())
          .steps,
      })),
    );
  return ok(tabId);
}

/** The connection's handshake payload for its lens, variables expanded, as JSON. */
function handshakeOf(tabId: string, text: string): Result<LensOptions, string> {
  if (text.trim() === '') return ok({});
  const expanded = expand(tabId, text, 'handshake payload');
  if (!expanded.ok) return expanded;
  const parsed = parseHandshakePayload(expanded.value);
  return parsed.ok ? parsed : err(`Not connected: ${parsed.error}.`);
}

function expand(tabId: string, text: string, where: string): Result<string, string> {
  const resolved = resolveText(tabId, text, { counter: 0 });
  if (!resolved.ok) return resolved;
  const missing = unresolvedNames(resolved.value.unresolved);
  if (missing.length === 0) return ok(resolved.value.text);
  return err(`No environment defines ${missing.map((n) => `{{${n}}}`).join(', ')} used in the ${where}.`);
}

// A step's result replaces its earlier state; a new one goes where the runner reported it.
function placeStep(steps: readonly StepResult[], result: StepResult): StepResult[] {
  const at = steps.findIndex((s) => s.id === result.id);
  if (at < 0) return [...steps, result];
  const next = [...steps];
  next[at] = result;
  return next;
}

/**
 * The runner's socket, backed by the tab's session: commands go to session-runtime, and what the tab's
 * timeline records comes back as socket events.
 */
class TabSessionSocket implements SocketLike {
  binaryType = 'arraybuffer';
  readyState = 0;
  protocol = '';
  extensions = '';
  bufferedAmount = 0;
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onerror: SocketLike['onerror'] = null;
  onclose: SocketLike['onclose'] = null;
  /** Entries read so far, counted from the timeline's start (so entries the cap dropped still count). */
  private read = 0;
  private unsubscribe: () => void = () => {};

  constructor(
    private readonly tabId: string,
    url: string,
    protocols: string[],
    lensOptions: LensOptions,
    private readonly update: (change: (run: ScenarioRun) => ScenarioRun) => void,
  ) {
    const before = findTimeline(tabId);
    this.read = before ? before.length + before.dropped : 0;
    const opened = connect(tabId, url, protocols, { withoutAutomation: true, lensOptions });
    if (!opened.ok) throw new Error(opened.error);
    const timeline = findTimeline(tabId);
    if (!timeline) throw new Error('The tab has no session.');
    this.unsubscribe = timeline.subscribe(() => this.take());
  }

  private take(): void {
    const timeline = findTimeline(this.tabId);
    if (!timeline) return;
    for (let i = Math.max(0, this.read - timeline.dropped); i < timeline.length; i++) {
      const entry = timeline.get(i);
      this.read = timeline.dropped + i + 1;
      if (!entry) continue;
      const event = entry.event;
      if (event.kind === 'open') {
        this.readyState = 1;
        this.protocol = event.protocol;
        this.extensions = event.extensions;
        this.onopen?.({});
      } else if (event.kind === 'message' && event.direction === 'in') {
        this.update((run) => ({ ...run, receivedSeqs: [...run.receivedSeqs, entry.seq] }));
        this.onmessage?.({ data: event.data });
      } else if (event.kind === 'message' && !event.auto) {
        this.update((run) => ({ ...run, sentSeqs: [...run.sentSeqs, entry.seq] }));
      } else if (event.kind === 'close') {
        this.readyState = 3;
        this.unsubscribe();
        this.onclose?.({ code: event.code, reason: event.reason, wasClean: event.wasClean });
        return;
      }
    }
  }

  send(data: string | ArrayBuffer | ArrayBufferView<ArrayBuffer>): void {
    const payload =
      typeof data === 'string' || data instanceof ArrayBuffer
        ? data
        : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    const sent = send(this.tabId, payload);
    if (!sent.ok) throw new Error(sent.error);
  }

  close(code?: number, reason?: string): void {
    this.readyState = 2;
    disconnect(this.tabId, {
      ...(code === undefined ? {} : { code }),
      ...(reason === undefined ? {} : { reason }),
    });
  }
}
