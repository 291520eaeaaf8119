import { useId } from 'react';
import { PopoverButton } from '@/components/popover-button';

interface CloseOptionsProps {
  code: string;
  reason: string;
  onCodeChange(value: string): void;
  onReasonChange(value: string): void;
}

/** The optional close code and reason Disconnect sends; tucked away because most people never change them. */
export function CloseOptions({ code, reason, onCodeChange, onReasonChange }: CloseOptionsProps) {
  const id = useId();
  return (
    <PopoverButton
      label="Close options"
      placement="below"
      panel={
        <div className="popover" role="group" aria-label="Close code and reason">
          <label htmlFor={`${id}-code`}>Close code</label>
          <input
            id={`${id}-code`}
            type="text"
            inputMode="numeric"
            placeholder="1000"
            value={code}
            onChange={(e) => onCodeChange(e.target.value)}
          />
          <label htmlFor={`${id}-reason`}>Close reason</label>
          <input
            id={`${id}-reason`}
            type="text"
            placeholder="Optional, at most 123 bytes"
            value={reason}
            onChange={(e) => onReasonChange(e.target.value)}
          />
          <p className="hint">
            Browsers may send 1000 or 3000–4999, with a reason of at most 123 UTF-8 bytes.
          </p>
        </div>
      }
    >
      Close options
    </PopoverButton>
  );
}
