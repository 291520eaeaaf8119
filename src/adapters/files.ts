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
  downloadBlob(new Blob([bytes], { type: 'application/octet-stream' }), fileName);
}

/** Reads a picked file as UTF-8 text; too large, unreadable or non-text files come back as a message naming it. */
export async function readFileText(
  file: File,
  options: { maxBytes: number },
): Promise<Result<string, string>> {
  // Checked before reading: File.size is known without touching the contents.
  if (file.size > options.maxBytes) {
    return err(
      `“${file.name}” is ${formatBytes(file.size)}; Frameline reads text files up to ${formatBytes(options.maxBytes)}.`,
    );
  }
  let bytes: ArrayBuffer;
  try {
    bytes = await file.arrayBuffer();
  } catch (error) {
    return err(`Could not read “${file.name}”: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    // Fatal, unlike File.text(): a UTF-16 or binary file should be named as such, not parsed as mojibake.
    return ok(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return err(`“${file.name}” is not UTF-8 text; save it as UTF-8 and import it again.`);
  }
}

/** Offers text as a file download (an exported collection, say), without any server round trip. */
export function downloadText(text: string, fileName: string, mimeType: string): void {
  downloadBlob(new Blob([text], { type: mimeType }), fileName);
}

function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // Revoked on the next task: the download has started by then.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
