/** Tells other browser tabs of this app that the session archive changed, and hears when they say so. */

const CHANNEL = 'frameline-archive';
let channel: BroadcastChannel | null | undefined;

function shared(): BroadcastChannel | null {
  if (channel === undefined)
    channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CHANNEL);
  return channel;
}

/** Says the archive changed (a batch written, a session renamed or deleted). */
export function announceArchiveChange(): void {
  shared()?.postMessage('changed');
}

/** Calls `listener` when another browser tab changed the archive; returns the unsubscribe. */
export function onArchiveChangeElsewhere(listener: () => void): () => void {
  const target = shared();
  if (!target) return () => {};
  const handler = () => listener();
  target.addEventListener('message', handler);
  return () => target.removeEventListener('message', handler);
}
