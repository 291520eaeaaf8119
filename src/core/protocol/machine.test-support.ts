import type { LensEffect, LensInput, LensMachine } from './lens';

/** A frame from the server, as the shell feeds it. */
export const inbound = (data: string | ArrayBuffer): LensInput => ({
  kind: 'frame',
  frame: { direction: 'in', data },
});

/** A frame the client sent, as the shell feeds it. */
export const outbound = (data: string | ArrayBuffer): LensInput => ({
  kind: 'frame',
  frame: { direction: 'out', data },
});

/**
 * Runs inputs through a text protocol's machine in order, feeding each frame it sends back in as an outgoing
 * frame, as the shell does; returns the last state and every effect.
 */
export function runMachine<S>(
  machine: LensMachine<S>,
  inputs: readonly LensInput[],
  state: S = machine.initial({}),
): { state: S; sent: LensEffect[] } {
  const sent: LensEffect[] = [];
  let current = state;
  const feed = (input: LensInput) => {
    const next = machine.step(current, input, 0);
    current = next.state;
    for (const effect of next.effects) {
      sent.push(effect);
      if (effect.kind === 'send') feed(outbound(effect.data as string));
    }
  };
  inputs.forEach(feed);
  return { state: current, sent };
}
