import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from '@/app/app';
import { restoreTabsFromArchive } from '@/runtime/archive-restore';
import { startSessionArchive } from '@/runtime/session-archive';
import { startRateSampling } from '@/runtime/rate-sampling';
import { loadRowColumnChoices } from '@/runtime/row-columns';
import { startTabsPersistence } from '@/runtime/tabs-persistence';
import { startWorkspacePersistence } from '@/runtime/workspace-persistence';
import '@/app/app.css';

startWorkspacePersistence();
loadRowColumnChoices();
// The tabs of this browser tab (and any it takes over) are in place before the first render.
await startTabsPersistence();
// Timelines come back from the archive after the first render: each tab shows its rows once they are read.
void startSessionArchive().then(() => restoreTabsFromArchive());
startRateSampling();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
