/**
 * Sources for the `{{$name}}` values. Injected so previews and tests are deterministic; `createDynamicValues`
 * builds the real ones.
 */
export interface DynamicValues {
  uuid(): string;
  /** Unix time in milliseconds. */
  now(): number;
  /** An integer from 0 to 1000, inclusive. */
  randomInt(): number;
  /** The connection's send counter, supplied by the caller (it increments it once per send). */
  counter: number;
}

/** Every dynamic value a template can use, for autocompletion and docs. */
export const DYNAMIC_VALUE_NAMES = [
  '$uuid',
  '$timestamp',
  '$isoTimestamp',
  '$randomInt',
  '$counter',
] as const;

/** A name from DYNAMIC_VALUE_NAMES. */
export type DynamicValueName = (typeof DYNAMIC_VALUE_NAMES)[number];

const RANDOM_INT_MAX = 1000;

/** Whether `name` (with its `$`) is a known dynamic value. */
export function isDynamicValueName(name: string): name is DynamicValueName {
  return (DYNAMIC_VALUE_NAMES as readonly string[]).includes(name);
}

/**
 * Dynamic values backed by the platform unless overridden: crypto UUIDs, the wall clock and Math.random (the
 * random integer is for test data, not for anything that must be unguessable).
 */
export function createDynamicValues(options: {
  counter: number;
  uuid?: () => string;
  now?: () => number;
  /** A float in [0, 1), like Math.random. */
  random?: () => number;
}): DynamicValues {
  const random = options.random ?? Math.random;
  return {
    uuid: options.uuid ?? (() => crypto.randomUUID()),
    now: options.now ?? Date.now,
    randomInt: () => Math.min(RANDOM_INT_MAX, Math.floor(random() * (RANDOM_INT_MAX + 1))),
    counter: options.counter,
  };
}
