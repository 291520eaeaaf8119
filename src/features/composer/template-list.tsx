import { useState, type FormEvent } from 'react';
import { nameFromUrl, parseProtocolList } from '@/core/workspace/workspace';
import { useTabsStore, type Tab } from '@/stores/tabs-store';
import { useWorkspaceStore } from '@/stores/workspace-store';

/** The saved connection's templates: load one into the editor or send it as is. */
export function TemplateList({
  tab,
  onSend,
  canSend,
}: {
  tab: Tab;
  onSend(body: string): void;
  canSend: boolean;
}) {
  const connection = useWorkspaceStore((s) => s.connections.find((c) => c.id === tab.connectionId));
  const deleteTemplate = useWorkspaceStore((s) => s.deleteTemplate);
  const updateTab = useTabsStore((s) => s.updateTab);
  const templates = connection?.templates ?? [];

  return (
    <section className="template-list" aria-label="Templates">
      <h3 className="section-title">Templates{connection ? ` · ${connection.name}` : ''}</h3>
      {templates.length === 0 ? (
        <p className="muted empty-hint">
          {connection
            ? 'No templates yet. Write a message and choose “Save as template”.'
            : 'Save a message as a template to keep it with this connection.'}
        </p>
      ) : (
        <ul>
          {templates.map((template) => (
            <li key={template.id} className="template-item">
              <button
                type="button"
                className="template-name"
                title="Load into the editor"
                onClick={() => updateTab(tab.id, { message: template.body, format: template.format })}
              >
                <span className="format-tag">{template.format === 'json' ? 'JSON' : 'Text'}</span>
                {template.name}
              </button>
              <button
                type="button"
                className="button small"
                disabled={!canSend}
                aria-label={`Transmit template ${template.name}`}
                title="Send this template now"
                onClick={() => onSend(template.body)}
              >
                Send
              </button>
              <button
                type="button"
                className="icon-button"
                aria-label={`Delete template ${template.name}`}
                title="Delete template"
                onClick={() => connection && deleteTemplate(connection.id, template.id)}
              >
                ✕
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Saves the current draft as a named template, creating the saved connection first if the tab has none. */
export function SaveTemplateButton({ tab }: { tab: Tab }) {
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const createConnection = useWorkspaceStore((s) => s.createConnection);
  const addTemplate = useWorkspaceStore((s) => s.addTemplate);
  const connectionExists = useWorkspaceStore((s) => s.connections.some((c) => c.id === tab.connectionId));
  const updateTab = useTabsStore((s) => s.updateTab);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const templateName = name.trim() || 'Untitled message';
    let connectionId = connectionExists ? tab.connectionId : null;
    if (!connectionId) {
      connectionId = createConnection({
        name: nameFromUrl(tab.url),
        url: tab.url,
        protocols: parseProtocolList(tab.protocolsText),
      });
      updateTab(tab.id, { connectionId });
    }
    addTemplate(connectionId, { name: templateName, format: tab.format, body: tab.message });
    setNaming(false);
    setName('');
  };

  if (!naming) {
    return (
      <button type="button" className="button" onClick={() => setNaming(true)}>
        Save as template
      </button>
    );
  }
  return (
    <form className="inline-form" onSubmit={onSubmit}>
      <input
        autoFocus
        type="text"
        aria-label="Template name"
        placeholder="Template name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        onKeyDown={(e) => e.key === 'Escape' && setNaming(false)}
      />
      <button type="submit" className="button primary small">
        Save
      </button>
      <button type="button" className="button small" onClick={() => setNaming(false)}>
        Cancel
      </button>
    </form>
  );
}
