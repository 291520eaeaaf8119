/**
 * Starts the app's bundled workers. Under the Trusted Types CSP a `Worker` takes only a TrustedScriptURL, and
 * this module holds the one policy allowed to make them: created when the module loads, under a name the CSP
 * lets exist once, so no other code can obtain it.
 */

/** The policy's name, listed in the CSP's `trusted-types` directive (vite.config.ts). */
export const WORKER_POLICY_NAME = 'frameline-worker';

const policy = window.trustedTypes?.createPolicy(WORKER_POLICY_NAME, {
  createScriptURL: (input) => bundledScriptUrl(input, location.href),
});

/**
 * The absolute URL of a script served by the app itself (what a Vite `?worker&url` import gives). Anything else
 * (another origin, `blob:` or `data:` code, a non-script path) is a bug and throws.
 */
export function bundledScriptUrl(input: string, pageUrl: string): string {
  const page = new URL(pageUrl);
  const url = new URL(input, page);
  // Checked with the protocol: a blob: URL reports the origin of the page that created it.
  if (url.protocol !== page.protocol || url.origin !== page.origin || !url.pathname.endsWith('.js')) {
    throw new TypeError(`Refusing to start a worker from ${input}: not a script bundled with the app`);
  }
  return url.href;
}

/** Starts a module worker from a bundled script URL; `name` shows in the browser's developer tools. */
export function startBundledWorker(scriptUrl: string, name: string): Worker {
  const url = policy ? policy.createScriptURL(scriptUrl) : bundledScriptUrl(scriptUrl, location.href);
  // TypeScript's DOM library does not list TrustedScriptURL among the Worker constructor's arguments yet.
  return new Worker(url as unknown as string, { type: 'module', name });
}
