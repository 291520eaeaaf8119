/** Subscribers to one kind of value, called in order; one that throws does not stop the others. */
export interface ListenerSet<T> {
  /** Adds a listener; returns the function that removes it. */
  subscribe(listener: (value: T) => void): () => void;
  emit(value: T): void;
  clear(): void;
}

/**
 * Creates a listener set. Emitting loops over an array snapshot (rebuilt only when listeners change), so the
 * hot path of a message firehose allocates nothing. By default a listener's error is rethrown from a
 * microtask: the host reports it as uncaught while the remaining listeners still run.
 */
export function createListenerSet<T>(options: { onError?: (error: unknown) => void } = {}): ListenerSet<T> {
  const onError = options.onError ?? rethrowAsync;
  const listeners = new Set<(value: T) => void>();
  let snapshot: readonly ((value: T) => void)[] = [];
  return {
    subscribe(listener) {
      listeners.add(listener);
      snapshot = [...listeners];
      return () => {
        if (listeners.delete(listener)) snapshot = [...listeners];
      };
    },
    emit(value) {
      const targets = snapshot;
      for (let i = 0; i < targets.length; i++) {
        try {
          (targets[i] as (value: T) => void)(value);
        } catch (error) {
          onError(error);
        }
      }
    },
    clear() {
      listeners.clear();
      snapshot = [];
    },
  };
}

function rethrowAsync(error: unknown): void {
  queueMicrotask(() => {
    throw error;
  });
}
