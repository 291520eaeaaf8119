import { useState } from 'react';
import { InlineNameForm } from '@/components/inline-name-form';
import { saveTemplateForTab } from '@/runtime/commands/workspace-commands';
import type { Tab } from '@/stores/tabs-store';

/** Saves the current draft as a named template with the tab's saved connection. */
export function SaveTemplateButton({ tab }: { tab: Tab }) {
  const [naming, setNaming] = useState(false);

  if (!naming) {
    return (
      <button type="button" className="button small" onClick={() => setNaming(true)}>
        Save as template
      </button>
    );
  }
  return (
    <InlineNameForm
      label="Template name"
      onSubmit={(name) => {
        saveTemplateForTab(tab.id, {
          name: name || 'Untitled message',
          format: tab.format,
          body: tab.message,
          ...(tab.format === 'binary' ? { encoding: tab.binaryEncoding } : {}),
        });
        setNaming(false);
      }}
      onCancel={() => setNaming(false)}
    />
  );
}
