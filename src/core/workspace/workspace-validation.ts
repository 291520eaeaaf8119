import { err, ok, type Result } from '../shared/result';
import type { Environment } from '../template/environment';
import type { Variable } from '../template/variable';
import {
  createDefaultAutomation,
  createGlobalEnvironment,
  GLOBAL_ENVIRONMENT_ID,
  type ConnectionAutomation,
  type ConnectionFields,
  type MessageTemplate,
} from './workspace';

/**
 * Shape checks shared by stored workspaces and imported collection files. Each check builds a fresh object from
 * the fields it knows, so unknown keys (including `__proto__`) never ride along, and names the path of the first
 * field that is wrong.
 */

/** The first wrong field: `path` like `connections[0].templates[1].format`, `message` like `should be text.` */
export interface FieldError {
  path: string;
  message: string;
}

/** "connections[0].url should be text." */
export function describeFieldError(error: FieldError): string {
  return `${error.path} ${error.message}`;
}

type Checked<T> = Result<T, FieldError>;

const fail = (path: string, message: string): Checked<never> => err({ path, message });

/** Checks a connection's own fields (its place in a tree is the caller's); a missing `automation` means none. */
export function checkConnectionFields(raw: unknown, path: string): Checked<ConnectionFields> {
  const c = asRecord(raw);
  for (const key of ['id', 'name', 'url'] as const) {
    if (typeof c[key] !== 'string') return fail(`${path}.${key}`, 'should be text.');
  }
  if (!Array.isArray(c.protocols) || !c.protocols.every((p) => typeof p === 'string')) {
    return fail(`${path}.protocols`, 'should be a list of text.');
  }
  if (!Array.isArray(c.templates)) return fail(`${path}.templates`, 'should be a list.');
  const templates: MessageTemplate[] = [];
  for (const [index, rawTemplate] of c.templates.entries()) {
    const template = checkTemplate(rawTemplate, `${path}.templates[${index}]`);
    if (!template.ok) return template;
    templates.push(template.value);
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

function checkTemplate(raw: unknown, path: string): Checked<MessageTemplate> {
  const t = asRecord(raw);
  for (const key of ['id', 'name', 'body'] as const) {
    if (typeof t[key] !== 'string') return fail(`${path}.${key}`, 'should be text.');
  }
  if (t.format !== 'text' && t.format !== 'json' && t.format !== 'binary') {
    return fail(`${path}.format`, 'should be "text", "json" or "binary".');
  }
  const template: MessageTemplate = {
    id: t.id as string,
    name: t.name as string,
    format: t.format,
    body: t.body as string,
  };
  if (t.format === 'binary') {
    if (t.encoding !== 'hex' && t.encoding !== 'base64')
      return fail(`${path}.encoding`, 'should be "hex" or "base64".');
    template.encoding = t.encoding;
  }
  return ok(template);
}

function checkAutomation(raw: unknown, path: string): Checked<ConnectionAutomation> {
  // Connections saved before automation existed simply have none configured.
  if (raw === undefined) return ok(createDefaultAutomation());
  const a = asRecord(raw);
  if (!Array.isArray(a.sendOnOpen) || !a.sendOnOpen.every((id) => typeof id === 'string')) {
    return fail(`${path}.sendOnOpen`, 'should be a list of template ids.');
  }
  const heartbeat = a.heartbeat === null ? null : asRecord(a.heartbeat);
  if (heartbeat && (typeof heartbeat.templateId !== 'string' || !isWholeNumber(heartbeat.everyMs))) {
    return fail(`${path}.heartbeat`, 'needs a templateId and a whole number everyMs.');
  }
  const r = asRecord(a.reconnect);
  if (
    typeof r.enabled !== 'boolean' ||
    !isWholeNumber(r.initialDelayMs) ||
    !isWholeNumber(r.maxDelayMs) ||
    !(isWholeNumber(r.maxAttempts) || r.maxAttempts === 'unlimited')
  ) {
    return fail(`${path}.reconnect`, 'needs enabled, initialDelayMs, maxDelayMs and maxAttempts.');
  }
  if (a.connectTimeoutMs !== null && !isWholeNumber(a.connectTimeoutMs)) {
    return fail(`${path}.connectTimeoutMs`, 'should be a whole number of milliseconds or null.');
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

/**
 * Checks a list of variables. With `{ missingSecretValue: 'empty' }` a secret may come without a value, as
 * exports write them.
 */
export function checkVariables(
  raw: unknown,
  path: string,
  options: { missingSecretValue?: 'empty' | 'error' } = {},
): Checked<Variable[]> {
  if (!Array.isArray(raw)) return fail(path, 'should be a list.');
  const variables: Variable[] = [];
  for (const [row, rawVariable] of raw.entries()) {
    const v = asRecord(rawVariable);
    const value =
      v.value === undefined && v.secret === true && options.missingSecretValue === 'empty' ? '' : v.value;
    if (typeof v.name !== 'string' || typeof value !== 'string' || typeof v.secret !== 'boolean') {
      return fail(`${path}[${row}]`, 'needs a text name and value and a true/false secret flag.');
    }
    variables.push({ name: v.name, value, secret: v.secret });
  }
  return ok(variables);
}

/** Checks named environments; the global one is restored first if it is missing. */
export function checkEnvironments(
  raw: unknown,
  path: string,
  options: { missingSecretValue?: 'empty' | 'error'; ensureGlobal: boolean },
): Checked<Environment[]> {
  if (!Array.isArray(raw)) return fail(path, 'should be a list.');
  const environments: Environment[] = [];
  for (const [index, value] of raw.entries()) {
    const e = asRecord(value);
    const at = `${path}[${index}]`;
    if (typeof e.id !== 'string' || typeof e.name !== 'string') return fail(at, 'needs a text id and name.');
    const variables = checkVariables(e.variables, `${at}.variables`, options);
    if (!variables.ok) return variables;
    environments.push({ id: e.id, name: e.name, variables: variables.value });
  }
  // The global environment is what every tab sees; restore it if an edit elsewhere lost it.
  if (options.ensureGlobal && !environments.some((e) => e.id === GLOBAL_ENVIRONMENT_ID))
    environments.unshift(createGlobalEnvironment());
  return ok(environments);
}

function isWholeNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

/** The value as a record of its own fields, or an empty one for anything that is not a plain object. */
export function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
