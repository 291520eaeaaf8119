import fc from 'fast-check';
import type { Variable } from '../template/variable';
import type { ConnectionAutomation, MessageTemplate } from '../workspace/workspace';
import type { CollectionDocument, DocumentConnection, DocumentItem } from './collection-document';

/**
 * fast-check arbitraries for collection documents with unique ids, as an export produces them. Secret values
 * are empty because that is all an export can hold.
 */

const text = fc.string({ unit: 'grapheme', maxLength: 12 });

const variable: fc.Arbitrary<Variable> = fc
  .record({ name: fc.stringMatching(/^[a-z][a-z0-9_.-]{0,8}$/), value: text, secret: fc.boolean() })
  .map((v) => (v.secret ? { ...v, value: '' } : v));

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
    heartbeat: fc.option(fc.record({ templateId, everyMs: whole }), { nil: null }),
    reconnect: fc.record({
      enabled: fc.boolean(),
      initialDelayMs: whole,
      maxDelayMs: whole,
      maxAttempts: fc.oneof(whole, fc.constant('unlimited' as const)),
    }),
    connectTimeoutMs: fc.option(whole, { nil: null }),
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
    bodies: fc.infiniteStream(connectionBody),
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
