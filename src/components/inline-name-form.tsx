import { useState, type FormEvent } from 'react';

interface InlineNameFormProps {
  label: string;
  initialName?: string;
  placeholder?: string;
  submitLabel?: string;
  onSubmit(name: string): void;
  onCancel(): void;
}

/** A one-field form for naming something in place: Enter saves, Escape cancels. */
export function InlineNameForm(props: InlineNameFormProps) {
  const { label, initialName = '', placeholder, submitLabel = 'Save', onSubmit, onCancel } = props;
  const [name, setName] = useState(initialName);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(name.trim());
  };

  return (
    <form className="inline-form" onSubmit={submit}>
      <input
        autoFocus
        type="text"
        aria-label={label}
        placeholder={placeholder ?? label}
        value={name}
        onFocus={(e) => e.target.select()}
        onChange={(e) => setName(e.target.value)}
        onKeyDown={(e) => e.key === 'Escape' && onCancel()}
      />
      <button type="submit" className="button primary small">
        {submitLabel}
      </button>
      <button type="button" className="button small" onClick={onCancel}>
        Cancel
      </button>
    </form>
  );
}
