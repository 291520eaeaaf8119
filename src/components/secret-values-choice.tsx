import { useId } from 'react';

/**
 * The export dialogs' secrets part: how many entries hold secret values (written as `{{name}}`), the choice to
 * include them, and the warning once included; or a line saying there are none.
 */
export function SecretValuesChoice(props: {
  entries: number;
  withSecrets: number;
  included: boolean;
  onIncludedChange(included: boolean): void;
}) {
  const { entries, withSecrets, included, onIncludedChange } = props;
  const id = useId();
  if (withSecrets === 0) return <p className="muted">No secret values appear in these entries.</p>;
  const count = `${withSecrets.toLocaleString('en-US')} ${withSecrets === 1 ? 'entry contains' : 'entries contain'}`;
  return (
    <div className="export-secrets">
      <p id={`${id}-secrets`}>
        {withSecrets === entries
          ? `${entries === 1 ? 'The entry contains' : 'Every entry contains'} secret values.`
          : `${count} secret values.`}{' '}
        The file writes each one as <code>{'{{name}}'}</code>, the variable it came from.
      </p>
      <label className="check-row">
        <input
          type="checkbox"
          checked={included}
          aria-describedby={`${id}-secrets`}
          onChange={(event) => onIncludedChange(event.target.checked)}
        />
        Include secret values
      </label>
      {included && (
        <p className="export-warning" role="alert">
          The file will contain the secret values in plain text. Anyone who gets the file can use them.
        </p>
      )}
    </div>
  );
}
