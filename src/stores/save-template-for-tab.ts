import { nameFromUrl, parseProtocolList, type MessageTemplate } from '@/core/workspace/workspace';
import { useTabsStore } from './tabs-store';
import { useWorkspaceStore } from './workspace-store';

/**
 * Saves a template with the tab's saved connection. A tab that has none gets one first (from its URL and
 * subprotocols), so a template is never orphaned. Returns the new template's id, or null for an unknown tab.
 */
export function saveTemplateForTab(tabId: string, template: Omit<MessageTemplate, 'id'>): string | null {
  const tab = useTabsStore.getState().tabs.find((t) => t.id === tabId);
  if (!tab) return null;
  const workspace = useWorkspaceStore.getState();
  let connectionId = workspace.connections.some((c) => c.id === tab.connectionId) ? tab.connectionId : null;
  if (!connectionId) {
    connectionId = workspace.createConnection({
      name: nameFromUrl(tab.url),
      url: tab.url,
      protocols: parseProtocolList(tab.protocolsText),
    });
    useTabsStore.getState().updateTab(tab.id, { connectionId });
  }
  return useWorkspaceStore.getState().addTemplate(connectionId, template);
}
