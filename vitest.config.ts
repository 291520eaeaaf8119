import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'server/**/*.test.{ts,js,mjs}', 'scripts/**/*.test.mjs'],
    environment: 'node',
    testTimeout: 10_000,
  },
});
