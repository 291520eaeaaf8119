import { useId } from 'react';
import { PopoverButton } from '@/components/popover-button';

interface CloseOptionsProps {
  code: string;
  reason: string;
  /** The field's problem, shown beside it while typing; null when it is fine. */
  codeError: string | null;
  reasonError: string | null;
  onCodeChange(value: string): void;
  onReasonChange(value: string): void;
}

/** The optional close code and reason Disconnect sends; tucked away because most people never change them. */
export function CloseOptions({
  code,
  reason,
  codeError,
  reasonError,
  onCodeChange,
  onReasonChange,
}: CloseOptionsProps) {
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
            aria-invalid={codeError ? true : undefined}
            aria-describedby={codeError ? `${id}-code-error` : undefined}
            onChange={(e) => onCodeChange(e.target.value)}
          />
          {codeError && (
            <p className="field-error" id={`${id}-code-error`}>
              {codeError}
            </p>
          )}
          <label htmlFor={`${id}-reason`}>Close reason</label>
          <input
            id={`${id}-reason`}
            type="text"
            placeholder="Optional, at most 123 bytes"
            value={reason}
            aria-invalid={reasonError ? true : undefined}
            aria-describedby={reasonError ? `${id}-reason-error` : undefined}
            onChange={(e) => onReasonChange(e.target.value)}
          />
          {reasonError && (
            <p className="field-error" id={`${id}-reason-error`}>
              {reasonError}
            </p>
          )}
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
