import { LENS_IDS } from '../protocol/lens';
import fc from 'fast-check';
import type { MessageMatcher, Scenario, ScenarioMessage, ScenarioStep } from '../scenario/scenario';
import type { Variable } from '../template/variable';
import type { ConnectionAutomation, MessageTemplate } from '../workspace/workspace';
import type { CollectionDocument, DocumentConnection, DocumentItem } from './collection-document';
import { serializeCollectionFile } from './collection-file';

/**
 * fast-check arbitraries for collection documents with unique ids, as an export produces them. Secret values
 * are empty because that is all an export can hold.
 */

const text = fc.string({ unit: 'grapheme', maxLength: 12 });

/** Secrets come with and without a value: an export carries one only when the user chose to include them. */
const variable: fc.Arbitrary<Variable> = fc.record({
  name: fc.stringMatching(/^[a-z][a-z0-9_.-]{0,8}$/),
  value: text,
  secret: fc.boolean(),
});

const template: fc.Arbitrary<Omit<MessageTemplate, 'id'>> = fc.oneof(
  fc.record({
    name: text,
    format: fc.constantFrom('text' as const, 'json' as const),
    body: fc.string({ unit: 'binary' }),
  }),
  fc.record({
    name: text,
    format: fc.constant('binary' as const),
    encoding: fc.constantFrom('hex' as const, 'base64' as const),
    body: fc.stringMatching(/^[0-9a-f ]{0,16}$/),
  }),
);

const whole = fc.nat({ max: 100_000 });

function automationFor(templateIds: string[]): fc.Arbitrary<ConnectionAutomation> {
  const templateId = templateIds.length > 0 ? fc.constantFrom(...templateIds) : fc.constant('missing');
  return fc.record({
    sendOnOpen: fc.array(templateId, { maxLength: 3 }),
    heartbeat: fc.option(fc.record({ templateId, everyMs: whole, startWithConnection: fc.boolean() }), {
      nil: null,
    }),
    reconnect: fc.record({
      enabled: fc.boolean(),
      initialDelayMs: whole,
      maxDelayMs: whole,
      maxAttempts: fc.oneof(whole, fc.constant('unlimited' as const)),
    }),
    connectTimeoutMs: fc.option(whole, { nil: null }),
  });
}

function scenariosFor(templateIds: string[]): fc.Arbitrary<Scenario[]> {
  const templateId = templateIds.length > 0 ? fc.constantFrom(...templateIds) : fc.constant('missing');
  const message: fc.Arbitrary<ScenarioMessage> = fc.oneof(
    fc.record({ kind: fc.constant('template' as const), templateId }),
    fc.record({
      kind: fc.constant('inline' as const),
      format: fc.constantFrom('text' as const, 'json' as const),
      body: text,
    }),
  );
  // Values that survive JSON as they are (no -0).
  const jsonValue = fc.json({ maxDepth: 2 }).map((t) => JSON.parse(t) as unknown);
  const matcher: fc.Arbitrary<MessageMatcher> = fc.oneof(
    fc.constant({ kind: 'any' as const }),
    fc.record({ kind: fc.constant('json-subset' as const), value: jsonValue }),
    fc.record({ kind: fc.constant('json-path' as const), predicates: fc.array(text, { maxLength: 2 }) }),
    fc.record({ kind: fc.constant('text-regex' as const), pattern: text }),
  );
  const step: fc.Arbitrary<ScenarioStep> = fc.oneof(
    fc.constant({ kind: 'connect' as const }),
    fc.record({ kind: fc.constant('send' as const), message }),
    fc.record(
      {
        kind: fc.constant('expect' as const),
        match: matcher,
        timeoutMs: whole,
        mode: fc.constantFrom('skip' as const, 'next' as const),
        capture: fc.array(fc.record({ path: fc.constant('$.id'), variable: text }), { maxLength: 1 }),
      },
      { requiredKeys: ['kind', 'match', 'timeoutMs'] },
    ),
    fc.record({ kind: fc.constant('request' as const), message, timeoutMs: whole }),
    fc.record({ kind: fc.constant('wait' as const), ms: whole }),
    fc.record({
      kind: fc.constant('repeat' as const),
      times: whole,
      steps: fc.array(fc.record({ kind: fc.constant('wait' as const), ms: whole }), { maxLength: 2 }),
    }),
  );
  return fc.array(fc.record({ id: fc.uuid(), name: text, steps: fc.array(step, { maxLength: 4 }) }), {
    maxLength: 2,
  });
}

