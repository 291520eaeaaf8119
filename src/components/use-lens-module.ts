import { useEffect, useState } from 'react';
import type { Lens, LensId } from '@/core/protocol/lens';
import { loadedLens, loadLens } from '@/core/protocol/lens-registry';

/** The lens module for `id` once loaded (null for Raw, and while it loads), loading it if need be. */
export function useLensModule(id: LensId): Lens | null {
  const [, setLoaded] = useState(0);
  const lens = id === 'raw' ? null : loadedLens(id);
  useEffect(() => {
    if (id === 'raw' || loadedLens(id)) return;
    let current = true;
    loadLens(id).then(
      () => current && setLoaded((n) => n + 1),
      () => {},
    );
    return () => {
      current = false;
    };
  }, [id]);
  return lens;
}
