import { describe, expect, it, vi } from 'vitest';
import { createListenerSet } from './listener-set';

describe('createListenerSet', () => {
  it('calls listeners in order, keeps going past one that throws, and unsubscribes', () => {
    const onError = vi.fn();
    const set = createListenerSet<number>({ onError });
    const calls: string[] = [];
    const stopA = set.subscribe((n) => calls.push(`a${n}`));
    set.subscribe(() => {
      throw new Error('boom');
    });
    set.subscribe((n) => calls.push(`c${n}`));
    set.emit(1);
    expect(calls).toEqual(['a1', 'c1']);
    expect(onError).toHaveBeenCalledWith(new Error('boom'));

    stopA();
    stopA();
    set.emit(2);
    expect(calls).toEqual(['a1', 'c1', 'c2']);
    set.clear();
    set.emit(3);
    expect(calls).toEqual(['a1', 'c1', 'c2']);
  });
});
