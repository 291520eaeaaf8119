import type { SessionEvent } from '@/core/session/session-events';
import type { TimelineExportFormat } from '@/core/timeline/timeline-export';

/** How each timeline export format is named, described and saved. */
export interface FormatInfo {
  label: string;
  description: string;
  extension: string;
  mimeType: string;
}

export const FORMATS: Record<TimelineExportFormat, FormatInfo> = {
  ndjson: {
    label: 'NDJSON',
    description: 'Every entry, one JSON object per line',
    extension: 'ndjson',
    mimeType: 'application/x-ndjson',
  },
  har: {
    label: 'HAR',
    description: 'Messages as Chrome DevTools saves them',
    extension: 'har',
    mimeType: 'application/json',
  },
};

/** The timeline filter's matches, when a filter is set: the dialog offers to export only them. */
export interface MatchingEntries {
  count: number;
  /** Whether every entry has been tested: until then the matches are not all known. */
  complete: boolean;
  events(): SessionEvent[];
}
