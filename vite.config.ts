import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The Trusted Types policies Monaco may create. Monaco 0.57, measured in the built app, asks for ten names while
 * its modules load (defaultWorkerFactory twice, from two modules). The hook in
 * src/features/composer/monaco-environment.ts creates only these and gives the others no policy, so the
 * features behind them cannot write HTML and no refused or repeated name reaches the browser (hence no
 * 'allow-duplicates'). Refused, each unreachable in the app: defaultWorkerFactory (Monaco's own worker loader;
 * getWorker replaces it), diffReview and diffEditorWidget (the diff editor), standaloneColorizer
 * (monaco.editor.colorize), editorGhostText (inline completions: no provider), tokenizeToString (code blocks in
 * markdown from a language's hover or suggestion: JSON without a schema has none), domLineBreaksComputer and
 * richScreenReaderContent (used only with the options accessibilitySupport: 'on' and
 * renderRichScreenReaderContent). Enabling one of those features means adding its name here.
 */
const MONACO_TRUSTED_TYPES_POLICIES = [
  // Renders the editor's lines.
  'editorViewLayer',
  // Renders sticky scroll (on by default): the enclosing lines of nested JSON stay at the top.
  'stickyScrollViewLayer',
];

/** Every name allowed to exist, once each. */
const TRUSTED_TYPES_POLICIES = [
  // src/adapters/bundled-worker.ts: starts Monaco's two bundled workers, from same-origin scripts only.
  'frameline-worker',
  ...MONACO_TRUSTED_TYPES_POLICIES,
  // DOMPurify inside Monaco, created on first use (not through the hook): markdown hovers, such as the warning
  // on a confusable character like a Cyrillic "а". Not its domSanitize<n> fallback: that replaces a policy
  // whose iframe has gone, and Monaco runs in no iframe here.
  'dompurify',
];

/**
 * Server frames and imported files are untrusted: the built app forbids inline scripts and foreign code, and
 * Trusted Types make every HTML and script sink (innerHTML, new Worker(url), ...) refuse plain strings, so
 * hostile text cannot become markup even through a future mistake. Monaco injects inline styles (no nonce
 * hook), hence 'unsafe-inline' for styles only. connect-src allows any ws/wss server (the point of the app) and
 * http(s) for the test server's catalogue and imports from a URL. Dev mode skips it: the React refresh preamble
 * is an inline script.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self'",
  "img-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self' ws: wss: http: https:",
  "object-src 'none'",
  "base-uri 'none'",
  "require-trusted-types-for 'script'",
  `trusted-types ${TRUSTED_TYPES_POLICIES.join(' ')}`,
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'frameline-csp',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
        injectTo: 'head-prepend',
      },
    ],
  };
}

export default defineConfig({
  plugins: [react(), contentSecurityPolicy()],
  // The hook's allow-list comes from here, so it and the CSP cannot drift apart.
  define: { __MONACO_TRUSTED_TYPES_POLICIES__: JSON.stringify(MONACO_TRUSTED_TYPES_POLICIES) },
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 5000,
    rolldownOptions: {
      output: {
        // Everything the first screen loads in one file: a dozen small shared chunks compress worse than one.
        codeSplitting: { groups: [{ name: 'app', tags: ['$initial'] }] },
      },
    },
  },
  worker: { format: 'es' },
});
