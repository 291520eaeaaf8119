import type { ProtocolLensId } from '../protocol/lens';
import { LENS_LABELS } from '../protocol/lens-catalog';
/*
 * A scenario: an ordered list of steps run against one connection, "send this, expect that within 500 ms,
 * remember the token, send the next". Plain data, so it can be saved with a connection, exported in the
 * collection file and run the same way by the app and by `frameline run`.
 */

import type { BinaryEncoding, TemplateFormat } from '../workspace/workspace';

/** What a `send` or `request` step sends: a saved template of the connection, or a message written inline. */
export type ScenarioMessage =
  | { kind: 'template'; templateId: string }
  /** Written like a template: text and JSON as they are (with `{{variables}}`), binary in hex or base64. */
  | { kind: 'inline'; format: TemplateFormat; body: string; encoding?: BinaryEncoding };

/** What a received message must be for an `expect`, `expectNone` or `request` step. */
export type MessageMatcher =
  /** Any message at all. */
  | { kind: 'any' }
  /** JSON that holds this value: objects may have more keys, arrays must match element by element. */
  | { kind: 'json-subset'; value: unknown }
  /** JSON on which every predicate of the timeline filter language holds (`$.type == "trade"`, `$.id exists`). */
  | { kind: 'json-path'; predicates: string[] }
  /** Text in which the regular expression finds a match. */
  | { kind: 'text-regex'; pattern: string; flags?: string }
  /** A binary message of this length and/or starting with these bytes (hex). */
  | { kind: 'binary'; length?: number; hexPrefix?: string }
  /**
   * A message of a protocol (Socket.IO event, GraphQL `next`, JSON-RPC result, STOMP MESSAGE, MQTT PUBLISH)
   * whose decoded value holds this value, as `json-subset` does; any message of a frame may match.
   */
  | { kind: 'protocol'; lens: ProtocolLensId; value: unknown };

/** Copies a value of the matched JSON message into a variable for later steps: `{{token}}`. */
export interface Capture {
  path: string;
  variable: string;
}

export type ScenarioStep =
  | { kind: 'connect'; protocols?: string[]; expectProtocol?: string; timeoutMs?: number }
  | { kind: 'disconnect'; code?: number; reason?: string; timeoutMs?: number }
  | { kind: 'send'; message: ScenarioMessage }
  | {
      kind: 'expect';
      match: MessageMatcher;
      timeoutMs: number;
      /** 'skip' (default) passes over messages that do not match; 'next' requires the very next message. */
      mode?: 'skip' | 'next';
      capture?: Capture[];
    }
  | { kind: 'expectClose'; code?: number; reason?: string; clean?: boolean; timeoutMs: number }
  | { kind: 'expectNone'; match: MessageMatcher; windowMs: number }
  | {
      kind: 'request';
      message: ScenarioMessage;
      /** Where the id is, in the sent message and its reply. Default: the connection's, else `$.id`. */
      correlationPath?: string;
      timeoutMs: number;
      /** The reply must also match this. */
      match?: MessageMatcher;
      capture?: Capture[];
      /**
       * Send and go on: the steps after it start at once, and its reply is awaited before the next step that is
       * not an overlapping request. Consecutive overlapping requests are in flight together.
       */
      overlap?: boolean;
    }
  | { kind: 'wait'; ms: number }
  | { kind: 'repeat'; times: number; steps: ScenarioStep[] };

export interface Scenario {
  id: string;
  name: string;
  steps: ScenarioStep[];
}

export type StepKind = ScenarioStep['kind'];

/** The default correlation path of `request` steps. */
export const DEFAULT_CORRELATION_PATH = '$.id';

/** A short description of a step for result lists and reports: "expect {"type":"ack"} within 500 ms". */
export function describeStep(step: ScenarioStep, templateName?: (id: string) => string | undefined): string {
  const message = (m: ScenarioMessage): string =>
    m.kind === 'template'
      ? `template “${templateName?.(m.templateId) ?? m.templateId}”`
      : clip(m.format === 'binary' ? `0x${m.body}` : m.body);
  switch (step.kind) {
    case 'connect':
      return step.protocols?.length ? `connect (${step.protocols.join(', ')})` : 'connect';
    case 'disconnect':
      return step.code === undefined
        ? 'disconnect'
        : `disconnect ${step.code}${step.reason ? ` “${step.reason}”` : ''}`;
    case 'send':
      return `send ${message(step.message)}`;
    case 'expect':
      return `expect ${step.mode === 'next' ? 'next ' : ''}${describeMatcher(step.match)} within ${step.timeoutMs} ms`;
    case 'expectClose':
      return `expect close${step.code === undefined ? '' : ` ${step.code}`} within ${step.timeoutMs} ms`;
    case 'expectNone':
      return `expect no ${describeMatcher(step.match)} for ${step.windowMs} ms`;
    case 'request':
      return `request ${message(step.message)} within ${step.timeoutMs} ms${step.overlap ? ', overlapping' : ''}`;
    case 'wait':
      return `wait ${step.ms} ms`;
    case 'repeat':
      return `repeat ${step.times}×`;
  }
}

/** A matcher in a few words. */
export function describeMatcher(matcher: MessageMatcher): string {
  switch (matcher.kind) {
    case 'any':
      return 'a message';
    case 'json-subset':
      return clip(JSON.stringify(matcher.value));
    case 'json-path':
      return clip(matcher.predicates.join(' and '));
    case 'text-regex':
      return `/${clip(matcher.pattern)}/${matcher.flags ?? ''}`;
    case 'binary': {
      const parts = [
        matcher.length === undefined ? null : `${matcher.length} bytes`,
        matcher.hexPrefix ? `starting ${matcher.hexPrefix}` : null,
      ].filter(Boolean);
      return parts.length ? `binary ${parts.join(', ')}` : 'binary';
    }
    case 'protocol':
      return `${LENS_LABELS[matcher.lens]} ${clip(JSON.stringify(matcher.value))}`;
  }
}

function clip(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The steps with every template reference passed through `map`: for copies whose templates get new ids. */
export function mapTemplateIds(steps: readonly ScenarioStep[], map: (id: string) => string): ScenarioStep[] {
  const message = (m: ScenarioMessage): ScenarioMessage =>
    m.kind === 'template' ? { ...m, templateId: map(m.templateId) } : { ...m };
  return steps.map((step): ScenarioStep => {
    switch (step.kind) {
      case 'send':
      case 'request':
        return { ...structuredClone(step), message: message(step.message) };
      case 'repeat':
        return { ...step, steps: mapTemplateIds(step.steps, map) };
      default:
        return structuredClone(step);
    }
  });
}

/** The texts of inline messages in the steps, where `{{names}}` expand: an export must carry what they use. */
export function inlineMessageBodies(steps: readonly ScenarioStep[]): string[] {
  return steps.flatMap((step) =>
    step.kind === 'repeat'
      ? inlineMessageBodies(step.steps)
      : (step.kind === 'send' || step.kind === 'request') && step.message.kind === 'inline'
        ? [step.message.body]
        : [],
  );
}
