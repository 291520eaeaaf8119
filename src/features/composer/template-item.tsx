import { useState } from 'react';
import { IconButton } from '@/components/icon-button';
import { InlineNameForm } from '@/components/inline-name-form';
import { FORMAT_LABELS, type MessageTemplate } from '@/core/workspace/workspace';
import {
  deleteTemplate,
  duplicateTemplate,
  moveTemplate,
  updateTemplate,
} from '@/runtime/commands/workspace-commands';
import { ArrowDownIcon, ArrowUpIcon, DuplicateIcon, PencilIcon, TrashIcon } from '@/components/icons';

interface TemplateItemProps {
  connectionId: string;
  template: MessageTemplate;
  isFirst: boolean;
  isLast: boolean;
  canSend: boolean;
  onLoad(): void;
  onSend(): void;
}

/** One template: load, send, rename in place, duplicate, move up or down, delete (with undo). */
export function TemplateItem(props: TemplateItemProps) {
  const { connectionId, template, isFirst, isLast, canSend, onLoad, onSend } = props;
  const [renaming, setRenaming] = useState(false);

  if (renaming) {
    return (
      <li className="template-item">
        <InlineNameForm
          label="Template name"
          initialName={template.name}
          onSubmit={(name) => {
            if (name) updateTemplate(connectionId, template.id, { name });
            setRenaming(false);
          }}
          onCancel={() => setRenaming(false)}
        />
      </li>
    );
  }

  return (
    <li className="template-item">
      <button type="button" className="template-name" title="Load into the editor" onClick={onLoad}>
        <span className="format-tag">{FORMAT_LABELS[template.format]}</span>
        <span className="template-label">{template.name}</span>
      </button>
      <span className="item-actions">
        <IconButton
          label={`Move ${template.name} up`}
          title="Move up"
          disabled={isFirst}
          onClick={() => moveTemplate(connectionId, template.id, -1)}
        >
          <ArrowUpIcon />
        </IconButton>
        <IconButton
          label={`Move ${template.name} down`}
          title="Move down"
          disabled={isLast}
          onClick={() => moveTemplate(connectionId, template.id, 1)}
        >
          <ArrowDownIcon />
        </IconButton>
        <IconButton
          label={`Rename template ${template.name}`}
          title="Rename"
          onClick={() => setRenaming(true)}
        >
          <PencilIcon />
        </IconButton>
        <IconButton
          label={`Duplicate template ${template.name}`}
          title="Duplicate"
          onClick={() => duplicateTemplate(connectionId, template.id)}
        >
          <DuplicateIcon />
        </IconButton>
        <IconButton
          label={`Delete template ${template.name}`}
          title="Delete (can be undone)"
          onClick={() => deleteTemplate(connectionId, template.id)}
        >
          <TrashIcon />
        </IconButton>
      </span>
      <button
        type="button"
        className="button small"
        disabled={!canSend}
        aria-label={`Transmit template ${template.name}`}
        title={canSend ? 'Send this template now' : 'Connect first'}
        onClick={onSend}
      >
        Send
      </button>
    </li>
  );
}
