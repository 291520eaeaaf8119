import type { ProbeOutcome } from '@/core/session/handshake-failure';

/**
 * One HEAD request to see whether anything answers HTTP at `url`. `no-cors` resolves with an opaque response
 * for any answer, so no server has to allow it; no cookies or referrer go with it. A rejection (refused, DNS,
 * TLS) or no answer within `timeoutMs` means no answer.
 */
export async function probeHttp(url: string, options: { timeoutMs: number }): Promise<ProbeOutcome> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  try {
    const response = await fetch(url, {
      method: 'HEAD',
      mode: 'no-cors',
      credentials: 'omit',
      cache: 'no-store',
      // Chromium fails a cross-origin no-cors request with any other mode, whatever the server answers.
      redirect: 'follow',
      referrerPolicy: 'no-referrer',
      signal: controller.signal,
    });
    await response.body?.cancel().catch(() => undefined);
    return 'answered';
  } catch {
    return 'no-answer';
  } finally {
    clearTimeout(timer);
  }
}
