import { toMessagePayload } from '../codec/message-payload';
import { err, ok, type Result } from '../shared/result';
import { createDynamicValues } from '../template/dynamic-values';
import { interpolate } from '../template/interpolate';
import type { VariableScope } from '../template/variable';
import type { MessageTemplate } from '../workspace/workspace';
import type { ScenarioMessage } from './scenario';

/** Where a scenario's messages come from: the connection's templates and the variable scopes of the run. */
export interface ScenarioMessageContext {
  templates: readonly MessageTemplate[];
  /** In precedence order, most specific first; captured variables go before all of them. */
  scopes: readonly VariableScope[];
  /** The send counter behind `{{$counter}}`: called once per message, so each send gets the next number. */
  nextCounter(): number;
}

/**
 * What a step sends: the template or inline message with `{{names}}` expanded (variables captured in the run
 * first), then encoded like any draft (binary from hex or base64). A template that is gone, a name no scope
 * defines or a malformed binary body is an error naming it, never a message sent half-expanded.
 */
export function resolveScenarioMessage(
  message: ScenarioMessage,
  captured: ReadonlyMap<string, string>,
  context: ScenarioMessageContext,
): Result<string | Uint8Array, string> {
  const draft =
    message.kind === 'template' ? context.templates.find((t) => t.id === message.templateId) : message;
  if (!draft) return err(`The template “${message.kind === 'template' ? message.templateId : ''}” is gone`);
  const capturedScope: VariableScope = {
    name: 'captured',
    variables: [...captured].map(([name, value]) => ({ name, value, secret: false })),
  };
  const expanded = interpolate(draft.body, {
    variables: [capturedScope, ...context.scopes],
    dynamic: createDynamicValues({ counter: context.nextCounter() }),
  });
  if (!expanded.ok) return err(expanded.error.message);
  const missing = [...new Set(expanded.value.unresolved.map((u) => u.name))];
  if (missing.length > 0)
    return err(
      `${missing.map((name) => `{{${name}}}`).join(', ')} ${missing.length === 1 ? 'is' : 'are'} defined nowhere`,
    );
  const payload = toMessagePayload({
    format: draft.format,
    body: expanded.value.text,
    ...(draft.encoding ? { encoding: draft.encoding } : {}),
  });
  return payload.ok ? ok(payload.value) : err(`Binary message: ${payload.error.message}`);
}
