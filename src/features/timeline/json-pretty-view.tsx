import { useEffect, useRef, useState, type ReactNode } from 'react';
import { formatJsonOffThread } from '@/adapters/json-formatter';
import { lineOf, type PrettyJson } from '@/core/timeline/json-pretty-lines';
import type { Redactor } from '@/core/template/secret-redaction';

/** Matches to mark within one shown line, as [start, end) character offsets. */
export type LineHighlighter = (
  line: string,
  lineIndex: number,
) => ReadonlyArray<{ start: number; end: number }>;

interface JsonPrettyViewProps {
  /** The message text, JSON-looking and too large to format inline. */
  text: string;
  redactor: Redactor;
  reveal: boolean;
  /** Shown instead when the text turns out not to parse (the raw view, with a note). */
  fallback: ReactNode;
  /** Optional marks, e.g. search matches, applied to the lines on screen only. */
  highlight?: LineHighlighter;
}

/** Must match `.json-pretty-line` in app.css: lines are positioned by index, never measured. */
const LINE_HEIGHT = 18;
const OVERSCAN = 20;
/** A line longer than this is cut on screen (Copy still gets it whole); one huge line would stall layout. */
const MAX_LINE_CHARS = 4000;

type FormatState = { status: 'formatting' } | { status: 'ready'; doc: PrettyJson } | { status: 'invalid' };

/**
 * Large JSON, pretty-printed in a worker and shown a screenful at a time: only the lines in view are in the DOM,
 * and the pane is isolated from the page's layout, so a multi-megabyte frame costs what a small one does.
 */
export function JsonPrettyView({ text, redactor, reveal, fallback, highlight }: JsonPrettyViewProps) {
  const [state, setState] = useState<{ text: string; format: FormatState }>({
    text,
    format: { status: 'formatting' },
  });
  const scroller = useRef<HTMLDivElement>(null);
  const [top, setTop] = useState(0);
  const [height, setHeight] = useState(400);

  useEffect(
    () =>
      formatJsonOffThread(text, (doc) =>
        setState({ text, format: doc ? { status: 'ready', doc } : { status: 'invalid' } }),
      ),
    [text],
  );

  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setHeight(element.clientHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // A new message starts from its first line.
  useEffect(() => {
    setTop(0);
    if (scroller.current) scroller.current.scrollTop = 0;
  }, [text]);

  const format: FormatState = state.text === text ? state.format : { status: 'formatting' };
  if (format.status === 'invalid') return <>{fallback}</>;

  const doc = format.status === 'ready' ? format.doc : null;
  const lineCount = doc ? doc.lineStarts.length : 0;
  const first = Math.max(0, Math.floor(top / LINE_HEIGHT) - OVERSCAN);
  const last = Math.min(lineCount, Math.ceil((top + height) / LINE_HEIGHT) + OVERSCAN);
  const lines: ReactNode[] = [];
  if (doc) {
    for (let index = first; index < last; index++) {
      const cut = lineOf(doc, index, MAX_LINE_CHARS + 1);
      // Strings never span lines in pretty JSON (newlines are escaped), so masking line by line finds every secret.
      const line = reveal ? cut : redactor.redact(cut, 'mask').text;
      const shown = line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS)}…` : line;
      lines.push(
        <div key={index} className="json-pretty-line" style={{ top: index * LINE_HEIGHT }}>
          {highlight ? marked(shown, highlight(shown, index)) : shown}
        </div>,
      );
    }
  }

  return (
    <div
      ref={scroller}
      className="detail-content json-pretty-view"
      aria-label="Message content"
      aria-busy={doc ? undefined : true}
      tabIndex={0}
      onScroll={(event) => setTop(event.currentTarget.scrollTop)}
    >
      {doc ? (
        <div className="json-pretty-lines" style={{ height: lineCount * LINE_HEIGHT }}>
          {lines}
        </div>
      ) : (
        <p className="muted">Formatting {text.length.toLocaleString('en-US')} characters…</p>
      )}
    </div>
  );
}

function marked(line: string, ranges: ReadonlyArray<{ start: number; end: number }>): ReactNode {
  if (ranges.length === 0) return line;
  const parts: ReactNode[] = [];
  let at = 0;
  for (const { start, end } of ranges) {
    if (start < at || end <= start) continue;
    if (start > at) parts.push(line.slice(at, start));
    parts.push(<mark key={start}>{line.slice(start, end)}</mark>);
    at = end;
  }
  if (at < line.length) parts.push(line.slice(at));
  return parts;
}
