import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from '@/app/app';
import { startRateSampling } from '@/runtime/rate-sampling';
import { startTabsPersistence } from '@/runtime/tabs-persistence';
import { startWorkspacePersistence } from '@/runtime/workspace-persistence';
import '@/app/app.css';

startWorkspacePersistence();
// The tabs of this browser tab (and any it takes over) are in place before the first render.
await startTabsPersistence();
startRateSampling();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
