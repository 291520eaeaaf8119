import { formatBytes, groupThousands } from '@/core/shared/format';
import {
  currentRate,
  peakMessages,
  RATE_WINDOW_SECONDS,
  type RateHistory,
} from '@/core/timeline/rate-history';
import { useRateHistory } from '@/stores/sessions-store';

const WIDTH = 64;
const HEIGHT = 22;

/** Messages per second in and out over the last minute, as a small chart, with this second's figures beside it. */
export function RateMeter({ tabId }: { tabId: string }) {
  const history = useRateHistory(tabId);
  const now = currentRate(history);
  const peak = peakMessages(history);
  return (
    <span className="rate-meter">
      <svg
        role="img"
        aria-label="Message rate"
        className="rate-chart"
        width={WIDTH}
        height={HEIGHT}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      >
        <title>{`Messages per second over the last ${RATE_WINDOW_SECONDS} s; peak ${groupThousands(peak)}/s`}</title>
        <polyline className="rate-line in" points={linePoints(history, 'inMessages', peak)} />
        <polyline className="rate-line out" points={linePoints(history, 'outMessages', peak)} />
      </svg>
      <span className="rate-figures" aria-label="Current rate">
        <span className="rate-in" title="Received per second">
          ↓ {groupThousands(now.inMessages)}/s · {formatBytes(now.inBytes)}/s
        </span>
        <span className="rate-out" title="Sent per second">
          ↑ {groupThousands(now.outMessages)}/s · {formatBytes(now.outBytes)}/s
        </span>
      </span>
    </span>
  );
}

// The newest second sits at the right edge, so the line grows in from the right as a minute fills.
function linePoints(history: RateHistory, field: 'inMessages' | 'outMessages', peak: number): string {
  const step = WIDTH / (RATE_WINDOW_SECONDS - 1);
  const offset = RATE_WINDOW_SECONDS - history.length;
  const points: string[] = [];
  history.forEach((sample, index) => {
    const x = (offset + index) * step;
    const y = HEIGHT - 1 - (sample[field] / peak) * (HEIGHT - 2);
    points.push(`${x.toFixed(1)},${y.toFixed(1)}`);
  });
  return points.join(' ');
}
