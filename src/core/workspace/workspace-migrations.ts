import { err, ok, type Result } from '../shared/result';
import type { Environment } from '../template/environment';
import type { Variable } from '../template/variable';
import {
  createDefaultAutomation,
  createGlobalEnvironment,
  DEFAULT_SETTINGS,
  type ConnectionAutomation,
  GLOBAL_ENVIRONMENT_ID,
  WORKSPACE_VERSION,
  parseProtocolList,
  type MessageTemplate,
  type SavedConnection,
  type Workspace,
} from './workspace';

/** What is written to storage: the data under the version it was written with. */
export interface StoredWorkspace {
  version: number;
  workspace: unknown;
}

interface Migration {
  /** A name that says what changed, for logs and tests. */
  id: string;
  from: number;
  up: (old: Record<string, unknown>) => Record<string, unknown>;
}

/**
 * Version 1 kept subprotocols as the text typed in the field and called templates "messages" with no format.
 * Version 2 keeps a parsed list, a format per template, and settings.
 * Version 3 adds binary templates (format "binary" with an encoding) and environments of variables, starting
 * with an empty global one. An older Frameline refuses version 3 instead of dropping what it does not know.
 */
const MIGRATIONS: Migration[] = [
  {
    id: 'v1-to-v2/protocol-lists-template-formats-settings',
    from: 1,
    up: (old) => ({
      connections: asArray(old.connections).map((raw) => {
        const connection = asRecord(raw);
        return {
          id: connection.id,
          name: connection.name,
          url: connection.url,
          protocols: parseProtocolList(
            typeof connection.subprotocols === 'string' ? connection.subprotocols : '',
          ),
          templates: asArray(connection.messages).map((message) => ({
            ...asRecord(message),
            format: 'text',
          })),
        };
      }),
      settings: { ...DEFAULT_SETTINGS },
    }),
  },
  {
    id: 'v2-to-v3/binary-templates-and-environments',
    from: 2,
    up: (old) => ({ ...old, environments: [createGlobalEnvironment()] }),
  },
];

/** Brings stored data of any known version up to the current one and checks its shape. Never throws. */
export function migrateWorkspace(stored: unknown): Result<Workspace, string> {
  const envelope = asRecord(stored);
  const version = envelope.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return err('Saved data has no valid version number.');
  }
  if (version > WORKSPACE_VERSION) {
    return err(
      `Saved data is from a newer Frameline (format version ${version}; this one reads up to ${WORKSPACE_VERSION}).`,
    );
  }
  let data = asRecord(envelope.workspace);
  for (let current = version; current < WORKSPACE_VERSION; current++) {
    const step = MIGRATIONS.find((migration) => migration.from === current);
    if (!step) return err(`No migration from format version ${current}.`);
    data = step.up(data);
  }
  return checkWorkspace(data);
}

/** Wraps the current workspace for storage. */
export function toStoredWorkspace(workspace: Workspace): StoredWorkspace {
  return { version: WORKSPACE_VERSION, workspace };
}

function checkWorkspace(data: Record<string, unknown>): Result<Workspace, string> {
  if (!Array.isArray(data.connections)) return err('Saved data has no list of connections.');
  const connections: SavedConnection[] = [];
  for (const [index, raw] of data.connections.entries()) {
    const checked = checkConnection(raw, `connections[${index}]`);
    if (!checked.ok) return checked;
    connections.push(checked.value);
  }
  const environments = checkEnvironments(data.environments);
  if (!environments.ok) return environments;
  const settings = asRecord(data.settings);
  const cap = settings.timelineCap;
  return ok({
    connections,
    environments: environments.value,
    settings: {
      timelineCap:
        typeof cap === 'number' && Number.isInteger(cap) && cap > 0 ? cap : DEFAULT_SETTINGS.timelineCap,
    },
  });
}

