/**
 * Files dragged onto the window. `onDragging` says when to show a drop hint; `onDrop` gets the first file.
 * Dragging text or links is left to the browser.
 */
export function listenForFileDrops(handlers: {
  onDragging(dragging: boolean): void;
  onDrop(file: File): void;
}): () => void {
  let depth = 0;
  const carriesFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;
  const onEnter = (event: DragEvent) => {
    if (!carriesFiles(event)) return;
    depth++;
    handlers.onDragging(true);
  };
  const onLeave = (event: DragEvent) => {
    if (!carriesFiles(event)) return;
    // dragleave fires for every child element crossed; only the last one means the window was left.
    depth = Math.max(0, depth - 1);
    if (depth === 0) handlers.onDragging(false);
  };
  const onOver = (event: DragEvent) => {
    // Without this the browser would open the file in place of the app.
    if (carriesFiles(event)) event.preventDefault();
  };
  const onDropEvent = (event: DragEvent) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    depth = 0;
    handlers.onDragging(false);
    const file = event.dataTransfer?.files[0];
    if (file) handlers.onDrop(file);
  };
  window.addEventListener('dragenter', onEnter);
  window.addEventListener('dragleave', onLeave);
  window.addEventListener('dragover', onOver);
  window.addEventListener('drop', onDropEvent);
  return () => {
    window.removeEventListener('dragenter', onEnter);
    window.removeEventListener('dragleave', onLeave);
    window.removeEventListener('dragover', onOver);
    window.removeEventListener('drop', onDropEvent);
  };
}
