import type { LensFrame, LensInput, LensMachine } from '../lens';

/** What the composer needs: JSON-RPC itself sends nothing by itself. */
export interface JsonRpcState {
  /** The highest integer id this tab has sent, in any connection, so ids are never reused; 0 before any. */
  highestId: number;
}

function parsedJson(frame: LensFrame): unknown {
  if (typeof frame.data !== 'string') {
    try {
      return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(frame.data));
    } catch {
      return undefined;
    }
  }
  try {
    return JSON.parse(frame.data);
  } catch {
    return undefined;
  }
}

/** The highest integer request id in a frame, read leniently: a batch with one bad call still used its ids. */
function highestRequestId(frame: LensFrame): number {
  const parsed = parsedJson(frame);
  let highest = 0;
  for (const element of Array.isArray(parsed) ? parsed : [parsed]) {
    if (typeof element !== 'object' || element === null || !('method' in element) || !('id' in element))
      continue;
    const { id } = element;
    if (typeof id === 'number' && Number.isSafeInteger(id) && id > highest) highest = id;
  }
  return highest;
}

/** Counts the ids sent; never sends, never schedules. */
export const jsonRpcMachine: LensMachine<JsonRpcState> = {
  initial: () => ({ highestId: 0 }),
  step(state: JsonRpcState, input: LensInput) {
    if (input.kind !== 'frame' || input.frame.direction !== 'out') return { state, effects: [] };
    const highest = highestRequestId(input.frame);
    return { state: highest > state.highestId ? { highestId: highest } : state, effects: [] };
  },
};
