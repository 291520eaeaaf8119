import type { MessageDraft } from '@/core/codec/message-payload';
import { useTabsStore, type Tab } from '@/stores/tabs-store';
import { useWorkspaceStore } from '@/stores/workspace-store';
import { SaveTemplateButton } from './save-template-button';
import { TemplateItem } from './template-item';

/** The saved connection's templates: load one into the editor, send it as is, or manage it. */
export function TemplateList({
  tab,
  onSend,
  canSend,
}: {
  tab: Tab;
  onSend(template: MessageDraft): void;
  canSend: boolean;
}) {
  const connection = useWorkspaceStore((s) => s.workspace.connections.find((c) => c.id === tab.connectionId));
  const updateTab = useTabsStore((s) => s.updateTab);
  const templates = connection?.templates ?? [];

  return (
    <section className="template-list" aria-label="Templates">
      <div className="template-list-header">
        <h3 className="section-title">Templates{connection ? ` · ${connection.name}` : ''}</h3>
        <SaveTemplateButton tab={tab} />
      </div>
      {!connection || templates.length === 0 ? (
        <p className="muted empty-hint">
          {connection
            ? 'No templates yet. Write a message and choose “Save as template”, or save one from a timeline row.'
            : 'Save a message as a template to keep it with this connection.'}
        </p>
      ) : (
        <ul>
          {templates.map((template, index) => (
            <TemplateItem
              key={template.id}
              connectionId={connection.id}
              template={template}
              isFirst={index === 0}
              isLast={index === templates.length - 1}
              canSend={canSend}
              onLoad={() =>
                updateTab(tab.id, {
                  message: template.body,
                  format: template.format,
                  binaryEncoding: template.encoding ?? tab.binaryEncoding,
                })
              }
              onSend={() => onSend(template)}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
