/** Past this many characters the editor's costlier features are off: pasting 1 MB froze the page for 12 s. */
export const LARGE_MESSAGE_CHARS = 256 * 1024;
