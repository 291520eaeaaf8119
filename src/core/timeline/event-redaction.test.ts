import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../session/session-events';
import { createRedactor } from '../template/secret-redaction';
import { redactEvent } from './event-redaction';

describe('redactEvent', () => {
  it("never touches the app's own words, even when a secret spells one", () => {
    const redactor = createRedactor([{ name: 'x', value: 'in' }]);
    const event: SessionEvent = {
      kind: 'message',
      at: 0,
      sinceOpen: 0,
      direction: 'in',
      format: 'text',
      data: 'login',
      size: 5,
    };
    expect(redactEvent(event, redactor, 'name')).toEqual({
      event: { ...event, data: 'log{{x}}' },
      found: 1,
    });
  });

  it('gives back the same event when it holds no secret', () => {
    const event: SessionEvent = { kind: 'error', at: 0, sinceOpen: null, message: 'refused' };
    expect(redactEvent(event, createRedactor([{ name: 'k', value: 'zzz' }]), 'mask').event).toBe(event);
  });
});
