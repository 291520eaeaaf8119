import { useEffect } from 'react';
import { LENS_IDS, type LensId } from '@/core/protocol/lens';
import { detectLens, LENS_LABELS } from '@/core/protocol/lens-catalog';
import { prepareLens } from '@/runtime/tab-lenses';
import { parseProtocolList } from '@/core/workspace/workspace';
import { useNegotiated } from '@/stores/sessions-store';
import { useTabsStore, type Tab } from '@/stores/tabs-store';

/** The lens the tab reads with: the user's pick, else what the server, the subprotocols or the URL suggest. */
export function useEffectiveLens(tab: Tab): { lens: LensId; detectedFrom: string | null } {
  const negotiated = useNegotiated(tab.id).protocol;
  if (tab.lens !== null) return { lens: tab.lens, detectedFrom: null };
  const detected = detectLens({ url: tab.url, offered: parseProtocolList(tab.protocolsText), negotiated });
  return { lens: detected.lens, detectedFrom: detected.reason };
}

/**
 * The "Protocol" combobox: which protocol the tab's frames are decoded and composed in. Preselected from the
 * negotiated subprotocol or the URL until the user picks one; the pick is the tab's (and, saved, the connection's).
 */
export function ProtocolPicker({ tab }: { tab: Tab }) {
  const updateTab = useTabsStore((s) => s.updateTab);
  const { lens, detectedFrom } = useEffectiveLens(tab);

  // Loaded ahead of Connect, so the lens is there for the first frame.
  useEffect(() => {
    if (lens !== 'raw') prepareLens(lens).catch(() => {});
  }, [lens]);

  return (
    <label className="protocol-picker" title={detectedFrom ? `Detected from the ${detectedFrom}` : undefined}>
      <span className="visually-hidden">Protocol</span>
      <select
        aria-label="Protocol"
        aria-describedby={detectedFrom ? `protocol-detected-${tab.id}` : undefined}
        value={lens}
        onChange={(event) => updateTab(tab.id, { lens: event.target.value as LensId })}
      >
        {LENS_IDS.map((id) => (
          <option key={id} value={id}>
            {LENS_LABELS[id]}
          </option>
        ))}
      </select>
      {detectedFrom && (
        <span className="protocol-detected muted" id={`protocol-detected-${tab.id}`}>
          detected
        </span>
      )}
    </label>
  );
}
