// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** Layers point inward: see ../shared/ARCHITECTURE.md. */
const frameworkImports = [
  { group: ['react', 'react-dom', 'react/*', 'react-dom/*'], message: 'core/ is framework-free.' },
  { group: ['zustand', 'zustand/*'], message: 'core/ is framework-free.' },
  { group: ['monaco-editor', 'monaco-editor/*', '@monaco-editor/*'], message: 'core/ is framework-free.' },
  { group: ['@tanstack/*'], message: 'core/ is framework-free.' },
  { regex: '^zod(?!/mini$)(/.*)?$', message: 'Import zod/mini: classic zod adds ~23 KiB gz.' },
  {
    group: ['**/stores/**', '**/features/**', '**/runtime/**', '**/adapters/**', '**/app/**'],
    message: 'core/ must not depend on outer layers.',
  },
];

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      globals: { ...globals.browser },
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: frameworkImports }],
      // Browser state goes through adapters/, injected into core.
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'localStorage', 'sessionStorage', 'location', 'navigator', 'WebSocket'].map(
          (name) => ({ name, message: 'core/ is framework-free: inject it from adapters/.' }),
        ),
      ],
    },
  },
  {
    // The runner shares core/ with the app and nothing else: no stores, no React, no browser adapters.
    files: ['src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@/*',
                '../features/*',
                '../runtime/*',
                '../stores/*',
                '../adapters/*',
                '../components/*',
                '../app/*',
              ],
              message: 'The CLI uses core/ only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/features/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../*', '@/features/*'],
              message: 'Features do not import each other; reach other layers through "@/".',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['server/**', 'scripts/**', 'bench/**', 'e2e/**', 'bin/**', 'src/cli/**', '*.config.{js,ts}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
);