function checkEnvironments(raw: unknown): Result<Environment[], string> {
  // Absent means none were ever made: nothing can be lost by starting with the global one.
  if (raw === undefined) return ok([createGlobalEnvironment()]);
  if (!Array.isArray(raw)) return err('Saved data has environments that are not a list.');
  const environments: Environment[] = [];
  for (const [index, value] of raw.entries()) {
    const e = asRecord(value);
    const path = `environments[${index}]`;
    if (typeof e.id !== 'string' || typeof e.name !== 'string')
      return err(`${path} needs a text id and name.`);
    if (!Array.isArray(e.variables)) return err(`${path}.variables should be a list.`);
    const variables: Variable[] = [];
    for (const [row, rawVariable] of e.variables.entries()) {
      const v = asRecord(rawVariable);
      if (typeof v.name !== 'string' || typeof v.value !== 'string' || typeof v.secret !== 'boolean') {
        return err(`${path}.variables[${row}] needs a text name and value and a true/false secret flag.`);
      }
      variables.push({ name: v.name, value: v.value, secret: v.secret });
    }
    environments.push({ id: e.id, name: e.name, variables });
  }
  // The global environment is what every tab sees; restore it if an edit elsewhere lost it.
  if (!environments.some((e) => e.id === GLOBAL_ENVIRONMENT_ID))
    environments.unshift(createGlobalEnvironment());
  return ok(environments);
}

function checkConnection(raw: unknown, path: string): Result<SavedConnection, string> {
  const c = asRecord(raw);
  for (const key of ['id', 'name', 'url'] as const) {
    if (typeof c[key] !== 'string') return err(`${path}.${key} should be text.`);
  }
  if (!Array.isArray(c.protocols) || !c.protocols.every((p) => typeof p === 'string')) {
    return err(`${path}.protocols should be a list of text.`);
  }
  if (!Array.isArray(c.templates)) return err(`${path}.templates should be a list.`);
  const templates: MessageTemplate[] = [];
  for (const [index, rawTemplate] of c.templates.entries()) {
    const t = asRecord(rawTemplate);
    const at = `${path}.templates[${index}]`;
    for (const key of ['id', 'name', 'body'] as const) {
      if (typeof t[key] !== 'string') return err(`${at}.${key} should be text.`);
    }
    if (t.format !== 'text' && t.format !== 'json' && t.format !== 'binary') {
      return err(`${at}.format should be "text", "json" or "binary".`);
    }
    const template: MessageTemplate = {
      id: t.id as string,
      name: t.name as string,
      format: t.format,
      body: t.body as string,
    };
    if (t.format === 'binary') {
      if (t.encoding !== 'hex' && t.encoding !== 'base64')
        return err(`${at}.encoding should be "hex" or "base64".`);
      template.encoding = t.encoding;
    }
    templates.push(template);
  }
  const automation = checkAutomation(c.automation, `${path}.automation`);
  if (!automation.ok) return automation;
  return ok({
    id: c.id as string,
    name: c.name as string,
    url: c.url as string,
    protocols: [...(c.protocols as string[])],
    templates,
    automation: automation.value,
  });
}

function checkAutomation(raw: unknown, path: string): Result<ConnectionAutomation, string> {
  // Connections saved before automation existed simply have none configured.
  if (raw === undefined) return ok(createDefaultAutomation());
  const a = asRecord(raw);
  if (!Array.isArray(a.sendOnOpen) || !a.sendOnOpen.every((id) => typeof id === 'string')) {
    return err(`${path}.sendOnOpen should be a list of template ids.`);
  }
  const heartbeat = a.heartbeat === null ? null : asRecord(a.heartbeat);
  if (heartbeat && (typeof heartbeat.templateId !== 'string' || !isWholeNumber(heartbeat.everyMs))) {
    return err(`${path}.heartbeat needs a templateId and a whole number everyMs.`);
  }
  const r = asRecord(a.reconnect);
  if (
    typeof r.enabled !== 'boolean' ||
    !isWholeNumber(r.initialDelayMs) ||
    !isWholeNumber(r.maxDelayMs) ||
    !(isWholeNumber(r.maxAttempts) || r.maxAttempts === 'unlimited')
  ) {
    return err(`${path}.reconnect needs enabled, initialDelayMs, maxDelayMs and maxAttempts.`);
  }
  if (a.connectTimeoutMs !== null && !isWholeNumber(a.connectTimeoutMs)) {
    return err(`${path}.connectTimeoutMs should be a whole number of milliseconds or null.`);
  }
  return ok({
    sendOnOpen: [...(a.sendOnOpen as string[])],
    heartbeat: heartbeat
      ? { templateId: heartbeat.templateId as string, everyMs: heartbeat.everyMs as number }
      : null,
    reconnect: {
      enabled: r.enabled,
      initialDelayMs: r.initialDelayMs as number,
      maxDelayMs: r.maxDelayMs as number,
      maxAttempts: r.maxAttempts as number | 'unlimited',
    },
    connectTimeoutMs: a.connectTimeoutMs as number | null,
  });
}

function isWholeNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
