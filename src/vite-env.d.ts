/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Base ws:// address of the bundled test server, when it is not ws://127.0.0.1:8787. */
  readonly VITE_TEST_SERVER_URL?: string;
}

/** The Monaco Trusted Types policies the CSP allows (vite.config.ts): the only ones Monaco may create. */
declare const __MONACO_TRUSTED_TYPES_POLICIES__: readonly string[];
