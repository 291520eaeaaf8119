import { LENS_IDS, PROTOCOL_LENS_IDS } from '../protocol/lens';
import * as z from 'zod/mini';
import { createDefaultAutomation } from './workspace';

/**
 * The schemas shared by the stored workspace and the collection file: a connection's own fields, its templates
 * and automation, variables and environments. Built by one function so both say the same thing about these
 * shapes; they differ only in what an unknown key means and in how ids are checked.
 */

/** What a schema contributes to a generated JSON Schema: a `$defs` name, a title, a description. */
export interface SchemaDoc {
  id?: string;
  title?: string;
  description?: string;
}

export type SchemaDocs = z.core.$ZodRegistry<SchemaDoc>;

export interface FieldSchemaOptions {
  /** 'refuse' for files from elsewhere (an unknown key is an error that names it); 'strip' for our own data. */
  unknownKeys: 'refuse' | 'strip';
  /** How the ids of connections and environments are checked (a file needs them non-empty). */
  id: z.ZodMiniType<string>;
  /** Where descriptions for the published JSON Schema go; the stored workspace publishes none. */
  docs?: SchemaDocs;
}

/** The shared building blocks; see FieldSchemaOptions for how the two uses differ. */
export function fieldSchemas(options: FieldSchemaOptions) {
  const strict = options.unknownKeys === 'refuse';
  const object = <S extends z.core.$ZodLooseShape>(shape: S, params?: z.core.$ZodObjectParams) =>
    strict ? z.strictObject(shape, params) : z.object(shape, params);
  const doc = <T extends z.core.$ZodType>(schema: T, meta: SchemaDoc): T => {
    options.docs?.add(schema, meta);
    return schema;
  };
  const text = z.string();
  const wholeNumber = (error: string) => z.int({ error }).check(z.minimum(0, { error }));
  const milliseconds = doc(wholeNumber('should be a whole number of milliseconds.'), {
    id: 'milliseconds',
    description: 'A whole number of milliseconds.',
  });

  const variable = doc(
    z.discriminatedUnion(
      'secret',
      [
        object({ name: text, value: text, secret: z.literal(false) }),
        doc(object({ name: text, secret: z.literal(true), value: z._default(z.string(), '') }), {
          description:
            'A secret. Exports leave its value out; a file may carry one. A missing value is empty.',
        }),
      ],
      { error: (issue) => (issue.code === 'invalid_union' ? 'should be true or false.' : undefined) },
    ),
    { id: 'variable' },
  );

  const environment = doc(object({ id: options.id, name: text, variables: z.array(variable) }), {
    id: 'environment',
  });

  const template = doc(
    object({
      id: text,
      name: text,
      format: z.enum(['text', 'json', 'binary']),
      encoding: z.optional(
        doc(z.enum(['hex', 'base64']), {
          description: 'Binary templates only, and required for them: how the body spells the bytes.',
        }),
      ),
      body: doc(z.string(), {
        description:
          'Text and JSON are sent exactly as written, after {{variable}} substitution. Binary: the bytes, in hex (spaces allowed) or base64.',
      }),
    }).check(
      (ctx) => {
        // A binary body means nothing without its encoding (JSON Schema is told only that it may be there).
        if (ctx.value.format === 'binary' && ctx.value.encoding === undefined) {
          ctx.issues.push({
            code: 'custom',
            input: ctx.value.encoding,
            path: ['encoding'],
            message: 'should be "hex" or "base64".',
          });
        }
      },
      // An encoding on a text template is left over from an edit, not part of it. An overwrite, unlike a
      // transform, keeps the type, so the generated JSON Schema still shows the defaults around templates.
      z.overwrite(({ encoding, ...rest }) => (rest.format === 'binary' ? { ...rest, encoding } : rest)),
    ),
    { id: 'template' },
  );

  const automation = doc(
    object({
      sendOnOpen: doc(z.array(text, { error: 'should be a list of template ids.' }), {
        description: 'Template ids sent, in order, after every open.',
      }),
      heartbeat: z.nullable(
        object(
          {
            templateId: text,
            everyMs: milliseconds,
            startWithConnection: doc(z._default(z.boolean(), true), {
              description: 'Whether Connect starts the heartbeat once open. Missing means true.',
            }),
          },
          {
            error: (issue) =>
              issue.code === 'invalid_type'
                ? 'should be null or an object with templateId and everyMs.'
                : undefined,
          },
        ),
      ),
      reconnect: object({
        enabled: z.boolean(),
        initialDelayMs: milliseconds,
        maxDelayMs: milliseconds,
        maxAttempts: z.union([wholeNumber('should be a whole number.'), z.literal('unlimited')], {
          error: 'should be a whole number or "unlimited".',
        }),
      }),
      connectTimeoutMs: z.nullable(wholeNumber('should be a whole number of milliseconds or null.')),
    }),
    { id: 'automation', description: 'What the connection does by itself. Missing means nothing automatic.' },
  );

  const scenarioMessage = doc(
    z.discriminatedUnion('kind', [
      object({ kind: z.literal('template'), templateId: text }),
      object({
        kind: z.literal('inline'),
        format: z.enum(['text', 'json', 'binary']),
        body: text,
        encoding: z.optional(z.enum(['hex', 'base64'])),
      }),
    ]),
    {
      id: 'scenarioMessage',
      description: 'A template of the connection by id, or a message written inline.',
    },
  );
  const matcher = doc(
    z.discriminatedUnion('kind', [
      object({ kind: z.literal('any') }),
      object({ kind: z.literal('json-subset'), value: z.unknown() }),
      object({ kind: z.literal('json-path'), predicates: z.array(text) }),
      object({ kind: z.literal('text-regex'), pattern: text, flags: z.optional(text) }),
      object({
        kind: z.literal('binary'),
        length: z.optional(wholeNumber('should be a whole number of bytes.')),
        hexPrefix: z.optional(text),
      }),
      object({ kind: z.literal('protocol'), lens: z.enum(PROTOCOL_LENS_IDS), value: z.unknown() }),
    ]),
    {
      id: 'matcher',
      description:
        'What a received message must be: JSON holding a value (json-subset), JSON on which filter predicates hold ' +
        '(json-path, e.g. $.type == "trade"), text a regular expression matches, binary of a length or prefix, or a ' +
        'decoded protocol message holding a value (protocol).',
    },
  );
  const capture = object({ path: text, variable: text });
  const captures = z.optional(z.array(capture));
  const step = doc(
    z.discriminatedUnion('kind', [
      object({
        kind: z.literal('connect'),
        protocols: z.optional(z.array(text)),
        expectProtocol: z.optional(text),
        timeoutMs: z.optional(milliseconds),
      }),
      object({
        kind: z.literal('disconnect'),
        code: z.optional(wholeNumber('should be a close code.')),
        reason: z.optional(text),
        timeoutMs: z.optional(milliseconds),
      }),
      object({ kind: z.literal('send'), message: scenarioMessage }),
      object({
        kind: z.literal('expect'),
        match: matcher,
        timeoutMs: milliseconds,
        mode: z.optional(z.enum(['skip', 'next'])),
        capture: captures,
      }),
      object({
        kind: z.literal('expectClose'),
        code: z.optional(wholeNumber('should be a close code.')),
        reason: z.optional(text),
        clean: z.optional(z.boolean()),
        timeoutMs: milliseconds,
      }),
      object({ kind: z.literal('expectNone'), match: matcher, windowMs: milliseconds }),
      object({
        kind: z.literal('request'),
        message: scenarioMessage,
        correlationPath: z.optional(text),
        timeoutMs: milliseconds,
        match: z.optional(matcher),
        capture: captures,
        overlap: z.optional(
          doc(z.boolean(), {
            description:
              'Send and go on; the reply is awaited before the next step that is not an overlapping request.',
          }),
        ),
      }),
      object({ kind: z.literal('wait'), ms: milliseconds }),
      object({
        kind: z.literal('repeat'),
        times: wholeNumber('should be a whole number.'),
        get steps() {
          return steps;
        },
      }),
    ]),
    { id: 'step' },
  );
  const steps: z.ZodMiniArray<typeof step> = z.array(step);
  const scenario = doc(object({ id: options.id, name: text, steps }), {
    id: 'scenario',
    description: 'An ordered list of steps run against the connection (see the README, Scenarios).',
  });

  /** A connection's own fields, wherever it is kept; its place in a tree is the container's business. */
  const connectionShape = {
    id: options.id,
    name: text,
    url: doc(z.string(), { description: 'ws:// or wss:// URL; may contain {{variables}}.' }),
    protocols: doc(z.array(text, { error: 'should be a list of text.' }), {
      description: 'Subprotocols, in order of preference.',
    }),
    templates: z.array(template),
    automation: z._default(automation, createDefaultAutomation),
    scenarios: doc(
      z._default(z.array(scenario), () => []),
      { description: 'Missing means none.' },
    ),
    headers: z.optional(
      doc(z.array(object({ name: text, value: text })), {
        description:
          'Handshake headers. A browser cannot send them, so the app does not; frameline run does. Values may hold {{variables}}.',
      }),
    ),
    correlationPath: z.optional(
      doc(text, {
        description: 'Where request steps find the id pairing a reply with its request. Missing: $.id.',
      }),
    ),
    lens: z.optional(
      doc(z.enum(LENS_IDS), {
        description: 'The protocol lens (see the README). Missing: detected from the subprotocol or URL.',
      }),
    ),
    handshakePayload: z.optional(
      doc(text, {
        description:
          'JSON for the lens handshake (Socket.IO auth, GraphQL connection_init); may hold {{variables}}.',
      }),
    ),
  };

  return { object, doc, text, variable, environment, template, automation, connectionShape };
}
