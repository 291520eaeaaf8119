/** Calls `listener` when the page is hidden or being left (reload, close, navigation); returns the unsubscribe. */
export function onPageHidden(listener: () => void): () => void {
  const whenHidden = () => {
    if (document.visibilityState === 'hidden') listener();
  };
  window.addEventListener('pagehide', listener);
  document.addEventListener('visibilitychange', whenHidden);
  return () => {
    window.removeEventListener('pagehide', listener);
    document.removeEventListener('visibilitychange', whenHidden);
  };
}
