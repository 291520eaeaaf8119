import { describe, expect, it } from 'vitest';
import { exportFileName } from './export-file-name';

const at = new Date(2025, 0, 7, 9, 5, 3);

describe('exportFileName', () => {
  it('names the host and the local time, with the port kept but no colon', () => {
    expect(exportFileName('ws://127.0.0.1:8787/echo', at, 'har')).toBe(
      'frameline-127.0.0.1-8787-2025-01-07-090503.har',
    );
    expect(exportFileName('wss://api.example.com/ws?token=x', at, 'ndjson')).toBe(
      'frameline-api.example.com-2025-01-07-090503.ndjson',
    );
  });

  it('falls back to a generic name when the URL has no host', () => {
    expect(exportFileName('', at, 'ndjson')).toBe('frameline-timeline-2025-01-07-090503.ndjson');
    expect(exportFileName('{{base}}/chat', at, 'har')).toBe('frameline-timeline-2025-01-07-090503.har');
  });

  it('gives IPv6 hosts a name without brackets or colons', () => {
    expect(exportFileName('ws://[::1]:8787/', at, 'har')).toBe('frameline-1-8787-2025-01-07-090503.har');
  });
});
