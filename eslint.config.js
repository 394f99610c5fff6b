// Lint rules, including the import boundaries of DESIGN.md:
// server/ never imports main/, preload/, renderer/ or electron; renderer/ imports only types,
// and only from server/contract/; preload/ imports nothing from server/.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const restrict = (patterns, paths = []) => ['error', { patterns, paths }];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'bench/reports/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict(
        [{ regex: '(^|/)(main|preload|renderer)(/|$)', message: 'server/ must not import main/, preload/ or renderer/ (DESIGN.md).' }],
        [{ name: 'electron', message: 'server/ runs under plain Node: no Electron import below it (DESIGN.md).' }],
      ),
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict([
        { regex: '(^|/)server/(?!contract/)', message: 'renderer/ may import only the contract (server/contract/) from server/.' },
        // face-profile.ts holds plain values (no dependencies): the dashboard may import them.
        { regex: '(^|/)server/contract/(?!face-profile)', allowTypeImports: true, message: 'renderer/ imports the contract as types only (import type …).' },
        { regex: '(^|/)(main|preload)(/|$)', message: 'renderer/ must not import main/ or preload/.' },
      ]),
    },
  },
  {
    files: ['preload/**/*.{ts,cts}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict([
        { regex: '(^|/)(server|renderer|main)(/|$)', message: 'preload/ is the thin bridge: it imports only electron and its own types.' },
      ]),
    },
  },
);
