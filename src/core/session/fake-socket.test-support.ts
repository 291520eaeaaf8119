import type { SocketLike } from './socket';

/** A socket a test drives by hand, for paths a real server cannot produce on demand. Tests only. */
export class FakeSocket implements SocketLike {
  binaryType = 'blob';
  readyState = 0;
  protocol = '';
  extensions = '';
  bufferedAmount = 0;
  sent: unknown[] = [];
  closes: unknown[][] = [];
  /** When set, `send` throws it, as a browser socket does in a bad state. */
  sendError: Error | null = null;
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onerror: SocketLike['onerror'] = null;
  onclose: SocketLike['onclose'] = null;
  constructor(
    readonly url = '',
    readonly protocols: string[] = [],
  ) {}
  send(data: unknown) {
    if (this.sendError) throw this.sendError;
    this.sent.push(data);
  }
  close(...args: unknown[]) {
    this.closes.push(args);
    this.readyState = 2;
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  /** The close event, whoever started it. */
  closed(code: number, options: { wasClean: boolean; reason?: string }) {
    this.readyState = 3;
    this.onclose?.({ code, reason: options.reason ?? '', wasClean: options.wasClean });
  }
  /** The TCP connection is lost without a closing handshake. */
  drop() {
    this.closed(1006, { wasClean: false });
  }
}