const connectionBody = fc.array(template, { maxLength: 4 }).chain((templates) => {
  const withIds = templates.map((t, i) => ({ ...t, id: `t${i}` }) as MessageTemplate);
  return fc.record({
    name: text,
    url: fc.oneof(
      fc.constant('ws://127.0.0.1:8787/echo'),
      fc.webUrl().map((u) => u.replace(/^http/, 'ws')),
      text,
    ),
    protocols: fc.array(fc.stringMatching(/^[a-z][a-z0-9.]{0,6}$/), { maxLength: 3 }),
    templates: fc.constant(withIds),
    automation: automationFor(withIds.map((t) => t.id)),
    scenarios: scenariosFor(withIds.map((t) => t.id)),
    headers: fc.option(
      fc.array(fc.record({ name: fc.stringMatching(/^[A-Za-z-]{1,12}$/), value: text }), { maxLength: 2 }),
      {
        nil: undefined,
      },
    ),
    lens: fc.option(fc.constantFrom(...LENS_IDS), { nil: undefined }),
    handshakePayload: fc.option(text, { nil: undefined }),
  });
});

type Shape = { type: 'folder'; name: string; items: Shape[] } | { type: 'connection' };

const shape: fc.Arbitrary<Shape[]> = fc.letrec<{ items: Shape[]; item: Shape }>((tie) => ({
  items: fc.array(tie('item'), { maxLength: 3 }),
  item: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant({ type: 'connection' } as Shape),
    fc.record({ type: fc.constant('folder' as const), name: text, items: tie('items') }),
  ),
})).items;

/** A document of 0–3 collections (folders nested up to a few levels), loose connections and environments. */
export const collectionDocument: fc.Arbitrary<CollectionDocument> = fc
  .record({
    collections: fc.array(
      fc.record({ name: text, variables: fc.array(variable, { maxLength: 3 }), items: shape }),
      {
        maxLength: 3,
      },
    ),
    looseCount: fc.nat({ max: 2 }),
    environments: fc.array(fc.record({ name: text, variables: fc.array(variable, { maxLength: 3 }) }), {
      maxLength: 2,
    }),
    bodies: fc.infiniteStream(connectionBody, { noHistory: true }),
  })
  // A file with nothing in it is refused on import; an export always holds at least what was chosen.
  .filter(
    ({ collections, looseCount, environments }) => collections.length + looseCount + environments.length > 0,
  )
  .map(({ collections, looseCount, environments, bodies }) => {
    let next = 0;
    const id = (prefix: string) => `${prefix}-${next++}`;
    const connection = (): DocumentConnection => ({
      type: 'connection',
      id: id('conn'),
      ...bodies.next().value,
    });
    const build = (items: Shape[]): DocumentItem[] =>
      items.map((item) =>
        item.type === 'folder'
          ? { type: 'folder', id: id('folder'), name: item.name, items: build(item.items) }
          : connection(),
      );
    return {
      source: 'Frameline collection',
      collections: collections.map((c) => ({
        id: id('col'),
        name: c.name,
        variables: c.variables,
        items: build(c.items),
      })),
      connections: Array.from({ length: looseCount }, connection),
      environments: environments.map((e) => ({ id: id('env'), ...e })),
      notes: [],
      timelines: [],
    };
  });

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** A change to a valid file: some keep it valid (optional fields dropped, secrets given values), some do not. */
type Mutation =
  | { kind: 'drop-optional'; which: number }
  | { kind: 'secret-value'; which: number; value: string }
  | { kind: 'schema-key'; value: Json }
  | { kind: 'text-encoding'; which: number }
  | { kind: 'extra-key'; which: number; key: string; value: Json }
  | { kind: 'wrong-type'; which: number; value: Json };

