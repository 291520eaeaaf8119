import * as z from 'zod/mini';

/**
 * zod/mini, configured once for the whole app: every schema module imports `z` from here, never from 'zod/mini'
 * directly. Without `jitless`, zod probes `new Function` when its first object schema is built, and the app's
 * Content-Security-Policy (no 'unsafe-eval') reports that probe as a violation even though zod catches it.
 */
z.config({ jitless: true });

export { z };
