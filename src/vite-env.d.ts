/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Base ws:// address of the bundled test server, when it is not ws://127.0.0.1:8787. */
  readonly VITE_TEST_SERVER_URL?: string;
}
