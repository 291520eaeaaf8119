import { err, ok, type Result } from '@/core/shared/result';
import { formatBytes } from '@/core/shared/format';

/** Above this a file is not read: holding it (and a copy for the timeline) could exhaust the tab's memory. */
export const MAX_FILE_BYTES = 256 * 1024 * 1024;

/** Reads a picked file's bytes; too large or unreadable files come back as a message naming the file. */
export async function readFileBytes(file: File): Promise<Result<Uint8Array, string>> {
  if (file.size > MAX_FILE_BYTES) {
    return err(
      `“${file.name}” is ${formatBytes(file.size)}; Frameline sends files up to ${formatBytes(MAX_FILE_BYTES)}, ` +
        'because the browser must hold the whole message (and the timeline a copy) in memory.',
    );
  }
  try {
    return ok(new Uint8Array(await file.arrayBuffer()));
  } catch (error) {
    return err(`Could not read “${file.name}”: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Offers bytes as a file download (a binary frame, say), without any server round trip. */
export function downloadBytes(bytes: Uint8Array<ArrayBuffer> | ArrayBuffer, fileName: string): void {
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // Revoked on the next task: the download has started by then.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
