import { loadRowColumns, saveRowColumns } from '@/adapters/row-columns-storage';
import { useRowColumnsStore } from '@/stores/row-columns-store';

/** Reads the stored columns into the store; called once at start. */
export function loadRowColumnChoices(): void {
  useRowColumnsStore.setState({ byConnection: loadRowColumns(), error: null });
}

/**
 * Shows `columns` in the rows of one connection and stores the choice. If it cannot be stored, it still applies
 * until the page closes, and the form says why it was not kept.
 */
export function chooseRowColumns(connectionKey: string, columns: readonly string[]): void {
  const saved = saveRowColumns(connectionKey, columns);
  if (saved.ok) {
    useRowColumnsStore.setState({ byConnection: saved.value, error: null });
    return;
  }
  const { byConnection } = useRowColumnsStore.getState();
  useRowColumnsStore.setState({
    byConnection: { ...byConnection, [connectionKey]: [...columns] },
    error: `The columns apply until this page closes but could not be saved: ${saved.error}.`,
  });
}
