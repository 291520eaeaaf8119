import { useEffect, useState } from 'react';

/** "Reconnecting in 3 s", ticking down to the scheduled attempt. */
export function ReconnectCountdown({ at }: { at: number }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, []);
  const seconds = Math.max(0, Math.ceil((at - now) / 1000));
  return (
    <span className="reconnect-countdown" role="timer" aria-label="Reconnect countdown">
      Reconnecting in {seconds} s
    </span>
  );
}