const smallJson = fc.jsonValue({ maxDepth: 1 }) as fc.Arbitrary<Json>;

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('drop-optional' as const), which: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('secret-value' as const), which: fc.nat(), value: text }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('schema-key' as const),
      value: fc.oneof(fc.constant('https://example.test/frameline-collection.schema.json'), smallJson),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('text-encoding' as const), which: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('extra-key' as const),
      which: fc.nat(),
      key: fc.constantFrom('colour', 'notes', '$schema', '$comment', 'Type', 'value'),
      value: smallJson,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('wrong-type' as const), which: fc.nat(), value: smallJson }),
  },
);

/** Every object in a JSON tree, with the objects directly under a `collections` list marked. */
function objectsIn(root: Json): { node: JsonObject; collection: boolean }[] {
  const found: { node: JsonObject; collection: boolean }[] = [];
  const visit = (value: Json, collection: boolean) => {
    if (Array.isArray(value)) value.forEach((item) => visit(item, collection));
    else if (value !== null && typeof value === 'object') {
      found.push({ node: value, collection });
      for (const [key, child] of Object.entries(value)) visit(child, key === 'collections' && value === root);
    }
  };
  visit(root, false);
  return found;
}

function pick<T>(list: readonly T[], which: number): T | undefined {
  return list.length === 0 ? undefined : list[which % list.length];
}

function mutate(file: JsonObject, change: Mutation): void {
  const objects = objectsIn(file);
  switch (change.kind) {
    case 'drop-optional': {
      const optional = [
        ...['exportedAt', 'collections', 'connections', 'environments']
          .filter((key) => key in file)
          .map((key) => ({ node: file, key })),
        ...objects
          .filter((o) => o.collection && 'variables' in o.node)
          .map((o) => ({ node: o.node, key: 'variables' })),
        ...objects
          .filter((o) => o.node.type === 'connection' && 'automation' in o.node)
          .map((o) => ({ node: o.node, key: 'automation' })),
      ];
      const target = pick(optional, change.which);
      if (target) delete target.node[target.key];
      return;
    }
    case 'secret-value': {
      const secret = pick(
        objects.filter((o) => o.node.secret === true),
        change.which,
      );
      if (secret) secret.node.value = change.value;
      return;
    }
    case 'schema-key':
      file.$schema = change.value;
      return;
    case 'text-encoding': {
      const template = pick(
        objects.filter((o) => o.node.format === 'text' || o.node.format === 'json'),
        change.which,
      );
      if (template) template.node.encoding = 'hex';
      return;
    }
    case 'extra-key': {
      const target = pick(objects, change.which);
      if (target && !(change.key in target.node)) target.node[change.key] = change.value;
      return;
    }
    case 'wrong-type': {
      const fields = objects.flatMap((o) => Object.keys(o.node).map((key) => ({ node: o.node, key })));
      const target = pick(fields, change.which);
      if (target) target.node[target.key] = change.value;
      return;
    }
  }
}

/**
 * Files as people and other tools write them: a valid export with optional fields dropped, secrets with and
 * without values, `$schema` and other extra keys sprinkled in, and values of the wrong type. Many are still
 * valid; the rest must be refused.
 */
export const looseCollectionFile: fc.Arbitrary<unknown> = fc
  .tuple(collectionDocument, fc.array(mutation, { maxLength: 3 }))
  .map(([document, changes]) => {
    const file = JSON.parse(
      serializeCollectionFile(document, { exportedAt: new Date(Date.UTC(2026, 11, 1)) }),
    );
    for (const change of changes) mutate(file as JsonObject, change);
    return file;
  });
