import { useRef, type ChangeEvent } from 'react';
import { readFileBytes } from '@/adapters/files';
import { SegmentedControl } from '@/components/segmented-control';
import { formatBase64 } from '@/core/codec/base64';
import { formatHex } from '@/core/codec/hex';
import { toMessagePayload } from '@/core/codec/message-payload';
import type { BinaryEncoding } from '@/core/workspace/workspace';
import { useTabsStore, type Tab } from '@/stores/tabs-store';

/** A picked file too large to spell out in the editor; it is sent as it is. */
export interface LoadedFile {
  name: string;
  bytes: Uint8Array;
}

const ENCODING_OPTIONS = [
  { value: 'hex', label: 'Hex' },
  { value: 'base64', label: 'Base64' },
] as const;

// Hex triples a file's size and Monaco slows down past a few MB of text: bigger files are sent from memory.
const EDITABLE_FILE_BYTES = 256 * 1024;

/** Hex/base64 spelling of the binary draft, and loading a file's bytes. */
export function BinaryControls({
  tab,
  onLargeFile,
  onError,
}: {
  tab: Tab;
  onLargeFile(file: LoadedFile | null): void;
  onError(message: string | null): void;
}) {
  const updateTab = useTabsStore((s) => s.updateTab);
  const fileInput = useRef<HTMLInputElement>(null);

  const spell = (bytes: Uint8Array, encoding: BinaryEncoding) =>
    encoding === 'hex' ? formatHex(bytes, { bytesPerLine: 16 }) : formatBase64(bytes);

  const switchEncoding = (encoding: BinaryEncoding) => {
    if (encoding === tab.binaryEncoding) return;
    // Re-spell the same bytes; a draft that does not decode is kept as typed so nothing is lost.
    const current = toMessagePayload({ format: 'binary', body: tab.message, encoding: tab.binaryEncoding });
    const message =
      current.ok && typeof current.value !== 'string' ? spell(current.value, encoding) : tab.message;
    updateTab(tab.id, { binaryEncoding: encoding, message });
  };

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    const read = await readFileBytes(file);
    if (!read.ok) {
      onError(read.error);
      return;
    }
    onError(null);
    if (read.value.length > EDITABLE_FILE_BYTES) {
      onLargeFile({ name: file.name, bytes: read.value });
      return;
    }
    onLargeFile(null);
    updateTab(tab.id, { message: spell(read.value, tab.binaryEncoding) });
  };

  return (
    <>
      <SegmentedControl
        label="Binary encoding"
        value={tab.binaryEncoding}
        options={ENCODING_OPTIONS}
        onChange={switchEncoding}
      />
      <button type="button" className="button small" onClick={() => fileInput.current?.click()}>
        Load file…
      </button>
      <input
        ref={fileInput}
        type="file"
        hidden
        aria-label="Binary file"
        onChange={(event) => void onFile(event)}
      />
    </>
  );
}
