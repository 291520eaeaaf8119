import { newId } from '@/adapters/ids';
import { readFileText } from '@/adapters/files';
import type { CollectionDocument, ImportError } from '@/core/collection/collection-document';
import { MAX_IMPORT_BYTES, parseImport } from '@/core/collection/parse-import';
import { decodeSharePayload, readShareFragment } from '@/core/share/share-link';
import { err, ok, type Result } from '@/core/shared/result';

/** Reads pasted or fetched text into a document to preview. Nothing is stored. */
export function readImportText(text: string, fileName?: string): Result<CollectionDocument, ImportError> {
  return parseImport(text, { newId, fileName });
}

/** Reads a picked or dropped file; a file over the limit is refused before it is read. */
export async function readImportFile(file: File): Promise<Result<CollectionDocument, ImportError>> {
  const text = await readFileText(file, { maxBytes: MAX_IMPORT_BYTES });
  if (!text.ok) return err({ path: '$', message: text.error });
  return readImportText(text.value, file.name);
}

/** Unpacks a share link's payload into a document to preview. Nothing is stored, nothing connects. */
export async function readShareLink(encoded: string): Promise<Result<CollectionDocument, ImportError>> {
  const text = await decodeSharePayload(encoded, { maxBytes: MAX_IMPORT_BYTES });
  if (!text.ok) return err({ path: '$', message: text.error });
  const document = readImportText(text.value);
  return document.ok ? ok({ ...document.value, source: 'Share link' }) : document;
}

/** Reads pasted text: a collection file or export, or a whole share link (someone sent it in a chat). */
export async function readPastedText(text: string): Promise<Result<CollectionDocument, ImportError>> {
  const trimmed = text.trim();
  const hashAt = trimmed.indexOf('#share=');
  if (hashAt >= 0 && !/\s/.test(trimmed)) {
    const link = readShareFragment(trimmed.slice(hashAt));
    if (link && !link.ok) return err({ path: '$', message: link.error });
    if (link) return readShareLink(link.value.encoded);
  }
  return readImportText(text);
}
